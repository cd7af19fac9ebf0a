/* interop.c - dispatch by format name, and reading input files. */
#include "interop.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curl_export.h"
#include "curl_import.h"
#include "har.h"
#include "httpfile.h"

wb_err wb_interop_read_file(const char *dir, const char *path, wb_buf *out,
			    wb_buf *msg)
{
	return wb_buf_add_file(out, dir, path, msg);
}

wb_err wb_interop_format(const char *what, const char *format, wb_buf *msg)
{
	if (!strcmp(format, "curl") || !strcmp(format, "http") ||
	    !strcmp(format, "har"))
		return WB_OK;
	wb_buf_printf(msg, "unknown %s format '%s' (curl, http, har)", what,
		      format);
	return WB_E_USAGE;
}

wb_err wb_import(const char *format, const char *text,
		 const wb_import_opts *o, wb_lines *out, wb_buf *msg)
{
	if (!strcmp(format, "curl")) {
		wb_curl_opts co = { o->lenient, o->dir };
		return wb_curl_import_line(text, &co, out, msg);
	}
	if (!strcmp(format, "http"))
		return wb_httpfile_import(text, o->dir, o->base ? o->base : ".",
					  out, msg);
	if (!strcmp(format, "har"))
		return wb_har_import(text, strlen(text), o->expect, out, msg);
	return wb_interop_format("import", format, msg);
}

static wb_err export_curl(const wb_xchgs *xs, size_t from, size_t to,
			  wb_buf *out)
{
	wb_lines l = { 0 };
	wb_err e = WB_OK;
	for (size_t i = from; !e && i < to; i++) {
		wb_buf b = WB_BUF_INIT;
		e = wb_buf_printf(&b, "# request %zu (command %u)", i + 1,
				  xs->v[i].cmd);
		if (!e)
			e = wb_lines_addb(&l, &b);
		wb_buf_free(&b);
		if (!e)
			e = wb_curl_export(&xs->v[i], &l);
	}
	if (!e)
		e = wb_lines_join(&l, out);
	wb_lines_free(&l);
	return e;
}

void wb_xfiles_free(wb_xfiles *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		wb_buf_free(&f->v[i].bytes);
	}
	free(f->v);
	*f = (wb_xfiles){ 0 };
}

wb_err wb_export(const char *format, const wb_xchgs *xs, size_t from,
		 size_t to, const wb_export_opts *o, wb_buf *out, wb_buf *msg)
{
	if (!strcmp(format, "curl"))
		return export_curl(xs, from, to, out);
	if (!strcmp(format, "http"))
		return wb_httpfile_export(xs, from, to, o, out);
	if (!strcmp(format, "har"))
		return wb_har_export(xs, from, to, out);
	return wb_interop_format("export", format, msg);
}
