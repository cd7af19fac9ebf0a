/* preview.c - the bytes a typed command would frame, without sending. */
#include "preview.h"

#include <string.h>

#include "glyph.h"
#include "lang/interp.h"
#include "lang/lex.h"
#include "net/memtransport.h"

#define PREVIEW_MAX 600 /* bytes of frames shown */

typedef struct capture {
	unsigned cmd;      /* command whose frames we keep */
	wb_buf *out;
	const char *err, *msg;
	wb_buf errtext;
} capture;

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	capture *c = arg;
	if (ev != WB_TAP_NEW || f->cmd != c->cmd || f->dir != WB_DIR_OUT ||
	    c->out->n > PREVIEW_MAX)
		return;
	ui_glyph_puts(c->out, f->data, f->stored);
}

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	capture *c = arg;
	(void)e;
	wb_buf_clear(&c->errtext);
	wb_buf_printf(&c->errtext, "\xe2\x9c\x97 %s: %s", name, msg);
}

/* Commands that bring the throwaway connection into the state the typed
 * command needs, or NULL when it cannot be previewed. */
static const char *const *prelude(const char *cmd)
{
	static const char *const none[] = { NULL };
	static const char *const started[] = { "putrequest GET /", NULL };
	static const char *const chunking[] = { "putrequest POST /",
		"endheaders encode_chunked", NULL };
	if (!strcmp(cmd, "putrequest") || !strcmp(cmd, "request") ||
	    !strcmp(cmd, "send"))
		return none;
	if (!strcmp(cmd, "putheader"))
		return started;
	if (!strcmp(cmd, "chunk") || !strcmp(cmd, "endchunks"))
		return chunking;
	return NULL;
}

static void run_throwaway(const char *line, const char *url,
			  const char *const *pre, wb_buf *out)
{
	wb_interp *in = wb_interp_new(64 * 1024);
	wb_mem_script *s = wb_mem_new();
	capture c = { .out = out };
	wb_buf cmd = WB_BUF_INIT;
	if (!in || !s)
		goto done;
	wb_buf_printf(&cmd, "open '%s'", url);
	if (wb_interp_exec(in, cmd.p) != WB_OK)
		goto done;
	wb_mem_add(s, "", 0);
	wb_conn_set_connector(wb_interp_conn(in), wb_mem_connect, s);
	wb_conn_set_frame_only(wb_interp_conn(in), 1);
	unsigned n = 1;
	for (; *pre; pre++, n++)
		wb_interp_exec(in, *pre);
	c.cmd = n + 1;
	wb_out o = { .error = on_error, .arg = &c };
	wb_interp_set_out(in, &o);
	wb_tap_listen(wb_interp_tap(in), on_frame, &c);
	wb_buf_adds(out, "\xe2\x86\x92 "); /* → */
	size_t empty = out->n;
	wb_interp_exec(in, line);
	if (c.errtext.n) {
		wb_buf_clear(out);
		wb_buf_add(out, c.errtext.p, c.errtext.n);
	} else if (out->n == empty) {
		wb_buf_clear(out);
	}
done:
	wb_interp_free(in);
	wb_mem_free(s);
	wb_buf_free(&cmd);
	wb_buf_free(&c.errtext);
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
	const char *const *pre = prelude(cmd);
	if (!strcmp(cmd, "endheaders") && w.n == 1)
		describe_endheaders(real, out);
	else if (pre && url && !strchr(line, '@') && (w.n > 2 || strcmp(cmd, "putrequest")))
		run_throwaway(line, url, pre, out);
done:
	wb_lex_free(&w);
	wb_buf_free(&msg);
}
