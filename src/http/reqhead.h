/* reqhead.h - the request head: validation and serialisation of the
 * request line and header lines, with http.client's rules and messages. */
#ifndef WB_REQHEAD_H
#define WB_REQHEAD_H

#include "base/buf.h"

/* Appends http.client's message for a control character at bad in s
 * ("WHAT can't contain control characters. 's' (found at least 'c'TAIL)")
 * and returns e. */
wb_err wb_reqhead_ctl_error(wb_buf *msg, const char *what, const char *s,
			    const char *bad, const char *tail, wb_err e);
/* Checks a method (text) for control characters (ValueError). */
wb_err wb_reqhead_check_method(const char *method, wb_buf *msg);
/* Checks a URL (text) for 0x00-0x20 and 0x7F (InvalidURL). */
wb_err wb_reqhead_check_url(const char *url, wb_buf *msg);
/* Appends "METHOD URL HTTP/1.1" encoded ASCII (UnicodeEncodeError). */
wb_err wb_reqhead_request_line(const char *method, const char *url,
			       wb_buf *line, wb_buf *msg);
/* Encodes and validates a header name given as text (ASCII, then the
 * legal-name rule: ValueError "Invalid header name b'...'"). */
wb_err wb_reqhead_name(const char *name, size_t n, wb_buf *out, wb_buf *msg);
/* Checks raw name bytes against the legal-name rule. */
wb_err wb_reqhead_check_name(const char *p, size_t n, wb_buf *msg);
/* Encodes a value given as text to Latin-1 and validates it. */
wb_err wb_reqhead_value(const char *v, size_t n, wb_buf *out, wb_buf *msg);
/* Checks raw value bytes: an LF not followed by SP/HT or a CR not followed
 * by SP/HT/LF is illegal (ValueError "Invalid header value b'...'"). */
wb_err wb_reqhead_check_value(const char *p, size_t n, wb_buf *msg);

#endif
