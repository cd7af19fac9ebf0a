/* body.c - body pieces and their Python repr. */
#include "body.h"

#include <string.h>

#include <errno.h>

#include "base/text.h"
#include "textfile.h"

wb_err wb_body_repr(const wb_body *b, wb_buf *out)
{
	switch (b->kind) {
	case WB_BODY_NONE:
		return wb_buf_adds(out, "None");
	case WB_BODY_TEXT:
		return wb_text_repr(out, b->p, b->n);
	case WB_BODY_BYTES:
		return wb_text_repr_bytes(out, b->p, b->n);
	case WB_BODY_FILE:
		wb_buf_adds(out, b->encoding ? "<_io.TextIOWrapper name="
					     : "<_io.BufferedReader name=");
		wb_text_repr(out, b->name, strlen(b->name));
		if (!b->encoding)
			return wb_buf_adds(out, ">");
		wb_buf_adds(out, " mode='r' encoding=");
		wb_text_repr(out, b->encoding, strlen(b->encoding));
		return wb_buf_adds(out, ">");
	case WB_BODY_PIECES:
		wb_buf_addc(out, '[');
		for (size_t i = 0; i < b->npieces; i++) {
			if (i)
				wb_buf_adds(out, ", ");
			wb_text_repr_bytes(out, b->pieces[i].p, b->pieces[i].n);
		}
		return wb_buf_addc(out, ']');
	}
	return WB_OK;
}

void wb_body_iter_init(wb_body_iter *it, const wb_body *b, size_t blocksize)
{
	*it = (wb_body_iter){ .b = b, .blocksize = blocksize };
}

int wb_body_is_text_file(const wb_body *b)
{
	return b->kind == WB_BODY_FILE && b->encoding;
}

static int iter_fail(wb_body_iter *it, wb_err e)
{
	it->err = e;
	return -1;
}

/* readable.read(blocksize) on a text file, then .encode("iso-8859-1"). */
static int text_block(wb_body_iter *it, const char **p, size_t *n)
{
	const wb_body *b = it->b;
	if (!it->tf && !(it->tf = wb_textfile_new(
				 b->file, wb_textfile_codec(b->encoding))))
		return iter_fail(it, WB_E_NOMEM);
	size_t chars;
	wb_buf_clear(&it->text);
	wb_buf_clear(&it->block);
	wb_buf_clear(&it->msg);
	wb_err e = wb_textfile_read(it->tf, it->blocksize, &it->text, &chars,
				    &it->msg);
	if (e == WB_OK && chars)
		e = wb_text_encode(it->text.p, it->text.n, "latin-1",
				   &it->block, &it->msg, NULL);
	if (e)
		return iter_fail(it, e);
	*p = it->block.p ? it->block.p : "";
	*n = it->block.n;
	return chars > 0;
}

/* With keep set the block goes after the ones held (see body.h). */
static int binary_block(wb_body_iter *it, const char **p, size_t *n)
{
	FILE *f = it->b->file;
	if (!it->keep)
		wb_buf_clear(&it->block);
	size_t at = it->block.n;
	if (wb_buf_reserve(&it->block, it->blocksize))
		return iter_fail(it, WB_E_NOMEM);
	*n = fread(it->block.p + at, 1, it->blocksize, f);
	it->block.n += *n;
	it->block.p[it->block.n] = '\0';
	if (*n == 0 && ferror(f)) {
		wb_buf_clear(&it->msg);
		wb_buf_printf(&it->msg, "[Errno %d] %s", errno,
			      strerror(errno));
		return iter_fail(it, WB_E_OS);
	}
	*p = it->block.p + at;
	return *n > 0;
}

int wb_body_iter_next(wb_body_iter *it, const char **p, size_t *n)
{
	const wb_body *b = it->b;
	switch (b->kind) {
	case WB_BODY_TEXT:
	case WB_BODY_BYTES:
		if (it->next++)
			return 0;
		*p = b->p;
		*n = b->n;
		return 1;
	case WB_BODY_PIECES:
		if (it->next >= b->npieces)
			return 0;
		*p = b->pieces[it->next].p;
		*n = b->pieces[it->next++].n;
		return 1;
	case WB_BODY_FILE:
		return b->encoding ? text_block(it, p, n)
				   : binary_block(it, p, n);
	case WB_BODY_NONE:
		break;
	}
	return 0;
}

void wb_body_iter_keep(wb_body_iter *it, int on)
{
	it->keep = on;
}

void wb_body_iter_drop(wb_body_iter *it)
{
	wb_buf_clear(&it->block);
}

const char *wb_body_iter_held(const wb_body_iter *it)
{
	return it->block.p;
}

void wb_body_iter_done(wb_body_iter *it)
{
	wb_textfile_free(it->tf);
	wb_buf_free(&it->text);
	wb_buf_free(&it->msg);
	wb_buf_free(&it->block);
}
