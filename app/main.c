/* main.c - command-line entry: TUI, plain REPL, batch mode, demo server,
 * import and export. */
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_interop.h"
#include "lang/batch.h"
#include "lang/interp.h"
#include "serve/serve.h"
#include "session/format.h"
#include "session/offline.h"
#include "session/recovery.h"
#include "session/replay.h"
#include "ui.h"

#ifndef WB_VERSION
#define WB_VERSION "0.1.0"
#endif

static const char usage[] =
	"usage: wirebench [URL [OPEN-OPTION...]]      the workbench (TUI on a "
	"terminal,\n"
	"                                             a plain REPL otherwise)\n"
	"       wirebench --recover                   continue the last "
	"session\n"
	"       wirebench --batch FILE|- [--format text|json] [--keep-going]\n"
	"                 [--stats] [--frame-bytes N] [--tap-cap BYTES]\n"
	"                 [--record OUT.wb] [URL [OPEN-OPTION...]]\n"
	"       wirebench --offline FILE.wb           step through a recording "
	"in the\n"
	"                                             workbench, no network "
	"(Space/n next,\n"
	"                                             p/Backspace back)\n"
	"       wirebench --batch --offline FILE.wb [--frame-bytes N]\n"
	"       wirebench --repl [--recover] [URL [OPEN-OPTION...]]  the plain "
	"REPL\n"
	"       wirebench --replay FILE.wb [URL] [--ignore-header NAME]... "
	"[--strict]\n"
	"                 [--step]     --step: in the workbench, pausing before "
	"each command\n"
	"       wirebench --serve [PORT]              the demo server on "
	"127.0.0.1\n"
	"       wirebench --import curl [--lenient] -- CMDLINE...|-\n"
	"       wirebench --import http -- FILE|-\n"
	"       wirebench --import har [--expect] -- FILE|-\n"
	"                 print the commands of a curl command line (its words,"
	"\n"
	"                 one string, or - for standard input), a .http file or"
	"\n"
	"                 a HAR as a session\n"
	"       wirebench --export curl|http|har SCRIPT\n"
	"                 run SCRIPT, then print every request in that format\n"
	"       wirebench --version | --help\n"
	"  in every mode: --var NAME=VALUE, --env FILE (NAME=value lines)\n"
	"  OPEN-OPTION: open's options (--timeout S, --connect-to HOST:PORT,\n"
	"  --blocksize N, --cafile F, --capath D, --cert F, --key F, --insecure,\n"
	"  --proxy URL, --no-proxy), before or after the URL\n";

#define MAX_DEFS 64
#define MAX_OPEN_OPTS 32

#define MAX_IGNORE 64

typedef struct args {
	const char *batch, *url, *serve_port, *record, *replay, *import;
	const char *export_fmt;
	int serve, repl, version, help, offline, recover, batch_flag, step;
	int lenient, expect, import_at; /* import_at: argv index after -- */
	wb_vardef defs[MAX_DEFS];
	const char *open_opts[MAX_OPEN_OPTS];
	const char *ignore[MAX_IGNORE];
	wb_replay_opts ro;
	wb_batch_opts o;
	wb_buf recovery; /* this process's recovery file */
} args;

static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int bad(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("wirebench: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (wirebench --help shows the usage)\n", stderr);
	return -1;
}

