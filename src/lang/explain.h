/* explain.h - one line saying what a wire frame is, why it is there and
 * the rule it follows: the lesson behind every line of the wire panel
 * (live or stepped through offline). Curses-free.
 *
 * The line is built from the frame's kind, direction, state, chunk details
 * and a few facts parsed from its bytes (a header name made of token
 * characters, a status code). Peer bytes are never copied into it, so the
 * line is safe to print on a terminal as it is. */
#ifndef WB_EXPLAIN_H
#define WB_EXPLAIN_H

#include "base/buf.h"
#include "wire/tap.h"

/* Appends the explanation of f to out (one line, no newline). Returns
 * WB_OK or WB_E_NOMEM. */
wb_err wb_explain_frame(const wb_frame *f, wb_buf *out);

#endif
