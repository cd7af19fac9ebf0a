/* cli_interop.c - wirebench --import and --export. */
#include "cli_interop.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop/curl_import.h"
#include "interop/interop.h"
#include "interop/xsession.h"
#include "session/format.h"

static wb_err read_stdin(wb_buf *text)
{
	char blk[4096];
	size_t got;
	wb_err e = WB_OK;
	while (!e && (got = fread(blk, 1, sizeof blk, stdin)) > 0)
		e = wb_buf_add(text, blk, got);
	return e ? e : wb_buf_add(text, "", 0);
}

/* curl given as its words after --: no shell quoting left to undo. */
static wb_err import_words(int lenient, int n, char **v, wb_lines *out,
			   wb_buf *msg)
{
	wb_lines words = { 0 };
	wb_curl_opts co = { lenient, "." };
	wb_err e = WB_OK;
	for (int k = 0; !e && k < n; k++)
		e = wb_lines_add(&words, v[k]);
	if (!e)
		e = wb_curl_import(&words, &co, out, msg);
	wb_lines_free(&words);
	return e;
}

/* The import's input: curl words, a curl line, a file or stdin. */
static wb_err import_input(const char *fmt, int lenient, int expect, int n,
			   char **v, wb_lines *out, wb_buf *msg)
{
	wb_err e = wb_interop_format("import", fmt, msg);
	if (e)
		return e;
	if (!strcmp(fmt, "curl") && n > 1)
		return import_words(lenient, n, v, out, msg);
	if (n != 1) {
		wb_buf_adds(msg, "--import needs -- and its input");
		return WB_E_USAGE;
	}
	wb_import_opts o = { lenient, ".", ".", expect };
	wb_buf text = WB_BUF_INIT, base = WB_BUF_INIT;
	if (!strcmp(v[0], "-"))
		e = read_stdin(&text);
	else if (strcmp(fmt, "curl"))
		e = wb_interop_read_file(NULL, v[0], &text, msg);
	else
		e = wb_buf_adds(&text, v[0]);
	/* a file's own files (.http `< path`) are beside it */
	if (!e && strcmp(fmt, "curl") && strchr(v[0], '/'))
		e = wb_buf_add(&base, v[0], (size_t)(strrchr(v[0], '/') - v[0] + 1));
	o.base = base.p ? base.p : ".";
	if (!e)
		e = wb_import(fmt, text.p ? text.p : "", &o, out, msg);
	wb_buf_free(&text);
	wb_buf_free(&base);
	return e;
}

int wb_cli_import(const char *format, int lenient, int expect, int n,
		  char **v)
{
	wb_lines l = { 0 };
	wb_buf msg = WB_BUF_INIT, out = WB_BUF_INIT;
	wb_err e = import_input(format, lenient, expect, n, v, &l, &msg);
	if (!e)
		e = wb_buf_adds(&out, "# wirebench session 1\n");
	if (!e)
		e = wb_lines_join(&l, &out);
	/* a message that names a line of a file names the file too */
	int in_file = n == 1 && strcmp(v[0], "-") && strcmp(format, "curl") &&
		      msg.p && !strncmp(msg.p, "line ", 5);
	if (e)
		fprintf(stderr, "wirebench: import: %s: %s%s%s\n",
			wb_err_name(e), in_file ? v[0] : "", in_file ? ": " : "",
			msg.p ? msg.p : "");
	else
		fwrite(out.p, 1, out.n, stdout);
	wb_lines_free(&l);
	wb_buf_free(&msg);
	wb_buf_free(&out);
	return e ? WB_EXIT_FAILED : WB_EXIT_OK;
}

static void copy_out(FILE *from, FILE *to)
{
	char blk[4096];
	size_t n;
	rewind(from);
	while ((n = fread(blk, 1, sizeof blk, from)) > 0)
		fwrite(blk, 1, n, to);
}

/* True when s holds a recording (a script written by --import has the
 * session header, but nothing recorded). */
static int recorded(const wb_session *s)
{
	for (size_t i = 0; i < wb_session_ncmds(s); i++)
		if (wb_session_cmd(s, i)->nitems)
			return 1;
	return 0;
}

/* A session file: exported from its recording, nothing is sent. Returns
 * -1 when it holds no recording (it is run as a script then). */
static int export_session(const char *format, const char *path)
{
	wb_session *s = NULL;
	wb_buf msg = WB_BUF_INIT, out = WB_BUF_INIT;
	wb_err e = wb_session_load(path, &s, &msg);
	if (!e && !recorded(s)) {
		wb_session_free(s);
		wb_buf_free(&msg);
		return -1;
	}
	if (!e)
		e = wb_xsession_export(s, format, NULL, &out, &msg);
	if (e)
		fprintf(stderr, "wirebench: export: %s: %s\n", wb_err_name(e),
			msg.p ? msg.p : "");
	else
		fwrite(out.p, 1, out.n, stdout);
	wb_session_free(s);
	wb_buf_free(&msg);
	wb_buf_free(&out);
	return e ? WB_EXIT_FAILED : WB_EXIT_OK;
}

int wb_cli_export(const char *format, const char *script,
		  const wb_batch_opts *opts)
{
	if (!script) {
		fputs("wirebench: --export needs a script\n", stderr);
		return WB_EXIT_USAGE;
	}
	wb_buf msg = WB_BUF_INIT;
	if (wb_interop_format("export", format, &msg)) { /* before running */
		fprintf(stderr, "wirebench: export: UsageError: %s\n",
			msg.p ? msg.p : "");
		wb_buf_free(&msg);
		return WB_EXIT_USAGE;
	}
	int rc = wb_session_is_session_file(script)
			 ? export_session(format, script) : -1;
	if (rc >= 0)
		return rc;
	wb_batch_opts o = *opts;
	o.export_fmt = format;
	o.export_out = stdout;
	o.url = NULL;
	FILE *f = fopen(script, "r");
	if (!f) {
		perror(script);
		return WB_EXIT_USAGE;
	}
	FILE *tr = tmpfile();
	char *copy = strdup(script);
	rc = WB_EXIT_USAGE;
	if (tr && copy)
		rc = wb_batch_run(f, dirname(copy), &o, tr, stderr);
	if (tr && rc)
		copy_out(tr, stderr);
	free(copy);
	if (tr)
		fclose(tr);
	fclose(f);
	return rc;
}
