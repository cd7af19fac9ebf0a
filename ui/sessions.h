/* sessions.h - the workbench's session modes: a recorded session stepped
 * through with no network (wirebench --offline FILE), and `replay` shown
 * in the wire panel with the differing frames marked. */
#ifndef UI_SESSIONS_H
#define UI_SESSIONS_H

#include "app.h"

/* Loads the session at path for offline stepping (before curses starts);
 * -1 with the reason in msg. */
int ui_offline_open(ui_app *a, const char *path, wb_buf *msg);
/* Shows the loaded session's panel, before its first command. */
void ui_offline_start(ui_app *a);
/* Offline: the command line shows the command shown last again. */
void ui_offline_cmdline(ui_app *a);
/* Makes `replay` in this workbench show its frames and marks. */
void ui_replay_install(ui_app *a);
/* Back to the live wire panel when a replay is shown. */
void ui_replay_leave(ui_app *a);
void ui_sessions_free(ui_app *a);

#endif