/* Decimal digits only; -1 for anything else (says nothing). */
static int parse_number(const char *s, size_t *out)
{
	char *end;
	if (s[0] < '0' || s[0] > '9')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int parse_size(const char *opt, const char *s, size_t *out)
{
	if (parse_number(s, out) == 0)
		return 0;
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
	else if (!strcmp(o, "--import"))
		a->import = v;
	else if (!strcmp(o, "--export"))
		a->export_fmt = v;
	else
		return 1;
	return 0;
}

static int is_valued(const char *o)
{
	static const char *const names[] = { "--batch", "--format",
					     "--frame-bytes", "--tap-cap",
					     "--var", "--env", "--import",
					     "--export" };
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (!strcmp(o, names[k]))
			return 1;
	return 0;
}

/* The options of sessions; returns 1 when o is not one of them. */
static int session_opt(args *a, int argc, char **argv, int *i)
{
	const char *o = argv[*i];
	const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
	if (!strcmp(o, "--batch") && next && !strcmp(next, "--offline")) {
		a->batch_flag = 1; /* --batch --offline FILE */
		return 0;
	}
	if (!strcmp(o, "--strict")) {
		a->ro.diff.strict = 1;
		return 0;
	}
	if (!strcmp(o, "--step")) {
		a->step = 1;
		return 0;
	}
	if (!strcmp(o, "--recover")) {
		a->recover = 1;
		return 0;
	}
	const char **slot = !strcmp(o, "--offline") ? &a->batch
			    : !strcmp(o, "--record") ? &a->record
			    : !strcmp(o, "--replay") ? &a->replay
			    : NULL;
	int ignore = !strcmp(o, "--ignore-header");
	if (!slot && !ignore)
		return 1;
	if (!next)
		return bad("option '%s' needs a value", o);
	a->offline |= !strcmp(o, "--offline");
	if (ignore && a->ro.diff.nignore >= MAX_IGNORE)
		return bad("more than 64 --ignore-header at '%s'", next);
	if (ignore)
		a->ignore[a->ro.diff.nignore++] = next;
	else
		*slot = next;
	++*i;
	return 0;
}

static int parse_opt(args *a, int argc, char **argv, int *i)
{
	const char *o = argv[*i];
	int r = session_opt(a, argc, argv, i);
	if (r <= 0)
		return r;
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
	} else if (!strcmp(o, "--lenient")) {
		a->lenient = 1;
	} else if (!strcmp(o, "--expect")) {
		a->expect = 1;
	} else if (!strcmp(o, "--") && a->import) {
		a->import_at = *i + 1;
		*i = argc;
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
		r = open_option(a, argc, argv, i);
		return r > 0 ? bad("unknown option '%s'", o) : r;
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

static wb_session *load_session(const char *path)
{
	wb_session *s = NULL;
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_session_load(path, &s, &msg);
	if (e)
		fprintf(stderr, "wirebench: %s: %s\n", wb_err_name(e),
			msg.p ? msg.p : "");
	wb_buf_free(&msg);
	return e ? NULL : s;
}

static int is_tty(void)
{
	return isatty(0) && isatty(1);
}

/* "replay --step FILE [URL] [--strict] [--ignore-header NAME]...": the
 * workbench runs it as its first command. */
static char *replay_line(const args *a)
{
	wb_buf b = WB_BUF_INIT;
	wb_buf_adds(&b, "replay --step ");
	wb_batch_quote(&b, a->replay);
	if (a->url) {
		wb_buf_addc(&b, ' ');
		wb_batch_quote(&b, a->url);
	}
	if (a->ro.diff.strict)
		wb_buf_adds(&b, " --strict");
	for (size_t i = 0; i < a->ro.diff.nignore; i++) {
		wb_buf_adds(&b, " --ignore-header ");
		wb_batch_quote(&b, a->ignore[i]);
	}
	return b.p;
}

/* Exit status: 0 same, 1 differences, 2 the replay failed. */
static int run_replay(args *a)
{
	if (a->step) {
		if (!is_tty()) {
			fputs("wirebench: --replay --step pauses in the "
			      "workbench and needs a terminal\n", stderr);
			return 2;
		}
		char *line = replay_line(a);
		wb_ui_opts u = { .first = line, .defs = a->defs,
				 .ndefs = a->o.ndefs };
		int rc = line ? wb_ui_run(&u) : 2;
		free(line);
		return rc;
	}
	wb_session *s = load_session(a->replay);
	if (!s)
		return 2;
	wb_buf msg = WB_BUF_INIT;
	char *copy = strdup(a->replay);
	a->ro.url = a->url;
	a->ro.dir = copy ? dirname(copy) : ".";
	a->ro.tap_cap = a->o.tap_cap;
	a->ro.diff.ignore = a->ignore;
	a->ro.defs = a->defs;
	a->ro.ndefs = a->o.ndefs;
	a->ro.open_opts = a->open_opts;
	a->ro.nopen_opts = a->o.nopen_opts;
	int rc = wb_replay_run(s, &a->ro, &msg);
	fputs(msg.p ? msg.p : "", rc == 2 ? stderr : stdout);
	free(copy);
	wb_session_free(s);
	wb_buf_free(&msg);
	return rc;
}

static int run_offline(args *a)
{
	wb_session *s = load_session(a->batch);
	if (!s)
		return 2;
	int rc = wb_offline_print(s, stdout, a->o.frame_bytes, 1);
	wb_session_free(s);
	return rc;
}

/* The workbench and the REPL keep a recovery file; --recover first loads
 * the newest one, so its commands are part of this session and a bare
 * save writes where it was last saved. */
static int recover(args *a, wb_interp *in)
{
	wb_buf msg = WB_BUF_INIT, last = WB_BUF_INIT, origin = WB_BUF_INIT;
	wb_err e = wb_recovery_latest(&last, &msg);
	if (!e && wb_interp_load(in, last.p)) {
		e = WB_E_SESSION;
		wb_buf_clear(&msg);
		wb_buf_adds(&msg, wb_interp_message(in));
	}
	if (e) {
		fprintf(stderr, "wirebench: --recover: %s\n", msg.p ? msg.p : "");
	} else {
		wb_recovery_origin(last.p, &origin);
		wb_interp_set_session_path(in, origin.n ? origin.p : NULL);
		fprintf(stderr, "wirebench: recovered %zu commands from %s\n",
			wb_session_ncmds(wb_interp_session(in)), last.p);
	}
	wb_buf_free(&msg);
	wb_buf_free(&last);
	wb_buf_free(&origin);
	return e ? 2 : 0;
}

static int interactive_setup(wb_interp *in, void *arg)
{
	args *a = arg;
	if (a->recover && recover(a, in))
		return 2;
	wb_buf msg = WB_BUF_INIT;
	if (!wb_recovery_path(&a->recovery, &msg))
		wb_interp_set_recovery(in, a->recovery.p);
	else
		fprintf(stderr, "wirebench: no recovery file: %s\n",
			msg.p ? msg.p : "");
	wb_buf_free(&msg);
	return 0;
}

static int run_batch(args *a)
{
	if (a->offline && !a->batch_flag && is_tty()) {
		wb_ui_opts u = { .offline = a->batch, .defs = a->defs,
				 .ndefs = a->o.ndefs };
		return wb_ui_run(&u);
	}
	if (a->offline)
		return run_offline(a);
	a->o.finish = record_finish;
	a->o.hook_arg = a;
	a->o.record = a->record != NULL;
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
	    (parse_number(a->serve_port, &port) || port > 65535)) {
		fprintf(stderr, "wirebench: --serve needs a port 0-65535, "
				"got '%s'\n", a->serve_port);
		return 2;
	}
	return wb_serve_run((uint16_t)port, stdout, stderr);
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
	if (a.o.nopen_opts && !a.url && !a.replay) {
		fprintf(stderr, "wirebench: %s is an option of open and needs "
				"a URL\n", a.open_opts[0]);
		return 2;
	}
	a.o.url = a.url;
	a.o.defs = a.defs;
	a.o.open_opts = a.open_opts;
	if (a.batch_flag && !a.batch)
		return bad("%s needs --offline FILE", "--batch");
	if (a.replay)
		return run_replay(&a);
	if (a.import)
		return wb_cli_import(a.import, a.lenient, a.expect,
				     a.import_at ? argc - a.import_at : -1,
				     argv + (a.import_at ? a.import_at : argc));
	if (a.export_fmt)
		return wb_cli_export(a.export_fmt, a.url, &a.o);
	if (a.batch)
		return run_batch(&a);
	int rc;
	if (!a.repl && is_tty()) {
		char *line = open_line(&a);
		wb_ui_opts u = { .first = line, .defs = a.defs,
				 .ndefs = a.o.ndefs, .setup = interactive_setup,
				 .arg = &a };
		rc = wb_ui_run(&u);
		free(line);
	} else {
		a.o.keep_going = 1;
		a.o.repl = 1;
		a.o.prompt = isatty(0);
		a.o.echo = !isatty(0);
		a.o.setup = interactive_setup;
		a.o.record = 1;
		a.o.hook_arg = &a;
		rc = wb_batch_run(stdin, ".", &a.o, stdout, stderr);
	}
	wb_buf_free(&a.recovery);
	return rc;
}
