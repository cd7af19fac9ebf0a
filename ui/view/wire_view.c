/* wire_view.c - paints the visible rows of the wire panel. */
#include "wire_view.h"

#include <stdio.h>

#include "draw.h"

/* Brings the scroll model up to date with the line list. */
void ui_wire_view_sync(ui_app *a, int rows)
{
	size_t pruned = ui_wire_take_pruned(a->wire);
	if (pruned)
		ui_scroll_shift(&a->scroll, pruned);
	ui_scroll_resize(&a->scroll, ui_wire_count(a->wire),
			 rows > 1 ? (size_t)rows - 1 : 1);
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

static void draw(ui_app *a, WINDOW *w)
{
	int rows = getmaxy(w);
	ui_rline r = { WB_BUF_INIT, { { 0, 0, 0 } }, 0 };
	ui_wire_view_sync(a, rows);
	title(a, w);
	for (int y = 1; y < rows; y++) {
		size_t i = a->scroll.top + (size_t)(y - 1);
		ui_wire_render(a->wire, i, &r);
		ui_draw_rline(w, y, &r, (long)i == a->scroll.mark);
	}
	ui_rline_free(&r);
}

const ui_panel_ops ui_wire_view_ops = { "wire", draw };
