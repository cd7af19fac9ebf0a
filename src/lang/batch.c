/* batch.c - the line loop shared by batch mode and the plain REPL. */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "interp.h"
#include "jsonout.h"
#include "transcript.h"

static volatile sig_atomic_t *cancel_flag;
/* The signal that ends the run (SIGINT in batch mode, SIGTERM), or 0. */
static volatile sig_atomic_t stop_sig;
static int repl_mode;
/* The REPL's self-pipe: the handler writes a byte, so a signal that
 * arrives just before a wait begins still ends that wait (poll sees the
 * byte) instead of being noticed only when the wait ends on its own. */
static int sig_pipe[2] = { -1, -1 };

/* Cancels the running command's network wait; the loop then ends the run,
 * except for Ctrl-C in the REPL, which only cancels. */
static void on_signal(int sig)
{
	if (cancel_flag)
		*cancel_flag = 1;
	if (!(repl_mode && sig == SIGINT))
		stop_sig = sig;
	int saved = errno;
	if (sig_pipe[1] >= 0 && write(sig_pipe[1], "", 1) < 0) {
		/* full: a byte is already waiting, which is all it takes */
	}
	errno = saved;
}

/* Polls fd for events and the self-pipe together; 1 when fd is ready, 0
 * when a signal arrived (the pipe is emptied), -1 on a poll error, -2 after
 * ms milliseconds (ms < 0: no limit). */
