/* redact.h - taking credentials out of what is saved.
 *
 * Two rules, applied to command lines, frame bytes, results and messages
 * alike: every occurrence of a secret string becomes the marker, and the
 * value of a sensitive header ("Name: value" wherever a line or a quoted
 * word starts with it, and `putheader Name value...`) becomes the marker. */
#ifndef WB_REDACT_H
#define WB_REDACT_H

#include <stddef.h>
#include "base/buf.h"

#define WB_REDACT_MARKER "<redacted>"

typedef struct wb_redact {
	int headers;                /* Authorization, Proxy-Authorization,
				     * Cookie and Set-Cookie */
	const char *const *names;   /* more header names (--redact-header) */
	size_t nnames;
	const char *const *secrets; /* strings never written in clear */
	size_t nsecrets;
} wb_redact;

/* True when r would change anything (r may be NULL). */
int wb_redact_active(const wb_redact *r);
/* Appends the n bytes at p to out, redacted: raw bytes (frames, read
 * data), where a header value runs to its line end. */
wb_err wb_redact_bytes(const wb_redact *r, const char *p, size_t n,
		       wb_buf *out);
/* The same for escaped text (a repr, a message, a note), where a value
 * also ends at a quote or an escaped line end. */
wb_err wb_redact_text(const wb_redact *r, const char *p, size_t n,
		      wb_buf *out);
/* Appends a command line, redacted (quoting kept valid). */
wb_err wb_redact_line(const wb_redact *r, const char *line, wb_buf *out);

#endif
