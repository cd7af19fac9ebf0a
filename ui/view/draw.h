/* draw.h - painting styled text into a window row, clipped by columns. */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <curses.h>
#include "model/wire_model.h"

/* Writes UTF-8 text at the cursor, at most cols columns; returns the
 * columns used. */
int ui_draw_text(WINDOW *w, const char *s, size_t n, int cols, attr_t at);
/* Paints a rendered line on row y, clearing the rest of the row. With
 * mark set the whole row is shown reversed (a search match). */
void ui_draw_rline(WINDOW *w, int y, const ui_rline *r, int mark);
/* Paints a title bar on row y of w: text left, right text at the end. */
void ui_draw_title(WINDOW *w, int y, const char *left, const char *right);

#endif
