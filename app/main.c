/* main.c - command-line entry: TUI, plain REPL, batch mode, demo server. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/batch.h"
#include "serve/serve.h"
#include "ui.h"

#ifndef WB_VERSION
#define WB_VERSION "0.1.0"
#endif

static const char usage[] =
	"usage: wirebench [URL [OPEN-OPTION...]]      the workbench (TUI on a "
	"terminal,\n"
	"                                             a plain REPL otherwise)\n"
	"       wirebench --batch FILE|- [--format text|json] [--keep-going]\n"
	"                 [--stats] [--frame-bytes N] [--tap-cap BYTES] [URL]\n"
	"       wirebench --repl [URL]                the plain REPL\n"
	"       wirebench --serve [PORT]              the demo server on "
	"127.0.0.1\n"
	"       wirebench --version | --help\n"
	"  in every mode: --var NAME=VALUE, --env FILE (NAME=value lines)\n"
	"  OPEN-OPTION: open's options (--timeout S, --connect-to HOST:PORT,\n"
	"  --blocksize N, --cafile F, --capath D, --cert F, --key F, --insecure,\n"
	"  --proxy URL, --no-proxy), before or after the URL\n";

#define MAX_DEFS 64
#define MAX_OPEN_OPTS 32

typedef struct args {
	const char *batch, *url, *serve_port;
	int serve, repl, version, help;
	wb_vardef defs[MAX_DEFS];
	const char *open_opts[MAX_OPEN_OPTS];
	wb_batch_opts o;
} args;

static int bad(const char *fmt, const char *what)
{
	fputs("wirebench: ", stderr);
	fprintf(stderr, fmt, what);
	fputs(" (wirebench --help shows the usage)\n", stderr);
	return -1;
}

static int parse_size(const char *opt, const char *s, size_t *out)
{
	char *end;
	if (s[0] < '0' || s[0] > '9')
		goto fail;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end)
		goto fail;
	*out = (size_t)v;
	return 0;
fail:
	fprintf(stderr, "wirebench: %s needs a number of bytes, got '%s'\n",
		opt, s);
	return -1;
}

/* open's options on the command line: passed on to the first open. */
static int open_option(args *a, int argc, char **argv, int *i)
{
	static const char *const valued[] = { "--timeout", "--connect-to",
					      "--blocksize", "--cafile",
					      "--capath", "--cert", "--key",
					      "--proxy" };
	const char *o = argv[*i];
	int takes = -1;
	if (!strcmp(o, "--insecure") || !strcmp(o, "--no-proxy"))
		takes = 0;
	for (size_t k = 0; k < sizeof valued / sizeof *valued; k++)
		if (!strcmp(o, valued[k]))
			takes = 1;
	if (takes < 0)
		return 1; /* not one of open's */
	if (takes && *i + 1 >= argc)
		return bad("option '%s' needs a value", o);
	if (a->o.nopen_opts + 2 > MAX_OPEN_OPTS)
		return bad("too many options for open at '%s'", o);
	a->open_opts[a->o.nopen_opts++] = o;
	if (takes)
		a->open_opts[a->o.nopen_opts++] = argv[++*i];
	return 0;
}

static int add_def(args *a, int file, const char *text)
{
	if (a->o.ndefs >= MAX_DEFS)
		return bad("more than 64 --var/--env at '%s'", text);
	a->defs[a->o.ndefs++] = (wb_vardef){ file, text };
	return 0;
}

/* Options that take a value; returns 1 when o is not one of them. */
static int valued_opt(args *a, const char *o, const char *v)
{
	if (!strcmp(o, "--batch"))
		a->batch = v;
	else if (!strcmp(o, "--format") && !strcmp(v, "json"))
		a->o.json = 1;
	else if (!strcmp(o, "--format") && !strcmp(v, "text"))
		a->o.json = 0;
	else if (!strcmp(o, "--format"))
		return bad("--format is text or json, got '%s'", v);
	else if (!strcmp(o, "--frame-bytes"))
		return parse_size(o, v, &a->o.frame_bytes);
	else if (!strcmp(o, "--tap-cap"))
		return parse_size(o, v, &a->o.tap_cap);
	else if (!strcmp(o, "--var"))
		return add_def(a, 0, v);
	else if (!strcmp(o, "--env"))
		return add_def(a, 1, v);
	else
		return 1;
	return 0;
}

