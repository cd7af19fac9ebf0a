/* theme.c - styles to curses attributes. */
#include "theme.h"

#include <stdlib.h>

static int use_color;

static const struct {
	short fg;
	attr_t extra, mono;
} table[UI_ST__COUNT] = {
	[UI_ST_PLAIN] = { -1, 0, 0 },
	[UI_ST_CMD] = { COLOR_YELLOW, A_BOLD, A_BOLD },
	[UI_ST_OUT_BUF] = { COLOR_YELLOW, 0, A_UNDERLINE },
	[UI_ST_OUT_WIRE] = { COLOR_CYAN, A_BOLD, A_BOLD },
	[UI_ST_OUT_DROP] = { COLOR_RED, A_DIM, A_DIM },
	[UI_ST_OUT_PAST] = { COLOR_YELLOW, A_DIM, A_DIM },
	[UI_ST_IN] = { COLOR_GREEN, 0, 0 },
	[UI_ST_NOTE] = { COLOR_BLUE, A_BOLD, A_DIM },
	[UI_ST_WARN] = { COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[UI_ST_GLYPH] = { COLOR_MAGENTA, 0, A_DIM },
	[UI_ST_ANNOT] = { -1, A_DIM, A_DIM },
	[UI_ST_CHUNK] = { COLOR_MAGENTA, A_BOLD, A_BOLD },
	[UI_ST_RESULT] = { -1, A_BOLD, A_BOLD },
	[UI_ST_ERROR] = { COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[UI_ST_INFO] = { COLOR_BLUE, A_BOLD, 0 },
	[UI_ST_DIFF] = { COLOR_RED, A_BOLD | A_REVERSE, A_BOLD | A_REVERSE },
};

int ui_theme_init(void)
{
	const char *nc = getenv("NO_COLOR");
	use_color = has_colors() && !(nc && *nc);
	if (!use_color)
		return 0;
	start_color();
	use_default_colors();
	for (int i = 0; i < UI_ST__COUNT; i++)
		init_pair((short)(i + 1), table[i].fg, -1);
	init_pair(UI_ST__COUNT + 1, COLOR_BLACK, COLOR_CYAN);
	return 1;
}

attr_t ui_theme_attr(ui_style st)
{
	if (!use_color)
		return table[st].mono;
	return COLOR_PAIR(st + 1) | table[st].extra;
}

attr_t ui_theme_title(void)
{
	return use_color ? COLOR_PAIR(UI_ST__COUNT + 1) : A_REVERSE;
}
