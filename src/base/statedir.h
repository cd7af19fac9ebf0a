/* statedir.h - wirebench's state folder (command history, recovery
 * files): $XDG_STATE_HOME/wirebench, or $HOME/.local/state/wirebench. */
#ifndef WB_STATEDIR_H
#define WB_STATEDIR_H

#include "buf.h"

/* Appends the state folder's path to dir and creates it with any missing
 * parents (mode 0700). XDG_STATE_HOME (xdg) counts only when it is an
 * absolute path, as the XDG base directory rules say; otherwise HOME
 * (home) decides. xdg and home may be NULL. Returns WB_OK, or WB_E_OS with
 * why in err: "cannot create /x/y: Not a directory", "neither
 * XDG_STATE_HOME nor HOME is set". */
wb_err wb_statedir_make(const char *xdg, const char *home, wb_buf *dir,
			wb_buf *err);

#endif
