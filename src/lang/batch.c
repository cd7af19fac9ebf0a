/* batch.c - the line loop shared by batch mode and the plain REPL. */
#include "batch.h"

#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "interp.h"
#include "jsonout.h"
#include "transcript.h"

static volatile sig_atomic_t *cancel_flag;

static void on_sigint(int sig)
{
	(void)sig;
	if (cancel_flag)
		*cancel_flag = 1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_stats(wb_interp *in, FILE *out, double seconds)
{
	const wb_tap_stats *s = wb_tap_stats_get(wb_interp_tap(in));
	fprintf(out,
		"requests=%" PRIu64 " connects=%" PRIu64 " bytes_out=%" PRIu64
		" bytes_in=%" PRIu64 " seconds=%.3f\n",
		s->requests, s->connects, s->bytes_out, s->bytes_in, seconds);
}

/* The REPL catches Ctrl-C: it cancels a network wait, not the program. */
static void catch_interrupts(wb_interp *in)
{
	cancel_flag = wb_interp_cancel_flag(in);
	struct sigaction sa = { .sa_handler = on_sigint };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

/* A script is read, and output that goes to a file or a pipe is written,
 * in 64 KiB pieces rather than 4 KiB ones: at a kilobyte of transcript per
 * request that is most of the system calls left. The transcript collects
 * its own 64 KiB, so the stream need not copy them again; JSON output
 * gets a 64 KiB stream buffer. A terminal keeps its line buffering. */
static void large_buffers(FILE *f, FILE *out, wb_transcript *tr)
{
	/* static: the streams outlive this call (glibc ignores the size
	 * unless it is given the buffer) */
	static char in_buf[64 * 1024], out_buf[64 * 1024];
	setvbuf(f, in_buf, _IOFBF, sizeof in_buf);
	if (isatty(fileno(out)))
		return;
	if (tr) {
		setvbuf(out, NULL, _IONBF, 0);
		wb_transcript_set_lazy(tr, 1);
	} else {
		setvbuf(out, out_buf, _IOFBF, sizeof out_buf);
	}
}

static int run_lines(wb_interp *in, FILE *f, const wb_batch_opts *o)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int status = 0;
	for (;;) {
		if (o->prompt) {
			fputs("wb> ", stderr);
			fflush(stderr);
		}
		if ((len = getline(&line, &cap, f)) < 0)
			break;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (wb_interp_exec(in, line) != WB_OK) {
			status = 1;
			if (!o->keep_going)
				break;
		}
		if (o->prompt)
			fflush(stdout);
	}
	free(line);
	return status;
}

int wb_batch_run(FILE *f, const char *dir, const wb_batch_opts *o, FILE *out)
{
	wb_interp *in = wb_interp_new(o->tap_cap);
	if (!in)
		return 2;
	wb_interp_set_dir(in, dir);
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
	if (o->prompt)
		catch_interrupts(in);
	else
		large_buffers(f, out, tr);
	double start = now();
	int status = 0;
	if (o->url) {
		wb_buf open = WB_BUF_INIT;
		if (wb_buf_adds(&open, "open ") || wb_buf_adds(&open, o->url))
			status = 2;
		else
			status = wb_interp_exec(in, open.p) != WB_OK;
		wb_buf_free(&open);
	}
	if (status == 0 || o->keep_going)
		status |= run_lines(in, f, o);
	if (wb_interp_conn(in)) /* the closing note belongs to the transcript */
		wb_conn_close(wb_interp_conn(in));
	if (tr)
		wb_transcript_flush(tr);
	if (o->stats)
		print_stats(in, out, now() - start);
	fflush(out);
	cancel_flag = NULL;
	wb_interp_free(in);
	wb_transcript_free(tr);
	wb_jsonout_free(js);
	return status;
}
