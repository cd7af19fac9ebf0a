/* wire_view.c - paints the visible rows of the wire panel, and under them
 * the explanation of the line under the cursor. */
#include "wire_view.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "model/wrap.h"
#include "theme.h"

#define EXPLAIN_MAX_ROWS 3
#define EXPLAIN_HEAD "? "

/* The explanation of the marked line into b; returns the rows it takes
 * at the bottom of a panel w columns wide and rows high (0: none). */
static int explanation(ui_app *a, int w, int rows, wb_buf *b)
{
	wb_buf_clear(b);
	if (a->scroll.mark < 0 || rows < 6)
		return 0;
	ui_wire_explain(a->wire, (size_t)a->scroll.mark, b);
	if (!b->n)
		return 0;
	size_t cols = w > 8 ? (size_t)w - strlen(EXPLAIN_HEAD) : 6;
	size_t n = ui_wrap_rows(b->p, b->n, cols);
	return n < EXPLAIN_MAX_ROWS ? (int)n : EXPLAIN_MAX_ROWS;
}

static void sync_scroll(ui_app *a, int rows, int expl)
{
	size_t pruned = ui_wire_take_pruned(a->wire);
	if (pruned)
		ui_scroll_shift(&a->scroll, pruned);
	int h = rows - 1 - expl;
	ui_scroll_resize(&a->scroll, ui_wire_count(a->wire),
			 h > 1 ? (size_t)h : 1);
}

/* Brings the scroll model up to date with the line list. */
void ui_wire_view_sync(ui_app *a, int rows)
{
	wb_buf b = WB_BUF_INIT;
	WINDOW *w = a->panels[UI_P_WIRE].win;
	sync_scroll(a, rows, explanation(a, w ? getmaxx(w) : 80, rows, &b));
	wb_buf_free(&b);
}

static void title(ui_app *a, WINDOW *w)
{
	char left[320], right[120];
	size_t total = a->scroll.total;
	size_t last = a->scroll.top + a->scroll.height;
	snprintf(left, sizeof left, " Wire  %s%s%s%s",
		 a->scroll.follow ? "[follow] " : "[scrolled: F4 follows] ",
		 a->hex ? "[hex] " : "",
		 a->search[0] ? "search: " : "", a->search);
	snprintf(right, sizeof right, "%zu-%zu/%zu  >| buffered  >> sent  << in",
		 total ? a->scroll.top + 1 : 0, last < total ? last : total,
		 total);
	ui_draw_title(w, 0, left, right);
}

/* The explanation, wrapped at words, in the last expl rows. */
static void draw_explanation(WINDOW *w, const wb_buf *b, int expl)
{
	int rows = getmaxy(w), width = getmaxx(w);
	size_t head = strlen(EXPLAIN_HEAD);
	size_t at = 0, cols = width > 8 ? (size_t)width - head : 6;
	attr_t st = ui_theme_attr(UI_ST_INFO);
	for (int y = rows - expl; y < rows; y++) {
		size_t next, n = ui_wrap_row(b->p + at, b->n - at, cols, &next);
		wmove(w, y, 0);
		int used = ui_draw_text(w, y == rows - expl ? EXPLAIN_HEAD : "  ",
					head, width, st | A_BOLD);
		used += ui_draw_text(w, b->p + at, n, width - used, st);
		if (used < width)
			wclrtoeol(w);
		at += next;
	}
}

static void draw(ui_app *a, WINDOW *w)
{
	int rows = getmaxy(w);
	ui_rline r = { WB_BUF_INIT, { { 0, 0, 0 } }, 0 };
	wb_buf ex = WB_BUF_INIT;
	int expl = explanation(a, getmaxx(w), rows, &ex);
	sync_scroll(a, rows, expl);
	expl = explanation(a, getmaxx(w), rows, &ex); /* mark may have moved */
	title(a, w);
	for (int y = 1; y < rows - expl; y++) {
		size_t i = a->scroll.top + (size_t)(y - 1);
		ui_wire_render(a->wire, i, &r);
		ui_draw_rline(w, y, &r, (long)i == a->scroll.mark);
	}
	if (expl)
		draw_explanation(w, &ex, expl);
	ui_rline_free(&r);
	wb_buf_free(&ex);
}

const ui_panel_ops ui_wire_view_ops = { "wire", draw };
