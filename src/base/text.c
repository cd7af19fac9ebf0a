/* text.c - Python text semantics: UTF-8 decoding, codecs, repr(). */
#include "text.h"

#include <string.h>

#include "escape.h"

static int cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

uint32_t wb_text_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = n - *i;
	uint32_t c = u[0];
	size_t len = 1;
	if (c == 0xC0 && left >= 2 && u[1] == 0x80) {
		c = 0; /* U+0000 kept out of C strings */
		len = 2;
	} else if (c >= 0xC2 && c <= 0xDF && left >= 2 && cont(u[1])) {
		c = ((c & 0x1Fu) << 6) | (u[1] & 0x3Fu);
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF && left >= 3 && cont(u[1]) &&
		   cont(u[2])) {
		uint32_t v = ((c & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
			     (u[2] & 0x3Fu);
		if (v >= 0x800) {
			c = v;
			len = 3;
		}
	} else if (c >= 0xF0 && c <= 0xF4 && left >= 4 && cont(u[1]) &&
		   cont(u[2]) && cont(u[3])) {
		uint32_t v = ((c & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
			     ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
		if (v >= 0x10000 && v <= 0x10FFFF) {
			c = v;
			len = 4;
		}
	}
	*i += len;
	return c;
}

size_t wb_text_len(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; count++)
		wb_text_next(s, n, &i);
	return count;
}

wb_err wb_text_put(wb_buf *out, uint32_t c)
{
	char t[4];
	size_t len;
	if (c == 0) {
		t[0] = (char)0xC0;
		t[1] = (char)0x80;
		len = 2;
	} else if (c < 0x80) {
		t[0] = (char)c;
		len = 1;
	} else if (c < 0x800) {
		t[0] = (char)(0xC0 | (c >> 6));
		t[1] = (char)(0x80 | (c & 0x3F));
		len = 2;
	} else if (c < 0x10000) {
		t[0] = (char)(0xE0 | (c >> 12));
		t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		t[2] = (char)(0x80 | (c & 0x3F));
		len = 3;
	} else {
		t[0] = (char)(0xF0 | (c >> 18));
		t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		t[3] = (char)(0x80 | (c & 0x3F));
		len = 4;
	}
	return wb_buf_add(out, t, len);
}

size_t wb_text_ascii_run(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (x & 0x8080808080808080ull)
			break;
	}
	while (i < n && !((unsigned char)s[i] & 0x80))
		i++;
	return i;
}

wb_err wb_text_from_latin1(wb_buf *out, const void *p, size_t n)
{
	const unsigned char *u = p;
	size_t run = wb_text_ascii_run(p, n);
	if (run && wb_buf_add(out, p, run) != WB_OK)
		return WB_E_NOMEM;
	for (size_t i = run; i < n; i++) {
		wb_err e = wb_text_put(out, u[i]);
		if (e)
			return e;
	}
	return WB_OK;
}

static wb_err encode_error(wb_buf *msg, const char *codec, uint32_t first,
			   size_t start, size_t end, unsigned max)
{
	if (!msg)
		return WB_E_UNICODE_ENCODE;
	wb_buf_printf(msg, "'%s' codec can't encode ", codec);
	if (end == start + 1) {
		if (first < 0x100)
			wb_buf_printf(msg, "character '\\x%02x'", first);
		else if (first < 0x10000)
			wb_buf_printf(msg, "character '\\u%04x'", first);
		else
			wb_buf_printf(msg, "character '\\U%08x'", first);
		wb_buf_printf(msg, " in position %zu", start);
	} else {
		wb_buf_printf(msg, "characters in position %zu-%zu", start,
			      end - 1);
	}
	wb_buf_printf(msg, ": ordinal not in range(%u)", max + 1);
	return WB_E_UNICODE_ENCODE;
}

wb_err wb_text_encode(const char *s, size_t n, const char *codec,
		      wb_buf *out, wb_buf *msg, size_t bad[2])
{
	unsigned max = strcmp(codec, "ascii") == 0 ? 0x7F : 0xFF;
	size_t pos = wb_text_ascii_run(s, n);
	if (pos && wb_buf_add(out, s, pos) != WB_OK)
		return WB_E_NOMEM;
	for (size_t i = pos; i < n; pos++) {
		uint32_t c = wb_text_next(s, n, &i);
		if (c <= max) {
			wb_err e = wb_buf_addc(out, (char)c);
			if (e)
				return e;
			continue;
		}
		size_t end = pos + 1;
		while (i < n) {
			size_t j = i;
			if (wb_text_next(s, n, &j) <= max)
				break;
			i = j;
			end++;
		}
		if (bad) {
			bad[0] = pos;
			bad[1] = end;
		}
		return encode_error(msg, codec, c, pos, end, max);
	}
	return WB_OK;
}

static int choose_quote(const char *s, size_t n)
{
	if (n == 0)
		return '\'';
	int sq = memchr(s, '\'', n) != NULL;
	int dq = memchr(s, '"', n) != NULL;
	return (sq && !dq) ? '"' : '\'';
}

static wb_err repr_common(wb_buf *out, uint32_t c, int quote)
{
	switch (c) {
	case '\\':
		return wb_buf_adds(out, "\\\\");
	case '\t':
		return wb_buf_adds(out, "\\t");
	case '\n':
		return wb_buf_adds(out, "\\n");
	case '\r':
		return wb_buf_adds(out, "\\r");
	default:
		break;
	}
	if (c == (uint32_t)quote)
		return wb_buf_printf(out, "\\%c", quote);
	return WB_E_VALUE; /* not handled here */
}

wb_err wb_text_repr_bytes(wb_buf *out, const void *p, size_t n)
{
	const unsigned char *u = p;
	int q = choose_quote(p, n);
	wb_buf_printf(out, "b%c", q);
	for (size_t i = 0; i < n; i++) {
		if (repr_common(out, u[i], q) == WB_OK)
			continue;
		if (u[i] < 0x20 || u[i] >= 0x7F)
			wb_buf_printf(out, "\\x%02x", u[i]);
		else
			wb_buf_addc(out, (char)u[i]);
	}
	return wb_buf_addc(out, (char)q);
}

/* Python's str.isprintable() for the code points that matter here. */
static int printable(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD)
		return 0;
	if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
	    (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF)
		return 0;
	if ((c >= 0xD800 && c <= 0xF8FF) || c >= 0xF0000)
		return 0;
	return 1;
}

