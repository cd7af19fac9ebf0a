/* curl_export.h - exchanges as curl command lines that put the same bytes
 * on the wire wherever curl can.
 *
 * curl's own fields are suppressed where http.client sent none
 * (-H 'User-Agent:' -H 'Accept:' -H 'Content-Type:'), fields keep their
 * order and letter case, bodies go through --data-binary (through
 * `printf ... |` and @- when they hold NUL or start with @), chunked
 * requests keep -H 'Transfer-Encoding: chunked'. Above each command one
 * "# curl cannot reproduce: TAG: detail" line per difference that
 * remains, with TAG one of: chunks, trailers, empty-value, host, version,
 * before-request, after-body, short-body, incomplete, nul. */
#ifndef WB_CURL_EXPORT_H
#define WB_CURL_EXPORT_H

#include "xchg.h"

/* Appends the comment lines and the command for x to out. */
wb_err wb_curl_export(const wb_xchg *x, wb_lines *out);

#endif
