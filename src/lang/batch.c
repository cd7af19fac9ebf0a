/* batch.c - the line loop shared by batch mode and the plain REPL. */
#include "batch.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "interp.h"
#include "jsonout.h"
#include "transcript.h"

static volatile sig_atomic_t *cancel_flag;
/* The signal that ends the run (SIGINT in batch mode, SIGTERM), or 0. */
static volatile sig_atomic_t stop_sig;
static int repl_mode;

/* Cancels the running command's network wait; the loop then ends the run,
 * except for Ctrl-C in the REPL, which only cancels. */
static void on_signal(int sig)
{
	if (cancel_flag)
		*cancel_flag = 1;
	if (!(repl_mode && sig == SIGINT))
		stop_sig = sig;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Text: one key=value line. JSON: one object, so the stream stays JSON
 * Lines. */
static void print_stats(wb_interp *in, FILE *out, double seconds, int json)
{
	const wb_tap_stats *s = wb_tap_stats_get(wb_interp_tap(in));
	if (json) {
		json_t *o = json_pack("{s:{s:I,s:I,s:I,s:I,s:f}}", "stats",
				      "requests", (json_int_t)s->requests,
				      "connects", (json_int_t)s->connects,
				      "bytes_out", (json_int_t)s->bytes_out,
				      "bytes_in", (json_int_t)s->bytes_in,
				      "seconds", seconds);
		if (o) {
			json_dumpf(o, out, JSON_COMPACT);
			fputc('\n', out);
			json_decref(o);
		}
		return;
	}
	fprintf(out,
		"requests=%" PRIu64 " connects=%" PRIu64 " bytes_out=%" PRIu64
		" bytes_in=%" PRIu64 " seconds=%.3f\n",
		s->requests, s->connects, s->bytes_out, s->bytes_in, seconds);
}

/* SIGINT and SIGTERM cancel the running command, which then reports
 * KeyboardInterrupt; no SA_RESTART, so a read of the script stops too. */
static void catch_signals(wb_interp *in, int repl)
{
	cancel_flag = wb_interp_cancel_flag(in);
	stop_sig = 0;
	repl_mode = repl;
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void release_signals(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	cancel_flag = NULL;
}

/* The next line, or -1 at the end. A signal that only cancels (Ctrl-C in
 * the REPL) does not end the input. */
static ssize_t next_line(FILE *f, char **line, size_t *cap)
{
	for (;;) {
		errno = 0;
		ssize_t len = getline(line, cap, f);
		if (len >= 0 || errno != EINTR || stop_sig)
			return len;
		clearerr(f);
	}
}

static int run_lines(wb_interp *in, FILE *f, const wb_batch_opts *o)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned no = 0;
	int status = 0;
	while (!stop_sig && !wb_interp_quitting(in)) {
		if (o->prompt) {
			fputs("wb> ", stderr);
			fflush(stderr);
		}
		if ((len = next_line(f, &line, &cap)) < 0)
			break;
		no++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (wb_interp_exec_line(in, line, (size_t)len, no) != WB_OK) {
			status = 1;
			if (!o->keep_going)
				break;
		}
	}
	free(line);
	return status;
}

/* Builds and runs "open URL OPTION...": the options are words of their
 * own, values single-quoted so that they are taken literally. */
static int open_first(wb_interp *in, const wb_batch_opts *o)
{
	wb_buf cmd = WB_BUF_INIT;
	int bad = wb_buf_adds(&cmd, "open ") != WB_OK;
	bad |= wb_batch_quote(&cmd, o->url) != WB_OK;
	for (size_t i = 0; i < o->nopen_opts; i++) {
		const char *a = o->open_opts[i];
		bad |= wb_buf_addc(&cmd, ' ') != WB_OK;
		bad |= (a[0] == '-' ? wb_buf_adds(&cmd, a)
				    : wb_batch_quote(&cmd, a)) != WB_OK;
	}
	int status = bad ? 2 : wb_interp_exec(in, cmd.p) != WB_OK;
	wb_buf_free(&cmd);
	return status;
}

/* Words the lexer takes as they are need no quotes. */
static int plain_word(const char *s)
{
	return *s && *s != '#' && !strpbrk(s, " \t\r\n'\"\\") &&
	       !strstr(s, "${");
}

wb_err wb_batch_quote(wb_buf *out, const char *s)
{
	if (plain_word(s))
		return wb_buf_adds(out, s);
	wb_err e = wb_buf_addc(out, '\'');
	for (; e == WB_OK && *s; s++)
		e = *s == '\'' ? wb_buf_adds(out, "'\"'\"'") : wb_buf_addc(out, *s);
	return e ? e : wb_buf_addc(out, '\'');
}

static int run(wb_interp *in, FILE *f, const wb_batch_opts *o)
{
	int status = 0;
	if (o->url)
		status = open_first(in, o);
	if (status == 0 || o->keep_going)
		status |= run_lines(in, f, o);
	if (stop_sig == SIGINT)
		return WB_EXIT_SIGINT;
	if (stop_sig == SIGTERM)
		return WB_EXIT_SIGTERM;
	return status;
}

int wb_batch_run(FILE *f, const char *dir, const wb_batch_opts *o, FILE *out,
		 FILE *err)
{
	wb_interp *in = wb_interp_new(o->tap_cap);
	if (!in)
		return 2;
	wb_buf msg = WB_BUF_INIT;
	if (wb_interp_define(in, o->defs, o->ndefs, &msg)) {
		fprintf(err, "wirebench: %s\n", msg.p ? msg.p : "out of memory");
		wb_buf_free(&msg);
		wb_interp_free(in);
		return 2;
	}
	wb_interp_set_dir(in, dir);
	wb_interp_set_keep_going(in, o->keep_going);
	wb_interp_set_recording(in, o->record);
	wb_transcript *tr = NULL;
	wb_jsonout *js = NULL;
	if (o->json && (js = wb_jsonout_new(out)))
		wb_jsonout_attach(js, in);
	else if (!o->json &&
		 (tr = wb_transcript_new(out, o->frame_bytes, o->echo)))
		wb_transcript_attach(tr, in);
	if (!js && !tr) {
		wb_interp_free(in);
		return 2;
	}
	catch_signals(in, o->repl);
	double start = now();
	int status = o->setup ? o->setup(in, o->hook_arg) : 0;
	if (!status)
		status = run(in, f, o);
	if (tr) /* the closing note belongs to the run, not its last command */
		wb_transcript_end_run(tr);
	wb_interp_end_run(in);
	if (wb_interp_conn(in))
		wb_conn_close(wb_interp_conn(in));
	if (o->finish)
		status = o->finish(in, o->hook_arg, status);
	if (o->stats)
		print_stats(in, out, now() - start, o->json);
	fflush(out);
	release_signals();
	wb_interp_free(in);
	wb_transcript_free(tr);
	wb_jsonout_free(js);
	return status;
}
