/* tls.c - the TLS transport: OpenSSL 3 over any inner transport.
 *
 * OpenSSL talks to the inner transport through a BIO whose read and write
 * call the inner ops, so timeouts and Ctrl-C cancel work exactly as on TCP
 * (the inner waits honour wb_io_opts); a timed-out or cancelled read is a
 * retryable BIO read, which keeps the TLS session usable afterwards. */
#include "tls.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "closed.h"
#include "tlsinfo.h"

struct wb_tls_config {
	SSL_CTX *ctx;
	BIO_METHOD *bio;
	int insecure;
	char *keylog;
	wb_buf last;
};

typedef struct tls_transport {
	wb_transport base;
	wb_transport *inner;
	SSL *ssl;
	wb_err inner_err;  /* the inner transport's error in this call */
	int inner_eof;
	wb_tap *tap;
	wb_buf desc;
} tls_transport;

/* ---- errors in Python's words ---------------------------------------- */

/* The library names of Python's error table (_ssl_data_300.h). */
static const char *const lib_names[] = {
	[ERR_LIB_SYS] = "SYS",       [ERR_LIB_BN] = "BN",
	[ERR_LIB_RSA] = "RSA",       [ERR_LIB_DH] = "DH",
	[ERR_LIB_EVP] = "EVP",       [ERR_LIB_BUF] = "BUF",
	[ERR_LIB_OBJ] = "OBJ",       [ERR_LIB_PEM] = "PEM",
	[ERR_LIB_DSA] = "DSA",       [ERR_LIB_X509] = "X509",
	[ERR_LIB_ASN1] = "ASN1",     [ERR_LIB_CONF] = "CONF",
	[ERR_LIB_CRYPTO] = "CRYPTO", [ERR_LIB_EC] = "EC",
	[ERR_LIB_SSL] = "SSL",       [ERR_LIB_BIO] = "BIO",
	[ERR_LIB_PKCS7] = "PKCS7",   [ERR_LIB_X509V3] = "X509V3",
	[ERR_LIB_PKCS12] = "PKCS12", [ERR_LIB_RAND] = "RAND",
	[ERR_LIB_DSO] = "DSO",       [ERR_LIB_ENGINE] = "ENGINE",
	[ERR_LIB_OCSP] = "OCSP",     [ERR_LIB_UI] = "UI",
	[ERR_LIB_COMP] = "COMP",     [ERR_LIB_ECDSA] = "ECDSA",
	[ERR_LIB_ECDH] = "ECDH",     [ERR_LIB_OSSL_STORE] = "OSSL_STORE",
	[ERR_LIB_FIPS] = "FIPS",     [ERR_LIB_CMS] = "CMS",
	[ERR_LIB_TS] = "TS",         [ERR_LIB_HMAC] = "HMAC",
	[ERR_LIB_CT] = "CT",         [ERR_LIB_ASYNC] = "ASYNC",
	[ERR_LIB_KDF] = "KDF",       [ERR_LIB_SM2] = "SM2",
	[ERR_LIB_ESS] = "ESS",       [ERR_LIB_PROP] = "PROP",
	[ERR_LIB_CRMF] = "CRMF",     [ERR_LIB_PROV] = "PROV",
	[ERR_LIB_CMP] = "CMP",       [ERR_LIB_OSSL_ENCODER] = "OSSL_ENCODER",
	[ERR_LIB_OSSL_DECODER] = "OSSL_DECODER", [ERR_LIB_HTTP] = "HTTP",
};

static const char *lib_name(unsigned long code)
{
	unsigned lib = (unsigned)ERR_GET_LIB(code);
	const char *name = lib < sizeof lib_names / sizeof *lib_names
				   ? lib_names[lib] : NULL;
	return name ? name : "SSL";
}

/* "[SSL: WRONG_VERSION_NUMBER] wrong version number", as Python's
 * fill_and_set_sslerror (without its "(_ssl.c:NNN)" suffix). */
