/* main.c - command-line entry: TUI, plain REPL, batch mode, demo server. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	"127.0.0.1\n";

typedef struct args {
	const char *batch, *url, *serve_port;
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

/* The front end's half of the allocation policy: the core reported
 * MemoryError for its own failures; a failure in printing ends the program
 * with a clear message rather than an incomplete transcript. */
static int batch_status(int rc)
{
	if (rc == WB_BATCH_NOMEM) {
		fputs("wirebench: out of memory: the output is incomplete\n",
		      stderr);
		return 1;
	}
	return rc;
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
		return batch_status(wb_batch_run(stdin, ".", &a->o, stdout));
	FILE *f = fopen(a->batch, "r");
	if (!f) {
		perror(a->batch);
		return 2;
	}
	char *copy = strdup(a->batch);
	if (!copy) {
		fclose(f);
		return batch_status(WB_BATCH_NOMEM);
	}
	int rc = batch_status(wb_batch_run(f, dirname(copy), &a->o,
					   stdout));
	free(copy);
	fclose(f);
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
	a.o.url = a.url;
	if (a.batch)
		return run_batch(&a);
	if (!a.repl && isatty(0) && isatty(1))
		return wb_ui_run(a.url);
	a.o.keep_going = 1;
	a.o.prompt = isatty(0);
	a.o.echo = !isatty(0);
	return batch_status(wb_batch_run(stdin, ".", &a.o, stdout));
}
