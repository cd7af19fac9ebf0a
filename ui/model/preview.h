/* preview.h - what the core would send for the command being typed,
 * computed on a throwaway interpreter whose connection talks to an
 * in-memory transport: the real connection is never touched. Plain C. */
#ifndef UI_PREVIEW_H
#define UI_PREVIEW_H

#include "base/buf.h"
#include "http/conn.h"

/* Fills out (cleared first) with a one-line preview of line for a
 * connection opened on url (NULL: none yet); real is the real connection
 * (or NULL), only read. Empty when there is nothing to preview. */
void ui_preview(const char *line, const char *url, const wb_conn *real,
		wb_buf *out);

#endif
