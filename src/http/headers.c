/* headers.c - email.feedparser's header rules (see headers.h). */
#include "headers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct {
	size_t name_off, name_len, val_off, val_len;
} field;

struct wb_hdrs {
	wb_buf arena;  /* names and values; the open value is at the end */
	field *f;
	size_t n, cap;
	int open;      /* the last field may still get continuation lines */
	int stopped;
	size_t key_first[WB_HK__COUNT]; /* index + 1 of the first, or 0 */
	size_t key_count[WB_HK__COUNT];
};

static const struct {
	const char *name;
	size_t len;
} keys[WB_HK__COUNT] = {
	[WB_HK_TRANSFER_ENCODING] = { "transfer-encoding", 17 },
	[WB_HK_CONTENT_LENGTH] = { "content-length", 14 },
	[WB_HK_CONNECTION] = { "connection", 10 },
	[WB_HK_KEEP_ALIVE] = { "keep-alive", 10 },
	[WB_HK_PROXY_CONNECTION] = { "proxy-connection", 16 },
};

/* Which key a field name is, or -1: its length picks the one candidate,
 * one comparison tells. */
static int key_of(const char *s, size_t n)
{
	int k;
	switch (n) {
	case 17:
		k = WB_HK_TRANSFER_ENCODING;
		break;
	case 14:
		k = WB_HK_CONTENT_LENGTH;
		break;
	case 10:
		k = (s[0] | 0x20) == 'c' ? WB_HK_CONNECTION : WB_HK_KEEP_ALIVE;
		break;
	case 16:
		k = WB_HK_PROXY_CONNECTION;
		break;
	default:
		return -1;
	}
	return strncasecmp(s, keys[k].name, n) == 0 ? k : -1;
}

wb_hdrs *wb_hdrs_new(void)
{
	return wb_calloc(1, sizeof(wb_hdrs));
}

void wb_hdrs_reset(wb_hdrs *h)
{
	wb_buf_clear(&h->arena);
	h->n = 0;
	h->open = h->stopped = 0;
	memset(h->key_first, 0, sizeof h->key_first);
	memset(h->key_count, 0, sizeof h->key_count);
}

void wb_hdrs_free(wb_hdrs *h)
{
	if (!h)
		return;
	wb_buf_free(&h->arena);
	free(h->f);
	free(h);
}

int wb_hdrs_stopped(const wb_hdrs *h)
{
	return h->stopped;
}

static void add_note(wb_buf *note, const char *text)
{
	if (!note)
		return;
	if (note->n)
		wb_buf_adds(note, "; ");
	wb_buf_adds(note, text);
}

/* header_source_parse: the value loses its trailing CR and LF characters. */
static void close_field(wb_hdrs *h)
{
	if (!h->open)
		return;
	field *f = &h->f[h->n - 1];
	const char *v = h->arena.p + f->val_off;
	size_t n = f->val_len;
	/* the usual value ends in exactly one CRLF: two bytes off at once */
	if (n >= 3 && v[n - 1] == '\n' && v[n - 2] == '\r' && v[n - 3] != '\r' &&
	    v[n - 3] != '\n')
		n -= 2;
	else
		while (n && (v[n - 1] == '\r' || v[n - 1] == '\n'))
			n--;
	f->val_len = n;
	h->arena.n = f->val_off + f->val_len;
	h->open = 0;
}

/* Index of the first byte of s[0..n) that is ':' or outside \041-\176,
 * or n: a field name ends there, validly only at a colon. Sixteen bytes
 * a step where the line is long enough (most names fit in one step). */
static size_t name_end(const char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed: 0x80 and up are negative and fail like controls */
		__m128i ok = _mm_cmpgt_epi8(x, _mm_set1_epi8(0x20));
		__m128i no = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)),
					  _mm_cmpeq_epi8(x, _mm_set1_epi8(':')));
		unsigned m = ~(unsigned)_mm_movemask_epi8(_mm_andnot_si128(no, ok)) &
			     0xffff;
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x21 || c > 0x7E || c == ':')
			return i;
	}
	return n;
}

