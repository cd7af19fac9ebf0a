/* wrap.h - word wrapping of UTF-8 text for the panels, the help overlay
 * and the frame explanation. Plain C. */
#ifndef UI_WRAP_H
#define UI_WRAP_H

#include <stddef.h>

/* The first row of s[0..n) wrapped at cols columns (one per code point):
 * returns the bytes to show and sets *next to the bytes consumed (the row
 * plus the spaces it broke at). Breaks after the last space that fits, or
 * mid-word only when a word alone is wider than a row. */
size_t ui_wrap_row(const char *s, size_t n, size_t cols, size_t *next);
/* Number of rows s[0..n) takes wrapped at cols (at least 1). */
size_t ui_wrap_rows(const char *s, size_t n, size_t cols);

#endif
