/* tls.h - the TLS transport (OpenSSL 3), as HTTPSConnection uses it.
 *
 * TLS wraps an already-open inner transport, so it runs over TCP and
 * through a CONNECT tunnel alike. The defaults are those of Python's
 * default HTTPS context: certificate chain and host name verified against
 * the system trust store (SSL_CERT_FILE/SSL_CERT_DIR honoured), TLS 1.2
 * minimum, ALPN offering http/1.1. Turning verification off is explicit
 * (insecure) and announced in the wire tap. */
#ifndef WB_TLS_H
#define WB_TLS_H

#include "base/buf.h"
#include "wire/tap.h"
#include "transport.h"

/* What `open` lets a user choose; NULL strings mean "default". */
typedef struct wb_tls_opts {
	const char *cafile;  /* trust only these CAs (PEM) */
	const char *capath;  /* trust a hashed CA directory */
	const char *cert;    /* client certificate chain (PEM) */
	const char *key;     /* its private key (PEM); default: in cert */
	int insecure;        /* no chain or host name verification */
	const char *keylog;  /* NSS key log file; NULL: $SSLKEYLOGFILE */
} wb_tls_opts;

/* A TLS client configuration (an SSL_CTX) reused across reconnects; it
 * also keeps the description of the last handshake for `tls`. */
typedef struct wb_tls_config wb_tls_config;

/* Builds a configuration, loading CA and client certificate files now:
 * FileNotFoundError or SSLError (Python's texts) on bad files. */
wb_err wb_tls_config_new(const wb_tls_opts *o, wb_tls_config **out,
			 wb_buf *msg);
void wb_tls_config_free(wb_tls_config *cfg);
int wb_tls_config_insecure(const wb_tls_config *cfg);
/* The session and peer chain of the last handshake (multi-line text), or
 * NULL if none succeeded yet. Owned by cfg. */
const char *wb_tls_config_last(const wb_tls_config *cfg);

/* Runs the handshake over inner (whose ownership passes to the call) for
 * sni, the server name already encoded to ASCII by the caller (SNI and the
 * verified name; an IP address is checked against the IP SANs and sends no
 * SNI). On success *out is the TLS transport; on failure *out is a closed
 * transport (closed.h), as http.client keeps the closed socket, and msg
 * holds Python's text: SSLCertVerificationError, SSLError, TimeoutError,
 * ConnectionResetError; ValueError for an empty sni, as the ssl module. */
wb_err wb_tls_wrap(wb_tls_config *cfg, wb_transport *inner, const char *sni,
		   wb_tap *tap, wb_transport **out, wb_buf *msg);

#endif
