/* escape.c - escaping bytes for the transcript (see escape.h). */
#include "escape.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

#ifdef __SSE2__
/* Bits set for the bytes of p[0..16) that need an escape: signed, bytes
 * from 0x80 up are negative and fail the > 0x1f test with the controls. */
static unsigned block_needs_escape(const char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i ok = _mm_cmpgt_epi8(x, _mm_set1_epi8(0x1f));
	__m128i bad = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)),
				   _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
	return ~(unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, ok)) & 0xffff;
}
#endif

size_t wb_escape_plain_run(const char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned m = block_needs_escape(p + i);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i < n && n >= 16) { /* the tail: the last block, overlapping */
		size_t at = n - 16;
		unsigned m = block_needs_escape(p + at) >> (i - at);
		return m ? i + (size_t)__builtin_ctz(m) : n;
	}
#endif
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

size_t wb_escape_copy_run(char *d, const char *p, size_t n)
{
	size_t i = 0;
	if (!n || !plain((unsigned char)p[0])) /* the LF after a CR */
		return 0;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned m = block_needs_escape(p + i);
		_mm_storeu_si128((__m128i *)(void *)(d + i),
				 _mm_loadu_si128((const __m128i *)
						 (const void *)(p + i)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i < n && n >= 16) { /* the tail: the last block, overlapping */
		size_t at = n - 16;
		unsigned m = block_needs_escape(p + at) >> (i - at);
		_mm_storeu_si128((__m128i *)(void *)(d + at),
				 _mm_loadu_si128((const __m128i *)
						 (const void *)(p + at)));
		return m ? i + (size_t)__builtin_ctz(m) : n;
	}
#endif
	size_t end = i + wb_escape_plain_run(p + i, n - i);
	memcpy(d + i, p + i, end - i);
	return end;
}

wb_err wb_escape_add(wb_buf *out, const char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;
	while (i < n) {
		/* room for the rest unescaped, the 16 bytes copy_run may
		 * store past it, and one escape */
		if ((out->n + (n - i) + 21 > out->cap || out->oom) &&
		    wb_buf_reserve(out, n - i + 20) != WB_OK)
			return WB_E_NOMEM;
		size_t run = wb_escape_copy_run(out->p + out->n, p + i, n - i);
		char *d = out->p + out->n + run;
		i += run;
		if (i < n) {
			unsigned char c = (unsigned char)p[i++];
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
		}
		out->n = (size_t)(d - out->p);
		out->p[out->n] = '\0';
	}
	return WB_OK;
}
