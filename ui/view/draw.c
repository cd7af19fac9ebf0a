/* draw.c - clipped, styled text output for the panels. */
#include "draw.h"

#include <string.h>

#include "base/text.h"
#include "model/glyph.h"
#include "theme.h"

/* The last guard before curses: the models escape peer text already, and
 * whatever still holds a control character is escaped here, so curses never
 * passes ESC, C1 or a bidi override to the terminal. */
int ui_draw_text(WINDOW *w, const char *s, size_t n, int cols, attr_t at)
{
	if (cols <= 0)
		return 0;
	wb_buf safe = WB_BUF_INIT;
	if (!wb_text_is_safe(s, n, 0)) {
		if (wb_text_safe(&safe, s, n, 0) != WB_OK) {
			wb_buf_free(&safe);
			return 0;
		}
		s = safe.p;
		n = safe.n;
	}
	size_t take = ui_text_fit(s, n, (size_t)cols);
	wattrset(w, at);
	waddnstr(w, s, (int)take);
	wattrset(w, A_NORMAL);
	int used = (int)ui_text_cols(s, take);
	wb_buf_free(&safe);
	return used;
}

void ui_draw_rline(WINDOW *w, int y, const ui_rline *r, int mark)
{
	int width = getmaxx(w), used = 0;
	wmove(w, y, 0);
	for (size_t i = 0; i < r->nspans && used < width; i++) {
		const ui_span *sp = &r->spans[i];
		attr_t at = ui_theme_attr(sp->style) | (mark ? A_REVERSE : 0);
		used += ui_draw_text(w, r->text.p + sp->off, sp->len,
				     width - used, at);
	}
	if (used < width)
		wclrtoeol(w);
}

void ui_draw_title(WINDOW *w, int y, const char *left, const char *right)
{
	int width = getmaxx(w);
	wmove(w, y, 0);
	wattrset(w, ui_theme_title());
	for (int i = 0; i < width; i++)
		waddch(w, ' ');
	wmove(w, y, 0);
	int used = ui_draw_text(w, left, strlen(left), width,
				ui_theme_title());
	int rc = (int)ui_text_cols(right, strlen(right));
	if (rc && used + rc + 1 < width) {
		wmove(w, y, width - rc - 1);
		ui_draw_text(w, right, strlen(right), rc, ui_theme_title());
	}
	wattrset(w, A_NORMAL);
}
