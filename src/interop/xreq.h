/* xreq.h - one request as the interchange formats describe it, and the
 * wirebench commands that send it.
 *
 * Importers (curl, .http, HAR) fill a wb_xreq; wb_xreq_emit turns it into
 * ordinary command lines: open (when the origin or its options change),
 * putrequest, one putheader per field in order, endheaders with the body,
 * getresponse, expectations, read. Header names and values and the body
 * are bytes; they are written so that the same bytes go on the wire. */
#ifndef WB_XREQ_H
#define WB_XREQ_H

#include "lines.h"

typedef struct wb_xfield {
	char *name, *value;
} wb_xfield;

typedef struct wb_xfields {
	wb_xfield *v;
	size_t n, cap;
} wb_xfields;

typedef struct wb_xreq {
	char *origin;      /* scheme://host[:port] */
	char *target;      /* request-target: /path?query */
	char *method;
	char *name;        /* .http "# @name", or NULL */
	wb_xfields h;      /* fields in wire order; Host here means an
			    * explicit Host (putrequest skip_host) */
	int no_host;       /* send no Host at all */
	wb_buf body;
	int has_body;
	int chunked;       /* body sent with chunked coding */
	/* open options */
	int insecure;
	char *cafile, *capath, *cert, *key, *proxy, *timeout, *connect_to;
	int no_proxy;
	/* expectations (HAR --expect): status 0 = none */
	int expect_status;
	wb_xfields expect_h;
	wb_lines notes;    /* "# ..." lines shown above the commands */
} wb_xreq;

/* Adds a field (copies). */
wb_err wb_xfields_add(wb_xfields *f, const char *name, const char *value);
/* Index of the first field named name (any case), or -1. */
long wb_xfields_find(const wb_xfields *f, const char *name);
void wb_xfields_del(wb_xfields *f, size_t i);
void wb_xfields_free(wb_xfields *f);

void wb_xreq_free(wb_xreq *r);
/* Replaces *slot with a copy of s (NULL clears). */
wb_err wb_xreq_set(char **slot, const char *s);

/* Splits an absolute http(s) URL into origin and target. InvalidURL with
 * msg when it is not one. The target gets %XX for bytes http.client
 * cannot put on a request line (blanks, controls, non-ASCII). */
wb_err wb_xreq_url(wb_xreq *r, const char *url, wb_buf *msg);

/* Appends the command lines for r. prev is the request emitted before
 * (NULL for the first): its origin and open options decide whether a new
 * open is needed. */
wb_err wb_xreq_emit(const wb_xreq *r, const wb_xreq *prev, wb_lines *out);

#endif
