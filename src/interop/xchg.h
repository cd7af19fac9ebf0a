/* xchg.h - the exchanges of a session, read back from the wire tap.
 *
 * Every request line that went on the wire starts an exchange; the
 * outgoing bytes after it (fields, end of head, body, chunk framing, raw
 * sends) are its request, the incoming frames until the next request its
 * response. Frames are what the tap kept: a request whose frames were
 * evicted or cut (the tap keeps 4096 bytes per frame) is marked
 * incomplete, never guessed. */
#ifndef WB_XCHG_H
#define WB_XCHG_H

#include "lines.h" /* the exporters build lists of lines */
#include "xhist.h"

typedef struct wb_xbufs {
	wb_buf *v;
	size_t n, cap;
} wb_xbufs;

typedef struct wb_xchg {
	const char *origin;  /* owned by the history; NULL when unknown */
	unsigned cmd;        /* command that sent the request line */
	wb_buf before;       /* raw bytes sent before the request line */
	wb_buf line;         /* request line, without CRLF */
	wb_xbufs fields;     /* field lines as sent, without the last CRLF */
	int head_done;       /* the end-of-headers CRLF was sent */
	wb_buf body;         /* every outgoing byte after the head */
	int incomplete;      /* some frame was evicted or cut */
	/* response */
	wb_buf status;       /* the final status line, without CRLF */
	wb_xbufs rfields;    /* its field lines */
	wb_buf rbody;        /* body data (chunk framing removed) */
	int has_response;
	char server_ip[64];
	uint64_t id0;        /* id of its request-line frame */
	/* monotonic seconds, 0 = unknown */
	double t_start, t_connect0, t_connect1, t_sent, t_first_in, t_last_in;
} wb_xchg;

typedef struct wb_xchgs {
	wb_xchg *v;
	size_t n, cap;
	const wb_tap *tap;   /* the frames they were read from */
	const wb_xhist *hist;
} wb_xchgs;

/* Reads the exchanges from the history's tap. */
wb_err wb_xchg_read(const wb_xhist *h, wb_xchgs *out);
void wb_xchgs_free(wb_xchgs *x);
/* Splits a field line at its first colon: name and the value after
 * blanks (a line a peer sent without a colon is all name). MemoryError
 * or OK. */
wb_err wb_xchg_field(const wb_buf *line, wb_buf *name, wb_buf *value);
/* The request line's method, target and version (MemoryError or OK). */
wb_err wb_xchg_reqline(const wb_xchg *x, wb_buf *method, wb_buf *target,
		       wb_buf *version);

#endif
