/* diff.h - comparing a replayed session with its recording, exchange by
 * exchange: request bytes, status line, headers (name, value, order),
 * body bytes, framing (Content-Length, chunked with its chunk count and
 * sizes, or close-delimited), trailers and errors. */
#ifndef WB_DIFF_H
#define WB_DIFF_H

#include "session.h"

typedef struct wb_diff_opts {
	const char *const *ignore; /* more header names to ignore */
	size_t nignore;
	int strict;       /* ignore no header (not even Date, Age...) */
	int skip_host;    /* the replay ran against another URL: its Host
			   * line is expected to differ */
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
