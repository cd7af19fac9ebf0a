/* tlsinfo.c - describing a TLS session and its peer chain as text. */
#include "tlsinfo.h"

#include <arpa/inet.h>
#include <time.h>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

void wb_tlsinfo_verify_reason(long code, const char *name, wb_buf *out)
{
	if (code == X509_V_ERR_HOSTNAME_MISMATCH)
		wb_buf_printf(out, "Hostname mismatch, certificate is not "
				   "valid for '%s'.", name);
	else if (code == X509_V_ERR_IP_ADDRESS_MISMATCH)
		wb_buf_printf(out, "IP address mismatch, certificate is not "
				   "valid for '%s'.", name);
	else
		wb_buf_adds(out, X509_verify_cert_error_string(code));
}

static void add_name(wb_buf *out, const X509_NAME *n)
{
	BIO *m = BIO_new(BIO_s_mem());
	if (!m)
		return;
	X509_NAME_print_ex(m, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	char *p;
	long len = BIO_get_mem_data(m, &p);
	if (len > 0)
		wb_buf_add(out, p, (size_t)len);
	BIO_free(m);
}

/* Subject CN (or the whole subject when it has none), for one-liners. */
static void add_short_name(wb_buf *out, const X509_NAME *n)
{
	int i = X509_NAME_get_index_by_NID(n, NID_commonName, -1);
	const ASN1_STRING *s =
		i >= 0 ? X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i))
		       : NULL;
	unsigned char *utf8 = NULL; /* a BMPString CN as text, NULs kept */
	int len = s ? ASN1_STRING_to_UTF8(&utf8, s) : -1;
	if (len >= 0) {
		wb_buf_adds(out, "CN=");
		wb_buf_add(out, utf8, (size_t)len);
	} else {
		add_name(out, n);
	}
	OPENSSL_free(utf8);
}

static void add_ip(wb_buf *out, const ASN1_OCTET_STRING *ip)
{
	char text[INET6_ADDRSTRLEN] = "?";
	int len = ASN1_STRING_length(ip);
	const unsigned char *p = ASN1_STRING_get0_data(ip);
	if (len == 4 || len == 16)
		inet_ntop(len == 4 ? AF_INET : AF_INET6, p, text, sizeof text);
	wb_buf_printf(out, "IP:%s", text);
}

static void add_general_name(wb_buf *out, const GENERAL_NAME *g)
{
	const ASN1_IA5STRING *s = NULL;
	const char *tag = NULL;
	switch (g->type) {
	case GEN_DNS:
		tag = "DNS", s = g->d.dNSName;
		break;
	case GEN_EMAIL:
		tag = "email", s = g->d.rfc822Name;
		break;
	case GEN_URI:
		tag = "URI", s = g->d.uniformResourceIdentifier;
		break;
	case GEN_IPADD:
		add_ip(out, g->d.iPAddress);
		return;
	default:
		wb_buf_adds(out, "(other)");
		return;
	}
	wb_buf_printf(out, "%s:%.*s", tag, ASN1_STRING_length(s),
		      (const char *)ASN1_STRING_get0_data(s));
}

static void add_sans(wb_buf *out, X509 *cert)
{
	GENERAL_NAMES *names =
		X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	int n = names ? sk_GENERAL_NAME_num(names) : 0;
	if (n == 0)
		wb_buf_adds(out, "(none)");
	for (int i = 0; i < n; i++) {
		if (i)
			wb_buf_adds(out, ", ");
		add_general_name(out, sk_GENERAL_NAME_value(names, i));
	}
	GENERAL_NAMES_free(names);
}

static void add_time(wb_buf *out, const ASN1_TIME *t)
{
	struct tm tm;
	char text[32];
	if (!t || !ASN1_TIME_to_tm(t, &tm) ||
	    !strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm)) {
		wb_buf_adds(out, "?");
		return;
	}
	wb_buf_adds(out, text);
}

static void add_validity(wb_buf *out, X509 *cert)
{
	const ASN1_TIME *from = X509_get0_notBefore(cert);
	const ASN1_TIME *until = X509_get0_notAfter(cert);
	add_time(out, from);
	wb_buf_adds(out, " .. ");
	add_time(out, until);
	if (X509_cmp_current_time(until) < 0)
		wb_buf_adds(out, "  EXPIRED");
	else if (X509_cmp_current_time(from) > 0)
		wb_buf_adds(out, "  NOT YET VALID");
}

