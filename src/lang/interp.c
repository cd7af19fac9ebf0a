/* interp.c - running command lines: lexing, dispatch, body arguments. */
#include "interp_int.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/text.h"
#include "session/format.h"
#include "session/recovery.h"
#include "session/save.h"

wb_interp *wb_interp_new(size_t tap_cap)
{
	wb_interp *in = wb_calloc(1, sizeof *in);
	if (!in)
		return NULL;
	in->tap = wb_tap_new(tap_cap);
	if (!in->tap) {
		free(in);
		return NULL;
	}
	in->hist = wb_xhist_new(in->tap);
	in->rec = in->hist ? wb_rec_new(in->tap) : NULL;
	if (!in->rec) {
		wb_xhist_free(in->hist);
		wb_tap_free(in->tap);
		free(in);
		return NULL;
	}
	in->data_cap = 1u << 20;
	wb_buf_adds(&in->dir, ".");
	wb_tap_listen(in->tap, wb_expect_on_frame, in);
	return in;
}

void wb_interp_free(wb_interp *in)
{
	if (!in)
		return;
	wb_conn_free(in->conn);
	wb_rec_free(in->rec);
	wb_xhist_free(in->hist);
	wb_tap_free(in->tap);
	wb_lines_free(&in->queue);
	wb_lines_free(&in->offered);
	wb_buf_free(&in->session);
	wb_buf_free(&in->recovery);
	wb_buf_free(&in->url);
	wb_buf_free(&in->dir);
	wb_buf_free(&in->msg);
	wb_buf_free(&in->data);
	wb_buf_free(&in->line);
	wb_buf_free(&in->body);
	wb_vars_free(in);
	wb_source_free(in);
	wb_lex_free(&in->words);
	free(in->secret_view);
	free(in);
}

void wb_interp_set_out(wb_interp *in, const wb_out *out)
{
	in->out = *out;
}

void wb_interp_set_dir(wb_interp *in, const char *dir)
{
	wb_buf_clear(&in->dir);
	wb_buf_adds(&in->dir, dir);
}

void wb_interp_set_frame_only(wb_interp *in, wb_connector fn, void *arg)
{
	in->frame_connector = fn;
	in->frame_arg = arg;
}

unsigned long wb_interp_alloc_mark(const wb_interp *in)
{
	return in->alloc_mark;
}

volatile sig_atomic_t *wb_interp_cancel_flag(wb_interp *in)
{
	return &in->cancel;
}

void wb_interp_set_waiter(wb_interp *in, wb_waiter fn, void *arg)
{
	in->wait = fn;
	in->wait_arg = arg;
}

wb_tap *wb_interp_tap(wb_interp *in)
{
	return in->tap;
}

wb_conn *wb_interp_conn(wb_interp *in)
{
	return in->conn;
}

const char *wb_interp_url(const wb_interp *in)
{
	return in->url.n ? in->url.p : NULL;
}

int wb_interp_quitting(const wb_interp *in)
{
	return in->quit;
}

void wb_interp_set_keep_going(wb_interp *in, int on)
{
	in->keep_going = on;
}

int wb_interp_sourcing(const wb_interp *in)
{
	return in->depth > 0;
}

const wb_session *wb_interp_session(const wb_interp *in)
{
	return wb_rec_session(in->rec);
}

const char *wb_interp_session_path(const wb_interp *in)
{
	return in->session.n ? in->session.p : NULL;
}

const char *wb_interp_message(const wb_interp *in)
{
	return wb_buf_str(&in->msg);
}

void wb_interp_set_recording(wb_interp *in, int on)
{
	in->no_record = !on;
}

wb_err wb_interp_set_session_path(wb_interp *in, const char *path)
{
	wb_buf_clear(&in->session);
	return path ? wb_buf_adds(&in->session, path) : WB_OK;
}

void wb_interp_set_recovery(wb_interp *in, const char *path)
{
	wb_buf_clear(&in->recovery);
	if (path)
		wb_buf_adds(&in->recovery, path);
}

void wb_interp_set_replay_view(wb_interp *in, const struct wb_replay_view *v)
{
	in->replay_view = v;
}

/* The secret variables' values as one array for the redactor; it lives
 * in the interpreter until the next call. */
