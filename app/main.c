/* main.c - command-line entry: TUI, plain REPL, batch mode, demo server. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/batch.h"
#include "lang/interp.h"
#include "serve/serve.h"
#include "session/format.h"
#include "session/offline.h"
#include "session/recovery.h"
#include "session/replay.h"
#include "ui.h"

static const char usage[] =
	"usage: wirebench [URL]                       the workbench (TUI on a "
	"terminal,\n"
	"                                             a plain REPL otherwise)\n"
	"       wirebench --recover                   continue the last "
	"session\n"
	"       wirebench --batch FILE|- [--format text|json] [--keep-going]\n"
	"                 [--stats] [--frame-bytes N] [--tap-cap BYTES]\n"
	"                 [--record OUT.wb] [URL]\n"
	"       wirebench --batch --offline FILE.wb [--frame-bytes N]\n"
	"       wirebench --repl [--recover] [URL]    the plain REPL\n"
	"       wirebench --replay FILE.wb [URL] [--ignore-header NAME]... "
	"[--strict]\n"
	"       wirebench --serve [PORT]              the demo server on "
	"127.0.0.1\n";

typedef struct args {
	const char *batch, *url, *serve_port, *record, *replay;
	int serve, repl, offline, recover, batch_flag;
	const char *ignore[64];
	wb_replay_opts ro;
	wb_batch_opts o;
	wb_buf recovery; /* this process's recovery file */
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
	if (!strcmp(o, "--batch") && next && !strcmp(next, "--offline")) {
		a->batch_flag = 1; /* --batch --offline FILE */
	} else if (!strcmp(o, "--batch") && next) {
		a->batch = argv[++*i];
	} else if (!strcmp(o, "--offline") && next) {
		a->offline = 1;
		if (!a->batch)
			a->batch = argv[++*i];
	} else if (!strcmp(o, "--record") && next) {
		a->record = argv[++*i];
	} else if (!strcmp(o, "--replay") && next) {
		a->replay = argv[++*i];
	} else if (!strcmp(o, "--strict")) {
		a->ro.diff.strict = 1;
	} else if (!strcmp(o, "--ignore-header") && next &&
		   a->ro.diff.nignore < 64) {
		a->ignore[a->ro.diff.nignore++] = argv[++*i];
	} else if (!strcmp(o, "--recover")) {
		a->recover = 1;
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

/* --record: the session is saved once the run is over. */
static int record_finish(wb_interp *in, void *arg, int status)
{
	args *a = arg;
	if (!a->record)
		return status;
	if (wb_interp_save(in, a->record, 0, NULL)) {
		fprintf(stderr, "wirebench: cannot record to %s: %s\n", a->record,
			wb_interp_message(in));
		return 2;
	}
	return status;
}

/* Exit status: 0 same, 1 differences, 2 the replay failed. */
static int run_replay(args *a)
{
	wb_session *s;
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_session_load(a->replay, &s, &msg);
	if (e) {
		fprintf(stderr, "wirebench: %s: %s\n", wb_err_name(e),
			msg.p ? msg.p : "");
		wb_buf_free(&msg);
		return 2;
	}
	char *copy = strdup(a->replay);
	a->ro.url = a->url;
	a->ro.dir = copy ? dirname(copy) : ".";
	a->ro.tap_cap = a->o.tap_cap;
	a->ro.diff.ignore = a->ignore;
	wb_buf_clear(&msg);
	int rc = wb_replay_run(s, &a->ro, &msg);
	fputs(msg.p ? msg.p : "", rc == 2 ? stderr : stdout);
	free(copy);
	wb_session_free(s);
	wb_buf_free(&msg);
	return rc;
}

static int run_offline(args *a)
{
	wb_session *s;
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_session_load(a->batch, &s, &msg);
	if (e) {
		fprintf(stderr, "wirebench: %s: %s\n", wb_err_name(e),
			msg.p ? msg.p : "");
		wb_buf_free(&msg);
		return 2;
	}
	int rc = wb_offline_print(s, stdout, a->o.frame_bytes, 1);
	wb_session_free(s);
	wb_buf_free(&msg);
	return rc;
}

/* The workbench and the REPL keep a recovery file; --recover first loads
 * the newest one, so its commands are part of this session and a bare
 * save writes where it was last saved. */
static int interactive_setup(wb_interp *in, void *arg)
{
	args *a = arg;
	wb_buf msg = WB_BUF_INIT, last = WB_BUF_INIT, origin = WB_BUF_INIT;
	int rc = 0;
	if (a->recover) {
		wb_err e = wb_recovery_latest(&last, &msg);
		if (!e && wb_interp_load(in, last.p)) {
			e = WB_E_SESSION;
			wb_buf_clear(&msg);
			wb_buf_adds(&msg, wb_interp_message(in));
		}
		if (e) {
			fprintf(stderr, "wirebench: --recover: %s\n",
				msg.p ? msg.p : "");
			rc = 2;
		} else {
			wb_recovery_origin(last.p, &origin);
			wb_interp_set_session_path(in, origin.n ? origin.p : NULL);
			fprintf(stderr, "wirebench: recovered %zu commands from "
				"%s\n", wb_session_ncmds(wb_interp_session(in)),
				last.p);
		}
	}
	wb_buf_clear(&msg);
	if (!rc && !wb_recovery_path(&a->recovery, &msg))
		wb_interp_set_recovery(in, a->recovery.p);
	else if (!rc)
		fprintf(stderr, "wirebench: no recovery file: %s\n",
			msg.p ? msg.p : "");
	wb_buf_free(&msg);
	wb_buf_free(&last);
	wb_buf_free(&origin);
	return rc;
}

static int run_batch(args *a)
{
	if (a->offline)
		return run_offline(a);
	a->o.finish = record_finish;
	a->o.hook_arg = a;
	a->o.record = a->record != NULL;
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
	if (a.batch_flag && !a.batch) {
		fputs(usage, stderr);
		return 2;
	}
	if (a.replay)
		return run_replay(&a);
	if (a.batch)
		return run_batch(&a);
	int rc;
	if (!a.repl && isatty(0) && isatty(1)) {
		rc = wb_ui_run(a.url, interactive_setup, &a);
	} else {
		a.o.keep_going = 1;
		a.o.prompt = isatty(0);
		a.o.echo = !isatty(0);
		a.o.setup = interactive_setup;
		a.o.record = 1;
		a.o.hook_arg = &a;
		rc = wb_batch_run(stdin, ".", &a.o, stdout);
	}
	wb_buf_free(&a.recovery);
	return rc;
}
