/* glyph.h - how bytes look on screen: CR and LF as visible glyphs (␍ ␊),
 * tab as ␉, other control and non-ASCII bytes as \xNN. Plain C. */
#ifndef UI_GLYPH_H
#define UI_GLYPH_H

#include <stddef.h>
#include "base/buf.h"

/* Screen columns byte c takes once made visible (1 or 4). */
int ui_glyph_cols(unsigned char c);
/* Appends the visible form of c; returns 1 when it is a glyph or an escape
 * (drawn in the glyph style), 0 for a plain printable character. */
int ui_glyph_put(wb_buf *out, unsigned char c);
/* Appends the visible form of n bytes. */
void ui_glyph_puts(wb_buf *out, const char *p, size_t n);
/* Screen columns of UTF-8 text (one per code point). */
size_t ui_text_cols(const char *s, size_t n);
/* Bytes of UTF-8 text s[0..n) that fit in cols columns, cut on a code
 * point boundary. */
size_t ui_text_fit(const char *s, size_t n, size_t cols);

#endif
