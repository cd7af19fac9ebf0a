/* resp_model.h - the response panel's body preview: the first bytes read
 * from the current response, shown as pretty JSON, text or a hex dump.
 * Plain C (jansson for JSON). */
#ifndef UI_RESP_MODEL_H
#define UI_RESP_MODEL_H

#include <stdint.h>
#include "base/buf.h"

#define UI_RESP_KEEP (64u * 1024) /* bytes of body kept for the preview */

typedef struct ui_resp_body {
	wb_buf head;    /* the first UI_RESP_KEEP bytes read */
	uint64_t read;  /* bytes read by the user so far */
} ui_resp_body;

/* Forgets the body (a new response arrived). */
void ui_resp_body_reset(ui_resp_body *b);
/* Adds bytes a read returned (stored: the kept prefix, total: the count). */
void ui_resp_body_add(ui_resp_body *b, const char *p, size_t stored,
		      uint64_t total);
void ui_resp_body_free(ui_resp_body *b);

/* True when bytes look binary (NUL or invalid UTF-8). */
int ui_resp_is_binary(const char *p, size_t n);
/* Preview lines ("\n"-separated, no trailing newline) of the body for a
 * content type: pretty JSON when it says json and parses, a hex dump of
 * per bytes a line when binary, else text with control bytes made
 * visible. */
void ui_resp_preview(const ui_resp_body *b, const char *ctype, size_t per,
		     wb_buf *out);

#endif
