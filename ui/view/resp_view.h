/* resp_view.h - the response panel: status, headers, body preview and
 * how much of the body is read and unread. */
#ifndef UI_RESP_VIEW_H
#define UI_RESP_VIEW_H

#include "app.h"

extern const ui_panel_ops ui_resp_view_ops;

#endif
