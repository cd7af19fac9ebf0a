/* jsonout.h - batch output as JSON Lines: one object per command.
 *
 * {"n": 3, "line": "getresponse", "ok": true, "error": null |
 *  {"name": "BadStatusLine", "message": "..."}, "debug": ["reply: ..."],
 *  "frames": [{"id", "dir": "out|in|note", "kind", "state":
 *  "buffered|wire|dropped", "event": "new|flushed|dropped", "len", "data",
 *  "truncated", "chunk_size", "chunk_no", "note"}], "result": null | {...}}
 * Byte strings are JSON strings of code points U+0000-U+00FF, one per
 * byte (Latin-1), so they round-trip exactly. The README documents the
 * result objects. */
#ifndef WB_JSONOUT_H
#define WB_JSONOUT_H

#include <stdio.h>
#include "interp.h"

typedef struct wb_jsonout wb_jsonout;

wb_jsonout *wb_jsonout_new(FILE *f);
void wb_jsonout_free(wb_jsonout *j);
void wb_jsonout_attach(wb_jsonout *j, wb_interp *in);

#endif
