/* preview.c - the hint line's one-line preview of what a typed command
 * would frame: the core computes it (lang/preview.h), this only draws. */
#include "preview.h"

#include <string.h>

#include "glyph.h"
#include "lang/lex.h"
#include "lang/preview.h"

#define PREVIEW_MAX 600 /* bytes of frames shown */

typedef struct drawing {
	wb_buf *out;
	wb_buf err;
} drawing;

static void on_frame(void *arg, const wb_frame *f)
{
	drawing *d = arg;
	if (d->out->n <= PREVIEW_MAX)
		ui_glyph_puts(d->out, f->data, f->stored);
}

static void on_error(void *arg, const char *name, const char *msg)
{
	drawing *d = arg;
	wb_buf_clear(&d->err);
	wb_buf_printf(&d->err, "\xe2\x9c\x97 %s: %s", name, msg);
}

static void draw(const char *line, const char *url, wb_buf *out)
{
	drawing d = { .out = out, .err = WB_BUF_INIT };
	wb_preview_out o = { .frame = on_frame, .error = on_error, .arg = &d };
	wb_buf_adds(out, "\xe2\x86\x92 "); /* → */
	size_t empty = out->n;
	wb_preview(url, line, &o);
	if (d.err.n) {
		wb_buf_clear(out);
		wb_buf_add(out, d.err.p, d.err.n);
	} else if (out->n == empty) {
		wb_buf_clear(out);
	}
	wb_buf_free(&d.err);
}

static void describe_endheaders(const wb_conn *real, wb_buf *out)
{
	size_t bytes = 2, n = real ? wb_conn_nbuffered(real) : 0;
	for (size_t i = 0; i < n; i++)
		bytes += wb_conn_buffered(real, i)->n + 2;
	wb_buf_printf(out, "\xe2\x86\x92 sends the %zu buffered line%s + "
		      "\xe2\x90\x8d\xe2\x90\x8a (%zu bytes) in one write",
		      n, n == 1 ? "" : "s", bytes);
}

void ui_preview(const char *line, const char *url, const wb_conn *real,
		wb_buf *out)
{
	wb_words w = { 0 };
	wb_buf msg = WB_BUF_INIT;
	wb_buf_clear(out);
	if (wb_lex(line, &w, &msg) != WB_OK || w.n == 0)
		goto done;
	const char *cmd = w.w[0].s;
	if (!strcmp(cmd, "endheaders") && w.n == 1)
		describe_endheaders(real, out);
	else if (wb_preview_can(cmd) && url && !strchr(line, '@') &&
		 (w.n > 2 || strcmp(cmd, "putrequest")))
		draw(line, url, out);
done:
	wb_lex_free(&w);
	wb_buf_free(&msg);
}
