/* wire_view.h - the wire panel: a title bar and the visible model lines. */
#ifndef UI_WIRE_VIEW_H
#define UI_WIRE_VIEW_H

#include "app.h"

extern const ui_panel_ops ui_wire_view_ops;
/* Updates the scroll model from the wire model for a panel of rows rows. */
void ui_wire_view_sync(ui_app *a, int rows);

#endif
