/* response.h - http.client's HTTPResponse: status line, headers, body.
 *
 * A response reads from a transport through its own 8 KiB buffer, as
 * http.client's makefile() reader does: bytes past the end of this response
 * that arrived in the same read are dropped when the response closes (a
 * "discarded" frame records them). Every byte consumed is recorded in the
 * tap as it is parsed (status line, each header line, end of headers, body
 * pieces, chunk-size lines with their decoded size, chunk data, the CRLF
 * after each chunk, the last chunk, trailers). Bodies stream to a sink:
 * memory stays bounded whatever the body size. */
#ifndef WB_RESPONSE_H
#define WB_RESPONSE_H

#include <stdint.h>
#include "base/buf.h"
#include "wire/tap.h"
#include "net/transport.h"
#include "reader.h"

typedef struct wb_resp wb_resp;

/* Receives body bytes as they are read; a non-OK return aborts the read. */
typedef wb_err (*wb_sink_fn)(void *arg, const char *p, size_t n);

/* Reads the status line and headers (skipping 100 Continue responses) from
 * t, for a request made with `method` (text). Debug lines ("reply: ...",
 * "header: ...") go to the tap as WB_FK_DEBUG note frames when debuglevel > 0.
 * On success *out is the response; it borrows t (see wb_resp_own_transport).
 * On failure *out is NULL, a message is appended to msg, and the error is
 * BadStatusLine, RemoteDisconnected, UnknownProtocol, LineTooLong,
 * HTTPException (more than 100 headers), TimeoutError, ConnectionResetError... */
wb_err wb_resp_begin(wb_transport *t, const char *method, int debuglevel,
		     wb_tap *tap, wb_resp **out, wb_buf *msg);
/* As wb_resp_begin, taking over old (may be NULL), a response nobody uses
 * any more: its memory is reused when it is closed, else it is freed. */
wb_err wb_resp_begin_reuse(wb_resp *old, wb_transport *t, const char *method,
			   int debuglevel, wb_tap *tap, wb_resp **out,
			   wb_buf *msg);
/* The response takes ownership of its transport and closes it when the
 * response closes (http.client hands the socket over when will_close). */
void wb_resp_own_transport(wb_resp *r);
/* Lets large body reads land in the caller's memory: fn offers a span
 * the caller's sink then receives (see wb_rd_set_place); NULL stops. */
void wb_resp_set_place(wb_resp *r, wb_rd_place_fn fn, void *arg);
/* Frees the response (closing it first). */
void wb_resp_free(wb_resp *r);

int wb_resp_status(const wb_resp *r);
/* The reason phrase as text (Latin-1 decoded, UTF-8 encoded). */
const char *wb_resp_reason(const wb_resp *r);
/* 10 or 11, as http.client's version attribute. */
int wb_resp_version(const wb_resp *r);
int wb_resp_will_close(const wb_resp *r);
int wb_resp_chunked(const wb_resp *r);
/* Remaining body length, or -1 when unknown (chunked / until EOF). */
int64_t wb_resp_length(const wb_resp *r);

/* Headers in order, duplicates kept; name and value are raw Latin-1 bytes
 * with lengths. Returns 0 past the end. */
size_t wb_resp_nheaders(const wb_resp *r);
int wb_resp_header(const wb_resp *r, size_t i, const char **name,
		   size_t *name_len, const char **value, size_t *value_len);
/* getheader(name): all occurrences joined with ", " into out (raw bytes).
 * Returns 1 when found, 0 when missing. Name is matched ignoring case. */
int wb_resp_getheader(const wb_resp *r, const char *name, wb_buf *out);

/* read(amt): amt < 0 means read() to the end. Data goes to sink; *nread gets
 * what Python's return value would hold. Errors: IncompleteRead with
 * Python's message ("IncompleteRead(7 bytes read, 3 more expected)"),
 * LineTooLong, TimeoutError, ConnectionResetError... */
wb_err wb_resp_read(wb_resp *r, int64_t amt, wb_sink_fn sink, void *arg,
		    uint64_t *nread, wb_buf *msg);
/* read1(n), n < 0 for -1. */
wb_err wb_resp_read1(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
		     uint64_t *nread, wb_buf *msg);
/* readline(limit), limit < 0 for -1. */
wb_err wb_resp_readline(wb_resp *r, int64_t limit, wb_sink_fn sink,
			void *arg, uint64_t *nread, wb_buf *msg);
/* peek(n): buffered bytes without consuming them (may read once). */
wb_err wb_resp_peek(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
		    uint64_t *nread, wb_buf *msg);
/* isclosed(): the body was fully read (or the response closed). */
int wb_resp_isclosed(const wb_resp *r);
/* close(): releases the reader and sets the IOBase closed flag; later
 * reads return no data. */
void wb_resp_close(wb_resp *r);
/* Bytes received from the transport but not consumed yet. */
size_t wb_resp_buffered(const wb_resp *r);

/* The rest of HTTPResponse's API (resp_io.c). */

/* readinto(bytearray(n)): the bytes it fills go to sink, *nread gets the
 * count it returns (the same reads as read(n), n >= 0). */
wb_err wb_resp_readinto(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
			uint64_t *nread, wb_buf *msg);
/* readinto1(bytearray(n)): BufferedIOBase's, which calls read1(n). */
wb_err wb_resp_readinto1(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
			 uint64_t *nread, wb_buf *msg);
/* IOBase's closed: set by close() only, not by reading to the end. */
int wb_resp_closed(const wb_resp *r);
/* Appends Python's repr() of attribute `name` (status, reason, version,
 * code, msg, headers, chunked, chunk_left, length, will_close, debuglevel,
 * closed, fp); msg and headers, one HTTPMessage, show as
 * HTTPMessage([(name, value), ...]). AttributeError for other names. */
wb_err wb_resp_attr(const wb_resp *r, const char *name, wb_buf *out,
		    wb_buf *msg);
/* The names wb_resp_attr knows, in the order `attrs` lists them. */
extern const char *const wb_resp_attr_names[];
/* Calls method `name` with its words args (text) as HTTPResponse in 3.11
 * does: close, fileno, getcode, info, geturl, begin, flush, readable,
 * seekable, writable, isatty, tell, seek, truncate, detach, write,
 * writelines. Appends repr() of the return value to out, or returns the
 * error Python raises (AttributeError, ValueError, UnsupportedOperation)
 * with its message. WB_E_USAGE when the method or its arguments are not
 * one of these. */
wb_err wb_resp_call(wb_resp *r, const char *name, const char *const *args,
		    size_t nargs, wb_buf *out, wb_buf *msg);

#endif
