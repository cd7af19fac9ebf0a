/* interp_int.h - internals shared by the interpreter's files. */
#ifndef WB_INTERP_INT_H
#define WB_INTERP_INT_H

#include "interp.h"
#include "lex.h"
#include "interop/lines.h"
#include "interop/xhist.h"
#include "session/record.h"

/* A variable of the command language (set, --var, --env). */
typedef struct wb_var {
	char *name;
	wb_buf value; /* text as the lexer stores it */
	int secret;   /* set --secret: never shown, never saved in clear */
} wb_var;

struct wb_interp {
	wb_tap *tap;
	wb_conn *conn;
	wb_out out;
	wb_buf url;
	wb_buf dir;
	size_t data_cap;
	volatile sig_atomic_t cancel;
	wb_waiter wait;
	void *wait_arg;
	unsigned n;
	unsigned long alloc_mark; /* wb_alloc_failures() after the core */
	wb_connector frame_connector; /* set: open makes frame-only conns */
	void *frame_arg;
	wb_buf msg;
	wb_buf data;       /* data returned by the last read */
	uint64_t data_bytes;
	const char *raw;   /* the line being run (import curl reads it raw) */
	wb_lines queue;    /* commands an import queued to run next */
	wb_lines offered;  /* imported commands the front end offers (offer.c) */
	size_t offer_at;   /* the next of them; those before it are taken */
	int offer_on;      /* imports offer their commands, not run them */
	wb_xhist *hist;    /* timings and origins of the exchanges */
	wb_var *vars;
	size_t nvars, vars_cap;
	wb_buf line;       /* the command line as shown (secrets hidden) */
	wb_buf body;       /* body read so far from body_resp */
	const wb_resp *body_resp;
	uint64_t chunks;   /* data chunks received for the current response */
	unsigned chunk_last;
	int peeking;       /* peek's data is not body read */
	int into_body;     /* the first read of a response: its data is the
			    * body so far, kept once (in body), not twice */
	wb_err expect_err; /* expect error NAME: the next command must fail */
	int quit;          /* quit or exit ran */
	int keep_going;    /* a sourced file goes on after a failure */
	int depth;         /* nesting of source */
	char **src;        /* lines of the file `source` read, run next */
	size_t nsrc;
	char *src_dir;     /* that file's folder, for its @file paths */
	wb_rec *rec;       /* everything run, for save and replay */
	int no_record;     /* recording switched off (batch without --record) */
	wb_buf session;    /* the file the session was loaded from or saved to */
	wb_buf recovery;   /* rewritten after every command, when set */
	const char **secret_view; /* the secrets' values, for the redactor */
	const struct wb_replay_view *replay_view;
	size_t secret_cap;
	wb_words words;    /* storage reused by every command line */
	unsigned running;  /* commands in progress (nesting depth) */
};

typedef wb_err (*wb_cmd_fn)(wb_interp *in, const wb_words *w,
			    wb_result *res);

typedef struct wb_cmd {
	wb_cmd_info info;
	wb_cmd_fn fn;
	int min_args, max_args; /* words after the name; max -1: any */
	int unrecorded;         /* save, replay: not part of the session */
} wb_cmd;

extern const wb_cmd wb_cmds[];
extern const size_t wb_ncmds;

/* Sets the interpreter's message and returns e. */
wb_err wb_interp_fail(wb_interp *in, wb_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Copies the connection's message for error e and returns e. */
wb_err wb_interp_conn_fail(wb_interp *in, wb_err e);
/* Finds a command by name, or NULL. */
const wb_cmd *wb_interp_find(const char *name);

/* The lexer's lookup of ${NAME} and ${env:NAME} (arg: the interpreter). */
wb_err wb_vars_lookup(void *arg, const char *name, size_t n, wb_buf *out,
		      wb_buf *msg);
/* Sets variable name to n bytes of value; SyntaxError for a bad name. */
wb_err wb_vars_set(wb_interp *in, const char *name, const char *value,
		   size_t n, int secret);
void wb_vars_free(wb_interp *in);
/* The set command: set [--secret] NAME VALUE | set [--secret] NAME from ...
 * | set (lists the variables). */
wb_err wb_cmd_set(wb_interp *in, const wb_words *w, wb_result *res);
/* Replaces every secret value in b by WB_SECRET_MARK. */
void wb_vars_hide(const wb_interp *in, wb_buf *b);

/* Captures and expectations (expect.c). */
wb_err wb_capture(wb_interp *in, const wb_words *w, size_t i, wb_buf *out);
wb_err wb_cmd_expect(wb_interp *in, const wb_words *w, wb_result *res);
/* Tap listener counting the received chunks of the current response. */
void wb_expect_on_frame(void *arg, wb_tap_event ev, const wb_frame *f);
/* getresponse made r the current response: the body read so far empties. */
void wb_expect_new_response(wb_interp *in, const wb_resp *r);
/* Bytes a read returned from the current response. */
wb_err wb_expect_body_add(wb_interp *in, const char *p, size_t n);
/* After the command that followed `expect error`: returns its outcome
 * turned into the expectation's (*expected set when the error matched). */
wb_err wb_expect_settle(wb_interp *in, wb_err e, int *expected);

/* source FILE (source.c): reads the file; its lines run after the source
 * command itself has been reported. */
wb_err wb_cmd_source(wb_interp *in, const wb_words *w, wb_result *res);
/* Runs the lines read by source; returns the first error. */
wb_err wb_source_run(wb_interp *in);
void wb_source_free(wb_interp *in);

/* A body built from command words, with the storage it needs. */
typedef struct wb_body_arg {
	wb_body b;
	wb_buf bytes;
	wb_piece *pieces;
	wb_buf *piece_bufs;
	size_t npieces;
} wb_body_arg;

/* Parses the body at words[*i], which is --pieces or not an option (text,
 * @file or --pieces ...), advancing *i. as_text: a plain word stays text
 * (str) instead of Latin-1 bytes. */
wb_err wb_interp_body(wb_interp *in, const wb_words *w, size_t *i,
		      int as_text, wb_body_arg *out);
void wb_interp_body_free(wb_body_arg *b);
/* Queues lines to run after the current command (import). */
wb_err wb_interp_queue(wb_interp *in, const wb_lines *lines);
/* Offers (offer.c): true when the commands an import queued are to be
 * offered rather than run; wb_offer_take_queue moves them to the offers. */
int wb_offer_wanted(const wb_interp *in);
wb_err wb_offer_take_queue(wb_interp *in);
/* The import and export commands (interop_cmds.c). */
wb_err wb_cmd_import(wb_interp *in, const wb_words *w, wb_result *res);
wb_err wb_cmd_export(wb_interp *in, const wb_words *w, wb_result *res);
/* The session commands (cmd_session.c). */
wb_err wb_cmd_save(wb_interp *in, const wb_words *w, wb_result *res);
wb_err wb_cmd_replay(wb_interp *in, const wb_words *w, wb_result *res);

/* True for an unquoted option word (-H, --...) or encode_chunked. */
int wb_interp_is_option(const wb_words *w, size_t i);

#endif