static wb_err secrets(wb_interp *in, const char ***out, size_t *n)
{
	size_t k = wb_interp_nsecrets(in);
	*out = NULL;
	*n = 0;
	if (k > in->secret_cap) {
		const char **p = wb_realloc(in->secret_view, k * sizeof *p);
		if (!p)
			return WB_E_NOMEM;
		in->secret_view = p;
		in->secret_cap = k;
	}
	for (size_t i = 0; i < k; i++)
		in->secret_view[i] = wb_interp_secret(in, i);
	*out = in->secret_view;
	*n = k;
	return WB_OK;
}

wb_err wb_interp_load(wb_interp *in, const char *path)
{
	wb_session *s;
	wb_err e = wb_session_load(path, &s, &in->msg);
	if (e)
		return e;
	wb_rec_adopt(in->rec, s);
	wb_buf_clear(&in->session);
	return wb_buf_adds(&in->session, path);
}

wb_err wb_interp_save(wb_interp *in, const char *path, int force,
		      const wb_redact *redact)
{
	const char **sec;
	size_t nsec;
	if (secrets(in, &sec, &nsec)) /* never save a secret in clear */
		return wb_interp_fail(in, WB_E_NOMEM, "out of memory");
	wb_redact r = redact ? *redact : (wb_redact){ 0 };
	r.secrets = sec;
	r.nsecrets = nsec;
	wb_save_opts o = { .force = force, .redact = &r };
	wb_buf_clear(&in->msg);
	if (in->no_record)
		return wb_interp_fail(in, WB_E_SESSION, "this run is not "
				      "recorded: batch mode records with "
				      "--record FILE");
	wb_err e = wb_rec_status(in->rec);
	if (e)
		return wb_interp_fail(in, e, "the recording is incomplete: "
				      "out of memory while recording");
	e = wb_session_save(wb_rec_session(in->rec), path, &o, &in->msg);
	if (!e) {
		wb_buf_clear(&in->session);
		e = wb_buf_adds(&in->session, path);
	}
	uint64_t over = wb_rec_unrecorded(in->rec);
	if (!e && over)
		wb_tap_note(in->tap, WB_FK_WARNING, "%" PRIu64 " bytes came after "
			    "the recording's first %u MiB: their frames are "
			    "listed without their bytes (len=N unrecorded)",
			    over, (unsigned)(WB_REC_CAP >> 20));
	return e;
}

void wb_interp_end_run(wb_interp *in)
{
	if (!in->no_record && wb_session_ncmds(wb_rec_session(in->rec)))
		wb_rec_end_run(in->rec);
}

size_t wb_interp_ncmds(void)
{
	return wb_ncmds;
}

const wb_cmd_info *wb_interp_cmd(size_t i)
{
	return i < wb_ncmds ? &wb_cmds[i].info : NULL;
}

wb_err wb_interp_fail(wb_interp *in, wb_err e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wb_err fe = wb_buf_vreplace(&in->msg, fmt, ap);
	va_end(ap);
	return fe == WB_E_NOMEM ? fe : e;
}

wb_err wb_interp_conn_fail(wb_interp *in, wb_err e)
{
	return wb_interp_fail(in, e, "%s", wb_conn_errmsg(in->conn));
}

/* Commands chained by first byte, in table order: a lookup compares only
 * the names that start like the word instead of walking the table. Built
 * on the first lookup (the table is constant). */
#define CHAIN_MAX 512
static unsigned short chain_first[256], chain_next[CHAIN_MAX]; /* index + 1 */
static int chain_built;

static void build_chains(void)
{
	for (size_t i = wb_ncmds; i-- > 0;) {
		unsigned char c = (unsigned char)wb_cmds[i].info.name[0];
		chain_next[i] = chain_first[c];
		chain_first[c] = (unsigned short)(i + 1);
	}
	chain_built = 1;
}

const wb_cmd *wb_interp_find(const char *name)
{
	if (wb_ncmds > CHAIN_MAX) { /* never with today's table */
		for (size_t i = 0; i < wb_ncmds; i++)
			if (strcmp(wb_cmds[i].info.name, name) == 0)
				return &wb_cmds[i];
		return NULL;
	}
	if (!chain_built)
		build_chains();
	for (unsigned k = chain_first[(unsigned char)name[0]]; k;
	     k = chain_next[k - 1])
		if (strcmp(wb_cmds[k - 1].info.name, name) == 0)
			return &wb_cmds[k - 1];
	return NULL;
}

int wb_interp_is_option(const wb_words *w, size_t i)
{
	if (i >= w->n || w->w[i].quoted)
		return 0;
	const char *s = w->w[i].s;
	return strcmp(s, "-H") == 0 || strncmp(s, "--", 2) == 0 ||
	       strcmp(s, "encode_chunked") == 0;
}