static void format_ssl_error(unsigned long code, const char *text,
			     wb_buf *msg)
{
	if (ERR_SYSTEM_ERROR(code)) {
		int err = (int)ERR_GET_REASON(code);
		wb_buf_printf(msg, "[Errno %d] %s", err, strerror(err));
		return;
	}
	const char *reason = ERR_reason_error_string(code);
	/* Python's table of reason names has none of OpenSSL's common reasons
	 * (ERR_R_PEM_LIB, ...): those read "[SSL] PEM lib" */
	if (!reason || (ERR_GET_RFLAGS(code) & ERR_RFLAG_COMMON)) {
		if (!text)
			text = reason;
		wb_buf_printf(msg, "[%s] %s", lib_name(code),
			      text ? text : "unknown error");
		return;
	}
	wb_buf_printf(msg, "[%s: ", lib_name(code));
	for (const char *p = reason; *p; p++)
		wb_buf_addc(msg, *p == ' ' ? '_' : (char)toupper((unsigned char)*p));
	wb_buf_printf(msg, "] %s", text ? text : reason);
}

static wb_err openssl_fail(wb_buf *msg)
{
	unsigned long code = ERR_peek_last_error();
	format_ssl_error(code, NULL, msg);
	ERR_clear_error();
	return WB_E_SSL;
}

static wb_err file_check(const char *path, int want_dir, wb_buf *msg)
{
	struct stat st;
	if (stat(path, &st) == 0 && (S_ISDIR(st.st_mode) != 0) == want_dir)
		return WB_OK;
	int err = errno ? errno : (want_dir ? ENOTDIR : EISDIR);
	wb_buf_printf(msg, "[Errno %d] %s: '%s'", err, strerror(err), path);
	return wb_err_from_errno(err);
}

/* ---- the configuration ------------------------------------------------ */

static void keylog_line(const SSL *ssl, const char *line)
{
	wb_tls_config *cfg = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
	int fd = open(cfg->keylog, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		      0600);
	if (fd < 0)
		return;
	size_t n = strlen(line);
	if (write(fd, line, n) == (ssize_t)n)
		(void)!write(fd, "\n", 1);
	close(fd);
}

/* The ssl module opens the key log file when the context is made (an
 * HTTPSConnection under SSLKEYLOGFILE), so a path it cannot append to fails
 * `open` with Python's OSError. */
static wb_err keylog_check(const char *path, wb_buf *msg)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		return WB_OK;
	}
	int err = errno;
	wb_buf_printf(msg, "[Errno %d] %s: '%s'", err, strerror(err), path);
	return wb_err_from_errno(err);
}

static wb_err load_trust(wb_tls_config *cfg, const wb_tls_opts *o,
			 wb_buf *msg)
{
	wb_err e = WB_OK;
	if (o->cafile && (e = file_check(o->cafile, 0, msg)))
		return e;
	if (o->capath && (e = file_check(o->capath, 1, msg)))
		return e;
	if (o->cafile || o->capath) {
		if (!SSL_CTX_load_verify_locations(cfg->ctx, o->cafile,
						   o->capath))
			return openssl_fail(msg);
	} else if (!SSL_CTX_set_default_verify_paths(cfg->ctx)) {
		return openssl_fail(msg);
	}
	return WB_OK;
}

static wb_err load_client_cert(wb_tls_config *cfg, const wb_tls_opts *o,
			       wb_buf *msg)
{
	if (!o->cert && !o->key)
		return WB_OK;
	if (!o->cert) {
		wb_buf_adds(msg, "--key needs --cert (the client certificate)");
		return WB_E_USAGE;
	}
	const char *key = o->key ? o->key : o->cert;
	wb_err e = file_check(o->cert, 0, msg);
	if (e == WB_OK)
		e = file_check(key, 0, msg);
	if (e)
		return e;
	if (!SSL_CTX_use_certificate_chain_file(cfg->ctx, o->cert) ||
	    !SSL_CTX_use_PrivateKey_file(cfg->ctx, key, SSL_FILETYPE_PEM) ||
	    !SSL_CTX_check_private_key(cfg->ctx))
		return openssl_fail(msg);
	return WB_OK;
}

static int bio_write(BIO *b, const char *p, int n);
static int bio_read(BIO *b, char *p, int n);
static long bio_ctrl(BIO *b, int cmd, long num, void *ptr);

