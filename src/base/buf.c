/* buf.c - growable byte buffer. */
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wb_err failed(wb_buf *b)
{
	b->oom = 1;
	return WB_E_NOMEM;
}

wb_err wb_buf_reserve(wb_buf *b, size_t n)
{
	if (b->oom)
		return WB_E_NOMEM;
	if (b->n + n + 1 <= b->cap)
		return WB_OK;
	if (n > ((size_t)-1) / 2 - b->n) {
		wb_alloc_failed();
		return failed(b);
	}
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->n + n + 1)
		cap *= 2;
	char *p = wb_realloc(b->p, cap);
	if (!p)
		return failed(b);
	b->p = p;
	b->cap = cap;
	return WB_OK;
}

void *wb_grow(void *arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 16;
	if (ncap > ((size_t)-1) / elem) {
		wb_alloc_failed();
		return NULL;
	}
	void *p = wb_realloc(arr, ncap * elem);
	if (p)
		*cap = ncap;
	return p;
}

/* Two digits a step; the digits end at d[24] and go out as one fixed
 * 24-byte copy (a few stores, no call), of which only the digits count. */
wb_err wb_buf_addu(wb_buf *b, uint64_t v)
{
	static const char pairs[201] =
		"00010203040506070809101112131415161718192021222324"
		"25262728293031323334353637383940414243444546474849"
		"50515253545556575859606162636465666768697071727374"
		"75767778798081828384858687888990919293949596979899";
	char d[48];
	memset(d + 24, 0, 24); /* copied along, never counted */
	size_t i = 24;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		i -= 2;
		memcpy(d + i, pairs + 2 * r, 2);
	}
	if (v >= 10) {
		i -= 2;
		memcpy(d + i, pairs + 2 * v, 2);
	} else {
		d[--i] = (char)('0' + v);
	}
	size_t n = 24 - i;
	if ((b->n + 24 + 1 > b->cap || b->oom) && wb_buf_reserve(b, 24) != WB_OK)
		return WB_E_NOMEM;
	memcpy(b->p + b->n, d + i, 24);
	b->n += n;
	b->p[b->n] = '\0';
	return WB_OK;
}

wb_err wb_buf_vprintf(wb_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	/* most messages fit the room already there: format once */
	size_t room = b->cap > b->n ? b->cap - b->n : 0;
	int len = b->oom ? 0 : vsnprintf(room ? b->p + b->n : NULL, room, fmt, ap);
	wb_err e = b->oom ? WB_E_NOMEM : len < 0 ? WB_E_VALUE : WB_OK;
	if (e == WB_OK && (size_t)len >= room) {
		e = wb_buf_reserve(b, (size_t)len);
		if (e == WB_OK)
			vsnprintf(b->p + b->n, (size_t)len + 1, fmt, again);
	}
	va_end(again);
	if (e) {
		if (b->p) /* undo a partial format into the spare room */
			b->p[b->n] = '\0';
		return e;
	}
	b->n += (size_t)len;
	return WB_OK;
}

wb_err wb_buf_vreplace(wb_buf *b, const char *fmt, va_list ap)
{
	wb_buf text = WB_BUF_INIT;
	wb_err e = wb_buf_vprintf(&text, fmt, ap);
	wb_buf_free(b);
	*b = text;
	return e;
}

wb_err wb_buf_add_file(wb_buf *out, const char *dir, const char *path,
		       wb_buf *msg)
{
	wb_buf full = WB_BUF_INIT;
	if (path[0] != '/' && dir)
		wb_buf_printf(&full, "%s/", dir);
	if (wb_buf_adds(&full, path)) { /* not an OSError with errno 0 */
		wb_buf_free(&full);
		return WB_E_NOMEM;
	}
	FILE *f = fopen(full.p, "rb");
	int err = errno;
	wb_buf_free(&full);
	if (!f) {
		wb_buf_printf(msg, "[Errno %d] %s: '%s'", err, strerror(err),
			      path);
		return err == ENOENT ? WB_E_FILE_NOT_FOUND : WB_E_OS;
	}
	char blk[65536];
	size_t n;
	wb_err e = WB_OK;
	while (!e && (n = fread(blk, 1, sizeof blk, f)) > 0)
		e = wb_buf_add(out, blk, n);
	if (!e && ferror(f)) {
		wb_buf_printf(msg, "cannot read '%s'", path);
		e = WB_E_OS;
	}
	fclose(f);
	return e ? e : wb_buf_add(out, "", 0);
}

int wb_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

wb_err wb_buf_printf(wb_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wb_err e = wb_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return e;
}

void wb_buf_free(wb_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
	b->oom = 0;
}
