/* help.h - the one table of keys (what they do, shown in help) and the
 * help overlay listing keys and the interpreter's commands. */
#ifndef UI_HELP_H
#define UI_HELP_H

#include "app.h"

typedef enum {
	UI_ACT_NONE,
	UI_ACT_HELP,
	UI_ACT_QUIT,
	UI_ACT_HEX,
	UI_ACT_FOLLOW,
	UI_ACT_SEARCH_NEXT,
	UI_ACT_SEARCH_PREV,
	UI_ACT_REQ_NEXT,
	UI_ACT_REQ_PREV,
	UI_ACT_PAGE_UP,
	UI_ACT_PAGE_DOWN,
	UI_ACT_LINE_UP,
	UI_ACT_LINE_DOWN,
	UI_ACT_TOP,
	UI_ACT_REDRAW
} ui_action;

/* The action bound to a curses key code, or UI_ACT_NONE (readline's). */
ui_action ui_key_action(int key);
/* Draws the help overlay over window w, starting at line top. */
void ui_help_draw(WINDOW *w, size_t top);
/* Number of rows the help takes wrapped at words in a window cols wide
 * (for scrolling the overlay). */
size_t ui_help_rows(int cols);

#endif
