/* escape.c - escaping bytes for the transcript (see escape.h). */
#include "escape.h"

#include <stdint.h>
#include <string.h>

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static int plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '\\';
}

/* Nonzero when any of the eight bytes of x needs an escape: below 0x20,
 * above 0x7e, or a backslash. Each test is exact for "any byte", which is
 * all the caller asks. */
static uint64_t word_needs_escape(uint64_t x)
{
	uint64_t low = (x - ONES * 0x20) & ~x;          /* byte < 0x20 */
	uint64_t high = (x + ONES * (0x7f - 0x7e)) | x; /* byte > 0x7e */
	uint64_t bs = x ^ (ONES * '\\');
	uint64_t is_bs = (bs - ONES) & ~bs;             /* byte == '\\' */
	return (low | high | is_bs) & HIGHS;
}

/* Index of the first flagged byte of a nonzero mask. Borrows and carries
 * only run towards later bytes, so the first flag is exact even where the
 * later ones are not. */
static size_t first_flag(uint64_t m)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(m) / 8;
#else
	return (size_t)__builtin_clzll(m) / 8;
#endif
}

size_t wb_escape_plain_run(const char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x, m;
		memcpy(&x, p + i, 8);
		if ((m = word_needs_escape(x)))
			return i + first_flag(m);
	}
	if (i == n)
		return n;
	if (n < 8 || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__) {
		while (i < n && plain((unsigned char)p[i]))
			i++;
		return i;
	}
	/* the tail: the last eight bytes, shifted so the tail comes first;
	 * the NULs shifted in count as needing an escape */
	uint64_t x;
	memcpy(&x, p + n - 8, 8);
	x >>= 8 * (8 - (n - i));
	return i + first_flag(word_needs_escape(x));
}

wb_err wb_escape_add(wb_buf *out, const char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;
	while (i < n) {
		size_t run = plain((unsigned char)p[i])
				     ? i + wb_escape_plain_run(p + i, n - i)
				     : i;
		/* room for the run and the one escape after it */
		if (out->n + (run - i) + 5 > out->cap &&
		    wb_buf_reserve(out, run - i + 4) != WB_OK)
			return WB_E_NOMEM;
		char *d = out->p + out->n;
		memcpy(d, p + i, run - i);
		d += run - i;
		if (run < n) {
			unsigned char c = (unsigned char)p[run];
			*d++ = '\\';
			switch (c) {
			case '\r': *d++ = 'r'; break;
			case '\n': *d++ = 'n'; break;
			case '\t': *d++ = 't'; break;
			case '\\': *d++ = '\\'; break;
			default:
				*d++ = 'x';
				*d++ = hex[c >> 4];
				*d++ = hex[c & 15];
			}
			run++;
		}
		out->n = (size_t)(d - out->p);
		out->p[out->n] = '\0';
		i = run;
	}
	return WB_OK;
}
