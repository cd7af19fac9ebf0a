/* interp_int.h - internals shared by the interpreter's files. */
#ifndef WB_INTERP_INT_H
#define WB_INTERP_INT_H

#include "interp.h"
#include "lex.h"

struct wb_interp {
	wb_tap *tap;
	wb_conn *conn;
	wb_out out;
	wb_buf url;
	wb_buf dir;
	size_t data_cap;
	volatile sig_atomic_t cancel;
	void (*idle)(void *);
	void *idle_arg;
	unsigned n;
	wb_buf msg;
	wb_buf data;       /* data returned by the last read */
	uint64_t data_bytes;
	wb_words words;    /* storage reused by every command line */
	unsigned running;  /* commands in progress (nesting depth) */
};

typedef wb_err (*wb_cmd_fn)(wb_interp *in, const wb_words *w,
			    wb_result *res);

typedef struct wb_cmd {
	wb_cmd_info info;
	wb_cmd_fn fn;
	int min_args, max_args; /* words after the name; max -1: any */
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

/* A body built from command words, with the storage it needs. */
typedef struct wb_body_arg {
	wb_body b;
	wb_buf bytes;
	wb_piece *pieces;
	wb_buf *piece_bufs;
	size_t npieces;
} wb_body_arg;

/* Parses a body at words[*i] (text, @file or --pieces ...), advancing *i.
 * as_text: a plain word stays text (str) instead of Latin-1 bytes. */
wb_err wb_interp_body(wb_interp *in, const wb_words *w, size_t *i,
		      int as_text, wb_body_arg *out);
void wb_interp_body_free(wb_body_arg *b);
/* True for an unquoted option word (-H, --...) or encode_chunked. */
int wb_interp_is_option(const wb_words *w, size_t i);

#endif
