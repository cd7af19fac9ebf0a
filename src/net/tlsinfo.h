/* tlsinfo.h - what a person debugging TLS wants to see about a session:
 * protocol, cipher, ALPN, verification outcome and the peer chain. */
#ifndef WB_TLSINFO_H
#define WB_TLSINFO_H

#include "base/buf.h"

struct ssl_st;

/* Appends the one-line handshake summary for the wire tap. */
void wb_tlsinfo_summary(struct ssl_st *ssl, const char *name, int insecure,
			wb_buf *out);
/* Appends the session and the peer chain (subject, issuer, SANs, validity,
 * SHA-256 fingerprint of each certificate), several lines. */
void wb_tlsinfo_describe(struct ssl_st *ssl, const char *name, int insecure,
			 wb_buf *out);
/* Appends Python's reason text for a verification result code, e.g.
 * "Hostname mismatch, certificate is not valid for 'wrong.test'.". */
void wb_tlsinfo_verify_reason(long code, const char *name, wb_buf *out);

#endif
