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
 * results, "error: Name: message" for errors and "= raised Name as
 * expected: message" for the error `expect error` announced. The lines of
 * a sourced file are echoed even when typed commands are not. "-- end of
 * run" stands before what closing the connection at the end prints. */
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
/* Marks the end of a batch run: a frame after it (closing the connection)
 * comes under a line "-- end of run". */
void wb_transcript_end_run(wb_transcript *t);
/* Appends the escaped form of bytes (\r \n \t \\ \xNN) to out. */
void wb_transcript_escape(wb_buf *out, const char *p, size_t n);

#endif
