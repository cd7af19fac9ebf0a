/* main.c - command-line entry: TUI, plain REPL, batch mode, demo server. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interop/interop.h"
#include "interop/curl_import.h"
#include "lang/batch.h"
#include "serve/serve.h"
#include "ui.h"

static const char usage[] =
	"usage: wirebench [URL]                       the workbench (TUI on a "
	"terminal,\n"
	"                                             a plain REPL otherwise)\n"
	"       wirebench --batch FILE|- [--format text|json] [--keep-going]\n"
	"                 [--stats] [--frame-bytes N] [--tap-cap BYTES] [URL]\n"
	"       wirebench --repl [URL]                the plain REPL\n"
	"       wirebench --serve [PORT]              the demo server on "
	"127.0.0.1\n"
	"       wirebench --import curl [--lenient] -- CMDLINE...|-\n"
	"                 print the commands of a curl command line (its words,"
	"\n"
	"                 one string, or - for standard input) as a session\n"
	"       wirebench --export curl SCRIPT        run SCRIPT, then print "
	"every\n"
	"                                             request as a curl command\n";

typedef struct args {
	const char *batch, *url, *serve_port, *import, *export_fmt;
	int lenient, import_at; /* import_at: argv index after -- */
	int serve, repl;
	wb_batch_opts o;
} args;

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || !*s)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int parse_opt(args *a, int argc, char **argv, int *i)
{
	const char *o = argv[*i];
	const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
	if (!strcmp(o, "--batch") && next) {
		a->batch = argv[++*i];
	} else if (!strcmp(o, "--format") && next) {
		a->o.json = !strcmp(argv[++*i], "json");
		if (!a->o.json && strcmp(argv[*i], "text"))
			return -1;
	} else if (!strcmp(o, "--keep-going")) {
		a->o.keep_going = 1;
	} else if (!strcmp(o, "--stats")) {
		a->o.stats = 1;
	} else if (!strcmp(o, "--frame-bytes") && next) {
		return parse_size(argv[++*i], &a->o.frame_bytes);
	} else if (!strcmp(o, "--tap-cap") && next) {
		return parse_size(argv[++*i], &a->o.tap_cap);
	} else if (!strcmp(o, "--serve")) {
		a->serve = 1;
		if (next && next[0] != '-')
			a->serve_port = argv[++*i];
	} else if (!strcmp(o, "--import") && next) {
		a->import = argv[++*i];
	} else if (!strcmp(o, "--export") && next) {
		a->export_fmt = argv[++*i];
	} else if (!strcmp(o, "--lenient")) {
		a->lenient = 1;
	} else if (!strcmp(o, "--") && a->import) {
		a->import_at = *i + 1;
		*i = argc;
	} else if (!strcmp(o, "--repl")) {
		a->repl = 1;
	} else if (o[0] != '-' && !a->url) {
		a->url = o;
	} else {
		return -1;
	}
	return 0;
}

static int run_batch(args *a)
{
	if (!strcmp(a->batch, "-"))
		return wb_batch_run(stdin, ".", &a->o, stdout);
	FILE *f = fopen(a->batch, "r");
	if (!f) {
		perror(a->batch);
		return 2;
	}
	char *copy = strdup(a->batch);
	int rc = wb_batch_run(f, dirname(copy), &a->o, stdout);
	free(copy);
	fclose(f);
	return rc;
}

