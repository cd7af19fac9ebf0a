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
	WB_RES_DATA,     /* read, read1, readline, peek: data */
	WB_RES_STATE,    /* state: conn */
	WB_RES_TEXT,     /* help and other text: text */
	WB_RES_REPR      /* getheader, getheaders, isclosed: text is the
			  * Python repr() of the value the call returned */
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
	void *arg;
} wb_out;

typedef struct wb_interp wb_interp;

/* Creates an interpreter whose tap keeps at most tap_cap bytes. */
wb_interp *wb_interp_new(size_t tap_cap);
void wb_interp_free(wb_interp *in);
void wb_interp_set_out(wb_interp *in, const wb_out *out);
/* Directory against which @file paths are resolved (default "."). */
void wb_interp_set_dir(wb_interp *in, const char *dir);
/* Most bytes of returned data kept for display (default 1 MiB). */
void wb_interp_set_data_cap(wb_interp *in, size_t cap);
/* The cancel flag the network waits watch (set from a signal handler). */
volatile sig_atomic_t *wb_interp_cancel_flag(wb_interp *in);
/* Called while the network waits (the TUI keeps drawing). */
void wb_interp_set_idle(wb_interp *in, void (*idle)(void *), void *arg);

/* Runs one line. Blank lines and comments do nothing and return WB_OK
 * without calling the out hooks. Returns the command's error. */
wb_err wb_interp_exec(wb_interp *in, const char *line);

wb_tap *wb_interp_tap(wb_interp *in);
/* The connection, or NULL before `open`. */
wb_conn *wb_interp_conn(wb_interp *in);
/* The URL given to the last open, or NULL. */
const char *wb_interp_url(const wb_interp *in);

/* The requests sent so far in format (curl, http, har) appended to out:
 * every one, or the last one only. UsageError with msg when none. */
wb_err wb_interp_export(wb_interp *in, const char *format, int all,
			wb_buf *out, wb_buf *msg);

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
