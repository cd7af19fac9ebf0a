/* reader.c - io.BufferedReader's read sizes over a transport (see reader.h). */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

/* A direct read (Python reads straight into the result object, up to
 * gigabytes) goes through this much scratch at most: memory stays bounded
 * and a transport read rarely returns more. */
#define RD_SCRATCH_MAX (256u << 10)

struct wb_rd {
	wb_transport *t;
	wb_tap *tap;
	char *scratch;
	size_t scratch_cap;
	size_t pos, end; /* buf[pos..end) is buffered */
	int eof_noted;
	int timed_out;   /* socket.SocketIO refuses reads after a timeout */
	wb_rd_place_fn place;
	void *place_arg;
	char buf[WB_RD_BUFSIZE];
};

wb_rd *wb_rd_new(wb_transport *t, wb_tap *tap)
{
	/* malloc, not calloc: zeroing the 8 KiB buffer costs more than the
	 * rest of a small response */
	wb_rd *r = wb_malloc(sizeof *r);
	if (r) {
		r->t = t;
		r->tap = tap;
		r->scratch = NULL;
		r->scratch_cap = 0;
		r->pos = r->end = 0;
		r->eof_noted = r->timed_out = 0;
		r->place = NULL;
		r->place_arg = NULL;
	}
	return r;
}

void wb_rd_retire(wb_rd *r)
{
	size_t left = r->end - r->pos;
	if (left && r->tap)
		wb_tap_add_ex(r->tap, WB_DIR_IN, WB_FK_DISCARDED, WB_FS_WIRE,
			      r->buf + r->pos, left, -1, 0,
			      "received after the response but dropped: "
			      "http.client loses what its reader buffered");
	r->pos = r->end = 0;
}

void wb_rd_restart(wb_rd *r, wb_transport *t, wb_tap *tap)
{
	r->t = t;
	r->tap = tap;
	r->pos = r->end = 0;
	r->eof_noted = r->timed_out = 0;
	r->place = NULL;
	r->place_arg = NULL;
}

void wb_rd_set_place(wb_rd *r, wb_rd_place_fn fn, void *arg)
{
	r->place = fn;
	r->place_arg = arg;
}

void wb_rd_free(wb_rd *r)
{
	if (!r)
		return;
	wb_rd_retire(r);
	free(r->scratch);
	free(r);
}

size_t wb_rd_buffered(const wb_rd *r)
{
	return r->end - r->pos;
}

wb_err wb_rd_append(void *line, const char *p, size_t n)
{
	return wb_buf_add(line, p, n);
}

/* One transport read of at most n bytes into p; *got 0 at EOF. */
static wb_err raw_read(wb_rd *r, char *p, size_t n, size_t *got, wb_buf *msg)
{
	*got = 0;
	if (r->timed_out) {
		wb_buf_adds(msg, "cannot read from timed out object");
		return WB_E_OS;
	}
	wb_err e = r->t->ops->recv(r->t, p, n, got);
	if (e != WB_OK) {
		if (e == WB_E_TIMEOUT)
			r->timed_out = 1;
		wb_buf_add(msg, r->t->msg.p, r->t->msg.n);
		wb_buf_clear(&r->t->msg);
		return e;
	}
	if (*got == 0 && !r->eof_noted && r->tap) {
		r->eof_noted = 1;
		wb_tap_note(r->tap, WB_FK_EOF_, "peer closed the connection");
	}
	return WB_OK;
}

/* Reads into the buffer after its current end, as _bufferedreader_fill_buffer. */
static wb_err fill(wb_rd *r, size_t *got, wb_buf *msg)
{
	wb_err e = raw_read(r, r->buf + r->end, WB_RD_BUFSIZE - r->end, got,
			    msg);
	r->end += *got;
	return e;
}

static void reset(wb_rd *r)
{
	r->pos = r->end = 0;
}

/* Consumes n buffered bytes through fn. */
static wb_err take(wb_rd *r, size_t n, wb_rd_fn fn, void *arg, uint64_t *got)
{
	if (!n)
		return WB_OK;
	const char *p = r->buf + r->pos;
	r->pos += n;
	*got += n;
	return fn(arg, p, n);
}

/* A read Python makes straight into its result: one transport read of up
 * to n bytes, handed to fn. Returns the count in *n_got (0 at EOF). With
 * may_shorten the read may ask for less (a loop reads the rest; what is
 * read from the socket stays the same), else the size is what read1()
 * returns and stays n. */
static wb_err direct_read(wb_rd *r, size_t n, int may_shorten, wb_rd_fn fn,
			  void *arg, uint64_t *got, size_t *n_got, wb_buf *msg)
{
	char *p = r->buf;
	size_t room = 0;
	reset(r);
	if (n > WB_RD_BUFSIZE && r->place &&
	    (p = r->place(r->place_arg, n, &room)) &&
	    room >= (may_shorten ? WB_RD_BUFSIZE : n)) {
		n = room < n ? room : n; /* straight into the consumer's span */
	} else if (n > WB_RD_BUFSIZE) {
		if (n > RD_SCRATCH_MAX)
			n = RD_SCRATCH_MAX;
		if (r->scratch_cap < n) {
			char *s = wb_realloc(r->scratch, n);
			if (!s)
				return WB_E_NOMEM;
			r->scratch = s;
			r->scratch_cap = n;
		}
		p = r->scratch;
	}
	wb_err e = raw_read(r, p, n, n_got, msg);
	if (e != WB_OK || !*n_got)
		return e;
	*got += *n_got;
	return fn(arg, p, *n_got);
}

/* Scans buf[pos..pos+n) for LF; returns the length up to and including it,
 * or 0 when there is none. */
