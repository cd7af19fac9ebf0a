/* cmd_session.c - the session commands: save (and replay). */
#include "interp_int.h"

#include <stdlib.h>
#include <string.h>

#include "session/redact.h"

typedef struct save_args {
	int force;
	wb_redact r;
	const char **names;
	const char *file;
} save_args;

static wb_err save_words(wb_interp *in, const wb_words *w, save_args *a)
{
	a->names = calloc(w->n, sizeof *a->names);
	if (!a->names)
		return WB_E_NOMEM;
	for (size_t i = 1; i < w->n; i++) {
		if (wb_lex_is(w, i, "--force")) {
			a->force = 1;
		} else if (wb_lex_is(w, i, "--redact")) {
			a->r.headers = 1;
		} else if (wb_lex_is(w, i, "--redact-header") && i + 1 < w->n) {
			a->r.headers = 1;
			a->names[a->r.nnames++] = w->w[++i].s;
		} else if (!a->file && !wb_interp_is_option(w, i)) {
			a->file = w->w[i].s;
		} else {
			return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
					      wb_interp_find("save")->info.usage);
		}
	}
	a->r.names = a->names;
	return WB_OK;
}

wb_err wb_cmd_save(wb_interp *in, const wb_words *w, wb_result *res)
{
	save_args a = { 0 };
	wb_err e = save_words(in, w, &a);
	const char *path = a.file ? a.file : wb_interp_session_path(in);
	if (!e && !path)
		e = wb_interp_fail(in, WB_E_USAGE, "no file yet: save FILE");
	wb_buf target = WB_BUF_INIT;
	if (!e && path[0] != '/' && a.file)
		e = wb_buf_printf(&target, "%s/", in->dir.p);
	if (!e)
		e = wb_buf_adds(&target, path);
	if (!e)
		e = wb_interp_save(in, target.p, a.force, &a.r);
	if (!e) {
		size_t n = wb_session_ncmds(wb_interp_session(in));
		wb_buf_clear(&in->data);
		wb_buf_printf(&in->data, "saved %zu command%s to %s", n,
			      n == 1 ? "" : "s", target.p);
		res->kind = WB_RES_TEXT;
		res->text = in->data.p;
	}
	wb_buf_free(&target);
	free(a.names);
	return e;
}
