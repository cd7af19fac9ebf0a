/* cmdline.h - GNU readline in the bottom row through its callback
 * interface: keys are fed in by the poll loop, readline's line handler only
 * queues the line, and the row is drawn from rl_line_buffer. */
#ifndef UI_CMDLINE_H
#define UI_CMDLINE_H

#include "app.h"

/* Installs readline for window w; loads history from the state dir. */
void ui_cmdline_init(ui_app *a, WINDOW *w);
/* Points readline at a new window after a resize. */
void ui_cmdline_resize(WINDOW *w);
#define UI_CMDLINE_PUMP (-2)
/* Feeds one key from wgetch (KEY_* codes become escape sequences);
 * UI_CMDLINE_PUMP only processes keys still queued. */
void ui_cmdline_feed(int key);
/* Takes the line entered, if any (caller frees); sets *eof on Ctrl-D. */
char *ui_cmdline_take(int *eof, int *search);
/* True when the line being edited is empty. */
int ui_cmdline_empty(void);
/* Ctrl-C: drops the line and any incremental search. */
void ui_cmdline_clear(void);
/* Switches the prompt to search mode ("/") or back ("wb> "). */
void ui_cmdline_search_mode(int on);
/* Shows prompt and text in the row instead of readline's line (offline
 * playback and replay steps show the command there); NULL returns the
 * row to readline. Control bytes in text are shown as glyphs. */
void ui_cmdline_show(const char *prompt, const char *text);
/* Draws the row and leaves the cursor at the editing point. */
void ui_cmdline_draw(void);
/* Saves history and removes the handler (idempotent). */
void ui_cmdline_done(void);

#endif
