/* help.c - key table and help overlay. */
#include "help.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "theme.h"

typedef struct ui_key {
	int key;
	const char *name;
	ui_action act;
	const char *help;
} ui_key;

static const ui_key keys[] = {
	{ KEY_F(1), "F1", UI_ACT_HELP, "this help (any key closes it)" },
	{ KEY_F(10), "F10", UI_ACT_QUIT, "quit (also: quit, Ctrl-D on an empty line)" },
	{ KEY_F(2), "F2", UI_ACT_HEX, "hex dump view of the wire on/off" },
	{ KEY_F(4), "F4", UI_ACT_FOLLOW, "follow: stick to the newest frames" },
	{ KEY_F(3), "F3", UI_ACT_SEARCH_NEXT, "next search match (/ on an empty line searches)" },
	{ KEY_F(15), "Shift-F3", UI_ACT_SEARCH_PREV, "previous search match" },
	{ KEY_F(8), "F8", UI_ACT_REQ_NEXT, "jump to the next request line" },
	{ KEY_F(7), "F7", UI_ACT_REQ_PREV, "jump to the previous request line" },
	{ KEY_PPAGE, "PgUp", UI_ACT_PAGE_UP, "scroll the wire panel up a page" },
	{ KEY_NPAGE, "PgDn", UI_ACT_PAGE_DOWN, "scroll the wire panel down a page" },
	{ KEY_SR, "Shift-Up", UI_ACT_LINE_UP, "move the cursor up a line in the wire panel; the frame under it is explained at the panel's foot (the mouse wheel scrolls)" },
	{ KEY_SF, "Shift-Down", UI_ACT_LINE_DOWN, "move the cursor down a line (F4 drops the cursor and follows)" },
	{ KEY_F(5), "F5", UI_ACT_TOP, "go to the oldest frame kept" },
	{ 12, "Ctrl-L", UI_ACT_REDRAW, "redraw the screen" },
};

static const char *const prose[] = {
	"wirebench drives one HTTP/1.1 connection with http.client's calls;",
	"the Wire panel shows every byte the connection frames:",
	"  >| buf   bytes buffered in the connection (putrequest, putheader)",
	"  >> sent  bytes on the wire (endheaders flushes the buffer)",
	"  << in    bytes received     ** notes     !! warnings",
	"  \xe2\x90\x8d\xe2\x90\x8a are CR LF; chunk lines are marked with "
	"their decoded size and number.",
	"",
	"Try:  request GET /chunked?n=3&size=5   getresponse   read",
	"Step: putrequest GET /chunked?n=3&size=5   putheader Accept text/plain",
	"      endheaders   getresponse   read 5   read",
	"Upload in chunks: putrequest POST /echo   putheader Transfer-Encoding "
	"chunked",
	"      endheaders encode_chunked   chunk hello   endchunks   getresponse   read",
	"",
	"Editing is GNU readline (~/.inputrc): Tab completes, Up/Down and Ctrl-R",
	"search history, Ctrl-C clears the line or cancels a network wait (so does Esc).",
	"",
	"Keys:",
};

static size_t nkeys(void)
{
	return sizeof keys / sizeof keys[0];
}

ui_action ui_key_action(int key)
{
	for (size_t i = 0; i < nkeys(); i++)
		if (keys[i].key == key)
			return keys[i].act;
	return UI_ACT_NONE;
}

static size_t nprose(void)
{
	return sizeof prose / sizeof prose[0];
}

size_t ui_help_lines(void)
{
	return nprose() + nkeys() + 2 + wb_interp_ncmds();
}

/* Help line i into buf; returns its style. */
static ui_style help_line(size_t i, char *buf, size_t cap)
{
	if (i < nprose()) {
		snprintf(buf, cap, "%s", prose[i]);
		return i == nprose() - 1 ? UI_ST_CMD : UI_ST_PLAIN;
	}
	i -= nprose();
	if (i < nkeys()) {
		snprintf(buf, cap, "  %-11s %s", keys[i].name, keys[i].help);
		return UI_ST_PLAIN;
	}
	i -= nkeys();
	if (i < 2) {
		snprintf(buf, cap, "%s", i ? "Commands (+ = beyond http.client):" : "");
		return UI_ST_CMD;
	}
	const wb_cmd_info *c = wb_interp_cmd(i - 2);
	snprintf(buf, cap, "  %s%s \xe2\x80\x94 %s", c->extension ? "+" : "",
		 c->usage, c->help);
	return UI_ST_PLAIN;
}

void ui_help_draw(WINDOW *w, size_t top)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	char buf[512];
	werase(w);
	ui_draw_title(w, 0, " Help", "any key closes \xc2\xb7 PgUp/PgDn scroll");
	for (int y = 1; y < rows; y++) {
		size_t i = top + (size_t)y - 1;
		if (i >= ui_help_lines())
			break;
		ui_style st = help_line(i, buf, sizeof buf);
		wmove(w, y, 1);
		ui_draw_text(w, buf, strlen(buf), cols - 1, ui_theme_attr(st));
	}
}
