/* ui.h - the curses workbench. */
#ifndef WB_UI_H
#define WB_UI_H

#include <stddef.h>
#include "lang/interp.h"

/* Runs the full-screen workbench: defines the variables, then runs
 * open_line ("open URL ...") when given. Returns the process exit status
 * (2 when a definition fails, before the screen is set up). */
int wb_ui_run(const char *open_line, const wb_vardef *defs, size_t ndefs);

#endif
