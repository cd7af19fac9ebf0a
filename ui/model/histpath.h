/* histpath.h - where the command history lives, and making that folder.
 * Plain C (no curses, no readline). */
#ifndef UI_HISTPATH_H
#define UI_HISTPATH_H

#include "base/buf.h"

/* Appends the history file's path to path: "history" in the state folder
 * (base/statedir.h: $XDG_STATE_HOME/wirebench, or
 * $HOME/.local/state/wirebench), which is created when missing. Returns 0,
 * or -1 with why appended to err (as wb_statedir_make). */
int ui_histpath_make(const char *xdg, const char *home, wb_buf *path,
		     wb_buf *err);

#endif
