/* conn.h - http.client's HTTPConnection, byte for byte.
 *
 * One connection object with the calls of Python's HTTPConnection. Nothing
 * is printed: every byte goes through the wire tap, debug output included
 * (WB_FK_DEBUG note frames). Text arguments are UTF-8 standing for Python
 * str values. Every call returns a wb_err; wb_conn_errmsg() gives the text
 * Python would put in the exception. */
#ifndef WB_CONN_H
#define WB_CONN_H

#include "body.h"
#include "response.h"
#include "wire/tap.h"
#include "net/transport.h"

typedef struct wb_conn wb_conn;
struct wb_tls_config;

typedef enum {
	WB_STATE_IDLE,
	WB_STATE_REQ_STARTED,
	WB_STATE_REQ_SENT
} wb_state;

/* A header given to request() or set_tunnel(): name and value as text. */
typedef struct wb_header {
	const char *name;
	const char *value;
} wb_header;

/* Creates HTTPConnection("host[:port]") (https: HTTPSConnection defaults).
 * Does no I/O. On failure returns the error and fills msg. */
wb_err wb_conn_new(const char *hostport, int https, wb_tap *tap,
		   wb_conn **out, wb_buf *msg);
void wb_conn_free(wb_conn *c);
/* The message of the last error. */
const char *wb_conn_errmsg(const wb_conn *c);

/* Where connect() goes instead of host:port (curl's --connect-to). */
wb_err wb_conn_set_connect_to(wb_conn *c, const char *host, long port);
/* Hands c the TLS settings of an https connection (c frees them); without
 * this call the first connect uses the verifying defaults. */
void wb_conn_set_tls(wb_conn *c, struct wb_tls_config *cfg);
/* The TLS settings (for `tls` and status lines), or NULL. */
const struct wb_tls_config *wb_conn_tls(const wb_conn *c);
/* Plain-proxy mode (a wirebench addition): a path-only URL given to
 * putrequest is sent in absolute form, base + path ("http://h:p/x").
 * NULL turns it off. */
wb_err wb_conn_set_proxy_base(wb_conn *c, const char *base);
/* Frames an https connection's bytes without starting TLS, for previews
 * over the in-memory transport (the bytes are the same over TLS). */
void wb_conn_set_frame_only(wb_conn *c, int on);
/* Replaces the TCP connector (tests use the in-memory one). */
void wb_conn_set_connector(wb_conn *c, wb_connector fn, void *arg);
/* The I/O settings (timeout, cancel flag, wait function), owned by c. */
wb_io_opts *wb_conn_io(wb_conn *c);
void wb_conn_set_blocksize(wb_conn *c, size_t blocksize);
void wb_conn_set_debuglevel(wb_conn *c, int level);

wb_err wb_conn_connect(wb_conn *c);
void wb_conn_close(wb_conn *c);
/* set_tunnel(host[:port], headers): RuntimeError once connected. */
wb_err wb_conn_set_tunnel(wb_conn *c, const char *hostport,
			  const wb_header *headers, size_t n);
wb_err wb_conn_putrequest(wb_conn *c, const char *method, const char *url,
			  int skip_host, int skip_accept_encoding);
wb_err wb_conn_putheader(wb_conn *c, const char *name, const char **values,
			 size_t nvalues);
wb_err wb_conn_endheaders(wb_conn *c, const wb_body *body, int encode_chunked);
wb_err wb_conn_send(wb_conn *c, const wb_body *body);
wb_err wb_conn_request(wb_conn *c, const char *method, const char *url,
		       const wb_body *body, const wb_header *headers, size_t n,
		       int encode_chunked);
/* getresponse(): on success *out is the response, owned by the connection
 * and valid until the next getresponse, reset or free. */
wb_err wb_conn_getresponse(wb_conn *c, wb_resp **out);
/* The response last returned by getresponse, or NULL. */
wb_resp *wb_conn_response(const wb_conn *c);

/* Workbench extensions (not in http.client): after endheaders with
 * encode_chunked and no body, send one chunk framed by the core, then the
 * last-chunk with optional trailer fields ("Name: value" text). */
wb_err wb_conn_chunk(wb_conn *c, const char *p, size_t n);
wb_err wb_conn_endchunks(wb_conn *c, const char **trailers, size_t n);
/* Clears a wedged connection: closes it and empties the header buffer. */
void wb_conn_reset(wb_conn *c);

/* Introspection for `state` and status displays. */
wb_state wb_conn_state(const wb_conn *c);
const char *wb_conn_state_name(wb_state s);
int wb_conn_has_socket(const wb_conn *c);
int wb_conn_has_pending(const wb_conn *c);
int wb_conn_chunking(const wb_conn *c);
size_t wb_conn_nbuffered(const wb_conn *c);
/* Buffered line i (bytes, without CRLF). */
const wb_buf *wb_conn_buffered(const wb_conn *c, size_t i);
const char *wb_conn_host(const wb_conn *c);
long wb_conn_port(const wb_conn *c);
int wb_conn_https(const wb_conn *c);
/* The tunnel target set with set_tunnel (port in *port), or NULL. */
const char *wb_conn_tunnel_host(const wb_conn *c, long *port);
/* "http://host:port" that path-only URLs are made absolute with when a
 * plain proxy is used, or NULL. */
const char *wb_conn_proxy_base(const wb_conn *c);
/* One line about the transport (e.g. "tcp 127.0.0.1:8080"), or NULL. */
const char *wb_conn_transport_name(const wb_conn *c);

#endif
