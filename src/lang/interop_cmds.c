/* interop_cmds.c - the import and export commands. */
#include "interp_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "interop/interop.h"

/* The raw text of the line after the word fmt (import curl keeps the
 * pasted command line's own quoting). */
static const char *raw_tail(const char *line, const char *fmt)
{
	const char *p = strstr(line, "import");
	size_t n = strlen(fmt);
	for (p = p ? p + 6 : line; (p = strstr(p, fmt)); p += n)
		if ((p[-1] == ' ' || p[-1] == '\t') &&
		    (!p[n] || p[n] == ' ' || p[n] == '\t'))
			return p + n;
	return "";
}

/* The input of import: curl's rest of the line, or a file (FILE or
 * @FILE); *path is the file's name as given, NULL for a line. */
static wb_err import_text(wb_interp *in, const wb_words *w, size_t i,
			  const char *fmt, wb_buf *text, const char **path)
{
	*path = NULL;
	int curl = !strcmp(fmt, "curl");
	if (i < w->n && !w->w[i].quoted && w->w[i].s[0] == '@' &&
	    (i + 1 == w->n || !curl))
		*path = w->w[i].s + 1;
	else if (curl)
		return wb_buf_adds(text, in->raw ? raw_tail(in->raw, fmt) : "");
	else if (i + 1 == w->n)
		*path = w->w[i].s;
	if (!*path || i + 1 != w->n)
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      wb_interp_find("import")->info.usage);
	return wb_interop_read_file(in->dir.p, *path, text, &in->msg);
}

/* "FILE: " before a message that names a line of FILE. */
static void name_file(wb_interp *in, const char *path)
{
	if (!path || !in->msg.p || strncmp(in->msg.p, "line ", 5))
		return;
	wb_buf m = WB_BUF_INIT;
	if (!wb_buf_printf(&m, "%s: %s", path, in->msg.p)) {
		wb_buf_free(&in->msg);
		in->msg = m;
	}
}

wb_err wb_cmd_import(wb_interp *in, const wb_words *w, wb_result *res)
{
	wb_import_opts o = { .dir = in->dir.p };
	int no_run = 0;
	size_t i = 1;
	for (; i < w->n && !w->w[i].quoted && w->w[i].s[0] == '-'; i++) {
		if (wb_lex_is(w, i, "--no-run"))
			no_run = 1;
		else if (wb_lex_is(w, i, "--lenient"))
			o.lenient = 1;
		else if (wb_lex_is(w, i, "--expect"))
			o.expect = 1;
		else
			return wb_interp_fail(in, WB_E_USAGE,
					      "import: unknown option '%s'",
					      w->w[i].s);
	}
	if (i >= w->n)
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      wb_interp_find("import")->info.usage);
	const char *fmt = w->w[i].s, *path;
	wb_buf text = WB_BUF_INIT, base = WB_BUF_INIT;
	wb_lines lines = { 0 };
	wb_err e = wb_interop_format("import", fmt, &in->msg);
	path = NULL;
	if (!e)
		e = import_text(in, w, i + 1, fmt, &text, &path);
	if (!e && path && strchr(path, '/'))
		e = wb_buf_add(&base, path, (size_t)(strrchr(path, '/') - path + 1));
	o.base = base.p ? base.p : ".";
	if (!e)
		e = wb_import(fmt, text.p ? text.p : "", &o, &lines, &in->msg);
	if (e)
		name_file(in, path);
	wb_buf_clear(&in->data);
	if (!e)
		e = wb_lines_join(&lines, &in->data);
	if (!e && in->data.n) /* the result shows the lines, no last LF */
		in->data.p[--in->data.n] = '\0';
	if (!e && !no_run)
		e = wb_interp_queue(in, &lines);
	if (!e) {
		res->kind = WB_RES_TEXT;
		res->text = in->data.p ? in->data.p : "";
	}
	wb_lines_free(&lines);
	wb_buf_free(&text);
	wb_buf_free(&base);
	return e;
}

static wb_err write_file(wb_interp *in, const char *path, const wb_buf *b)
{
	wb_buf full = WB_BUF_INIT;
	if (path[0] != '/')
		wb_buf_printf(&full, "%s/", in->dir.p);
	wb_buf_adds(&full, path);
	FILE *f = full.p ? fopen(full.p, "wb") : NULL;
	wb_buf_free(&full);
	if (!f)
		return wb_interp_fail(in, errno == ENOENT ? WB_E_FILE_NOT_FOUND
							  : WB_E_OS,
				      "[Errno %d] %s: '%s'", errno,
				      strerror(errno), path);
	size_t put = fwrite(b->p ? b->p : "", 1, b->n, f);
	if (fclose(f) || put != b->n)
		return wb_interp_fail(in, WB_E_OS, "cannot write '%s'", path);
	return WB_OK;
}

