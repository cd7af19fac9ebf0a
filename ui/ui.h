/* ui.h - the curses workbench. */
#ifndef WB_UI_H
#define WB_UI_H

#include <stddef.h>
#include "lang/interp.h"

/* Runs the full-screen workbench: defines the variables, calls setup (may
 * be NULL; a non-zero return ends the run with that status, before the
 * screen is set up), then runs open_line ("open URL ...") when given.
 * Returns the process exit status (2 when a definition fails). */
int wb_ui_run(const char *open_line, const wb_vardef *defs, size_t ndefs,
	      int (*setup)(wb_interp *, void *), void *arg);

#endif
