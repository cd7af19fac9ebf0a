/* statusline.h - the HTTP status line as http.client's _read_status parses it.
 *
 * The line is Latin-1 text split on Python str.split() whitespace into
 * version, code and reason; the code goes through int(). Offsets refer to
 * the raw line given, which includes its terminator. */
#ifndef WB_STATUSLINE_H
#define WB_STATUSLINE_H

#include <stddef.h>
#include "base/err.h"

typedef struct wb_status {
	size_t ver_off, ver_len;       /* version field */
	size_t code_off, code_len;     /* text handed to int() */
	size_t reason_off, reason_len; /* reason, stripped; may be empty */
	int code;
	unsigned code_flags; /* WB_PYINT_* spellings the code used */
} wb_status;

/* Python str.isspace() for a Latin-1 character. */
int wb_statusline_isspace(unsigned char c);
/* Parses a status line: WB_OK, or WB_E_BAD_STATUS_LINE when there are fewer
 * than two fields, the version does not start with "HTTP/" or the code is
 * not an integer in 100..999. */
wb_err wb_statusline_parse(const char *line, size_t n, wb_status *st);
/* http.client's version attribute for a version field: 10, 11, or 0 for
 * UnknownProtocol. */
int wb_statusline_version(const char *v, size_t n);

#endif
