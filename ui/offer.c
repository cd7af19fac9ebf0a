/* offer.c - the workbench's side of imported commands offered one at a
 * time. */
#include "offer.h"

#include <stdio.h>

#include "view/cmdline.h"

void ui_offer_next(ui_app *a)
{
	size_t pos, total;
	const char *line = wb_interp_offer_peek(a->in, &pos, &total);
	if (a->offering || !line)
		return;
	if (pos == 1) {
		wb_buf b = WB_BUF_INIT;
		wb_buf_printf(&b, "import: %zu command%s to step through on the "
			      "command line: Enter runs each (edit it first if "
			      "you like), Esc drops the rest", total,
			      total == 1 ? "" : "s");
		ui_app_text(a, UI_TX_INFO, b.p ? b.p : "import: stepping");
		wb_buf_free(&b);
	}
	char prompt[64];
	snprintf(prompt, sizeof prompt, "import %zu/%zu> ", pos, total);
	ui_cmdline_offer(prompt, line);
	a->offering = 1;
}

void ui_offer_taken(ui_app *a)
{
	if (!a->offering)
		return;
	a->offering = 0;
	wb_interp_offer_pop(a->in);
	ui_cmdline_offer(NULL, "");
}

void ui_offer_drop(ui_app *a)
{
	if (!a->offering)
		return;
	a->offering = 0;
	size_t n = wb_interp_offer_drop(a->in);
	ui_cmdline_offer(NULL, "");
	wb_buf b = WB_BUF_INIT;
	wb_buf_printf(&b, "import: dropped the %zu imported command%s not run",
		      n, n == 1 ? "" : "s");
	ui_app_text(a, UI_TX_INFO, b.p ? b.p : "import: dropped");
	wb_buf_free(&b);
	ui_dirty(a, UI_P_WIRE);
}
