/* transcript.h - the text transcript of batch mode and the plain REPL.
 *
 * Format (documented in the README): the command echoed after "wb> ",
 * then one line per frame:
 *   >| bytes   out, still buffered in the connection
 *   >> bytes   out, on the wire (a buffered frame is shown again when
 *              endheaders sends it)
 *   x| bytes   out, dropped: the buffer was emptied but nothing was sent
 *   << bytes   in
 *   ** text    a note (connect, close, tunnel)
 *   !! text    a warning (the peer broke RFC 9112, a send failed)
 * with the bytes escaped (\r \n \t \\ \xNN) and the frame kind in
 * brackets; debug lines exactly as http.client prints them; "= ..." for
 * results and "error: Name: message" for errors. */
#ifndef WB_TRANSCRIPT_H
#define WB_TRANSCRIPT_H

#include <stdio.h>
#include "interp.h"

typedef struct wb_transcript wb_transcript;

/* Writes to f; frames show at most frame_bytes bytes. */
wb_transcript *wb_transcript_new(FILE *f, size_t frame_bytes, int echo);
void wb_transcript_free(wb_transcript *t);
/* Hooks the transcript to an interpreter (its out hooks and its tap). */
void wb_transcript_attach(wb_transcript *t, wb_interp *in);
/* Writes out lines of frames recorded outside a command (the closing note
 * of batch mode); commands write theirs when they end. */
void wb_transcript_flush(wb_transcript *t);
/* on: lines are written only when 64 KiB have collected, not at the end
 * of each command (for output nobody watches line by line); call
 * wb_transcript_flush before writing to the FILE yourself. */
void wb_transcript_set_lazy(wb_transcript *t, int on);
/* Appends the escaped form of bytes (\r \n \t \\ \" \xNN) to out. */
void wb_transcript_escape(wb_buf *out, const char *p, size_t n);

#endif
