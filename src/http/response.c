/* response.c - the HTTPResponse object: lifetime, accessors and the body
 * reads (read, read1, readline, peek) with http.client's closing rules.
 * begin() itself is in resp_begin.c. */
#include <stdlib.h>
#include <string.h>
#include "response_int.h"

/* Hands body bytes to the caller's sink, recording each piece. */
typedef struct {
	wb_resp *r;
	wb_sink_fn sink;
	void *arg;
	char last; /* last byte seen, for readline */
} body_sink;

static wb_err body_fn(void *arg, const char *p, size_t n)
{
	body_sink *b = arg;
	if (b->r->tap)
		wb_tap_add(b->r->tap, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE, p, n);
	b->last = p[n - 1];
	return b->sink ? b->sink(b->arg, p, n) : WB_OK;
}

/* Chunk data is recorded by the decoder; this only forwards it. */
static wb_err chunk_fn(void *arg, const char *p, size_t n)
{
	body_sink *b = arg;
	b->last = p[n - 1];
	return b->sink ? b->sink(b->arg, p, n) : WB_OK;
}

void wb_resp_debug(wb_resp *r, const wb_buf *line)
{
	if (r->tap && !r->quiet)
		wb_tap_add(r->tap, WB_DIR_NOTE, WB_FK_DEBUG, WB_FS_WIRE,
			   line->p ? line->p : "", line->n);
}

static void close_transport(wb_resp *r)
{
	if (!r->t)
		return;
	if (r->tap)
		wb_tap_note(r->tap, WB_FK_CLOSE, "connection closed with the "
			    "response (http.client handed it the socket)");
	r->t->ops->close(r->t);
	r->t = NULL;
}

void wb_resp_close_conn(wb_resp *r)
{
	if (r->ck)
		r->has_chunk_left = wb_chunk_left(r->ck, &r->chunk_left);
	wb_chunk_free(r->ck);
	r->ck = NULL;
	if (r->rd) {
		wb_rd_retire(r->rd);
		wb_rd_free(r->spare);
		r->spare = r->rd;
		r->rd = NULL;
	}
	if (r->owns)
		close_transport(r);
}

/* A closed response's storage (object, header list, reader, line
 * buffers) made into an empty one: a keep-alive request then costs no
 * allocation. */
static wb_resp *recycle(wb_resp *old, wb_transport *t, wb_tap *tap)
{
	wb_resp keep = *old;
	*old = (wb_resp){ .hdrs = keep.hdrs, .reason = keep.reason,
			  .line = keep.line };
	wb_hdrs_reset(old->hdrs);
	wb_buf_clear(&old->reason);
	wb_buf_clear(&old->line);
	if (keep.spare) {
		wb_rd_restart(keep.spare, t, tap);
		old->rd = keep.spare;
	}
	return old;
}

static wb_resp *resp_new(wb_resp *old, wb_transport *t, const char *method,
			 int debug, wb_tap *tap)
{
	wb_resp *r = old ? recycle(old, t, tap) : wb_calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->t = t;
	r->tap = tap;
	r->debug = debug;
	r->is_head = method && strcmp(method, "HEAD") == 0;
	r->length = -1;
	if (!r->rd)
		r->rd = wb_rd_new(t, tap);
	if (!r->hdrs)
		r->hdrs = wb_hdrs_new();
	if (!r->rd || !r->hdrs) {
		wb_resp_free(r);
		return NULL;
	}
	return r;
}

wb_err wb_resp_begin(wb_transport *t, const char *method, int debuglevel,
		     wb_tap *tap, wb_resp **out, wb_buf *msg)
{
	return wb_resp_begin_reuse(NULL, t, method, debuglevel, tap, out, msg);
}

wb_err wb_resp_begin_reuse(wb_resp *old, wb_transport *t, const char *method,
			   int debuglevel, wb_tap *tap, wb_resp **out,
			   wb_buf *msg)
{
	*out = NULL;
	if (old && !wb_resp_isclosed(old)) { /* still in use: not reusable */
		wb_resp_free(old);
		old = NULL;
	}
	wb_resp *r = resp_new(old, t, method, debuglevel, tap);
	if (!r)
		return WB_E_NOMEM;
	wb_err e = wb_resp_read_head(r, msg);
	if (e == WB_OK && r->chunked && !(r->ck = wb_chunk_new(r->rd, tap)))
		e = WB_E_NOMEM;
	if (e != WB_OK) {
		wb_resp_free(r); /* begin() failing closes the response */
		return e;
	}
	*out = r;
	return WB_OK;
}

