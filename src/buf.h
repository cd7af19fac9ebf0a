/* buf.h - a growable byte buffer. The buffer owns its memory. */
#ifndef WB_BUF_H
#define WB_BUF_H

#include <stddef.h>
#include "err.h"

typedef struct wb_buf {
	char *p;     /* bytes, always followed by a NUL not counted in n */
	size_t n;    /* bytes in use */
	size_t cap;  /* bytes allocated */
} wb_buf;

#define WB_BUF_INIT { 0, 0, 0 }

/* Appends n bytes. Returns WB_E_NOMEM on allocation failure. */
wb_err wb_buf_add(wb_buf *b, const void *p, size_t n);
/* Appends a NUL-terminated string. */
wb_err wb_buf_adds(wb_buf *b, const char *s);
/* Appends one byte. */
wb_err wb_buf_addc(wb_buf *b, char c);
/* Appends printf-formatted text. */
wb_err wb_buf_printf(wb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Makes room for at least n more bytes. */
wb_err wb_buf_reserve(wb_buf *b, size_t n);
/* Removes the first n bytes. */
void wb_buf_consume(wb_buf *b, size_t n);
/* Empties the buffer, keeping its memory. */
void wb_buf_clear(wb_buf *b);
/* Frees the memory; the buffer is empty and reusable afterwards. */
void wb_buf_free(wb_buf *b);
/* Returns a malloc'd copy of the contents (NUL-terminated) or NULL. */
char *wb_buf_strdup(const wb_buf *b);

#endif
