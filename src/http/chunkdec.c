/* chunkdec.c - chunked decoding (see chunkdec.h). */
#include "chunkdec.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "base/pyint.h"

#define MAXLINE 65536 /* http.client._MAXLINE */

struct wb_chunk {
	wb_rd *rd;
	wb_tap *tap;
	int has_left;       /* Python's chunk_left is not None */
	int64_t left;       /* bytes left in the current chunk */
	unsigned chunk_no;  /* chunks whose size line was read */
	uint64_t ir_partial; /* the last IncompleteRead, for read1 */
	int64_t ir_expected; /* -1: no "more expected" part */
	wb_buf line;
};

/* Forwards chunk data to the caller and records it in the tap. */
typedef struct {
	wb_chunk *c;
	wb_rd_fn fn;
	void *arg;
} data_sink;

wb_chunk *wb_chunk_new(wb_rd *rd, wb_tap *tap)
{
	wb_chunk *c = wb_calloc(1, sizeof *c);
	if (c) {
		c->rd = rd;
		c->tap = tap;
	}
	return c;
}

void wb_chunk_free(wb_chunk *c)
{
	if (!c)
		return;
	wb_buf_free(&c->line);
	free(c);
}

static void frame(wb_chunk *c, wb_fkind k, const char *p, size_t n,
		  int64_t size, const char *note)
{
	if (c->tap)
		wb_tap_add_ex(c->tap, WB_DIR_IN, k, WB_FS_WIRE, p, n, size,
			      c->chunk_no, note);
}

static wb_err data_fn(void *arg, const char *p, size_t n)
{
	data_sink *d = arg;
	frame(d->c, WB_FK_CHUNK_DATA, p, n, -1, NULL);
	return d->fn ? d->fn(d->arg, p, n) : WB_OK;
}

static wb_err incomplete(wb_chunk *c, uint64_t partial, int64_t expected)
{
	c->ir_partial = partial;
	c->ir_expected = expected;
	return WB_E_INCOMPLETE_READ;
}

/* _safe_read(amt): amt bytes, or IncompleteRead; -1 reads to EOF and
 * smaller sizes are BufferedReader's ValueError. */
static wb_err safe_read(wb_chunk *c, int64_t amt, wb_rd_fn fn, void *arg,
			uint64_t *got, wb_buf *msg)
{
	*got = 0;
	if (amt < -1) {
		wb_buf_adds(msg, "read length must be non-negative or -1");
		return WB_E_VALUE;
	}
	data_sink d = { c, fn, arg };
	wb_err e = wb_rd_read(c->rd, amt, data_fn, &d, got, msg);
	if (e == WB_OK && amt >= 0 && *got < (uint64_t)amt)
		return incomplete(c, *got, amt - (int64_t)*got);
	return e;
}

/* Reads the two octets after a chunk's data; http.client never checks
 * they are CRLF. */
static wb_err toss_crlf(wb_chunk *c, wb_buf *msg)
{
	uint64_t got = 0;
	wb_buf_clear(&c->line);
	wb_err e = wb_rd_read(c->rd, 2, wb_rd_append, &c->line, &got, msg);
	if (got) {
		int ok = got == 2 && memcmp(c->line.p, "\r\n", 2) == 0;
		frame(c, WB_FK_CHUNK_CRLF, c->line.p, got, -1,
		      ok ? NULL
			 : "chunk data not followed by CRLF: http.client "
			   "discards these 2 octets unchecked");
	}
	if (e == WB_OK && got < 2)
		return incomplete(c, got, 2 - (int64_t)got);
	return e;
}

/* readline(_MAXLINE + 1) into c->line; LineTooLong(what) past the limit. */
static wb_err read_line(wb_chunk *c, wb_fkind kind, const char *what,
			wb_buf *msg)
{
	uint64_t got;
	wb_buf_clear(&c->line);
	wb_err e = wb_rd_readline(c->rd, MAXLINE + 1, wb_rd_append, &c->line,
				  &got, msg);
	if (e == WB_OK && c->line.n > MAXLINE) {
		frame(c, kind, c->line.p, c->line.n, -1,
		      "line longer than 65536 octets: LineTooLong");
		wb_buf_printf(msg, "got more than %d bytes when reading %s",
			      MAXLINE, what);
		return WB_E_LINE_TOO_LONG;
	}
	return e;
}

