/* recovery.h - where the workbench keeps its recovery files:
 * $XDG_STATE_HOME/wirebench/ (default ~/.local/state/wirebench/), created
 * with its parents, mode 0700. Each workbench process writes its own
 * session-PID.wb after every command; --recover opens the newest. */
#ifndef WB_RECOVERY_H
#define WB_RECOVERY_H

#include "base/buf.h"

/* Appends the state folder's path to out, creating it (and its parents)
 * when missing. OSError with a message in msg when that fails. */
wb_err wb_recovery_dir(wb_buf *out, wb_buf *msg);
/* Appends this process's recovery file path (the folder is created). */
wb_err wb_recovery_path(wb_buf *out, wb_buf *msg);
/* Appends the newest recovery file's path; FileNotFoundError when there
 * is none. */
wb_err wb_recovery_latest(wb_buf *out, wb_buf *msg);
/* The file a recovered session was loaded from or saved to, kept next to
 * a recovery file as PATH.origin: write (origin NULL removes it) and read
 * (empty when unknown). */
wb_err wb_recovery_set_origin(const char *recovery, const char *origin);
wb_err wb_recovery_origin(const char *recovery, wb_buf *out);

#endif
