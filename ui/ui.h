/* ui.h - the curses workbench. */
#ifndef WB_UI_H
#define WB_UI_H

/* Runs the full-screen workbench, opening url first when given. Returns
 * the process exit status. */
int wb_ui_run(const char *url);

#endif
