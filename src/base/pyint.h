/* pyint.h - parsing numbers the way Python's int() does.
 *
 * http.client parses status codes and Content-Length with int(text) and
 * chunk sizes with int(line, 16): leading and trailing whitespace, a sign,
 * a 0x prefix (base 16) and single underscores between digits all pass,
 * and the value has no upper bound. This module reproduces that leniency
 * and reports which of it was used, so callers can warn about it. */
#ifndef WB_PYINT_H
#define WB_PYINT_H

#include <stddef.h>
#include <stdint.h>

/* Non-canonical spellings the parse accepted (flags of wb_pyint). */
#define WB_PYINT_SIGN 0x01       /* a leading + or - */
#define WB_PYINT_PREFIX 0x02     /* 0x / 0X (base 16 only) */
#define WB_PYINT_UNDERSCORE 0x04 /* _ between digits */
#define WB_PYINT_SPACE 0x08      /* whitespace around the number */

/* Which whitespace surrounds a number: int(bytes) knows only ASCII
 * whitespace, int(str) also NEL (0x85) and NBSP (0xA0) of Latin-1 text. */
typedef enum { WB_PYINT_BYTES, WB_PYINT_LATIN1 } wb_pyint_text;

typedef struct wb_pyint {
	int64_t value;  /* saturated to INT64_MIN / INT64_MAX */
	int overflow;   /* the true value does not fit in int64 */
	unsigned flags; /* WB_PYINT_* */
} wb_pyint;

/* Parses s[0..n) like Python int(s, base) for base 10 or 16. Returns 0 and
 * fills *out on success, -1 where Python raises ValueError (including the
 * 4300-digit limit of base 10). */
int wb_pyint_parse(const char *s, size_t n, int base, wb_pyint_text text,
		   wb_pyint *out);

#endif
