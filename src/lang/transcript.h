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
/* Writes out the lines collected so far (see wb_transcript_set_lazy). */
void wb_transcript_flush(wb_transcript *t);
/* on: lines are written when 64 KiB have collected and at the end, not at
 * the end of each command (output nobody watches line by line; a run
 * killed with SIGKILL loses what was not written); call
 * wb_transcript_flush before writing to the FILE yourself. */
void wb_transcript_set_lazy(wb_transcript *t, int on);
/* Appends the escaped form of bytes (\r \n \t \\ \xNN) to out. */
wb_err wb_transcript_escape(wb_buf *out, const char *p, size_t n);

/* What a response result shows, whether live or recorded. */
typedef struct wb_transcript_resp {
	int status, version, chunked, will_close;
	const char *reason;
	int64_t length; /* -1: None */
} wb_transcript_resp;
void wb_transcript_resp_of(wb_resp *r, wb_transcript_resp *out);

/* The printers behind the hooks, for output that was recorded earlier
 * (offline playback): the echoed command, one frame event, results, an
 * error. */
void wb_transcript_begin(wb_transcript *t, const char *line);
void wb_transcript_frame(wb_transcript *t, wb_tap_event ev, const wb_frame *f);
void wb_transcript_response(wb_transcript *t, const wb_transcript_resp *v);
void wb_transcript_data(wb_transcript *t, const char *data, size_t stored,
			uint64_t bytes);
/* Text as is (help, state), or repr: after "  = ". */
void wb_transcript_text(wb_transcript *t, const char *text, int repr);
void wb_transcript_error(wb_transcript *t, const char *name, const char *msg);
/* An error an `expect error` line announced: "= raised NAME as expected". */
void wb_transcript_expected(wb_transcript *t, const char *name,
			    const char *msg);
/* Appends the lines `state` shows (no final newline). */
wb_err wb_transcript_state_text(wb_buf *b, const wb_conn *c);

#endif
