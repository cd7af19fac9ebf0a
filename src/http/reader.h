/* reader.h - the 8 KiB buffered reader a response reads through.
 *
 * http.client reads the socket through sock.makefile("rb"), an
 * io.BufferedReader of 8192 bytes. Which bytes it pulls from the socket,
 * and so which bytes are lost when the response closes, depends on the
 * exact read sizes BufferedReader uses; this module reproduces them
 * (readline, read, read1, peek, readall) without ever holding a body:
 * consumed bytes go to a callback piece by piece. It records an "eof" note
 * when the peer closes and a "discarded" frame for bytes still buffered
 * when the reader is freed. */
#ifndef WB_READER_H
#define WB_READER_H

#include <stdint.h>
#include "base/buf.h"
#include "wire/tap.h"
#include "net/transport.h"

#define WB_RD_BUFSIZE 8192 /* io.DEFAULT_BUFFER_SIZE */

typedef struct wb_rd wb_rd;

/* Receives consumed bytes in pieces; a non-OK return aborts the read. */
typedef wb_err (*wb_rd_fn)(void *arg, const char *p, size_t n);

/* A place for a large read, offered by whoever consumes the bytes: a span
 * of *room bytes (at most want) that the consumer takes as its own when
 * handed a pointer to it, or NULL for none. */
typedef char *(*wb_rd_place_fn)(void *arg, size_t want, size_t *room);

/* Returns a reader over t (borrowed) recording into tap (may be NULL). */
wb_rd *wb_rd_new(wb_transport *t, wb_tap *tap);
/* Frees the reader; bytes still buffered are recorded as discarded. */
void wb_rd_free(wb_rd *r);
/* Ends the reader's use as wb_rd_free does (buffered bytes recorded as
 * discarded) but keeps its memory for wb_rd_restart. */
void wb_rd_retire(wb_rd *r);
/* Makes a retired reader a new one over t, as wb_rd_new would. */
void wb_rd_restart(wb_rd *r, wb_transport *t, wb_tap *tap);

/* BufferedReader.readline(limit), limit < 0 for none: consumes up to and
 * including the next LF, at most limit bytes. *got is 0 only at EOF. */
wb_err wb_rd_readline(wb_rd *r, int64_t limit, wb_rd_fn fn, void *arg,
		      uint64_t *got, wb_buf *msg);
/* The same line without copying it when it is buffered whole: *p points
 * into the reader (valid until its next call) or, when the line spans
 * several reads, into spill. */
wb_err wb_rd_readline_view(wb_rd *r, int64_t limit, const char **p,
			   size_t *n, wb_buf *spill, wb_buf *msg);
/* BufferedReader.read(n): n bytes unless EOF comes first; n < 0 reads to
 * EOF as readall() does. */
wb_err wb_rd_read(wb_rd *r, int64_t n, wb_rd_fn fn, void *arg, uint64_t *got,
		  wb_buf *msg);
/* BufferedReader.read1(n), n < 0 for 8192: buffered bytes if any, else the
 * result of one transport read. */
wb_err wb_rd_read1(wb_rd *r, int64_t n, wb_rd_fn fn, void *arg,
		   uint64_t *got, wb_buf *msg);
/* BufferedReader.peek(): the buffered bytes, after one transport read when
 * the buffer is empty. *p points into the reader, valid until its next call. */
wb_err wb_rd_peek(wb_rd *r, const char **p, size_t *n, wb_buf *msg);
/* Where direct reads land (the buffer empty and a large request: where
 * BufferedReader reads into the caller's object): fn's span when it gives
 * one of at least 8 KiB, else the reader's scratch. Which bytes are read
 * from the socket does not change: a direct read never asks for more than
 * the request has left. fn NULL: always the scratch. */
void wb_rd_set_place(wb_rd *r, wb_rd_place_fn fn, void *arg);
/* Bytes buffered and not consumed yet. */
size_t wb_rd_buffered(const wb_rd *r);
/* Appends a line read with readline(limit) to line (callback helper). */
wb_err wb_rd_append(void *line, const char *p, size_t n);

#endif
