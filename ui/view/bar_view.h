/* bar_view.h - the status bar (connection, state, bytes, timings) and the
 * message row (errors, the preview of the typed command, completions). */
#ifndef UI_BAR_VIEW_H
#define UI_BAR_VIEW_H

#include "app.h"

extern const ui_panel_ops ui_bar_view_ops;
extern const ui_panel_ops ui_hint_view_ops;
/* Recomputes the message row for the line being typed. */
void ui_hint_update(ui_app *a, const char *line);
/* Shows an error in the message row until the line changes. */
void ui_hint_error(ui_app *a, const char *name, const char *msg);

#endif