static wb_err repr_char(wb_buf *out, uint32_t c, int q)
{
	if (repr_common(out, c, q) == WB_OK)
		return WB_OK;
	if (printable(c))
		return wb_text_put(out, c);
	if (c < 0x100)
		return wb_buf_printf(out, "\\x%02x", c);
	if (c < 0x10000)
		return wb_buf_printf(out, "\\u%04x", c);
	return wb_buf_printf(out, "\\U%08x", c);
}

wb_err wb_text_repr_range(wb_buf *out, const char *s, size_t n, size_t start,
			  size_t end, size_t max)
{
	wb_buf tmp = WB_BUF_INIT;
	size_t a = 0, pos = 0, i = 0;
	while (i < n && pos < start) {
		wb_text_next(s, n, &i);
		pos++;
	}
	a = i;
	while (i < n && pos < end) {
		wb_text_next(s, n, &i);
		pos++;
	}
	int q = choose_quote(s + a, i - a);
	wb_buf_addc(&tmp, (char)q);
	for (size_t j = a; j < i;)
		repr_char(&tmp, wb_text_next(s, n, &j), q);
	wb_buf_addc(&tmp, (char)q);
	size_t keep = tmp.n;
	if (max) { /* cut to max code points, as "%.20r" does */
		size_t k = 0, cps = 0;
		while (k < tmp.n && cps < max) {
			wb_text_next(tmp.p, tmp.n, &k);
			cps++;
		}
		keep = k;
	}
	wb_err e = wb_buf_add(out, tmp.p, keep);
	wb_buf_free(&tmp);
	return e;
}

wb_err wb_text_repr_char(wb_buf *out, const char *at)
{
	size_t n = strlen(at), len = 0;
	if (n)
		wb_text_next(at, n, &len);
	return wb_text_repr(out, at, len);
}

wb_err wb_text_repr(wb_buf *out, const char *s, size_t n)
{
	return wb_text_repr_range(out, s, n, 0, (size_t)-1, 0);
}

const char *wb_text_find_ctl(const char *s, uint32_t max, uint32_t also)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		if (b > max && b < 0x80 && b != also) { /* ASCII, no decoding */
			i++;
			continue;
		}
		size_t at = i;
		uint32_t c = wb_text_next(s, n, &i);
		if (c <= max || c == also)
			return s + at;
	}
	return NULL;
}

int wb_text_unsafe_cp(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
		return 1;
	return c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static wb_err safe_escape(wb_buf *out, uint32_t c)
{
	switch (c) {
	case '\r':
		return wb_buf_adds(out, "\\r");
	case '\n':
		return wb_buf_adds(out, "\\n");
	case '\t':
		return wb_buf_adds(out, "\\t");
	default:
		break;
	}
	if (c < 0x100)
		return wb_buf_printf(out, "\\x%02x", c);
	return wb_buf_printf(out, "\\u%04x", c);
}

/* A stray byte (or C0 80) is re-encoded; valid UTF-8 is copied whole. */
static int stray(size_t len, uint32_t c)
{
	return c == 0 || (c >= 0x80 && len == 1);
}

wb_err wb_text_safe(wb_buf *out, const char *s, size_t n, unsigned flags)
{
	wb_err e = WB_OK;
	for (size_t i = 0; i < n && !e;) {
		/* printable ASCII is most text: copied a run at a time */
		size_t run = wb_escape_plain_run(s + i, n - i);
		if (run) {
			e = wb_buf_add(out, s + i, run);
			i += run;
			continue;
		}
		size_t at = i;
		uint32_t c = wb_text_next(s, n, &i);
		if (c == '\n' && (flags & WB_SAFE_KEEP_NL))
			e = wb_buf_addc(out, '\n');
		else if (wb_text_unsafe_cp(c))
			e = safe_escape(out, c);
		else if (stray(i - at, c))
			e = wb_text_put(out, c);
		else
			e = wb_buf_add(out, s + at, i - at);
	}
	if (!e && !out->p) /* an empty result is still a C string */
		e = wb_buf_adds(out, "");
	return e;
}

int wb_text_is_safe(const char *s, size_t n, unsigned flags)
{
	for (size_t i = 0; i < n;) {
		i += wb_escape_plain_run(s + i, n - i);
		if (i == n)
			break;
		size_t at = i;
		uint32_t c = wb_text_next(s, n, &i);
		if (c == '\n' && (flags & WB_SAFE_KEEP_NL))
			continue;
		if (wb_text_unsafe_cp(c) || stray(i - at, c))
			return 0;
	}
	return 1;
}