static wb_err make_ctx(wb_tls_config *cfg, const wb_tls_opts *o)
{
	static const unsigned char alpn[] = "\x08http/1.1";
	cfg->ctx = SSL_CTX_new(TLS_client_method());
	cfg->bio = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
				"wirebench transport");
	if (!cfg->ctx || !cfg->bio)
		return WB_E_NOMEM;
	BIO_meth_set_write(cfg->bio, bio_write);
	BIO_meth_set_read(cfg->bio, bio_read);
	BIO_meth_set_ctrl(cfg->bio, bio_ctrl);
	SSL_CTX_set_app_data(cfg->ctx, cfg);
	SSL_CTX_set_min_proto_version(cfg->ctx, TLS1_2_VERSION);
	SSL_CTX_set_alpn_protos(cfg->ctx, alpn, sizeof alpn - 1);
	/* Whole TCP reads rather than a 5-byte record header and then the
	 * record: one system call per small response instead of two. Only
	 * how TLS pulls bytes off the socket changes, not the plaintext the
	 * response reader sees, and nothing polls the socket while OpenSSL
	 * holds bytes: a read always asks OpenSSL first. */
	SSL_CTX_set_read_ahead(cfg->ctx, 1);
	/* Verification runs in both modes: with --insecure its verdict is
	 * only reported, never enforced. */
	SSL_CTX_set_verify(cfg->ctx,
			   o->insecure ? SSL_VERIFY_NONE : SSL_VERIFY_PEER,
			   NULL);
	if (cfg->keylog)
		SSL_CTX_set_keylog_callback(cfg->ctx, keylog_line);
	return WB_OK;
}

wb_err wb_tls_config_new(const wb_tls_opts *o, wb_tls_config **out,
			 wb_buf *msg)
{
	wb_tls_config *cfg = wb_calloc(1, sizeof *cfg);
	if (!cfg)
		return WB_E_NOMEM;
	cfg->insecure = o->insecure;
	const char *keylog = o->keylog ? o->keylog : getenv("SSLKEYLOGFILE");
	if (keylog && *keylog)
		cfg->keylog = wb_strdup(keylog);
	ERR_clear_error();
	wb_err e = make_ctx(cfg, o);
	if (e == WB_OK)
		e = load_trust(cfg, o, msg);
	if (e == WB_OK && cfg->keylog)
		e = keylog_check(cfg->keylog, msg);
	if (e == WB_OK)
		e = load_client_cert(cfg, o, msg);
	if (e) {
		wb_tls_config_free(cfg);
		return e;
	}
	*out = cfg;
	return WB_OK;
}

void wb_tls_config_free(wb_tls_config *cfg)
{
	if (!cfg)
		return;
	SSL_CTX_free(cfg->ctx);
	BIO_meth_free(cfg->bio);
	free(cfg->keylog);
	wb_buf_free(&cfg->last);
	free(cfg);
}

int wb_tls_config_insecure(const wb_tls_config *cfg)
{
	return cfg->insecure;
}

const char *wb_tls_config_last(const wb_tls_config *cfg)
{
	return cfg->last.n ? cfg->last.p : NULL;
}

/* ---- the BIO over the inner transport --------------------------------- */

static int bio_write(BIO *b, const char *p, int n)
{
	tls_transport *t = BIO_get_data(b);
	BIO_clear_retry_flags(b);
	wb_buf_clear(&t->inner->msg);
	wb_err e = t->inner->ops->send(t->inner, p, (size_t)n);
	if (e) {
		t->inner_err = e;
		return -1;
	}
	return n;
}

static int bio_read(BIO *b, char *p, int n)
{
	tls_transport *t = BIO_get_data(b);
	BIO_clear_retry_flags(b);
	wb_buf_clear(&t->inner->msg);
	size_t got = 0;
	wb_err e = t->inner->ops->recv(t->inner, p, (size_t)n, &got);
	if (e) {
		t->inner_err = e;
		if (e == WB_E_TIMEOUT || e == WB_E_CANCELLED)
			BIO_set_retry_read(b);
		return -1;
	}
	t->inner_eof = got == 0;
	return (int)got;
}