static wb_err latin1(wb_interp *in, const wb_word *word, wb_buf *out)
{
	wb_buf_clear(&in->msg);
	return wb_text_encode(word->s, word->n, "latin-1", out, &in->msg, NULL);
}

/* open(path, "rb"): fopen takes a directory, Python's open() refuses it
 * (before anything is sent, since the call never starts). */
static FILE *open_binary(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return NULL;
	}
	return f;
}

/* @path opens a file in binary mode; @text:path in text mode (UTF-8 unless
 * --encoding says otherwise), as Python's open(path, "r"). */
static wb_err body_file(wb_interp *in, const char *path, wb_body_arg *out)
{
	const char *encoding = NULL;
	if (strncmp(path, "text:", 5) == 0) {
		path += 5;
		encoding = "utf-8";
	}
	wb_buf full = WB_BUF_INIT;
	if ((path[0] != '/' && wb_buf_printf(&full, "%s/", in->dir.p)) ||
	    wb_buf_adds(&full, path)) {
		wb_buf_free(&full);
		return WB_E_NOMEM;
	}
	FILE *f = open_binary(full.p);
	int err = errno;
	wb_buf_free(&full);
	if (!f && err == EINTR && in->cancel) /* a FIFO nobody writes to */
		return wb_interp_fail(in, WB_E_CANCELLED, "cancelled");
	if (!f) {
		wb_buf repr = WB_BUF_INIT;
		wb_text_repr(&repr, path, strlen(path));
		wb_err e = wb_interp_fail(in, wb_err_from_errno(err),
					  "[Errno %d] %s: %s", err,
					  strerror(err), wb_buf_str(&repr));
		wb_buf_free(&repr);
		return e;
	}
	out->b.kind = WB_BODY_FILE;
	out->b.file = f;
	out->b.name = path;
	out->b.encoding = encoding;
	return WB_OK;
}

static wb_err body_pieces(wb_interp *in, const wb_words *w, size_t *i,
			  wb_body_arg *out)
{
	size_t start = *i, n = 0;
	while (start + n < w->n && !wb_interp_is_option(w, start + n))
		n++;
	out->pieces = wb_calloc(n ? n : 1, sizeof *out->pieces);
	out->piece_bufs = wb_calloc(n ? n : 1, sizeof *out->piece_bufs);
	if (!out->pieces || !out->piece_bufs)
		return WB_E_NOMEM;
	out->npieces = n;
	for (size_t k = 0; k < n; k++) {
		wb_err e = latin1(in, &w->w[start + k], &out->piece_bufs[k]);
		if (e)
			return e;
		out->pieces[k] = (wb_piece){ out->piece_bufs[k].p,
					     out->piece_bufs[k].n };
	}
	out->b.kind = WB_BODY_PIECES;
	out->b.pieces = out->pieces;
	out->b.npieces = n;
	*i = start + n;
	return WB_OK;
}

wb_err wb_interp_body(wb_interp *in, const wb_words *w, size_t *i,
		      int as_text, wb_body_arg *out)
{
	*out = (wb_body_arg){ .b.kind = WB_BODY_NONE };
	const wb_word *word = &w->w[*i];
	if (wb_lex_is(w, *i, "--pieces")) {
		(*i)++;
		return body_pieces(in, w, i, out);
	}
	(*i)++;
	if (!word->quoted && word->s[0] == '@')
		return body_file(in, word->s + 1, out);
	if (as_text) {
		out->b = (wb_body){ .kind = WB_BODY_TEXT, .p = word->s,
				    .n = word->n };
		return WB_OK;
	}
	wb_err e = latin1(in, word, &out->bytes);
	out->b = (wb_body){ .kind = WB_BODY_BYTES, .p = out->bytes.p,
			    .n = out->bytes.n };
	return e;
}

void wb_interp_body_free(wb_body_arg *b)
{
	if (b->b.kind == WB_BODY_FILE) /* set with its open file */
		fclose(b->b.file);
	for (size_t k = 0; k < b->npieces; k++)
		wb_buf_free(&b->piece_bufs[k]);
	free(b->pieces);
	free(b->piece_bufs);
	wb_buf_free(&b->bytes);
}

