/* preview.h - what the core would send for the command being typed, as
 * the core computes it (lang/preview.h: a throwaway interpreter whose
 * frame-only connection skips TLS set-up); this draws it. Plain C. */
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
