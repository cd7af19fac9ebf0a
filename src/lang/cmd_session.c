/* cmd_session.c - the session commands: save (and replay). */
#include "interp_int.h"

#include <stdlib.h>
#include <string.h>

#include "session/format.h"
#include "session/redact.h"
#include "session/replay.h"

typedef struct save_args {
	int force;
	wb_redact r;
	const char **names;
	const char *file;
} save_args;

static wb_err save_words(wb_interp *in, const wb_words *w, save_args *a)
{
	a->names = wb_calloc(w->n, sizeof *a->names);
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

typedef struct replay_args {
	const char *file, *url;
	const char **ignore;
	wb_replay_opts o;
} replay_args;

static wb_err replay_words(wb_interp *in, const wb_words *w, replay_args *a)
{
	a->ignore = wb_calloc(w->n, sizeof *a->ignore);
	if (!a->ignore)
		return WB_E_NOMEM;
	for (size_t i = 1; i < w->n; i++) {
		if (wb_lex_is(w, i, "--strict"))
			a->o.diff.strict = 1;
		else if (wb_lex_is(w, i, "--step"))
			a->o.step = 1;
		else if (wb_lex_is(w, i, "--ignore-header") && i + 1 < w->n)
			a->ignore[a->o.diff.nignore++] = w->w[++i].s;
		else if (!a->file && !wb_interp_is_option(w, i))
			a->file = w->w[i].s;
		else if (!a->url && !wb_interp_is_option(w, i))
			a->url = w->w[i].s;
		else
			return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
					      wb_interp_find("replay")->info.usage);
	}
	a->o.diff.ignore = a->ignore;
	a->o.url = a->url;
	a->o.view = in->replay_view;
	if (a->o.step && !(a->o.view && a->o.view->step))
		return wb_interp_fail(in, WB_E_USAGE, "replay --step pauses "
				      "in the workbench only");
	return WB_OK;
}

wb_err wb_cmd_replay(wb_interp *in, const wb_words *w, wb_result *res)
{
	replay_args a = { 0 };
	wb_session *s = NULL;
	wb_buf path = WB_BUF_INIT;
	wb_err e = replay_words(in, w, &a);
	if (!e && a.file[0] != '/')
		e = wb_buf_printf(&path, "%s/", in->dir.p);
	if (!e)
		e = wb_buf_adds(&path, a.file);
	if (!e)
		e = wb_session_load(path.p, &s, &in->msg);
	if (!e) {
		a.o.dir = in->dir.p;
		wb_buf_clear(&in->data);
		int rc = wb_replay_run(s, &a.o, &in->data);
		/* the report's lines, without the last line end */
		if (in->data.n && in->data.p[in->data.n - 1] == '\n')
			in->data.p[--in->data.n] = '\0';
		if (rc == 2)
			e = wb_interp_fail(in, WB_E_SESSION, "%s",
					   wb_buf_str(&in->data));
	}
	if (!e) {
		res->kind = WB_RES_TEXT;
		res->text = in->data.p;
	}
	wb_session_free(s);
	wb_buf_free(&path);
	free(a.ignore);
	return e;
}
