/* curl_import.h - a curl command line as wirebench commands.
 *
 * The words (as a shell split them, curl's own name first or not) are
 * mapped option by option to one request: what curl would send, in
 * curl's field order (Host, Authorization, User-Agent, Accept,
 * Accept-Encoding, Referer, Cookie, the -H fields, Content-Length,
 * Content-Type), then to command lines. Options that change nothing on
 * the wire (-s, -v, -o FILE, ...) are listed in a comment line. Options
 * wirebench cannot honour are all named in one error, unless lenient:
 * then they are listed in a comment and left out. */
#ifndef WB_CURL_IMPORT_H
#define WB_CURL_IMPORT_H

#include "xreq.h"

typedef struct wb_curl_opts {
	int lenient;
	const char *dir; /* where @file and -T paths are read from */
} wb_curl_opts;

/* Maps words to command lines appended to out. UsageError with msg when
 * options are unsupported (naming each), InvalidURL, FileNotFoundError
 * for an @file. Nothing is appended on error. */
wb_err wb_curl_import(const wb_lines *words, const wb_curl_opts *o,
		      wb_lines *out, wb_buf *msg);
/* The same for a whole shell command line (split with wb_shword). */
wb_err wb_curl_import_line(const char *line, const wb_curl_opts *o,
			   wb_lines *out, wb_buf *msg);

#endif