void wb_resp_set_place(wb_resp *r, wb_rd_place_fn fn, void *arg)
{
	if (r->rd)
		wb_rd_set_place(r->rd, fn, arg);
}

void wb_resp_own_transport(wb_resp *r)
{
	r->owns = 1;
	if (!r->rd) /* already closed: nothing keeps the socket open */
		close_transport(r);
}

void wb_resp_close(wb_resp *r)
{
	if (!r)
		return;
	r->closed = 1;
	wb_resp_close_conn(r);
}

void wb_resp_free(wb_resp *r)
{
	if (!r)
		return;
	wb_resp_close_conn(r);
	wb_rd_free(r->spare);
	wb_hdrs_free(r->hdrs);
	wb_buf_free(&r->reason);
	wb_buf_free(&r->line);
	free(r);
}

int wb_resp_status(const wb_resp *r)
{
	return r->status;
}

const char *wb_resp_reason(const wb_resp *r)
{
	return r->reason.p ? r->reason.p : "";
}

int wb_resp_version(const wb_resp *r)
{
	return r->version;
}

int wb_resp_will_close(const wb_resp *r)
{
	return r->will_close;
}

int wb_resp_chunked(const wb_resp *r)
{
	return r->chunked;
}

int64_t wb_resp_length(const wb_resp *r)
{
	return r->length;
}

size_t wb_resp_nheaders(const wb_resp *r)
{
	return wb_hdrs_count(r->hdrs);
}

int wb_resp_header(const wb_resp *r, size_t i, const char **name,
		   size_t *name_len, const char **value, size_t *value_len)
{
	return wb_hdrs_get(r->hdrs, i, name, name_len, value, value_len);
}

int wb_resp_getheader(const wb_resp *r, const char *name, wb_buf *out)
{
	return wb_hdrs_join(r->hdrs, name, out);
}

int wb_resp_isclosed(const wb_resp *r)
{
	return r->rd == NULL;
}

size_t wb_resp_buffered(const wb_resp *r)
{
	return r->rd ? wb_rd_buffered(r->rd) : 0;
}

static wb_err read_chunked(wb_resp *r, int64_t amt, body_sink *b,
			   uint64_t *nread, wb_buf *msg)
{
	int close = 0;
	wb_err e = wb_chunk_read(r->ck, amt, chunk_fn, b, nread, &close, msg);
	if (close)
		wb_resp_close_conn(r);
	return e;
}

/* read() without a size: the whole length, or to EOF. */
static wb_err read_all(wb_resp *r, body_sink *b, uint64_t *nread, wb_buf *msg)
{
	wb_err e = wb_rd_read(r->rd, r->length, body_fn, b, nread, msg);
	if (e != WB_OK)
		return e;
	if (r->length >= 0 && *nread < (uint64_t)r->length) {
		wb_buf_printf(msg, "IncompleteRead(%llu bytes read, %llu more "
			      "expected)", (unsigned long long)*nread,
			      (unsigned long long)r->length - *nread);
		e = WB_E_INCOMPLETE_READ;
	} else if (r->length >= 0) {
		r->length = 0;
	}
	wb_resp_close_conn(r);
	return e;
}

/* After a sized read of a length-delimited or until-EOF body. */
static void account(wb_resp *r, int64_t asked, uint64_t got)
{
	if (!got && asked)
		wb_resp_close_conn(r);
	else if (r->length >= 0 && r->length != INT64_MAX) {
		/* INT64_MAX stands for any larger Content-Length too */
		r->length -= (int64_t)got;
		if (!r->length)
			wb_resp_close_conn(r);
	}
}