/* The side files of an export to path, in path's folder. */
static wb_err write_side(wb_interp *in, const char *path, const wb_xfiles *f)
{
	const char *slash = strrchr(path, '/');
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < f->n; i++) {
		wb_buf p = WB_BUF_INIT;
		e = wb_buf_printf(&p, "%.*s%s", slash ? (int)(slash - path + 1) : 0,
				  path, f->v[i].name);
		if (!e)
			e = write_file(in, p.p, &f->v[i].bytes);
		wb_buf_free(&p);
	}
	return e;
}

/* The variables as bytes (their text Latin-1 encoded where it can be, as
 * the wire gets them); secret ones are left out. */
static wb_err export_vars(wb_interp *in, wb_xfields *out)
{
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < in->nvars; i++) {
		const wb_var *v = &in->vars[i];
		if (v->secret)
			continue;
		wb_buf b = WB_BUF_INIT, m = WB_BUF_INIT;
		const char *t = v->value.p ? v->value.p : "";
		if (wb_text_encode(t, v->value.n, "latin-1", &b, &m, NULL)) {
			wb_buf_clear(&b);
			e = wb_buf_add(&b, t, v->value.n);
		}
		if (!e)
			e = wb_buf_add(&b, "", 0);
		if (!e)
			e = wb_xfields_add(out, v->name, b.p);
		wb_buf_free(&b);
		wb_buf_free(&m);
	}
	return e;
}

static wb_err export_to(wb_interp *in, const char *format, int all,
			const char *file, wb_xfiles *files, wb_buf *out,
			wb_buf *msg)
{
	wb_xchgs xs;
	wb_xfields vars = { 0 };
	wb_err e = wb_xchg_read(in->hist, &xs);
	if (e)
		return e;
	if (!xs.n) {
		wb_buf_adds(msg, "no request has been sent yet");
		e = WB_E_USAGE;
	}
	if (!e)
		e = export_vars(in, &vars);
	const char *side = file ? strrchr(file, '/') : NULL;
	wb_export_opts o = { &vars, side ? side + 1 : file, files };
	if (!e)
		e = wb_export(format, &xs, all ? 0 : xs.n - 1, xs.n, &o, out,
			      msg);
	if (!e) /* a secret is never saved in clear */
		wb_vars_hide(in, out);
	wb_xfields_free(&vars);
	wb_xchgs_free(&xs);
	return e;
}

wb_err wb_interp_export(wb_interp *in, const char *format, int all,
			wb_buf *out, wb_buf *msg)
{
	return export_to(in, format, all, NULL, NULL, out, msg);
}

wb_err wb_cmd_export(wb_interp *in, const wb_words *w, wb_result *res)
{
	const char *fmt = w->w[1].s, *file = NULL;
	int all = strcmp(fmt, "curl") != 0; /* http, har: the session */
	for (size_t i = 2; i < w->n; i++) {
		if (wb_lex_is(w, i, "--all"))
			all = 1;
		else if (!file && (w->w[i].quoted || w->w[i].s[0] != '-'))
			file = w->w[i].s;
		else
			return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
					      wb_interp_find("export")->info.usage);
	}
	wb_buf_clear(&in->data);
	wb_buf_clear(&in->msg);
	wb_xfiles side = { 0 };
	wb_err e = wb_interop_format("export", fmt, &in->msg);
	if (!e)
		e = export_to(in, fmt, all, file, &side, &in->data, &in->msg);
	if (!e && file)
		e = write_file(in, file, &in->data);
	if (!e && file)
		e = write_side(in, file, &side);
	wb_xfiles_free(&side);
	if (!e && file) {
		wb_buf_clear(&in->data);
		wb_buf_printf(&in->data, "written to %s", file);
	}
	if (!e) {
		if (in->data.n && in->data.p[in->data.n - 1] == '\n')
			in->data.p[--in->data.n] = '\0';
		res->kind = WB_RES_TEXT;
		res->text = in->data.p ? in->data.p : "";
	}
	return e;
}
