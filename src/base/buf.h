/* buf.h - a growable byte buffer. The buffer owns its memory.
 *
 * Allocation failure is sticky (as curl's dynbuf): once an append could not
 * get memory the buffer refuses every later append until it is cleared, so
 * an operation may append freely and check wb_buf_err() once at its end
 * instead of after every call. The contents stay valid (what fitted), never
 * silently shortened in the middle. */
#ifndef WB_BUF_H
#define WB_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "alloc.h"
#include "err.h"

typedef struct wb_buf {
	char *p;     /* bytes, always followed by a NUL not counted in n */
	size_t n;    /* bytes in use */
	size_t cap;  /* bytes allocated */
	int oom;     /* an append failed: all later appends fail until clear */
} wb_buf;

#define WB_BUF_INIT { 0, 0, 0, 0 }

/* Makes room for at least n more bytes; WB_E_NOMEM (and the buffer failed)
 * when memory runs out or the buffer already failed. */
wb_err wb_buf_reserve(wb_buf *b, size_t n);

/* Appends n bytes. Returns WB_E_NOMEM on allocation failure. Inline: the
 * transcript and the wire tap append a few bytes at a time. */
static inline wb_err wb_buf_add(wb_buf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap || b->oom) {
		wb_err e = wb_buf_reserve(b, n);
		if (e)
			return e;
	}
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
	return WB_OK;
}

/* Appends a NUL-terminated string. */
static inline wb_err wb_buf_adds(wb_buf *b, const char *s)
{
	return wb_buf_add(b, s, strlen(s));
}

/* Appends one byte. */
static inline wb_err wb_buf_addc(wb_buf *b, char c)
{
	return wb_buf_add(b, &c, 1);
}
/* Makes room for element n of a growable array of elem-sized items
 * (capacity doubles, starting at 16). Returns the array, moved or not, or
 * NULL when memory runs out (arr is then still valid). */
void *wb_grow(void *arr, size_t *cap, size_t n, size_t elem);
/* Appends the decimal digits of v (a fast path for hot output). */
wb_err wb_buf_addu(wb_buf *b, uint64_t v);
/* Appends printf-formatted text, however long: the one formatter of
 * messages (never a fixed buffer that truncates). */
wb_err wb_buf_printf(wb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
wb_err wb_buf_vprintf(wb_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Replaces the text of b with printf-formatted text; an argument may be
 * b's own text (it is formatted aside first). */
wb_err wb_buf_vreplace(wb_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends the bytes of file path (relative to dir unless absolute or dir
 * is NULL). Errors as Python's open() names them ("[Errno 2] No such file
 * or directory: 'path'" appended to msg): WB_E_FILE_NOT_FOUND, WB_E_OS. */
wb_err wb_buf_add_file(wb_buf *out, const char *dir, const char *path,
		       wb_buf *msg);
/* The value of a hexadecimal digit, or -1. */
int wb_hexval(char c);
/* WB_E_NOMEM if an append failed since the last clear, else WB_OK. */
static inline wb_err wb_buf_err(const wb_buf *b)
{
	return b->oom ? WB_E_NOMEM : WB_OK;
}
/* Text of the buffer: its bytes, or "" when it holds none. */
static inline const char *wb_buf_str(const wb_buf *b)
{
	return b->p ? b->p : "";
}
/* Empties the buffer, keeping its memory, and forgets a failure. Inline:
 * hot paths clear a buffer per line. */
static inline void wb_buf_clear(wb_buf *b)
{
	b->n = 0;
	b->oom = 0;
	if (b->p)
		b->p[0] = '\0';
}
/* Frees the memory; the buffer is empty and reusable afterwards. */
void wb_buf_free(wb_buf *b);

#endif
