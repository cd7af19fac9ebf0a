/* interop_cmds.c - the import and export commands. */
#include "interp_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

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

static wb_err import_text(wb_interp *in, const wb_words *w, size_t i,
			  const char *fmt, wb_buf *text)
{
	wb_buf_clear(&in->msg);
	if (i < w->n && !w->w[i].quoted && w->w[i].s[0] == '@' &&
	    (i + 1 == w->n || strcmp(fmt, "curl")))
		return wb_interop_read_file(in->dir.p, w->w[i].s + 1, text,
					    &in->msg);
	if (!strcmp(fmt, "curl"))
		return wb_buf_adds(text, in->raw ? raw_tail(in->raw, fmt) : "");
	if (i + 1 != w->n)
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      wb_interp_find("import")->info.usage);
	return wb_interop_read_file(in->dir.p, w->w[i].s, text, &in->msg);
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
		else
			return wb_interp_fail(in, WB_E_USAGE,
					      "import: unknown option '%s'",
					      w->w[i].s);
	}
	if (i >= w->n)
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      wb_interp_find("import")->info.usage);
	const char *fmt = w->w[i].s;
	wb_buf text = WB_BUF_INIT;
	wb_lines lines = { 0 };
	wb_err e = import_text(in, w, i + 1, fmt, &text);
	if (!e)
		e = wb_import(fmt, text.p ? text.p : "", &o, &lines, &in->msg);
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

wb_err wb_interp_export(wb_interp *in, const char *format, int all,
			wb_buf *out, wb_buf *msg)
{
	wb_xchgs xs;
	wb_err e = wb_xchg_read(in->hist, &xs);
	if (e)
		return e;
	if (!xs.n) {
		wb_buf_adds(msg, "no request has been sent yet");
		e = WB_E_USAGE;
	}
	if (!e)
		e = wb_export(format, &xs, all ? 0 : xs.n - 1, xs.n, out, msg);
	wb_xchgs_free(&xs);
	return e;
}

wb_err wb_cmd_export(wb_interp *in, const wb_words *w, wb_result *res)
{
	const char *fmt = w->w[1].s, *file = NULL;
	int all = 0;
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
	wb_err e = wb_interp_export(in, fmt, all, &in->data, &in->msg);
	if (!e && file)
		e = write_file(in, file, &in->data);
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
