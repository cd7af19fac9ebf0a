/* replay.h - running a recorded session again, live, and reporting what
 * differs from the recording. */
#ifndef WB_REPLAY_H
#define WB_REPLAY_H

#include "diff.h"
#include "session.h"

typedef struct wb_replay_opts {
	const char *url;  /* where `open` points instead, or NULL */
	const char *dir;  /* folder for @file paths */
	wb_diff_opts diff;
	size_t tap_cap;
	const struct wb_vardef *defs; /* --var and --env, applied first */
	size_t ndefs;
	const char *const *open_opts; /* added to the session's opens */
	size_t nopen_opts;
} wb_replay_opts;

/* Re-runs the commands of s on a fresh interpreter and appends the
 * differences to report, one line each, then a summary line. Returns 0
 * when nothing differs, 1 when something does, 2 when the replay itself
 * failed (a connection the recording made could not be made). */
int wb_replay_run(const wb_session *s, const wb_replay_opts *o, wb_buf *report);

#endif