static void add_fingerprint(wb_buf *out, X509 *cert)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (!X509_digest(cert, EVP_sha256(), md, &len)) {
		wb_buf_adds(out, "?");
		return;
	}
	for (unsigned i = 0; i < len; i++)
		wb_buf_printf(out, "%s%02X", i ? ":" : "", md[i]);
}

static void add_cert(wb_buf *out, int i, X509 *cert)
{
	wb_buf_printf(out, "  [%d] subject: ", i);
	add_name(out, X509_get_subject_name(cert));
	wb_buf_adds(out, "\n      issuer:  ");
	add_name(out, X509_get_issuer_name(cert));
	wb_buf_adds(out, "\n      SAN:     ");
	add_sans(out, cert);
	wb_buf_adds(out, "\n      valid:   ");
	add_validity(out, cert);
	wb_buf_adds(out, "\n      sha256:  ");
	add_fingerprint(out, cert);
	wb_buf_adds(out, "\n");
}

static void add_alpn(wb_buf *out, SSL *ssl)
{
	const unsigned char *alpn = NULL;
	unsigned len = 0;
	SSL_get0_alpn_selected(ssl, &alpn, &len);
	if (len)
		wb_buf_printf(out, "ALPN %.*s", (int)len, (const char *)alpn);
	else
		wb_buf_adds(out, "ALPN none (server ignored the http/1.1 offer)");
}

static void add_verdict(wb_buf *out, SSL *ssl, const char *name, int insecure)
{
	long vr = SSL_get_verify_result(ssl);
	if (!insecure) {
		wb_buf_printf(out, "verified (chain and name %s)", name);
		return;
	}
	wb_buf_adds(out, "NOT VERIFIED (--insecure); the check says: ");
	if (vr == X509_V_OK)
		wb_buf_adds(out, "ok");
	else
		wb_tlsinfo_verify_reason(vr, name, out);
}

void wb_tlsinfo_summary(SSL *ssl, const char *name, int insecure, wb_buf *out)
{
	wb_buf_printf(out, "TLS with %s: %s %s, ", name, SSL_get_version(ssl),
		      SSL_get_cipher_name(ssl));
	add_alpn(out, ssl);
	X509 *leaf = SSL_get0_peer_certificate(ssl);
	if (leaf) {
		wb_buf_adds(out, ", peer ");
		add_short_name(out, X509_get_subject_name(leaf));
		wb_buf_adds(out, " issued by ");
		add_short_name(out, X509_get_issuer_name(leaf));
	}
	wb_buf_adds(out, ", ");
	add_verdict(out, ssl, name, insecure);
	wb_buf_adds(out, " (`tls` shows the chain)");
}

void wb_tlsinfo_describe(SSL *ssl, const char *name, int insecure, wb_buf *out)
{
	int bits = SSL_get_cipher_bits(ssl, NULL);
	wb_buf_printf(out, "session:  %s, cipher %s (%d-bit), ",
		      SSL_get_version(ssl), SSL_get_cipher_name(ssl), bits);
	add_alpn(out, ssl);
	wb_buf_printf(out, "\nserver:   %s (SNI %s)\nverdict:  ", name,
		      SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name)
			      ? name : "not sent: IP address");
	add_verdict(out, ssl, name, insecure);
	/* The verified chain ends at the trusted CA, which servers usually
	 * do not send; without verification only the sent chain exists. */
	STACK_OF(X509) *chain = insecure ? NULL : SSL_get0_verified_chain(ssl);
	const char *which = "verified, up to the trusted CA";
	if (!chain) {
		chain = SSL_get_peer_cert_chain(ssl);
		which = "as sent by the server";
	}
	int n = chain ? sk_X509_num(chain) : 0;
	wb_buf_printf(out, "\npeer chain (%d certificate%s, %s):\n", n,
		      n == 1 ? "" : "s", which);
	for (int i = 0; i < n; i++)
		add_cert(out, i, sk_X509_value(chain, i));
	if (out->n && out->p[out->n - 1] == '\n')
		out->p[--out->n] = '\0';
}