static int poll_with_signals(int fd, short events, int ms)
{
	struct pollfd p[2] = { { .fd = fd, .events = events },
			       { .fd = sig_pipe[0], .events = POLLIN } };
	int r = poll(p, 2, ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (r == 0)
		return -2;
	if (p[1].revents) {
		char drain[64];
		while (read(sig_pipe[0], drain, sizeof drain) > 0)
			;
		return 0;
	}
	return 1;
}

/* The interpreter's network waits in the REPL. */
static wb_err wait_net(void *arg, const wb_wait *w)
{
	(void)arg;
	for (;;) {
		int ms = wb_io_ms_left(w->deadline);
		if (ms == 0)
			return WB_E_TIMEOUT;
		int r = poll_with_signals(w->fd, w->events, ms);
		if (cancel_flag && *cancel_flag)
			return WB_E_CANCELLED;
		if (r == 1)
			return WB_OK;
		if (r == -1)
			return WB_E_OS;
	}
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
	/* The REPL waits through the self-pipe. Batch mode keeps blocking
	 * socket calls, one system call per read where a poll first would make
	 * three (EAGAIN, poll, read) on every response: a signal there ends
	 * the read with EINTR, and one that arrives in the instant before the
	 * read begins is seen when that read ends (at the latest at the
	 * timeout). Without a pipe the REPL falls back to the same. */
	if (repl && pipe2(sig_pipe, O_NONBLOCK | O_CLOEXEC) == 0)
		wb_interp_set_waiter(in, wait_net, NULL);
	else
		sig_pipe[0] = sig_pipe[1] = -1;
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
	for (int i = 0; i < 2; i++) {
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
}

/* The REPL's input is unbuffered (see wb_batch_run), so nothing of it waits
 * in the stream: wait for the terminal and the self-pipe together, and a
 * SIGTERM at the prompt ends the REPL even when it arrives just before the
 * read would have begun. 0: input is there; -1: the run ends. */
static int wait_input(FILE *f)
{
	if (!repl_mode || sig_pipe[0] < 0)
		return 0;
	for (;;) {
		int r = poll_with_signals(fileno(f), POLLIN, -1);
		if (stop_sig)
			return -1;
		if (r != 0)
			return 0; /* ready, or let getline report the error */
	}
}

/* The next line, or -1 at the end. A signal that only cancels (Ctrl-C in
 * the REPL) does not end the input. */
static ssize_t next_line(FILE *f, char **line, size_t *cap)
{
	for (;;) {
		if (wait_input(f))
			return -1;
		errno = 0;
		ssize_t len = getline(line, cap, f);
		if (len >= 0 || errno != EINTR || stop_sig)
			return len;
		clearerr(f);
	}
}

/* Appends open's options from the command line, values quoted. */
static wb_err add_open_opts(wb_buf *out, const char *const *opts, size_t n)
{
	wb_err e = WB_OK;
	for (size_t i = 0; i < n && !e; i++) {
		e = wb_buf_addc(out, ' ');
		if (!e)
			e = opts[i][0] == '-' ? wb_buf_adds(out, opts[i])
					      : wb_batch_quote(out, opts[i]);
	}
	return e;
}

int wb_batch_point_open(const char *line, const char *url,
			const char *const *opts, size_t nopts, wb_buf *out)
{
	const char *p = line + strspn(line, " \t");
	if (strncmp(p, "open", 4) || (p[4] != ' ' && p[4] != '\t'))
		return 0;
	p += 4;
	p += strspn(p, " \t");
	const char *u = p;
	if (*p == '"' || *p == '\'') { /* a quoted URL */
		const char *q = strchr(p + 1, *p);
		p = q ? q + 1 : p + strlen(p);
	} else {
		p += strcspn(p, " \t");
	}
	/* the rest up to a comment: added options come before it */
	const char *hash = strstr(p, " #");
	size_t rest = hash ? (size_t)(hash - p) : strlen(p);
	wb_err e = wb_buf_adds(out, "open ");
	if (!e)
		e = url ? wb_batch_quote(out, url)
			: wb_buf_add(out, u, (size_t)(p - u));
	if (!e)
		e = wb_buf_add(out, p, rest);
	if (!e)
		e = add_open_opts(out, opts, nopts);
	return e ? -1 : 1;
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

/* Builds and runs "open URL OPTION...": the options are words of their
 * own, values single-quoted so that they are taken literally. */
static int open_first(wb_interp *in, const wb_batch_opts *o)
{
	wb_buf cmd = WB_BUF_INIT;
	int bad = wb_buf_adds(&cmd, "open ") != WB_OK;
	bad |= wb_batch_quote(&cmd, o->url) != WB_OK;
	bad |= add_open_opts(&cmd, o->open_opts, o->nopen_opts) != WB_OK;
	int status = bad ? WB_EXIT_NOMEM : wb_interp_exec(in, cmd.p) != WB_OK;
	wb_buf_free(&cmd);
	return status;
}

/* The script's first command, when a URL was given: an `open` of the
 * script (a recorded session starts with one) is pointed at the URL and run
 * here (*ran set); before anything else, `open URL` runs. Returns 1 when
 * that open failed. Comments and blank lines wait for the first command. */
static int first_command(wb_interp *in, const char *line,
			 const wb_batch_opts *o, int *need_open, int *ran)
{
	const char *p = line + strspn(line, " \t");
	if (!*p || *p == '#')
		return 0;
	*need_open = 0;
	wb_buf cmd = WB_BUF_INIT;
	int opened = wb_batch_point_open(line, o->url, o->open_opts,
					 o->nopen_opts, &cmd);
	*ran = opened != 0;
	int status = opened < 0 ? WB_EXIT_NOMEM
		     : opened  ? wb_interp_exec(in, cmd.p) != WB_OK
			       : open_first(in, o);
	wb_buf_free(&cmd);
	return status;
}

/* True when out is a regular file: nobody reads it while the run goes on
 * (a pipe, a socket or a terminal may have a reader waiting for each
 * command's output, so those get it after every command). */
static int regular_file(FILE *out)
{
	struct stat st;
	return fileno(out) >= 0 && fstat(fileno(out), &st) == 0 &&
	       S_ISREG(st.st_mode);
}

/* A script is read, and output that goes to a regular file is written, in
 * 64 KiB pieces rather than 4 KiB ones: at a kilobyte of transcript per
 * request that is most of the system calls left. The transcript collects
 * its own 64 KiB, so the stream need not copy them again; JSON output
 * gets a 64 KiB stream buffer. SIGINT and SIGTERM still write everything
 * (the run ends through its normal exit). Pipes and terminals keep the
 * output of every command flushed as it ends. */
static void large_buffers(FILE *f, FILE *out, wb_transcript *tr)
{
	/* static: the streams outlive this call (glibc ignores the size
	 * unless it is given the buffer) */
	static char in_buf[64 * 1024], out_buf[64 * 1024];
	if (fileno(f) >= 0)
		setvbuf(f, in_buf, _IOFBF, sizeof in_buf);
	/* only this thread reads the script: no lock per line read */
	__fsetlocking(f, FSETLOCKING_BYCALLER);
	if (!regular_file(out))
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
	unsigned no = 0;
	int status = 0;
	int need_open = o->url != NULL;
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
		int ran = 0;
		int st = need_open ? first_command(in, line, o, &need_open, &ran)
				   : 0;
		if (st != WB_EXIT_NOMEM && !ran && (!st || o->keep_going) &&
		    wb_interp_exec_line(in, line, (size_t)len, no) != WB_OK)
			st = 1;
		/* the output lost memory (the core reports its own) */
		if (st == WB_EXIT_NOMEM ||
		    wb_alloc_failures() != wb_interp_alloc_mark(in)) {
			status = WB_EXIT_NOMEM;
			break;
		}
		if (st) {
			status = 1;
			if (!o->keep_going)
				break;
		}
	}
	if (need_open && !stop_sig) /* a script of no command still opens */
		status |= open_first(in, o);
	free(line);
	return status;
}

static int run(wb_interp *in, FILE *f, const wb_batch_opts *o)
{
	int status = run_lines(in, f, o);
	if (stop_sig == SIGINT)
		return WB_EXIT_SIGINT;
	if (stop_sig == SIGTERM)
		return WB_EXIT_SIGTERM;
	return status;
}

/* --export: every request of the run, in o->export_fmt, to o->export_out.
 * Returns nonzero (after saying why on err) when it cannot. */
static int export_all(wb_interp *in, const wb_batch_opts *o, FILE *err)
{
	wb_buf x = WB_BUF_INIT, msg = WB_BUF_INIT;
	wb_err e = wb_interp_export(in, o->export_fmt, 1, &x, &msg);
	if (e)
		fprintf(err, "wirebench: export: %s: %s\n", wb_err_name(e),
			wb_buf_str(&msg));
	else if (x.n && fwrite(x.p, 1, x.n, o->export_out) != x.n)
		e = WB_E_OS;
	wb_buf_free(&x);
	wb_buf_free(&msg);
	return e != WB_OK;
}

/* The front end's half of the allocation policy: the core reported
 * MemoryError for its own failures; when the run itself or its output
 * loses memory, the run stops with a clear message rather than an
 * incomplete transcript. */
static int nomem(FILE *err)
{
	fputs("wirebench: out of memory: the output is incomplete\n", err);
	return WB_EXIT_NOMEM;
}

int wb_batch_run(FILE *f, const char *dir, const wb_batch_opts *o, FILE *out,
		 FILE *err)
{
	unsigned long fails = wb_alloc_failures();
	wb_interp *in = wb_interp_new(o->tap_cap);
	if (!in)
		return nomem(err);
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
	if ((!js && !tr) || wb_alloc_failures() != fails) {
		wb_interp_free(in);
		wb_transcript_free(tr);
		wb_jsonout_free(js);
		return nomem(err);
	}
	catch_signals(in, o->repl);
	if (!o->repl)
		large_buffers(f, out, tr);
	else /* one byte per read: what is typed is never read ahead */
		setvbuf(f, NULL, _IONBF, 0);
	double start = now();
	int status = o->setup ? o->setup(in, o->hook_arg) : 0;
	if (!status)
		status = run(in, f, o);
	if (status == WB_EXIT_NOMEM)
		nomem(err);
	if (o->export_fmt && export_all(in, o, err) && status == WB_EXIT_OK)
		status = WB_EXIT_FAILED;
	if (tr) /* the closing note belongs to the run, not its last command */
		wb_transcript_end_run(tr);
	wb_interp_end_run(in);
	if (wb_interp_conn(in))
		wb_conn_close(wb_interp_conn(in));
	if (tr)
		wb_transcript_flush(tr);
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