static int is_space(char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* Why a chunk-size line http.client accepted breaks RFC 9112, if it does. */
static void size_warnings(const char *s, size_t n, size_t cut,
			  const wb_pyint *v, wb_buf *note)
{
	static const char *const sep = "; ";
	size_t body = n;
	if (body && s[body - 1] == '\n')
		body -= (body > 1 && s[body - 2] == '\r') ? 2 : 1;
	if (v->flags & (WB_PYINT_SIGN | WB_PYINT_PREFIX | WB_PYINT_UNDERSCORE))
		wb_buf_adds(note, "chunk size with sign, 0x or _ "
				  "(accepted by Python int(), not RFC 9112)");
	if ((body && is_space(s[0])) || (cut == n && body && is_space(s[body - 1])))
		wb_buf_printf(note, "%swhitespace around the chunk size",
			      note->n ? sep : "");
	if (v->overflow)
		wb_buf_printf(note, "%schunk size beyond 64 bits",
			      note->n ? sep : "");
	if (n && s[n - 1] == '\n' && (n < 2 || s[n - 2] != '\r'))
		wb_buf_printf(note, "%sbare LF line ending", note->n ? sep : "");
	else if (!n || s[n - 1] != '\n')
		wb_buf_printf(note, "%sno line ending before EOF",
			      note->n ? sep : "");
}

/* _read_next_chunk_size(): -1 in *bad for a size int() rejects. */
static wb_err read_size(wb_chunk *c, int64_t *size, int *bad, wb_buf *msg)
{
	*bad = 0;
	wb_err e = read_line(c, WB_FK_CHUNK_SIZE, "chunk size", msg);
	if (e != WB_OK)
		return e;
	const char *s = c->line.p;
	size_t n = c->line.n;
	const char *semi = n ? memchr(s, ';', n) : NULL;
	size_t cut = semi ? (size_t)(semi - s) : n;
	wb_pyint v;
	if (wb_pyint_parse(s, cut, 16, WB_PYINT_BYTES, &v) < 0) {
		*bad = 1;
		if (n)
			frame(c, WB_FK_CHUNK_SIZE, s, n, -1,
			      "invalid chunk size: http.client closes the "
			      "response with IncompleteRead");
		return WB_OK;
	}
	wb_buf note = WB_BUF_INIT;
	size_warnings(s, n, cut, &v, &note);
	*size = v.value;
	c->chunk_no++;
	frame(c, v.value ? WB_FK_CHUNK_SIZE : WB_FK_LAST_CHUNK, s, n, v.value,
	      note.n ? note.p : NULL);
	wb_buf_free(&note);
	return WB_OK;
}

/* _read_and_discard_trailer(): lines up to an empty one or EOF. */
static wb_err read_trailers(wb_chunk *c, wb_buf *msg)
{
	for (;;) {
		wb_err e = read_line(c, WB_FK_TRAILER, "trailer line", msg);
		if (e != WB_OK || !c->line.n)
			return e;
		const char *s = c->line.p;
		size_t n = c->line.n;
		int crlf = n == 2 && s[0] == '\r' && s[1] == '\n';
		if (crlf || (n == 1 && s[0] == '\n')) {
			frame(c, WB_FK_END_TRAILERS, s, n, -1,
			      crlf ? NULL : "bare LF line ending");
			return WB_OK;
		}
		frame(c, WB_FK_TRAILER, s, n, -1,
		      "trailer field: http.client reads and discards it");
	}
}

int wb_chunk_left(const wb_chunk *c, int64_t *left)
{
	*left = c->has_left ? c->left : 0;
	return c->has_left;
}

/* _get_chunk_left(): *none when the body ended (then *close is set). */
static wb_err chunk_left(wb_chunk *c, int64_t *left, int *none, int *close,
			 wb_buf *msg)
{
	*none = 0;
	if (c->has_left && c->left) {
		*left = c->left;
		return WB_OK;
	}
	wb_err e = c->has_left ? toss_crlf(c, msg) : WB_OK;
	int64_t size = 0;
	int bad;
	if (e == WB_OK)
		e = read_size(c, &size, &bad, msg);
	if (e != WB_OK)
		return e;
	if (bad) {
		*close = 1;
		return incomplete(c, 0, -1);
	}
	if (size == 0) {
		e = read_trailers(c, msg);
		if (e != WB_OK)
			return e;
		*close = 1;
		*none = 1;
		c->has_left = 0;
		return WB_OK;
	}
	c->has_left = 1;
	c->left = *left = size;
	return WB_OK;
}

static void ir_message(wb_buf *msg, uint64_t partial, int64_t expected)
{
	if (expected >= 0)
		wb_buf_printf(msg, "IncompleteRead(%" PRIu64 " bytes read, %"
			      PRId64 " more expected)", partial, expected);
	else
		wb_buf_printf(msg, "IncompleteRead(%" PRIu64 " bytes read)",
			      partial);
}

/* a - b for Python ints that a chunk size may have made astronomically
 * negative (int("-1BBB...", 16)): saturated where int64_t ends, which
 * keeps every later comparison Python makes. */
static int64_t sat_sub(int64_t a, int64_t b)
{
	int64_t r;
	if (!__builtin_sub_overflow(a, b, &r))
		return r;
	return b < 0 ? INT64_MAX : INT64_MIN;
}

/* One step of _read_chunked's loop; *stop ends the loop. */
static wb_err read_step(wb_chunk *c, int64_t *amt, wb_rd_fn fn, void *arg,
			uint64_t *count, int *stop, int *close, wb_buf *msg)
{
	int64_t left;
	int none;
	uint64_t got;
	wb_err e = chunk_left(c, &left, &none, close, msg);
	if (e != WB_OK || none) {
		*stop = 1;
		return e;
	}
	if (*amt >= 0 && *amt <= left) {
		*stop = 1;
		e = safe_read(c, *amt, fn, arg, &got, msg);
		if (e == WB_OK) {
			*count += got;
			c->left = left - *amt;
		}
		return e;
	}
	e = safe_read(c, left, fn, arg, &got, msg);
	if (e != WB_OK)
		return e;
	*count += got;
	if (*amt >= 0)
		*amt = sat_sub(*amt, left);
	c->left = 0;
	return WB_OK;
}

wb_err wb_chunk_read(wb_chunk *c, int64_t amt, wb_rd_fn fn, void *arg,
		     uint64_t *nread, int *close, wb_buf *msg)
{
	int stop = 0;
	wb_err e = WB_OK;
	*nread = 0;
	*close = 0;
	while (e == WB_OK && !stop)
		e = read_step(c, &amt, fn, arg, nread, &stop, close, msg);
	if (e == WB_E_INCOMPLETE_READ) /* re-raised with this call's data */
		ir_message(msg, *nread, -1);
	else if (e == WB_E_VALUE)
		*nread = 0;
	return e;
}

wb_err wb_chunk_read1(wb_chunk *c, int64_t n, wb_rd_fn fn, void *arg,
		      uint64_t *nread, int *close, wb_buf *msg)
{
	int64_t left;
	int none;
	*nread = 0;
	*close = 0;
	wb_err e = chunk_left(c, &left, &none, close, msg);
	if (e == WB_E_INCOMPLETE_READ)
		ir_message(msg, c->ir_partial, c->ir_expected);
	if (e != WB_OK || none || n == 0)
		return e;
	if (!(n >= 0 && n <= left))
		n = left;
	data_sink d = { c, fn, arg };
	e = wb_rd_read1(c->rd, n, data_fn, &d, nread, msg);
	c->left = sat_sub(c->left, (int64_t)*nread);
	if (e == WB_OK && !*nread) {
		ir_message(msg, 0, -1);
		return WB_E_INCOMPLETE_READ;
	}
	return e;
}

wb_err wb_chunk_peek(wb_chunk *c, const char **p, size_t *n, int *close,
		     wb_buf *msg)
{
	int64_t left;
	int none;
	*p = NULL;
	*n = 0;
	*close = 0;
	wb_err e = chunk_left(c, &left, &none, close, msg);
	if (e == WB_E_INCOMPLETE_READ)
		return WB_OK; /* "peek doesn't worry about protocol" */
	if (e != WB_OK || none)
		return e;
	e = wb_rd_peek(c->rd, p, n, msg);
	if (left > 0 && (uint64_t)left < *n)
		*n = (size_t)left;
	else if (left < 0) /* Python's [:left] slice drops |left| at the end */
		*n = (uint64_t)0 - (uint64_t)left < *n
			     ? *n - (size_t)((uint64_t)0 - (uint64_t)left)
			     : 0;
	return e;
}