/* cmd: the command w names (NULL if none: a quoted or unknown word). */
static wb_err dispatch(wb_interp *in, const wb_words *w, const wb_cmd *cmd,
		       wb_result *res)
{
	if (!cmd)
		return wb_interp_fail(in, WB_E_USAGE,
				      "unknown command '%s' (try: help)",
				      w->w[0].s);
	int args = (int)w->n - 1;
	if (args < cmd->min_args || (cmd->max_args >= 0 && args > cmd->max_args))
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      cmd->info.usage);
	in->cancel = 0;
	return cmd->fn(in, w, res);
}

wb_err wb_interp_queue(wb_interp *in, const wb_lines *lines)
{
	return wb_lines_extend(&in->queue, lines);
}

static wb_err exec_words(wb_interp *in, const char *line);

/* Runs what an import queued, each line as if typed, up to the first
 * failure. */
static wb_err run_queue(wb_interp *in)
{
	wb_lines q = in->queue;
	in->queue = (wb_lines){ 0 };
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < q.n; i++)
		e = exec_words(in, q.v[i]);
	wb_lines_free(&q);
	return e;
}

/* The line as the front ends show it: the value of `set --secret NAME
 * VALUE` is hidden (a captured secret's line holds no value). */
static const char *shown_line(wb_interp *in, const char *line,
			      const wb_words *w)
{
	if (w->n != 4 || !wb_lex_is(w, 0, "set") || !wb_lex_is(w, 1, "--secret"))
		return line;
	wb_buf_clear(&in->line);
	if (wb_buf_printf(&in->line, "set --secret %s %s", w->w[2].s,
			  WB_SECRET_MARK))
		return "set --secret";
	return in->line.p;
}

static void report(wb_interp *in, wb_err e, const wb_result *res,
		   int expected, wb_err raised)
{
	if (res->kind != WB_RES_NONE && in->out.result)
		in->out.result(in->out.arg, res);
	wb_vars_hide(in, &in->msg);
	const char *msg = wb_buf_str(&in->msg);
	if (expected && in->out.expected)
		in->out.expected(in->out.arg, wb_err_name(raised), msg);
	else if ((e || expected) && in->out.error)
		in->out.error(in->out.arg, e ? e : raised,
			      wb_err_name(e ? e : raised), msg);
	if (in->out.end)
		in->out.end(in->out.arg, e);
}

/* What a command left to run after it: a sourced file's lines, or the
 * commands an import made (offered instead when the front end steps
 * through them). */
static wb_err run_next(wb_interp *in, wb_err e)
{
	if (in->nsrc && e) /* `source` failed after all (out of memory) */
		wb_source_free(in);
	else if (in->nsrc) /* source FILE: its lines run once it is reported */
		e = wb_source_run(in);
	if (in->queue.n && e)
		wb_lines_free(&in->queue);
	else if (in->queue.n)
		e = wb_offer_wanted(in) ? wb_offer_take_queue(in)
					: run_queue(in);
	return e;
}

/* Save and replay act on the session; they are not part of it. */
static int recorded(const wb_cmd *c)
{
	return !c || !c->unrecorded;
}

/* The recovery file follows every command; a failure to write it must
 * not fail the command, so it is reported once as a note. */
static void update_recovery(wb_interp *in)
{
	static int warned;
	if (!in->recovery.n)
		return;
	wb_buf msg = WB_BUF_INIT;
	const char **sec;
	size_t nsec;
	if (secrets(in, &sec, &nsec)) { /* never write a secret in clear */
		if (!warned++)
			wb_tap_note(in->tap, WB_FK_WARNING, "cannot write the "
				    "recovery file: out of memory");
		return;
	}
	wb_redact r = { .secrets = sec, .nsecrets = nsec };
	wb_save_opts o = { .force = 1, .redact = &r };
	wb_err e = wb_session_save(wb_rec_session(in->rec), in->recovery.p, &o,
				   &msg);
	if (!e)
		e = wb_recovery_set_origin(in->recovery.p, wb_interp_session_path(in));
	if (e && !warned++)
		wb_tap_note(in->tap, WB_FK_WARNING,
			    "cannot write the recovery file: %s",
			    wb_buf_str(&msg));
	wb_buf_free(&msg);
}

/* What the recording keeps of a command's outcome: its result and the
 * error it reported; for an expected error, the error raised (offline
 * playback reads it back through the `expect error` line before it). */
