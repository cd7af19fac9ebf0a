/* response_int.h - the response object shared by response.c (body reads)
 * and resp_begin.c (status line, headers, framing). Not for other modules. */
#ifndef WB_RESPONSE_INT_H
#define WB_RESPONSE_INT_H

#include "chunkdec.h"
#include "headers.h"
#include "reader.h"
#include "response.h"

#define WB_RESP_MAXLINE 65536  /* http.client._MAXLINE */
#define WB_RESP_MAXHEADERS 100 /* http.client._MAXHEADERS */

struct wb_resp {
	wb_transport *t;
	int owns;         /* close t when the reader goes (will_close) */
	wb_tap *tap;
	wb_rd *rd;        /* NULL once closed: Python's fp is None */
	wb_rd *spare;     /* the retired reader, kept for reuse */
	wb_chunk *ck;     /* chunked decoder, when chunked */
	wb_hdrs *hdrs;
	int is_head;      /* the method was exactly "HEAD" */
	int debug;
	int status, version, will_close, chunked;
	int64_t length;   /* body bytes left, -1 when unknown */
	int closed;       /* IOBase's closed flag: only close() sets it */
	int has_chunk_left; /* chunk_left kept when the decoder goes */
	int64_t chunk_left;
	wb_buf reason;    /* UTF-8 */
	wb_buf line;      /* a status or header line read in pieces */
	const char *lp;   /* the line last read: in the reader or in line */
	size_t ln;
	uint64_t interim;       /* 100 Continue responses skipped so far */
	uint64_t quiet_bytes;   /* bytes of those not recorded as frames */
	int quiet;              /* the current interim response is collapsed */
};

/* Reads status line and headers into r and decides the framing. */
wb_err wb_resp_read_head(wb_resp *r, wb_buf *msg);
/* _close_conn(): drops the reader (and the transport if owned). */
void wb_resp_close_conn(wb_resp *r);
/* Records a debug line as a note frame. */
void wb_resp_debug(wb_resp *r, const wb_buf *line);

#endif