/* BIO_CTRL_EOF as a socket BIO answers it: OpenSSL then treats a close
 * without close_notify as fatal, as it does under Python's ssl module. */
static long bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	tls_transport *t = BIO_get_data(b);
	(void)num, (void)ptr;
	if (cmd == BIO_CTRL_EOF)
		return t && t->inner_eof;
	return cmd == BIO_CTRL_FLUSH;
}

/* ---- what a failure probably means ------------------------------------ */

static void hint(wb_tap *tap, const char *text)
{
	wb_tap_note(tap, WB_FK_WARNING, "TLS: %s", text);
}

static const char *hint_for(unsigned long code)
{
	switch (ERR_GET_REASON(code)) {
	case SSL_R_WRONG_VERSION_NUMBER:
	case SSL_R_PACKET_LENGTH_TOO_LONG:
		return "the server did not answer in TLS: this port probably "
		       "speaks plain HTTP (try http://)";
	case SSL_R_UNEXPECTED_EOF_WHILE_READING:
		return "the server closed the connection during the handshake "
		       "(this port may not speak TLS, or it refused our hello)";
	case SSL_R_UNSUPPORTED_PROTOCOL:
	case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
	case SSL_R_NO_PROTOCOLS_AVAILABLE:
		return "no TLS version in common: wirebench, like Python's "
		       "default context, needs TLS 1.2 or later";
	case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE:
		return "the server refused the handshake: no cipher in common, "
		       "or it requires a client certificate (--cert/--key)";
	case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
		return "the server requires a client certificate: use --cert "
		       "FILE [--key FILE]";
	default:
		return NULL;
	}
}

/* ---- the transport ------------------------------------------------------ */

/* The inner transport's failure in Python's words; timeouts say which TLS
 * operation timed out, as the ssl module does. */
static wb_err inner_fail(tls_transport *t, const char *op)
{
	wb_buf_clear(&t->base.msg);
	if (t->inner_err == WB_E_TIMEOUT)
		wb_buf_printf(&t->base.msg, "The %s operation timed out", op);
	else
		wb_buf_add(&t->base.msg, t->inner->msg.p, t->inner->msg.n);
	ERR_clear_error();
	return t->inner_err;
}

static int is_unexpected_eof(unsigned long code)
{
	return ERR_GET_LIB(code) == ERR_LIB_SSL &&
	       ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING;
}

static wb_err tls_send(wb_transport *tt, const void *p, size_t n)
{
	tls_transport *t = (tls_transport *)tt;
	t->inner_err = WB_OK;
	ERR_clear_error();
	size_t done = 0;
	if (n == 0 || SSL_write_ex(t->ssl, p, n, &done))
		return WB_OK;
	wb_buf_clear(&tt->msg);
	if (t->inner_err == WB_E_CONN_RESET ||
	    t->inner_err == WB_E_BROKEN_PIPE) { /* as reset_as_eof */
		ERR_clear_error();
		wb_buf_adds(&tt->msg, "EOF occurred in violation of protocol");
		return WB_E_SSL_EOF;
	}
	if (t->inner_err)
		return inner_fail(t, "write");
	unsigned long code = ERR_peek_last_error();
	if (!code) { /* a session ended by an unexpected EOF */
		wb_buf_adds(&tt->msg, "EOF occurred in violation of protocol");
		return WB_E_SSL_EOF;
	}
	if (is_unexpected_eof(code)) {
		format_ssl_error(code, "EOF occurred in violation of protocol",
				 &tt->msg);
		ERR_clear_error();
		return WB_E_SSL_EOF;
	}
	return openssl_fail(&tt->msg);
}

/* A reset under TLS: Python 3.11's ssl module sees SSL_read_ex return 0
 * and reports SSLEOFError, which suppress_ragged_eofs turns into EOF; so
 * http.client never sees ConnectionResetError from a TLS read. */
static wb_err reset_as_eof(tls_transport *t)
{
	wb_tap_note(t->tap, WB_FK_WARNING,
		    "TLS: connection reset by peer; read as EOF, as Python's "
		    "ssl module does");
	ERR_clear_error();
	return WB_OK;
}

