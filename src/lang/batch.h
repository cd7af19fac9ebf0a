/* batch.h - running a script (batch mode) or stdin lines (plain REPL). */
#ifndef WB_BATCH_H
#define WB_BATCH_H

#include <stdio.h>
#include "interp.h"

typedef struct wb_batch_opts {
	int json;           /* --format json */
	int keep_going;     /* go on after a failed command */
	int stats;          /* print the statistics line at the end */
	int echo;           /* echo each command (text format) */
	int prompt;         /* print "wb> " before reading a line (REPL) */
	size_t frame_bytes; /* bytes shown per frame (text format) */
	size_t tap_cap;     /* bytes of frames kept in memory */
	const char *url;    /* run "open URL" first, when set */
	const char *export_fmt; /* at the end, every request in this format */
	FILE *export_out;       /* ... written here */
	const char *const *open_opts; /* options for that open, in order */
	size_t nopen_opts;
	const wb_vardef *defs; /* --var and --env, in order */
	size_t ndefs;
	int repl;           /* the plain REPL: Ctrl-C cancels, never ends */
	int record;         /* keep the session in memory (for save) */
	/* Called before the first line (may be NULL); a non-zero return
	 * ends the run with that status. */
	int (*setup)(wb_interp *in, void *arg);
	/* Called after the last line, once the connection is closed (may be
	 * NULL); returns the exit status, given the run's. */
	int (*finish)(wb_interp *in, void *arg, int status);
	void *hook_arg;
} wb_batch_opts;

/* Exit statuses of a run (documented in the manual page). */
enum {
	WB_EXIT_OK = 0,
	WB_EXIT_FAILED = 1,    /* a command failed (or an expectation) */
	WB_EXIT_USAGE = 2,     /* bad command line, unreadable script or --env */
	WB_EXIT_NOMEM = 3,     /* out of memory outside a command (the output
				* would be incomplete): a message on err */
	WB_EXIT_SIGINT = 130,  /* interrupted: 128 + the signal number */
	WB_EXIT_SIGTERM = 143
};

/* Appends s as one word of the command language: as it is when the lexer
 * takes it literally, else single-quoted ('it'"'"'s'). */
wb_err wb_batch_quote(wb_buf *out, const char *s);

/* When line is an `open` command, appends it to out with its URL replaced
 * by url (kept when url is NULL), its options kept and opts added after
 * them, and returns 1; returns 0 for another command, -1 when out of
 * memory. */
int wb_batch_point_open(const char *line, const char *url,
			const char *const *opts, size_t nopts, wb_buf *out);

/* Runs every line of in; @file paths are relative to dir. Returns the exit
 * status above. Errors that stop the run before it starts (and a failed
 * --export) go to err. */
int wb_batch_run(FILE *in, const char *dir, const wb_batch_opts *o,
		 FILE *out, FILE *err);

#endif
