/* replay.h - running a recorded session again, live, and reporting what
 * differs from the recording. */
#ifndef WB_REPLAY_H
#define WB_REPLAY_H

#include "diff.h"
#include "session.h"

struct wb_interp;

/* A front end that shows a replay while it runs (the workbench). */
typedef struct wb_replay_view {
	/* The replaying interpreter was made, before its first command: the
	 * front end may set its out hooks and wait function and listen on its tap (its
	 * frame ids are those of the replayed session, which marks use). */
	void (*start)(void *arg, struct wb_interp *in, size_t ncmds);
	/* With step: called before command i (0-based); non-zero stops the
	 * replay there. */
	int (*step)(void *arg, size_t i, const char *line);
	/* The replay is over (rc as wb_replay_run's; marks locate the
	 * differences in report); the replaying interpreter is still alive
	 * and is freed right after. */
	void (*done)(void *arg, int rc, const wb_diff_marks *marks,
		     const wb_buf *report);
	void *arg;
} wb_replay_view;

typedef struct wb_replay_opts {
	const char *url;  /* where `open` points instead, or NULL */
	const char *dir;  /* folder for @file paths */
	wb_diff_opts diff;
	size_t tap_cap;
	const struct wb_vardef *defs; /* --var and --env, applied first */
	size_t ndefs;
	const wb_replay_view *view; /* may be NULL */
	int step;                   /* pause before each command (view) */
	const char *const *open_opts; /* added to the session's opens */
	size_t nopen_opts;
} wb_replay_opts;

/* Re-runs the commands of s on a fresh interpreter and appends the
 * differences to report, one line each, then a summary line. Returns 0
 * when nothing differs, 1 when something does, 2 when the replay itself
 * failed (a connection the recording made could not be made). */
int wb_replay_run(const wb_session *s, const wb_replay_opts *o, wb_buf *report);

#endif