static size_t line_len(const wb_rd *r, size_t n)
{
	const char *s = memchr(r->buf + r->pos, '\n', n);
	return s ? (size_t)(s - (r->buf + r->pos)) + 1 : 0;
}

static size_t clip(size_t n, int64_t limit)
{
	return (limit >= 0 && (uint64_t)limit < n) ? (size_t)limit : n;
}

wb_err wb_rd_readline(wb_rd *r, int64_t limit, wb_rd_fn fn, void *arg,
		      uint64_t *got, wb_buf *msg)
{
	*got = 0;
	size_t n = clip(r->end - r->pos, limit);
	size_t ll = line_len(r, n);
	if (ll)
		return take(r, ll, fn, arg, got);
	if (limit >= 0 && (uint64_t)limit == n)
		return take(r, n, fn, arg, got);
	wb_err e = take(r, n, fn, arg, got);
	if (limit >= 0)
		limit -= (int64_t)n;
	while (e == WB_OK) {
		size_t r_got;
		reset(r);
		e = fill(r, &r_got, msg);
		if (e != WB_OK || !r_got)
			break;
		n = clip(r_got, limit);
		ll = line_len(r, n);
		if (ll)
			return take(r, ll, fn, arg, got);
		e = take(r, n, fn, arg, got);
		if (limit >= 0 && (uint64_t)limit == n)
			break;
		if (limit >= 0)
			limit -= (int64_t)n;
	}
	return e;
}

wb_err wb_rd_readline_view(wb_rd *r, int64_t limit, const char **p,
			   size_t *n, wb_buf *spill, wb_buf *msg)
{
	size_t have = clip(r->end - r->pos, limit);
	size_t take = line_len(r, have);
	if (!take && limit >= 0 && (uint64_t)limit == have)
		take = have;
	if (take || (limit == 0)) { /* what readline would take at once */
		*p = r->buf + r->pos;
		*n = take;
		r->pos += take;
		return WB_OK;
	}
	uint64_t got;
	wb_buf_clear(spill);
	wb_err e = wb_rd_readline(r, limit, wb_rd_append, spill, &got, msg);
	*p = spill->p ? spill->p : "";
	*n = spill->n;
	return e;
}

/* readall(): what is buffered, then 8192-byte reads until EOF. */
static wb_err read_all(wb_rd *r, wb_rd_fn fn, void *arg, uint64_t *got,
		       wb_buf *msg)
{
	wb_err e = take(r, r->end - r->pos, fn, arg, got);
	size_t n_got = 1;
	while (e == WB_OK && n_got)
		e = direct_read(r, WB_RD_BUFSIZE, 1, fn, arg, got, &n_got, msg);
	return e;
}

/* The buffered tail of _bufferedreader_read_generic: fills accumulate in
 * the buffer until `remaining` is met, the rest stays buffered. */
static wb_err read_tail(wb_rd *r, size_t remaining, wb_rd_fn fn, void *arg,
			uint64_t *got, wb_buf *msg)
{
	wb_err e = WB_OK;
	reset(r);
	while (e == WB_OK && remaining > 0 && r->end < WB_RD_BUFSIZE) {
		size_t r_got;
		e = fill(r, &r_got, msg);
		if (e != WB_OK || !r_got)
			break;
		size_t n = r_got < remaining ? r_got : remaining;
		remaining -= n;
		e = take(r, n, fn, arg, got);
	}
	return e;
}

wb_err wb_rd_read(wb_rd *r, int64_t n, wb_rd_fn fn, void *arg, uint64_t *got,
		  wb_buf *msg)
{
	*got = 0;
	if (n < 0)
		return read_all(r, fn, arg, got, msg);
	size_t have = r->end - r->pos;
	if ((uint64_t)n <= have)
		return take(r, (size_t)n, fn, arg, got);
	uint64_t remaining = (uint64_t)n - have;
	wb_err e = take(r, have, fn, arg, got);
	reset(r);
	/* whole blocks go straight to the caller, as MINUS_LAST_BLOCK does */
	while (e == WB_OK && remaining >= WB_RD_BUFSIZE) {
		uint64_t blk = remaining - remaining % WB_RD_BUFSIZE;
		size_t want = blk > RD_SCRATCH_MAX ? RD_SCRATCH_MAX : (size_t)blk;
		size_t n_got;
		e = direct_read(r, want, 1, fn, arg, got, &n_got, msg);
		if (e != WB_OK || !n_got)
			return e;
		remaining -= n_got;
	}
	if (e != WB_OK)
		return e;
	return read_tail(r, (size_t)remaining, fn, arg, got, msg);
}

wb_err wb_rd_read1(wb_rd *r, int64_t n, wb_rd_fn fn, void *arg,
		   uint64_t *got, wb_buf *msg)
{
	*got = 0;
	if (n < 0)
		n = WB_RD_BUFSIZE;
	if (n == 0)
		return WB_OK;
	size_t have = r->end - r->pos;
	if (have)
		return take(r, clip(have, n), fn, arg, got);
	size_t want = (uint64_t)n > RD_SCRATCH_MAX ? RD_SCRATCH_MAX : (size_t)n;
	size_t n_got;
	return direct_read(r, want, 0, fn, arg, got, &n_got, msg);
}

wb_err wb_rd_peek(wb_rd *r, const char **p, size_t *n, wb_buf *msg)
{
	wb_err e = WB_OK;
	if (r->pos == r->end) {
		size_t r_got;
		reset(r);
		e = fill(r, &r_got, msg);
	}
	*p = r->buf + r->pos;
	*n = r->end - r->pos;
	return e;
}
