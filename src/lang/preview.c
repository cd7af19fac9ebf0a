/* preview.c - what a command line would put on the wire, without sending. */
#include "preview.h"

#include <string.h>

#include "batch.h"
#include "interp.h"
#include "lex.h"
#include "net/memtransport.h"

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

int wb_preview_can(const char *cmd)
{
	return prelude(cmd) != NULL;
}

typedef struct capture {
	unsigned cmd; /* the command whose frames are reported */
	const wb_preview_out *out;
} capture;

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	capture *c = arg;
	if (ev == WB_TAP_NEW && f->cmd == c->cmd && f->dir == WB_DIR_OUT &&
	    c->out->frame)
		c->out->frame(c->out->arg, f);
}

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	capture *c = arg;
	(void)e;
	if (c->out->error)
		c->out->error(c->out->arg, name, msg);
}

/* The prelude for the first word of line in *pre (NULL when the line has
 * none or does not lex); MemoryError when the line could not be read. */
static wb_err line_prelude(const char *line, const char *const **pre)
{
	wb_words w = { 0 };
	wb_buf msg = WB_BUF_INIT;
	*pre = NULL;
	wb_err e = wb_lex(line, &w, &msg);
	if (e == WB_OK && w.n && !w.w[0].quoted)
		*pre = prelude(w.w[0].s);
	wb_lex_free(&w);
	wb_buf_free(&msg);
	return e == WB_E_NOMEM ? e : WB_OK;
}

static wb_err run(wb_interp *in, wb_mem_script *s, const char *url,
		  const char *line, const char *const *pre,
		  const wb_preview_out *out)
{
	wb_buf cmd = WB_BUF_INIT;
	wb_buf_adds(&cmd, "open "); /* checked with the quoted URL */
	wb_err e = wb_batch_quote(&cmd, url);
	wb_mem_add(s, "", 0);
	wb_interp_set_frame_only(in, wb_mem_connect, s);
	if (e == WB_OK)
		e = wb_interp_exec(in, cmd.p);
	wb_buf_free(&cmd);
	unsigned n = 1;
	for (; e == WB_OK && *pre; pre++, n++)
		e = wb_interp_exec(in, *pre);
	if (e) /* the URL or the prelude, not the line: no preview */
		return e == WB_E_NOMEM ? e : WB_E_USAGE;
	capture c = { .cmd = n + 1, .out = out };
	wb_out o = { .error = on_error, .arg = &c };
	wb_interp_set_out(in, &o);
	wb_tap_listen(wb_interp_tap(in), on_frame, &c);
	e = wb_interp_exec(in, line);
	/* c lives on this stack: closing the connection adds frames too */
	wb_tap_unlisten(wb_interp_tap(in), on_frame, &c);
	wb_interp_set_out(in, &(wb_out){ 0 });
	return e;
}

wb_err wb_preview(const char *url, const char *line, const wb_preview_out *out)
{
	const char *const *pre;
	if (line_prelude(line, &pre))
		return WB_E_NOMEM;
	if (!pre)
		return WB_E_USAGE;
	wb_interp *in = wb_interp_new(64 * 1024);
	wb_mem_script *s = wb_mem_new();
	wb_err e = in && s ? run(in, s, url, line, pre, out) : WB_E_NOMEM;
	wb_interp_free(in);
	wb_mem_free(s);
	return e;
}
