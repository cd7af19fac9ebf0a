/* interp.h - the command language: one http.client call per line.
 *
 * The interpreter owns the connection and the wire tap. Batch mode, the
 * plain REPL and the TUI all feed it lines and show what it reports
 * through a wb_out (results, errors, text); frames come from the tap. */
#ifndef WB_INTERP_H
#define WB_INTERP_H

#include <stdint.h>
#include "http/conn.h"
#include "wire/tap.h"

typedef enum {
	WB_RES_NONE,
	WB_RES_RESPONSE, /* getresponse: resp */
	WB_RES_DATA,     /* read, read1, readline, peek, readinto: data */
	WB_RES_STATE,    /* state: conn */
	WB_RES_TEXT,     /* help and other text: text */
	WB_RES_REPR,     /* getheader(s), isclosed, attrs, response: text is the
			  * Python repr() of the value the call returned */
	WB_RES_HELP      /* help without a topic: text lists the commands
			  * (a front end may show its own help instead) */
} wb_res_kind;

typedef struct wb_result {
	wb_res_kind kind;
	wb_resp *resp;
	const char *data;   /* first `stored` bytes of the returned data */
	size_t stored;
	uint64_t bytes;     /* how many bytes the call returned */
	const wb_conn *conn;
	const char *text;
} wb_result;

/* What a front end implements to show a command's outcome. */
typedef struct wb_out {
	void (*begin)(void *arg, unsigned n, const char *line);
	void (*result)(void *arg, const wb_result *r);
	void (*error)(void *arg, wb_err e, const char *name, const char *msg);
	void (*end)(void *arg, wb_err e);
	/* The command failed as `expect error` said it would: it counts as a
	 * success (without this hook, error is called). */
	void (*expected)(void *arg, const char *name, const char *msg);
	void *arg;
} wb_out;

typedef struct wb_interp wb_interp;
struct wb_session;
struct wb_redact;

/* Creates an interpreter whose tap keeps at most tap_cap bytes. */
wb_interp *wb_interp_new(size_t tap_cap);
void wb_interp_free(wb_interp *in);
void wb_interp_set_out(wb_interp *in, const wb_out *out);
/* Directory against which @file paths are resolved (default "."). */
void wb_interp_set_dir(wb_interp *in, const char *dir);
/* The cancel flag the network waits watch (set from a signal handler). */
volatile sig_atomic_t *wb_interp_cancel_flag(wb_interp *in);
/* The front end's waiter for every network wait of later connections
 * (see net/transport.h); without one, waits block in poll. */
void wb_interp_set_waiter(wb_interp *in, wb_waiter fn, void *arg);

/* The allocation policy: a command reports MemoryError for any allocation
 * that failed inside the core while it ran. This is wb_alloc_failures()
 * once the last command's core work was done: a front end whose count is
 * higher afterwards lost memory in its own code (its output is incomplete)
 * and ends with a clear message. */
unsigned long wb_interp_alloc_mark(const wb_interp *in);
/* From now on `open` makes frame-only connections over connector fn (no
 * TLS set-up: https connections frame bytes only), for previews. */
void wb_interp_set_frame_only(wb_interp *in, wb_connector fn, void *arg);
/* Runs one line. Blank lines and comments do nothing and return WB_OK
 * without calling the out hooks. Returns the command's error. */
wb_err wb_interp_exec(wb_interp *in, const char *line);
/* As wb_interp_exec for n bytes read from line number lineno of a script:
 * a NUL byte in them is a SyntaxError naming the line and column (a NUL
 * is written \0 inside double quotes), never a silently shorter line. */
wb_err wb_interp_exec_line(wb_interp *in, const char *line, size_t n,
			   unsigned lineno);
/* True once quit or exit ran: the front end ends. */
int wb_interp_quitting(const wb_interp *in);
/* Whether a file run by `source` goes on after a failed command. */
void wb_interp_set_keep_going(wb_interp *in, int on);
/* True while the lines of a sourced file run (front ends echo them). */
int wb_interp_sourcing(const wb_interp *in);

wb_tap *wb_interp_tap(wb_interp *in);
/* The connection, or NULL before `open`. */
wb_conn *wb_interp_conn(wb_interp *in);
/* The URL given to the last open, or NULL. */
const char *wb_interp_url(const wb_interp *in);

/* The requests sent so far in format (curl, http, har) appended to out:
 * every one, or the last one only. UsageError with msg when none. */
wb_err wb_interp_export(wb_interp *in, const char *format, int all,
			wb_buf *out, wb_buf *msg);

/* Variables. A value shown anywhere but on the wire reads as this. */
#define WB_SECRET_MARK "<secret>"

/* A definition from the command line: --var NAME=VALUE, or --env FILE
 * (lines NAME=value, # comments, blank lines). */
typedef struct wb_vardef {
	int file;
	const char *text;
} wb_vardef;

/* Applies definitions in order. On error returns it with msg saying where
 * ("--env FILE: line 3: ..."). */
wb_err wb_interp_define(wb_interp *in, const wb_vardef *d, size_t n,
			wb_buf *msg);
/* The values of the secret variables (set --secret), for redaction by a
 * recorder. Pointers stay valid until the next command. */
size_t wb_interp_nsecrets(const wb_interp *in);
const char *wb_interp_secret(const wb_interp *in, size_t i);
/* The session recorded so far (commands, frames, results, errors). */
const struct wb_session *wb_interp_session(const wb_interp *in);
/* Loads a session file and continues it: later commands are appended
 * and a bare `save` writes back to path. The message of a failure is
 * wb_interp_message's. */
wb_err wb_interp_load(wb_interp *in, const char *path);
/* The file a bare `save` writes to, or NULL. */
const char *wb_interp_session_path(const wb_interp *in);
/* Switches recording on (the default) or off. The recording is held in
 * memory, so batch runs that will not save switch it off. */
void wb_interp_set_recording(wb_interp *in, int on);
/* Sets the file a bare `save` writes to (NULL: none). */
wb_err wb_interp_set_session_path(wb_interp *in, const char *path);
/* Saves the session to path after every command (secrets redacted); NULL
 * stops it. */
void wb_interp_set_recovery(wb_interp *in, const char *path);
/* Saves the session to path (--record): secrets redacted, plus redact
 * (may be NULL) header rules; force replaces a non-session file. */
wb_err wb_interp_save(wb_interp *in, const char *path, int force,
		      const struct wb_redact *redact);
/* Marks the end of a batch run in the recording (see wb_rec_end_run). */
void wb_interp_end_run(wb_interp *in);
/* The front end that shows a `replay` while it runs (NULL: none); it is
 * the only one that can pause for replay --step. */
struct wb_replay_view;
void wb_interp_set_replay_view(wb_interp *in, const struct wb_replay_view *v);

/* The message of the last failure. */
const char *wb_interp_message(const wb_interp *in);

/* The command table, for help and completion. */
typedef struct wb_cmd_info {
	const char *name;
	const char *usage;
	const char *help;
	int extension; /* not an http.client call */
} wb_cmd_info;
size_t wb_interp_ncmds(void);
const wb_cmd_info *wb_interp_cmd(size_t i);

#endif
