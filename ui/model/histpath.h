/* histpath.h - where the command history lives, and making that folder.
 * Plain C (no curses, no readline). */
#ifndef UI_HISTPATH_H
#define UI_HISTPATH_H

#include "base/buf.h"

/* Appends the history file's path to path: $XDG_STATE_HOME/wirebench/history,
 * or $HOME/.local/state/wirebench/history when XDG_STATE_HOME is unset or
 * empty (xdg and home may be NULL). Creates the folder and any missing
 * parents (mode 0700). Returns 0, or -1 with why (appended to err):
 * "cannot create /x/y: Not a directory", "neither XDG_STATE_HOME nor HOME
 * is set". */
int ui_histpath_make(const char *xdg, const char *home, wb_buf *path,
		     wb_buf *err);

#endif