/* headerRE: 'From ', or [\041-\071\073-\176]* followed by ':', or SP/HT.
 * *colon is where the name ends when it is a field line. */
static int is_header_line(const char *s, size_t n, size_t *colon)
{
	*colon = 0;
	if (n >= 5 && memcmp(s, "From ", 5) == 0)
		return 1;
	if (n && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	/* a byte outside the name's set before the first colon (or no colon
	 * at all) is no field line */
	size_t e = name_end(s, n);
	if (e == n || s[e] != ':')
		return 0;
	*colon = e;
	return 1;
}

#ifdef __SSE2__
static unsigned breaks16(const char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	return (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\r')),
			     _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
}
#endif

/* Whether s[0..n) holds a CR or LF. Sixteen bytes a step, the tail as one
 * block overlapping the last step: a header line costs two or three
 * steps, no byte loop. */
static int has_break(const char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	if (n >= 16) {
		for (; i + 16 <= n; i += 16)
			if (breaks16(s + i))
				return 1;
		return i < n && breaks16(s + n - 16);
	}
#endif
	for (; i < n; i++)
		if (s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

static wb_err new_field(wb_hdrs *h, const char *s, size_t n, size_t colon)
{
	field *grown = wb_grow(h->f, &h->cap, h->n, sizeof *h->f);
	if (!grown)
		return WB_E_NOMEM;
	h->f = grown;
	size_t v = colon + 1;
	while (v < n && (s[v] == ' ' || s[v] == '\t'))
		v++;
	/* the line is kept whole, the value located in it: one copy */
	field *f = &h->f[h->n];
	f->name_off = h->arena.n;
	f->name_len = colon;
	f->val_off = h->arena.n + v;
	f->val_len = n - v;
	if (wb_buf_add(&h->arena, s, n) != WB_OK)
		return WB_E_NOMEM;
	h->n++;
	h->open = 1;
	int k = key_of(s, colon);
	if (k >= 0) {
		if (!h->key_count[k]++)
			h->key_first[k] = h->n;
	}
	return WB_OK;
}

static wb_err continuation(wb_hdrs *h, const char *s, size_t n, wb_buf *note)
{
	if (!h->open) {
		add_note(note, "continuation line without a field before it: "
			       "dropped by http.client");
		return WB_OK;
	}
	add_note(note, "obs-fold continuation line (RFC 9112 5.2): http.client "
		       "appends it to the value with its line break");
	h->f[h->n - 1].val_len += n;
	return wb_buf_add(&h->arena, s, n);
}

/* One line as email's _parse_headers sees it (terminator included). */
static wb_err email_line(wb_hdrs *h, const char *s, size_t n, int block_end,
			 wb_buf *note)
{
	if (h->stopped) {
		add_note(note, "ignored: http.client stopped parsing headers "
			       "at an earlier line");
		return WB_OK;
	}
	size_t colon;
	if (!is_header_line(s, n, &colon)) {
		close_field(h);
		h->stopped = 1;
		if (n && (s[0] == '\r' || s[0] == '\n')) {
			if (!block_end)
				add_note(note, "bare CR makes an empty line: "
					       "http.client ends the header "
					       "block here and ignores the rest");
		} else {
			add_note(note, "not a header field: http.client stops "
				       "parsing here and ignores this and "
				       "every later header line");
		}
		return WB_OK;
	}
	if (s[0] == ' ' || s[0] == '\t')
		return continuation(h, s, n, note);
	close_field(h);
	if (n >= 5 && memcmp(s, "From ", 5) == 0) {
		add_note(note, "mbox \"From \" line: dropped by http.client");
		return WB_OK;
	}
	if (colon == 0) {
		add_note(note, "empty field name: line dropped by http.client");
		return WB_OK;
	}
	return new_field(h, s, n, colon);
}

wb_err wb_hdrs_feed(wb_hdrs *h, const char *line, size_t n, wb_buf *note)
{
	int block_end = (n == 2 && line[0] == '\r' && line[1] == '\n') ||
			(n == 1 && line[0] == '\n');
	/* the usual line, one CRLF at its end, is one email line and needs
	 * no note: one scan tells */
	if (n >= 2 && line[n - 1] == '\n' && line[n - 2] == '\r' &&
	    !has_break(line, n - 2))
		return email_line(h, line, n, block_end, note);
	if (n && line[n - 1] == '\n' && (n < 2 || line[n - 2] != '\r'))
		add_note(note, "bare LF line ending (RFC 9112 wants CRLF)");
	const char *cr = memchr(line, '\r', n);
	if (cr && !(cr + 1 == line + n - 1 && line[n - 1] == '\n'))
		add_note(note, "bare CR: http.client splits the line there");
	/* the usual line, one CRLF at its end, is one email line */
	if (cr && cr + 2 == line + n && line[n - 1] == '\n' &&
	    !memchr(line, '\n', n - 2))
		return email_line(h, line, n, block_end, note);
	size_t i = 0;
	wb_err e = WB_OK;
	while (e == WB_OK && i < n) {
		size_t j = i;
		while (j < n && line[j] != '\r' && line[j] != '\n')
			j++;
		if (j < n)
			j += (line[j] == '\r' && j + 1 < n && line[j + 1] == '\n')
				     ? 2
				     : 1;
		e = email_line(h, line + i, j - i, block_end, note);
		i = j;
	}
	return e;
}

void wb_hdrs_end(wb_hdrs *h)
{
	close_field(h);
}

size_t wb_hdrs_count(const wb_hdrs *h)
{
	return h->n;
}

int wb_hdrs_get(const wb_hdrs *h, size_t i, const char **name,
		size_t *name_len, const char **value, size_t *value_len)
{
	if (i >= h->n)
		return 0;
	const field *f = &h->f[i];
	*name = h->arena.p + f->name_off;
	*name_len = f->name_len;
	*value = h->arena.p + f->val_off;
	*value_len = f->val_len;
	return 1;
}

static int name_is(const wb_hdrs *h, const field *f, const char *name,
		   size_t len)
{
	return len == f->name_len &&
	       strncasecmp(h->arena.p + f->name_off, name, len) == 0;
}

int wb_hdrs_first(const wb_hdrs *h, const char *name, const char **value,
		  size_t *value_len)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < h->n; i++) {
		if (name_is(h, &h->f[i], name, len)) {
			*value = h->arena.p + h->f[i].val_off;
			*value_len = h->f[i].val_len;
			return 1;
		}
	}
	return 0;
}

size_t wb_hdrs_count_name(const wb_hdrs *h, const char *name)
{
	size_t count = 0, len = strlen(name);
	for (size_t i = 0; i < h->n; i++)
		count += name_is(h, &h->f[i], name, len);
	return count;
}

int wb_hdrs_join(const wb_hdrs *h, const char *name, wb_buf *out)
{
	int found = 0;
	size_t len = strlen(name);
	for (size_t i = 0; i < h->n; i++) {
		if (!name_is(h, &h->f[i], name, len))
			continue;
		if (found++)
			wb_buf_adds(out, ", ");
		wb_buf_add(out, h->arena.p + h->f[i].val_off, h->f[i].val_len);
	}
	return found > 0;
}

int wb_hdrs_first_key(const wb_hdrs *h, wb_hkey k, const char **value,
		      size_t *value_len)
{
	size_t i = h->key_first[k];
	if (!i)
		return 0;
	*value = h->arena.p + h->f[i - 1].val_off;
	*value_len = h->f[i - 1].val_len;
	return 1;
}

size_t wb_hdrs_count_key(const wb_hdrs *h, wb_hkey k)
{
	return h->key_count[k];
}