/* The import's input: curl words, a curl line, a file or stdin. */
static wb_err import_input(const args *a, int argc, char **argv,
			   wb_lines *out, wb_buf *msg)
{
	wb_import_opts o = { a->lenient, "." };
	int n = argc - a->import_at;
	char **v = argv + a->import_at;
	wb_buf text = WB_BUF_INIT;
	wb_err e = WB_OK;
	if (!strcmp(a->import, "curl") && n > 1) {
		wb_lines words = { 0 };
		wb_curl_opts co = { a->lenient, "." };
		for (int k = 0; !e && k < n; k++)
			e = wb_lines_add(&words, v[k]);
		if (!e)
			e = wb_curl_import(&words, &co, out, msg);
		wb_lines_free(&words);
		return e;
	}
	if (n != 1) {
		wb_buf_adds(msg, "--import needs -- and its input");
		return WB_E_USAGE;
	}
	if (!strcmp(v[0], "-")) {
		char blk[4096];
		size_t got;
		while (!e && (got = fread(blk, 1, sizeof blk, stdin)) > 0)
			e = wb_buf_add(&text, blk, got);
	} else if (strcmp(a->import, "curl")) {
		e = wb_interop_read_file(NULL, v[0], &text, msg);
	} else {
		e = wb_buf_adds(&text, v[0]);
	}
	if (!e)
		e = wb_import(a->import, text.p ? text.p : "", &o, out, msg);
	wb_buf_free(&text);
	return e;
}

static int run_import(const args *a, int argc, char **argv)
{
	wb_lines l = { 0 };
	wb_buf msg = WB_BUF_INIT, out = WB_BUF_INIT;
	wb_err e = a->import_at ? import_input(a, argc, argv, &l, &msg)
				: (wb_buf_adds(&msg, "--import needs -- and its "
						     "input"), WB_E_USAGE);
	if (!e)
		e = wb_buf_adds(&out, "# wirebench session 1\n");
	if (!e)
		e = wb_lines_join(&l, &out);
	if (e)
		fprintf(stderr, "wirebench: import: %s: %s\n", wb_err_name(e),
			msg.p ? msg.p : "");
	else
		fwrite(out.p, 1, out.n, stdout);
	wb_lines_free(&l);
	wb_buf_free(&msg);
	wb_buf_free(&out);
	return e ? 1 : 0;
}

/* Runs SCRIPT in batch with the transcript kept aside (shown on stderr
 * when the script fails), then prints the export. */
static int run_export(args *a)
{
	FILE *tr = tmpfile();
	if (!tr) {
		perror("tmpfile");
		return 2;
	}
	a->o.export_fmt = a->export_fmt;
	a->o.export_out = stdout;
	a->batch = a->url;
	a->url = NULL;
	if (!a->batch) {
		fputs(usage, stderr);
		fclose(tr);
		return 2;
	}
	FILE *f = fopen(a->batch, "r");
	if (!f) {
		perror(a->batch);
		fclose(tr);
		return 2;
	}
	char *copy = strdup(a->batch);
	int rc = copy ? wb_batch_run(f, dirname(copy), &a->o, tr) : 2;
	free(copy);
	fclose(f);
	if (rc) {
		char blk[4096];
		size_t n;
		rewind(tr);
		while ((n = fread(blk, 1, sizeof blk, tr)) > 0)
			fwrite(blk, 1, n, stderr);
	}
	fclose(tr);
	return rc;
}

int main(int argc, char **argv)
{
	args a = { .o = { .echo = 1, .frame_bytes = 256, .tap_cap = 1u << 20 } };
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || parse_opt(&a, argc, argv, &i)) {
			fputs(usage, strcmp(argv[i], "--help") ? stderr : stdout);
			return strcmp(argv[i], "--help") ? 2 : 0;
		}
	}
	if (a.serve) {
		size_t port = 8080;
		if (a.serve_port &&
		    (parse_size(a.serve_port, &port) || port > 65535)) {
			fprintf(stderr, "wirebench: --serve needs a port 0-65535, "
					"got '%s'\n", a.serve_port);
			return 2;
		}
		return wb_serve_run("127.0.0.1", (unsigned)port, stdout, stderr);
	}
	if (a.import)
		return run_import(&a, argc, argv);
	if (a.export_fmt)
		return run_export(&a);
	a.o.url = a.url;
	if (a.batch)
		return run_batch(&a);
	if (!a.repl && isatty(0) && isatty(1))
		return wb_ui_run(a.url);
	a.o.keep_going = 1;
	a.o.prompt = isatty(0);
	a.o.echo = !isatty(0);
	return wb_batch_run(stdin, ".", &a.o, stdout);
}