/* A close without close_notify reads as EOF: http.client's sockets use
 * suppress_ragged_eofs=True. */
static wb_err tls_recv(wb_transport *tt, void *p, size_t n, size_t *got)
{
	tls_transport *t = (tls_transport *)tt;
	t->inner_err = WB_OK;
	*got = 0;
	ERR_clear_error();
	if (SSL_read_ex(t->ssl, p, n, got))
		return WB_OK;
	int se = SSL_get_error(t->ssl, 0);
	if (se == SSL_ERROR_ZERO_RETURN)
		return WB_OK;
	if (t->inner_err == WB_E_CONN_RESET ||
	    t->inner_err == WB_E_BROKEN_PIPE) /* or the alert after EOF */
		return reset_as_eof(t);
	if (t->inner_err)
		return inner_fail(t, "read");
	unsigned long code = ERR_peek_last_error();
	if (is_unexpected_eof(code) || (se == SSL_ERROR_SYSCALL && !code)) {
		ERR_clear_error();
		return WB_OK;
	}
	wb_buf_clear(&tt->msg);
	const char *h = hint_for(code); /* TLS 1.3 alerts come after the
					 * handshake, at the first read */
	if (h)
		hint(t->tap, h);
	return openssl_fail(&tt->msg);
}

static void tls_close(wb_transport *tt)
{
	tls_transport *t = (tls_transport *)tt;
	SSL_free(t->ssl); /* no close_notify: http.client just closes */
	if (t->inner)
		t->inner->ops->close(t->inner);
	wb_buf_free(&t->desc);
	wb_buf_free(&tt->msg);
	free(t);
}

static const char *tls_describe(wb_transport *tt)
{
	return ((tls_transport *)tt)->desc.p;
}

/* An SSLSocket's fileno() is its socket's. */
static int tls_fileno(wb_transport *tt)
{
	wb_transport *in = ((tls_transport *)tt)->inner;
	return in && in->ops->fileno ? in->ops->fileno(in) : -1;
}

static const struct wb_transport_ops tls_ops = {
	.name = "tls",
	.fileno = tls_fileno,
	.send = tls_send,
	.recv = tls_recv,
	.close = tls_close,
	.describe = tls_describe,
};

/* ---- the handshake ------------------------------------------------------ */

static int is_ip(const char *name)
{
	unsigned char a[16];
	return inet_pton(AF_INET, name, a) == 1 ||
	       inet_pton(AF_INET6, name, a) == 1;
}

static wb_err setup_ssl(tls_transport *t, wb_tls_config *cfg,
			const char *name)
{
	t->ssl = SSL_new(cfg->ctx);
	BIO *bio = BIO_new(cfg->bio);
	if (!t->ssl || !bio) {
		BIO_free(bio);
		return WB_E_NOMEM;
	}
	BIO_set_data(bio, t);
	BIO_set_init(bio, 1);
	SSL_set_bio(t->ssl, bio, bio);
	SSL_set_post_handshake_auth(t->ssl, 1);
	if (is_ip(name))
		return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(t->ssl),
						     name) == 1
			       ? WB_OK
			       : WB_E_SSL;
	SSL_set_hostflags(t->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
	/* fail closed: a name that cannot be set must not skip the check */
	if (SSL_set_tlsext_host_name(t->ssl, name) != 1 ||
	    SSL_set1_host(t->ssl, name) != 1)
		return WB_E_SSL;
	return WB_OK;
}

static wb_err verify_failed(tls_transport *t, const char *name, wb_tap *tap,
			    wb_buf *msg)
{
	long vr = SSL_get_verify_result(t->ssl);
	wb_buf_adds(msg, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
			 "failed: ");
	wb_tlsinfo_verify_reason(vr, name, msg);
	if (vr == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
	    vr == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
	    vr == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN)
		hint(tap, "the chain does not end at a CA you trust: give the "
			  "CA with --cafile FILE, or look anyway with --insecure");
	else if (vr == X509_V_ERR_CERT_HAS_EXPIRED)
		hint(tap, "the server's certificate has expired (see its "
			  "validity with --insecure and `tls`)");
	else if (vr == X509_V_ERR_HOSTNAME_MISMATCH ||
		 vr == X509_V_ERR_IP_ADDRESS_MISMATCH)
		hint(tap, "the certificate does not name this host: its names "
			  "are shown by --insecure and `tls`");
	ERR_clear_error();
	return WB_E_SSL_CERT;
}

