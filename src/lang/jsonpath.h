/* jsonpath.h - a value out of a JSON document by a simple path.
 *
 * A path is keys separated by dots with array indexes in brackets:
 * "a.b[0].c", "[2].name", "" for the whole document. */
#ifndef WB_JSONPATH_H
#define WB_JSONPATH_H

#include <jansson.h>
#include "base/buf.h"

/* The value at path inside doc (borrowed), or ValueError with msg. */
wb_err wb_jsonpath_get(json_t *doc, const char *path, json_t **out,
		       wb_buf *msg);
/* Appends a value as text: a string as itself, anything else as compact
 * JSON (3, true, null, [1,2]). */
wb_err wb_jsonpath_text(const json_t *v, wb_buf *out);
/* Parses n bytes of body as JSON and appends the text of the value at
 * path; ValueError (msg) when the body is not JSON or the path misses. */
wb_err wb_jsonpath_lookup(const char *body, size_t n, const char *path,
			  wb_buf *out, wb_buf *msg);

#endif
