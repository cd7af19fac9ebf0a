/* scroll.h - the scroll, follow and search model of a line list. Plain C.
 *
 * `top` is the first visible line; in follow mode the view sticks to the
 * bottom as lines arrive. Scrolling up leaves follow mode, reaching the
 * bottom again re-enters it. */
#ifndef UI_SCROLL_H
#define UI_SCROLL_H

#include <stddef.h>
#include "base/buf.h"

typedef struct ui_scroll {
	size_t total;   /* lines in the list */
	size_t height;  /* visible rows */
	size_t top;     /* first visible line */
	int follow;
	long mark;      /* line to highlight (search match), -1 for none */
} ui_scroll;

/* A fresh model in follow mode. */
void ui_scroll_init(ui_scroll *s);
/* Updates the list length and view height; keeps follow mode stuck. */
void ui_scroll_resize(ui_scroll *s, size_t total, size_t height);
/* The list lost n lines at its front (evicted): positions move up. */
void ui_scroll_shift(ui_scroll *s, size_t n);
/* Moves by delta lines (negative: up). */
void ui_scroll_by(ui_scroll *s, long delta);
/* Moves by whole pages (negative: up), keeping one line of context. */
void ui_scroll_page(ui_scroll *s, long pages);
void ui_scroll_home(ui_scroll *s);
/* Goes to the bottom and follows. */
void ui_scroll_end(ui_scroll *s);
/* Moves the cursor (the marked line) by delta lines, starting from the
 * last visible line (delta < 0) or the first (delta > 0) when no line is
 * marked; scrolls just enough to keep it in view. */
void ui_scroll_cursor(ui_scroll *s, long delta);
/* Brings line into view (a third from the top) and marks it. */
void ui_scroll_show(ui_scroll *s, size_t line);
/* Largest valid top. */
size_t ui_scroll_max_top(const ui_scroll *s);

/* Gives the plain text of line i (out cleared first). */
typedef void (*ui_line_text_fn)(void *arg, size_t i, wb_buf *out);
/* Finds the next line after `from` (dir > 0) or before it (dir < 0) whose
 * text contains needle (ASCII case ignored), wrapping around once.
 * Returns the line or -1. */
long ui_search(size_t total, long from, int dir, const char *needle,
	       ui_line_text_fn text, void *arg);
/* Predicate on line i (e.g. "starts a request"). */
typedef int (*ui_line_pred_fn)(void *arg, size_t i);
/* Next line after from (dir > 0) / before it (dir < 0) matching pred,
 * without wrapping; -1 if none. */
long ui_seek(size_t total, long from, int dir, ui_line_pred_fn pred,
	     void *arg);

#endif
