/* body.c - body pieces and their Python repr. */
#include "body.h"

#include <string.h>

#include "base/text.h"

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
		wb_buf_adds(out, "<_io.BufferedReader name=");
		wb_text_repr(out, b->name, strlen(b->name));
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
	case WB_BODY_FILE: {
		if (!it->keep)
			wb_buf_clear(&it->block);
		size_t at = it->block.n;
		if (wb_buf_reserve(&it->block, it->blocksize))
			return -1;
		*n = fread(it->block.p + at, 1, it->blocksize, b->file);
		it->block.n += *n;
		it->block.p[it->block.n] = '\0';
		if (*n == 0)
			return ferror(b->file) ? -1 : 0;
		*p = it->block.p + at;
		return 1;
	}
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
	wb_buf_free(&it->block);
}
