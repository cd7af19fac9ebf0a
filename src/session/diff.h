/* diff.h - comparing a replayed session with its recording, exchange by
 * exchange: request bytes, status line, headers (name, value, order),
 * body bytes, framing (Content-Length, chunked with its chunk count and
 * sizes, or close-delimited), trailers and errors. */
#ifndef WB_DIFF_H
#define WB_DIFF_H

#include "session.h"

/* Where one difference is: the command (0-based) and the frame of the
 * replayed session it is about (0: the command as a whole, e.g. a header
 * that is gone), and its line in the report (off and len bytes, no
 * newline). A front end marks those frames. */
typedef struct wb_diff_mark {
	size_t cmd;
	uint64_t id;
	size_t off, len;
} wb_diff_mark;

typedef struct wb_diff_marks {
	wb_diff_mark *v;
	size_t n, cap;
} wb_diff_marks;

void wb_diff_marks_free(wb_diff_marks *m);

typedef struct wb_diff_opts {
	const char *const *ignore; /* more header names to ignore */
	size_t nignore;
	int strict;       /* ignore no header (not even Date, Age...) */
	int skip_host;    /* the replay ran against another URL: its Host
			   * line is expected to differ */
	wb_diff_marks *marks; /* when set, one mark per report line is
			       * appended (the text report is the same) */
	/* Where the recording holds the redaction marker, the replayed bytes
	 * are compared once redacted by these rules (may be NULL). */
	const struct wb_redact *redact;
} wb_diff_opts;

/* Appends one line per difference to report ("command 7 (getresponse):
 * header X-Version: "1.4" -> "1.5"", peer bytes escaped) and returns how
 * many there were. Commands are paired by position. */
size_t wb_session_diff(const wb_session *old, const wb_session *cur,
		       const wb_diff_opts *o, wb_buf *report);

#endif