static int is_valued(const char *o)
{
	static const char *const names[] = { "--batch", "--format",
					     "--frame-bytes", "--tap-cap",
					     "--var", "--env" };
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (!strcmp(o, names[k]))
			return 1;
	return 0;
}

static int parse_opt(args *a, int argc, char **argv, int *i)
{
	const char *o = argv[*i];
	if (is_valued(o)) {
		if (*i + 1 >= argc)
			return bad("option '%s' needs a value", o);
		return valued_opt(a, o, argv[++*i]);
	}
	if (!strcmp(o, "--keep-going")) {
		a->o.keep_going = 1;
	} else if (!strcmp(o, "--stats")) {
		a->o.stats = 1;
	} else if (!strcmp(o, "--serve")) {
		a->serve = 1;
		if (*i + 1 < argc && argv[*i + 1][0] != '-')
			a->serve_port = argv[++*i];
	} else if (!strcmp(o, "--repl")) {
		a->repl = 1;
	} else if (!strcmp(o, "--version")) {
		a->version = 1;
	} else if (!strcmp(o, "--help")) {
		a->help = 1;
	} else if (o[0] != '-' && !a->url) {
		a->url = o;
	} else if (o[0] != '-') {
		return bad("unexpected argument '%s' (one URL at most)", o);
	} else {
		int r = open_option(a, argc, argv, i);
		return r > 0 ? bad("unknown option '%s'", o) : r;
	}
	return 0;
}

static int run_batch(args *a)
{
	if (!strcmp(a->batch, "-"))
		return wb_batch_run(stdin, ".", &a->o, stdout, stderr);
	FILE *f = fopen(a->batch, "r");
	if (!f) {
		perror(a->batch);
		return 2;
	}
	char *copy = strdup(a->batch);
	int rc = copy ? wb_batch_run(f, dirname(copy), &a->o, stdout, stderr)
		      : 2;
	free(copy);
	fclose(f);
	return rc;
}

static int serve(const args *a)
{
	size_t port = 8080;
	if (a->serve_port &&
	    (parse_size("--serve", a->serve_port, &port) || port > 65535)) {
		fprintf(stderr, "wirebench: --serve needs a port 0-65535, "
				"got '%s'\n", a->serve_port);
		return 2;
	}
	return wb_serve_run("127.0.0.1", (unsigned)port, stdout, stderr);
}

/* "open URL OPTION..." for the workbench, or NULL without a URL. */
static char *open_line(const args *a)
{
	if (!a->url)
		return NULL;
	wb_buf b = WB_BUF_INIT;
	wb_buf_adds(&b, "open ");
	wb_batch_quote(&b, a->url);
	for (size_t i = 0; i < a->o.nopen_opts; i++) {
		wb_buf_addc(&b, ' ');
		if (a->open_opts[i][0] == '-')
			wb_buf_adds(&b, a->open_opts[i]);
		else
			wb_batch_quote(&b, a->open_opts[i]);
	}
	return b.p;
}

int main(int argc, char **argv)
{
	static args a = { .o = { .echo = 1, .frame_bytes = 256,
				 .tap_cap = 1u << 20 } };
	for (int i = 1; i < argc; i++)
		if (parse_opt(&a, argc, argv, &i))
			return 2;
	if (a.help) {
		fputs(usage, stdout);
		return 0;
	}
	if (a.version) {
		puts("wirebench " WB_VERSION);
		return 0;
	}
	if (a.serve)
		return serve(&a);
	if (a.o.nopen_opts && !a.url) {
		fprintf(stderr, "wirebench: %s is an option of open and needs "
				"a URL\n", a.open_opts[0]);
		return 2;
	}
	a.o.url = a.url;
	a.o.defs = a.defs;
	a.o.open_opts = a.open_opts;
	if (a.batch)
		return run_batch(&a);
	if (!a.repl && isatty(0) && isatty(1)) {
		char *line = open_line(&a);
		int rc = wb_ui_run(line, a.defs, a.o.ndefs);
		free(line);
		return rc;
	}
	a.o.keep_going = 1;
	a.o.repl = 1;
	a.o.prompt = isatty(0);
	a.o.echo = !isatty(0);
	return wb_batch_run(stdin, ".", &a.o, stdout, stderr);
}