static void record_outcome(wb_interp *in, const wb_result *res, wb_err e)
{
	wb_rec_result(in->rec, res); /* nothing for WB_RES_NONE */
	if (e)
		wb_rec_error(in->rec, wb_err_name(e), wb_buf_str(&in->msg));
}

/* True (and *e is MemoryError) when an allocation failed since fails and
 * the command did not say so yet. */
static int out_of_memory(wb_interp *in, unsigned long fails, wb_err *e)
{
	if (*e == WB_E_NOMEM || wb_alloc_failures() == fails)
		return 0;
	*e = wb_interp_fail(in, WB_E_NOMEM,
			    "out of memory: the command did not complete");
	return 1;
}

/* The words of a line live in storage the interpreter keeps, so a command
 * costs no allocation for them; a command run from inside another (an
 * import's queue, a sourced file) gets its own. */
static wb_err exec_words(wb_interp *in, const char *line)
{
	wb_words local = { 0 };
	wb_words *w = in->running ? &local : &in->words;
	unsigned long fails = wb_alloc_failures();
	wb_buf_clear(&in->msg);
	in->running++;
	wb_err e = wb_lex_vars_reuse(line, wb_vars_lookup, in, w, &in->msg);
	if (e == WB_OK && w->n == 0) {
		in->running--;
		return WB_OK;
	}
	/* looked up once for the session and the dispatch */
	const wb_cmd *cmd = e == WB_OK && !w->w[0].quoted
				    ? wb_interp_find(w->w[0].s) : NULL;
	int rec = !in->no_record && (e || recorded(cmd));
	wb_tap_set_cmd(in->tap, ++in->n);
	const char *shown = e ? line : shown_line(in, line, w);
	if (rec)
		wb_rec_begin(in->rec, shown);
	if (in->out.begin)
		in->out.begin(in->out.arg, in->n, shown);
	wb_result res = { .kind = WB_RES_NONE };
	wb_err pending = in->expect_err;
	in->expect_err = WB_OK;
	in->raw = line;
	if (e == WB_OK)
		e = dispatch(in, w, cmd, &res);
	in->raw = NULL;
	wb_err raised = e;
	int expected = 0;
	if (pending) {
		in->expect_err = pending;
		e = wb_expect_settle(in, e, &expected);
	}
	/* the one check of the allocation policy: whatever ran out of memory
	 * inside the command or its recording, the command reports
	 * MemoryError (checked before recording, so the recording says so,
	 * and after it) */
	if (out_of_memory(in, fails, &e)) {
		raised = e;
		expected = 0;
	}
	if (rec)
		record_outcome(in, &res, expected ? raised : e);
	if (out_of_memory(in, fails, &e)) {
		raised = e;
		expected = 0;
	}
	/* a failed `expect error` (out of memory while recording it) must
	 * not stay armed for the next command */
	if (e != WB_OK)
		in->expect_err = WB_OK;
	in->alloc_mark = wb_alloc_failures();
	report(in, e, &res, expected, raised);
	in->running--;
	wb_lex_free(&local);
	if (rec)
		update_recovery(in);
	return run_next(in, e);
}

wb_err wb_interp_exec(wb_interp *in, const char *line)
{
	return exec_words(in, line);
}

/* A NUL byte in a script line: reported with the line shown escaped. */
static wb_err nul_line(wb_interp *in, const char *line, size_t n,
		       unsigned lineno)
{
	wb_buf shown = WB_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		line[i] ? wb_buf_addc(&shown, line[i]) : wb_buf_adds(&shown, "\\0");
	wb_tap_set_cmd(in->tap, ++in->n);
	if (in->out.begin)
		in->out.begin(in->out.arg, in->n, wb_buf_str(&shown));
	size_t col = (size_t)((const char *)memchr(line, 0, n) - line) + 1;
	wb_interp_fail(in, WB_E_SYNTAX,
		       "line %u, column %zu: NUL byte in the script (write \\0 "
		       "inside double quotes to send one)",
		       lineno, col);
	wb_result res = { .kind = WB_RES_NONE };
	wb_err e = WB_E_SYNTAX, raised = e;
	int expected = 0;
	if (in->expect_err)
		e = wb_expect_settle(in, e, &expected);
	report(in, e, &res, expected, raised);
	wb_buf_free(&shown);
	return e;
}

wb_err wb_interp_exec_line(wb_interp *in, const char *line, size_t n,
			   unsigned lineno)
{
	if (memchr(line, 0, n))
		return nul_line(in, line, n, lineno);
	return exec_words(in, line);
}
