/* hostport.h - host and port as http.client parses and sends them.
 *
 * Construction parses "host[:port]" (HTTPConnection._get_hostport), the
 * Host header is built from an absolute URL's authority or from the
 * connection/tunnel host (IPv6 brackets, zone ids, default port omitted,
 * IDNA 2003 per label). All text is UTF-8 standing for Python str. */
#ifndef WB_HOSTPORT_H
#define WB_HOSTPORT_H

#include <stdint.h>
#include "base/buf.h"

/* Parses "host[:port]" with no explicit port into host (text, brackets
 * removed), *port (default_port when none; saturated when huge) and, when
 * port_text is not NULL, the port as Python's str(int()) writes it (any
 * size). InvalidURL "nonnumeric port: '...'" on a bad port. */
wb_err wb_hostport_parse(const char *text, long default_port, wb_buf *host,
			 long *port, wb_buf *port_text, wb_buf *msg);
/* Validates a host as the constructor does (CVE-2019-18348). */
wb_err wb_hostport_validate(const char *host, wb_buf *msg);
/* The authority urlsplit() finds in an http... URL, or empty. ValueError
 * "Invalid IPv6 URL" and friends for malformed brackets. */
wb_err wb_hostport_netloc(const char *url, wb_buf *netloc, wb_buf *msg);
/* The bracket rules of urlsplit() for one authority (n bytes). */
wb_err wb_hostport_check_netloc(const char *nl, size_t n, wb_buf *msg);
/* Encodes host text to bytes: ASCII if possible, else IDNA 2003 per label
 * (UnicodeError on failure). */
wb_err wb_hostport_encode(const char *host, wb_buf *out, wb_buf *msg);
/* Encodes host as the ssl module encodes server_hostname (str.encode
 * ("idna")): like wb_hostport_encode, but an ASCII name's labels are
 * checked too (UnicodeError "label empty or too long", "label too long"). */
wb_err wb_hostport_encode_idna(const char *host, wb_buf *out, wb_buf *msg);
/* The Host header value for a netloc (already encoded), with a zone id cut
 * as Python 3.11.7 does. */
wb_err wb_hostport_host_from_netloc(const char *netloc, wb_buf *out,
				    wb_buf *msg);
/* The Host header value for host and port (text); the port is left out
 * when it equals the class default port (default_port set). */
wb_err wb_hostport_host_value(const char *host, const char *port,
			      int default_port, wb_buf *out, wb_buf *msg);
/* Parses text like Python int() in base 10 (pyint.c), saturated to a
 * long; returns 0 on success. */
int wb_hostport_pyint(const char *s, size_t n, long *out);

#endif
