/* ui.h - the curses workbench. */
#ifndef WB_UI_H
#define WB_UI_H

struct wb_interp;

/* Runs the full-screen workbench, opening url first when given. setup
 * (may be NULL) prepares the interpreter before the screen starts; a
 * non-zero return ends the run with that status. Returns the process exit
 * status. */
int wb_ui_run(const char *url, int (*setup)(struct wb_interp *, void *),
	      void *arg);

#endif
