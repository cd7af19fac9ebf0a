/* buf.c - growable byte buffer. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

wb_err wb_buf_reserve(wb_buf *b, size_t n)
{
	if (b->n + n + 1 <= b->cap)
		return WB_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->n + n + 1) {
		if (cap > ((size_t)-1) / 2)
			return WB_E_NOMEM;
		cap *= 2;
	}
	char *p = realloc(b->p, cap);
	if (!p)
		return WB_E_NOMEM;
	b->p = p;
	b->cap = cap;
	return WB_OK;
}

void *wb_grow(void *arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 16;
	if (ncap > ((size_t)-1) / elem)
		return NULL;
	void *p = realloc(arr, ncap * elem);
	if (p)
		*cap = ncap;
	return p;
}

wb_err wb_buf_addu(wb_buf *b, uint64_t v)
{
	char d[24];
	size_t i = sizeof d;
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return wb_buf_add(b, d + i, sizeof d - i);
}

wb_err wb_buf_printf(wb_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return WB_E_VALUE;
	wb_err e = wb_buf_reserve(b, (size_t)len);
	if (e)
		return e;
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)len;
	return WB_OK;
}

void wb_buf_consume(wb_buf *b, size_t n)
{
	if (n >= b->n) {
		wb_buf_clear(b);
		return;
	}
	memmove(b->p, b->p + n, b->n - n);
	b->n -= n;
	b->p[b->n] = '\0';
}


void wb_buf_free(wb_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

char *wb_buf_strdup(const wb_buf *b)
{
	char *s = malloc(b->n + 1);
	if (!s)
		return NULL;
	if (b->n)
		memcpy(s, b->p, b->n);
	s[b->n] = '\0';
	return s;
}
