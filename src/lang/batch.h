/* batch.h - running a script (batch mode) or stdin lines (plain REPL). */
#ifndef WB_BATCH_H
#define WB_BATCH_H

#include <stdio.h>

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
} wb_batch_opts;

/* Runs every line of in; @file paths are relative to dir. Returns the exit
 * status: 0 when every command succeeded, 1 otherwise. */
int wb_batch_run(FILE *in, const char *dir, const wb_batch_opts *o,
		 FILE *out);

#endif