wb_err wb_resp_read(wb_resp *r, int64_t amt, wb_sink_fn sink, void *arg,
		    uint64_t *nread, wb_buf *msg)
{
	body_sink b = { r, sink, arg, 0 };
	*nread = 0;
	if (!r->rd)
		return WB_OK;
	if (r->is_head) {
		wb_resp_close_conn(r);
		return WB_OK;
	}
	if (r->chunked)
		return read_chunked(r, amt, &b, nread, msg);
	if (amt < 0)
		return read_all(r, &b, nread, msg);
	if (r->length >= 0 && amt > r->length)
		amt = r->length;
	wb_err e = wb_rd_read(r->rd, amt, body_fn, &b, nread, msg);
	if (e == WB_OK)
		account(r, amt, *nread);
	return e;
}

wb_err wb_resp_read1(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
		     uint64_t *nread, wb_buf *msg)
{
	body_sink b = { r, sink, arg, 0 };
	*nread = 0;
	if (!r->rd || r->is_head)
		return WB_OK;
	if (r->chunked) {
		int close = 0;
		wb_err e = wb_chunk_read1(r->ck, n, chunk_fn, &b, nread, &close,
					  msg);
		if (close)
			wb_resp_close_conn(r);
		return e;
	}
	if (r->length >= 0 && (n < 0 || n > r->length))
		n = r->length;
	wb_err e = wb_rd_read1(r->rd, n, body_fn, &b, nread, msg);
	if (e != WB_OK)
		return e;
	/* 3.11 does not close when the length reaches 0 here */
	if (!*nread && n)
		wb_resp_close_conn(r);
	else if (r->length >= 0 && r->length != INT64_MAX)
		r->length -= (int64_t)*nread;
	return WB_OK;
}

/* peek() without the sink: *p points into the reader. */
static wb_err peek_raw(wb_resp *r, const char **p, size_t *n, wb_buf *msg)
{
	*p = NULL;
	*n = 0;
	if (!r->rd || r->is_head)
		return WB_OK;
	if (!r->chunked)
		return wb_rd_peek(r->rd, p, n, msg);
	int close = 0;
	wb_err e = wb_chunk_peek(r->ck, p, n, &close, msg);
	if (close) {
		wb_resp_close_conn(r);
		*n = 0;
	}
	return e;
}

wb_err wb_resp_peek(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
		    uint64_t *nread, wb_buf *msg)
{
	const char *p;
	size_t have;
	*nread = 0;
	wb_err e = peek_raw(r, &p, &have, msg);
	if (e != WB_OK || !have)
		return e;
	*nread = have;
	return sink ? sink(arg, p, have) : WB_OK;
}

/* IOBase.readline(), which chunked responses use: peek(1) to find how far
 * to read, then read(n), until LF. As in CPython the look-ahead is bounded
 * by limit, not by what the line still has room for. */
static wb_err readline_chunked(wb_resp *r, int64_t limit, body_sink *b,
			       uint64_t *nread, wb_buf *msg)
{
	wb_err e = WB_OK;
	while (limit < 0 || *nread < (uint64_t)limit) {
		const char *p;
		size_t have, ahead = 1;
		if ((e = peek_raw(r, &p, &have, msg)) != WB_OK)
			break;
		if (have) {
			size_t i = 0;
			while (i < have && (limit < 0 || i < (uint64_t)limit))
				if (p[i++] == '\n')
					break;
			ahead = i;
		}
		uint64_t got = 0;
		e = wb_resp_read(r, (int64_t)ahead, chunk_fn, b, &got, msg);
		*nread += got;
		if (e != WB_OK || !got || b->last == '\n')
			break;
	}
	return e;
}

wb_err wb_resp_readline(wb_resp *r, int64_t limit, wb_sink_fn sink,
			void *arg, uint64_t *nread, wb_buf *msg)
{
	body_sink b = { r, sink, arg, 0 };
	*nread = 0;
	if (!r->rd || r->is_head)
		return WB_OK;
	if (r->chunked)
		return readline_chunked(r, limit, &b, nread, msg);
	if (r->length >= 0 && (limit < 0 || limit > r->length))
		limit = r->length;
	wb_err e = wb_rd_readline(r->rd, limit, body_fn, &b, nread, msg);
	if (e != WB_OK)
		return e;
	/* 3.11 does not close when the length reaches 0 here */
	if (!*nread && limit)
		wb_resp_close_conn(r);
	else if (r->length >= 0 && r->length != INT64_MAX)
		r->length -= (int64_t)*nread;
	return WB_OK;
}