static wb_err handshake_fail(tls_transport *t, const char *name, wb_tap *tap,
			     wb_buf *msg)
{
	wb_tap_note(tap, WB_FK_TLS, "TLS handshake with %s%s failed", name,
		    is_ip(name) ? " (IP address: no SNI sent)" : "");
	if (t->inner_err) {
		wb_err e = inner_fail(t, "handshake");
		wb_buf_add(msg, t->base.msg.p, t->base.msg.n);
		if (t->inner_err == WB_E_TIMEOUT)
			hint(tap, "no answer to our ClientHello within --timeout");
		return e;
	}
	unsigned long code = ERR_peek_last_error();
	if (ERR_GET_LIB(code) == ERR_LIB_SSL &&
	    ERR_GET_REASON(code) == SSL_R_CERTIFICATE_VERIFY_FAILED)
		return verify_failed(t, name, tap, msg);
	if (!code && t->inner_eof)
		code = ERR_PACK(ERR_LIB_SSL, 0, SSL_R_UNEXPECTED_EOF_WHILE_READING);
	int eof = is_unexpected_eof(code);
	format_ssl_error(code, eof ? "EOF occurred in violation of protocol"
				   : NULL,
			 msg);
	const char *h = hint_for(code);
	if (h)
		hint(tap, h);
	ERR_clear_error();
	return eof ? WB_E_SSL_EOF : WB_E_SSL;
}

static void handshake_done(tls_transport *t, wb_tls_config *cfg,
			   const char *name, wb_tap *tap)
{
	wb_buf line = WB_BUF_INIT;
	wb_tlsinfo_summary(t->ssl, name, cfg->insecure, &line);
	if (is_ip(name))
		wb_buf_adds(&line, " [IP address: no SNI sent]");
	wb_tap_note(tap, WB_FK_TLS, "%s", line.p);
	if (cfg->insecure)
		wb_tap_note(tap, WB_FK_WARNING,
			    "certificate verification is OFF (--insecure): "
			    "anyone on the path could be answering");
	wb_buf_clear(&cfg->last);
	wb_tlsinfo_describe(t->ssl, name, cfg->insecure, &cfg->last);
	wb_buf_printf(&t->desc, "tls %s%s", SSL_get_version(t->ssl),
		      cfg->insecure ? " INSECURE" : "");
	wb_buf_free(&line);
}

wb_err wb_tls_wrap(wb_tls_config *cfg, wb_transport *inner, const char *sni,
		   wb_tap *tap, wb_transport **out, wb_buf *msg)
{
	const wb_io_opts *io = inner->io;
	tls_transport *t = wb_calloc(1, sizeof *t);
	wb_err e = t ? WB_OK : WB_E_NOMEM;
	if (e == WB_OK && !*sni) {
		/* Python: an empty host cannot be verified, nor sent as SNI
		 * (the ssl module refuses it even with --insecure) */
		wb_buf_adds(msg, cfg->insecure
					 ? "server_hostname cannot be an empty "
					   "string or start with a leading dot."
					 : "check_hostname requires server_hostname");
		e = WB_E_VALUE;
	}
	if (e == WB_OK) {
		t->base.ops = &tls_ops;
		t->base.io = io;
		t->inner = inner;
		t->tap = tap;
		inner = NULL;
		e = setup_ssl(t, cfg, sni);
		if (e == WB_E_SSL)
			wb_buf_printf(msg, "cannot set '%s' as the name to "
					   "verify", sni);
	}
	if (e == WB_OK) {
		ERR_clear_error();
		if (SSL_connect(t->ssl) == 1)
			handshake_done(t, cfg, sni, tap);
		else
			e = handshake_fail(t, sni, tap, msg);
	}
	if (inner)
		inner->ops->close(inner);
	if (e && t)
		tls_close(&t->base);
	*out = e ? wb_closed_new(io) : &t->base;
	return e;
}
