/* ui.h - the curses workbench. */
#ifndef WB_UI_H
#define WB_UI_H

#include <stddef.h>
#include "lang/interp.h"

typedef struct wb_ui_opts {
	const char *first;   /* a command run first ("open URL ...", or
			      * "replay --step FILE"), or NULL */
	const char *offline; /* a session stepped through with no network
			      * (no command runs then), or NULL */
	const wb_vardef *defs;
	size_t ndefs;
	int (*setup)(wb_interp *, void *); /* may be NULL; a non-zero return
					    * ends the run with that status,
					    * before the screen is set up */
	void *arg;
} wb_ui_opts;

/* Runs the full-screen workbench: defines the variables, calls setup,
 * then runs the first command or opens the offline session. Returns the
 * process exit status (2 when a definition or the session load fails). */
int wb_ui_run(const wb_ui_opts *o);

#endif
