/* har.h - HAR 1.2 (HTTP Archive, as DevTools and mitmproxy write it), in
 * and out, with jansson.
 *
 * Export: one entry per exchange of the wire tap: request and response
 * fields in wire order, bodies as text (base64 with "encoding": "base64"
 * when they are not UTF-8 text; a chunked request body keeps its framing),
 * timings from the tap (connect, send, wait, receive in ms; -1 where the
 * phase did not happen), serverIPAddress, connection (a counter of the
 * connections opened), and every frame under "_wirebench".
 *
 * Import: every entry's request becomes commands (HTTP/2 pseudo-fields
 * left out); with expect, its recorded response becomes `expect status`
 * and `expect header` lines (fields that change on every response, such
 * as Date, are not checked). */
#ifndef WB_HAR_H
#define WB_HAR_H

#include "xchg.h"
#include "xreq.h"

/* Appends exchanges [from, to) of xs as a HAR document. */
wb_err wb_har_export(const wb_xchgs *xs, size_t from, size_t to,
		     wb_buf *out);

/* Maps HAR text to command lines appended to out. SyntaxError with "line
 * N, column C: ..." when it is not JSON, ValueError naming the JSON path
 * (log.entries[3].request.url) when a required member is missing or of the
 * wrong type. Nothing is appended on error. */
wb_err wb_har_import(const char *text, size_t n, int expect, wb_lines *out,
		     wb_buf *msg);

#endif
