/* help.c - key table and help overlay. */
#include "help.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "model/wrap.h"
#include "theme.h"

typedef struct ui_key {
	int key;
	const char *name;
	ui_action act;
	const char *help;
} ui_key;

static const ui_key keys[] = {
	{ KEY_F(1), "F1", UI_ACT_HELP, "this help (arrows, PgUp/PgDn, Home/End scroll it; other keys close it)" },
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
	"Offline (wirebench --offline FILE): Space or n shows the next recorded "
	"command, p or Backspace goes back, q quits. After replay FILE, "
	"\xe2\x89\xa0 marks the frames that differ from the recording; "
	"replay --step pauses before each command (Space runs it, Esc stops).",
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

static size_t nlogical(void)
{
	return nprose() + nkeys() + 2 + wb_interp_ncmds();
}

/* Help line i into out; returns its style and sets *indent to the columns
 * its wrapped rows are indented by. */
static ui_style help_line(size_t i, wb_buf *out, size_t *indent)
{
	wb_buf_clear(out);
	*indent = 0;
	if (i < nprose()) {
		wb_buf_adds(out, prose[i]);
		*indent = strspn(prose[i], " ") + 2;
		return i == nprose() - 1 ? UI_ST_CMD : UI_ST_PLAIN;
	}
	i -= nprose();
	if (i < nkeys()) {
		wb_buf_printf(out, "  %-11s %s", keys[i].name, keys[i].help);
		*indent = 14;
		return UI_ST_PLAIN;
	}
	i -= nkeys();
	if (i < 2) {
		wb_buf_adds(out, i ? "Commands (+ = beyond http.client):" : "");
		return UI_ST_CMD;
	}
	const wb_cmd_info *c = wb_interp_cmd(i - 2);
	wb_buf_printf(out, "  %s%s \xe2\x80\x94 %s", c->extension ? "+" : "",
		      c->usage, c->help);
	*indent = 6;
	return UI_ST_PLAIN;
}

/* Walks the help wrapped at cols: calls row() for each screen row from
 * row `from` on while it returns 1; returns the number of rows in all. */
typedef int (*row_fn)(void *arg, size_t row, const char *s, size_t n,
		      size_t indent, ui_style st);

static size_t walk(size_t cols, size_t from, row_fn row, void *arg)
{
	wb_buf b = WB_BUF_INIT;
	size_t rows = 0, indent;
	int more = 1;
	for (size_t i = 0; i < nlogical(); i++) {
		ui_style st = help_line(i, &b, &indent);
		size_t at = 0, pad = 0;
		if (indent + 10 > cols)
			indent = 0;
		do {
			size_t next, n = ui_wrap_row(b.p + at, b.n - at,
						     cols - pad, &next);
			if (more && rows >= from && row)
				more = row(arg, rows, b.p + at, n, pad, st);
			rows++;
			at += next ? next : b.n - at;
			pad = indent;
		} while (at < b.n);
	}
	wb_buf_free(&b);
	return rows;
}

size_t ui_help_rows(int cols)
{
	return walk(cols > 3 ? (size_t)cols - 3 : 1, 0, NULL, NULL);
}

typedef struct paint {
	WINDOW *w;
	size_t top;
	int rows, cols;
} paint;

static int paint_row(void *arg, size_t row, const char *s, size_t n,
		     size_t indent, ui_style st)
{
	paint *p = arg;
	int y = 1 + (int)(row - p->top);
	if (y >= p->rows)
		return 0;
	wmove(p->w, y, 1 + (int)indent);
	ui_draw_text(p->w, s, n, p->cols - 2 - (int)indent, ui_theme_attr(st));
	return 1;
}

void ui_help_draw(WINDOW *w, size_t top)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	size_t total = ui_help_rows(cols);
	size_t last = top + (size_t)(rows - 1);
	char pos[96];
	snprintf(pos, sizeof pos, "%zu-%zu/%zu \xc2\xb7 \xe2\x86\x91\xe2\x86\x93 PgUp/PgDn "
		 "scroll \xc2\xb7 other keys close", top + 1,
		 last < total ? last : total, total);
	werase(w);
	ui_draw_title(w, 0, " Help", pos);
	paint p = { w, top, rows, cols };
	walk(cols > 3 ? (size_t)cols - 3 : 1, top, paint_row, &p);
}
