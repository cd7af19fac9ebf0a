/* connstate.h - the result of `state`, rendered once for every front end.
 *
 * The transcript, the JSON output and the workbench all show the same
 * snapshot: http.client's state, whether a socket is held, whether a
 * response is pending, the current response's isclosed() and the buffered
 * header lines. */
#ifndef WB_CONNSTATE_H
#define WB_CONNSTATE_H

#include "base/buf.h"
#include "http/conn.h"

typedef struct wb_connstate {
	const char *state;   /* "Idle", "Request-started", "Request-sent" */
	int socket;          /* a socket is held */
	int pending;         /* a response is pending (not yet getresponse'd) */
	int response;        /* current response: -1 none, 0 open, 1 closed */
	size_t nbuffered;    /* header lines buffered, not yet sent */
} wb_connstate;

/* The snapshot of c. */
void wb_connstate_get(const wb_conn *c, wb_connstate *out);

/* Appends "state=S socket=yes|no pending=yes|no buffered=N
 * response=none|open|closed", then for each buffered line a newline,
 * line_prefix and the line's bytes as escape() writes them (the front end's
 * way to show bytes). Returns wb_buf_err(out). */
wb_err wb_connstate_format(const wb_conn *c, wb_buf *out,
			   const char *line_prefix,
			   void (*escape)(wb_buf *out, const char *p, size_t n));

#endif
