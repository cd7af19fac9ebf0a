/* explain.c - what a frame is and the rule it follows, in one line.
 * The references are RFC 9112 (HTTP/1.1 messages), RFC 9110 (semantics)
 * and what Python 3.11's http.client does. */
#include "explain.h"

#include <inttypes.h>
#include <string.h>
#include <strings.h>

#define NAME_MAX_LEN 64

/* Texts for kinds whose meaning depends on direction only. */
typedef struct simple {
	wb_fkind kind;
	const char *out, *in;
} simple;

static const simple simples[] = {
	{ WB_FK_REQUEST_LINE,
	  "request line: method SP request-target SP HTTP-version CRLF "
	  "(RFC 9112 \xc2\xa7" "3); putrequest writes it first",
	  NULL },
	{ WB_FK_END_HEADERS,
	  "empty line: CRLF ends the header section (RFC 9112 \xc2\xa7" "2.1); "
	  "endheaders appends it to the buffer and sends the whole head in one "
	  "write",
	  "empty line: ends the response's header section; the body follows, "
	  "framed by Transfer-Encoding: chunked, else Content-Length, else the "
	  "close of the connection (RFC 9112 \xc2\xa7" "6.3)" },
	{ WB_FK_TRAILER,
	  "trailer field: a header field sent after the last-chunk "
	  "(RFC 9112 \xc2\xa7" "7.1.2); a receiver may ignore it",
	  "trailer field: a header field after the last-chunk "
	  "(RFC 9112 \xc2\xa7" "7.1.2); http.client reads trailer lines and "
	  "discards them" },
	{ WB_FK_END_TRAILERS,
	  "empty line after the last-chunk (and any trailers): ends the "
	  "chunked message (RFC 9112 \xc2\xa7" "7.1); http.client sends "
	  "b'0\\r\\n\\r\\n'",
	  "empty line after the last-chunk (and any trailers): ends the "
	  "chunked body (RFC 9112 \xc2\xa7" "7.1); the response is complete" },
	{ WB_FK_RAW,
	  "raw bytes: send() writes exactly these bytes with no framing added "
	  "(http.client HTTPConnection.send); the peer parses them as part of "
	  "the message",
	  NULL },
	{ WB_FK_CONNECT_REQUEST,
	  "CONNECT request: asks the proxy for a tunnel to host:port, the "
	  "target in authority form (RFC 9110 \xc2\xa7" "9.3.6); http.client's "
	  "_tunnel sends it right after connecting when set_tunnel was called",
	  NULL },
	{ WB_FK_DISCARDED, NULL,
	  "discarded: bytes that arrived after the response and sat in "
	  "http.client's read buffer when the response was closed; they are "
	  "lost, never given to the next response" },
	{ WB_FK_EOF_, NULL,
	  "eof: the peer closed its side (recv returned 0 bytes); it ends a "
	  "close-delimited body, and anywhere else http.client raises "
	  "RemoteDisconnected or IncompleteRead" },
	{ WB_FK_DEBUG, NULL,
	  "debug output: what http.client prints with set_debuglevel "
	  "(send:, reply:, header:), kept here instead of on stdout" },
	{ WB_FK_CLOSE, NULL,
	  "socket closed: close(), a response that will_close, or a failed "
	  "request closed the connection; the next request connects again "
	  "(auto_open)" },
};

/* Header names with a lesson of their own. */
typedef struct known_header {
	const char *name;
	const char *out, *in;
} known_header;

static const known_header headers[] = {
	{ "Host",
	  "Host: the target's host (and port unless it is the default) \xe2\x80\x94 added "
	  "by putrequest unless skip_host (http.client; RFC 9112 \xc2\xa7" "3.2)",
	  "Host in a response: not a response field; http.client keeps it as "
	  "an ordinary header" },
	{ "Accept-Encoding",
	  "Accept-Encoding: identity \xe2\x80\x94 added by putrequest unless "
	  "skip_accept_encoding (http.client): it reads bodies as they come "
	  "and cannot decompress them",
	  "Accept-Encoding in a response: not a response field; kept as an "
	  "ordinary header" },
	{ "Content-Length",
	  "Content-Length: the body's size in bytes \xe2\x80\x94 request() adds it when "
	  "the body's length is known and no Content-Length or "
	  "Transfer-Encoding was given (http.client; RFC 9112 \xc2\xa7" "6.2)",
	  "Content-Length: the body is exactly this many bytes; read() stops "
	  "there and an early close raises IncompleteRead (RFC 9112 \xc2\xa7"
	  "6.3)" },
	{ "Transfer-Encoding",
	  "Transfer-Encoding: chunked \xe2\x80\x94 request() adds it when the body's "
	  "length is unknown (a file or an iterable) and sends the body as "
	  "chunks (http.client encode_chunked; RFC 9112 \xc2\xa7" "7.1)",
	  "Transfer-Encoding: chunked \xe2\x80\x94 the body comes as chunks, each after "
	  "its size line; it wins over Content-Length (RFC 9112 \xc2\xa7" "6.3; "
	  "http.client _read_chunked)" },
	{ "Connection",
	  "Connection: close asks the server to close after the response; "
	  "keep-alive (the HTTP/1.1 default) lets the connection be reused "
	  "(RFC 9112 \xc2\xa7" "9.6)",
	  "Connection: close makes the response will_close: the socket closes "
	  "after the body; otherwise HTTP/1.1 keeps it open for the next "
	  "request (RFC 9112 \xc2\xa7" "9.6)" },
};

static const char buffered_text[] =
	"buffered: putheader (like putrequest) only appends to the "
	"connection's buffer; endheaders sends it in one write";
static const char dropped_text[] =
	"dropped: never sent \xe2\x80\x94 the connect or the send failed after "
	"http.client had emptied its buffer, so these bytes are gone";

static int is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* Length of the field name at the start of f's bytes when it is a token
 * followed by ':', else 0. */
static size_t field_name(const wb_frame *f)
{
	size_t n = 0;
	while (n < f->stored && n <= NAME_MAX_LEN &&
	       is_tchar((unsigned char)f->data[n]))
		n++;
	if (n == 0 || n > NAME_MAX_LEN || n >= f->stored || f->data[n] != ':')
		return 0;
	return n;
}

static wb_err explain_header(const wb_frame *f, wb_buf *out)
{
	size_t n = field_name(f);
	int in = f->dir == WB_DIR_IN;
	for (size_t i = 0; n && i < sizeof headers / sizeof headers[0]; i++)
		if (strlen(headers[i].name) == n &&
		    strncasecmp(headers[i].name, f->data, n) == 0)
			return wb_buf_adds(out, in ? headers[i].in
						   : headers[i].out);
	if (!n)
		return wb_buf_adds(out, in ? "header line that is not a valid "
					     "field (name: value): http.client "
					     "still collects it"
					   : "header line: name: value CRLF "
					     "(RFC 9112 \xc2\xa7" "5)");
	wb_err e = wb_buf_printf(out, "header field %.*s: ", (int)n, f->data);
	return e ? e
		 : wb_buf_adds(out, in ? "name: value CRLF (RFC 9112 \xc2\xa7"
					 "5); parse_headers collects it into "
					 "the response's HTTPMessage"
				       : "name: value CRLF (RFC 9112 \xc2\xa7"
					 "5), written by putheader; a list "
					 "of values is joined with CRLF TAB");
}

/* The three-digit status code of a status line, or -1. */
static int status_code(const wb_frame *f)
{
	const char *p = memchr(f->data, ' ', f->stored);
	if (!p || (size_t)(p - f->data) + 4 > f->stored)
		return -1;
	int code = 0;
	for (int i = 1; i <= 3; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		code = code * 10 + (p[i] - '0');
	}
	return code;
}

static wb_err explain_status(const wb_frame *f, wb_buf *out)
{
	int code = status_code(f);
	if (code == 100)
		return wb_buf_adds(out, "100 Continue: an interim response; "
			"getresponse skips it and its headers and reads the "
			"next status line (http.client begin; RFC 9110 \xc2\xa7"
			"15.2.1)");
	if (code >= 101 && code <= 199)
		return wb_buf_printf(out, "%d: an interim (1xx) response; "
			"http.client skips only 100 Continue, so it takes "
			"this one as the final response (RFC 9110 \xc2\xa7"
			"15.2)", code);
	if (code == 204 || code == 304)
		return wb_buf_printf(out, "status line %d: a response that "
			"never has a body, whatever its headers say "
			"(RFC 9112 \xc2\xa7" "6.3)", code);
	if (code < 0)
		return wb_buf_adds(out, "status line that does not parse as "
			"HTTP-version SP status-code SP reason: http.client "
			"raises BadStatusLine (RFC 9112 \xc2\xa7" "4)");
	return wb_buf_printf(out, "status line %d: HTTP-version SP "
		"status-code SP reason-phrase CRLF (RFC 9112 \xc2\xa7" "4); "
		"getresponse reads it first", code);
}

static wb_err explain_chunk(const wb_frame *f, wb_buf *out)
{
	const char *who = f->dir == WB_DIR_OUT
				  ? "chunk / encode_chunked sent it"
				  : "read() decodes it";
	switch (f->kind) {
	case WB_FK_CHUNK_SIZE:
		if (f->chunk_size < 0)
			return wb_buf_adds(out, "chunk-size line that is not "
				"hex digits: http.client raises "
				"IncompleteRead (RFC 9112 \xc2\xa7" "7.1)");
		return wb_buf_printf(out, "chunk-size line: the length of the "
			"chunk data that follows (%" PRId64 " bytes), in hex, "
			"then CRLF (RFC 9112 \xc2\xa7" "7.1); %s",
			f->chunk_size, who);
	case WB_FK_CHUNK_DATA:
		return wb_buf_printf(out, "chunk data: the %" PRIu64 " bytes "
			"of chunk #%u, exactly as many as its chunk-size line "
			"announced (RFC 9112 \xc2\xa7" "7.1)", f->len,
			f->chunk_no);
	case WB_FK_CHUNK_CRLF:
		return wb_buf_printf(out, "CRLF after the data of chunk #%u: "
			"every chunk ends with one (RFC 9112 \xc2\xa7" "7.1)",
			f->chunk_no);
	default:
		return wb_buf_printf(out, "last-chunk: a chunk-size of 0 ends "
			"the chunked body; trailer fields and an empty line "
			"follow (RFC 9112 \xc2\xa7" "7.1); %s",
			f->dir == WB_DIR_OUT ? "endchunks (or the end of an "
				"encode_chunked body) sent it"
					     : "read() stops here");
	}
}

static wb_err explain_body(const wb_frame *f, wb_buf *out)
{
	if (f->dir == WB_DIR_OUT)
		return wb_buf_printf(out, "body: %" PRIu64 " bytes sent as "
			"they are, after the head; the receiver counts them "
			"against Content-Length (RFC 9112 \xc2\xa7" "6.2)",
			f->len);
	return wb_buf_printf(out, "body: %" PRIu64 " bytes of the response "
		"body, delimited by Content-Length or by the close of the "
		"connection (RFC 9112 \xc2\xa7" "6.3)", f->len);
}

static int note_is(const wb_frame *f, const char *prefix)
{
	return f->note && strncmp(f->note, prefix, strlen(prefix)) == 0;
}

static const char *explain_open(const wb_frame *f)
{
	if (note_is(f, "proxy"))
		return "proxy, given by --proxy or found in the environment "
		       "(curl's rules: https_proxy, http_proxy, no_proxy): "
		       "requests go through it";
	return "connected: the TCP connection is up; http.client connects "
	       "lazily, at the first send (auto_open), not when created";
}

static const char *explain_tls(const wb_frame *f)
{
	if (f->note && strstr(f->note, "failed"))
		return "TLS handshake failed: no HTTP byte was sent; the "
		       "error says why (ssl.SSLError and its subclasses)";
	return "TLS handshake: HTTPSConnection wraps the socket (with SNI "
	       "for a host name) before any HTTP byte; every byte after "
	       "it is encrypted";
}

static const char *explain_warning(const wb_frame *f)
{
	if (note_is(f, "connect to"))
		return "connect failed: nothing was sent; the request lines "
		       "buffered before it are dropped (http.client emptied "
		       "its buffer first)";
	if (note_is(f, "send of"))
		return "send failed: the peer is gone or reset the "
		       "connection; the bytes of this write may be lost";
	if (note_is(f, "certificate verification is OFF"))
		return "verification off (--insecure): the certificate is "
		       "not checked, so anyone on the path could answer";
	if (note_is(f, "TLS"))
		return "TLS warning: how the TLS layer behaved, as Python's "
		       "ssl module would";
	return "warning from wirebench: something unusual about this "
	       "exchange (not an error by itself)";
}

static const char *explain_note(const wb_frame *f)
{
	switch (f->kind) {
	case WB_FK_OPEN: return explain_open(f);
	case WB_FK_TLS: return explain_tls(f);
	case WB_FK_WARNING: return explain_warning(f);
	default: break;
	}
	if (note_is(f, "tunnel to"))
		return "tunnel open: the proxy answered 200 to CONNECT; from "
		       "now on the bytes go to the target through it "
		       "(RFC 9110 \xc2\xa7" "9.3.6)";
	return "note from wirebench about the connection or the command; "
	       "not bytes on the wire";
}

static const char *simple_text(const wb_frame *f)
{
	for (size_t i = 0; i < sizeof simples / sizeof simples[0]; i++)
		if (simples[i].kind == f->kind) {
			const char *s = f->dir == WB_DIR_OUT ? simples[i].out
							     : simples[i].in;
			return s ? s : simples[i].out ? simples[i].out
						     : simples[i].in;
		}
	return NULL;
}

static wb_err explain_what(const wb_frame *f, wb_buf *out)
{
	switch (f->kind) {
	case WB_FK_HEADER: return explain_header(f, out);
	case WB_FK_STATUS_LINE: return explain_status(f, out);
	case WB_FK_BODY: return explain_body(f, out);
	case WB_FK_CHUNK_SIZE:
	case WB_FK_CHUNK_DATA:
	case WB_FK_CHUNK_CRLF:
	case WB_FK_LAST_CHUNK: return explain_chunk(f, out);
	case WB_FK_OPEN:
	case WB_FK_TLS:
	case WB_FK_WARNING:
	case WB_FK_INFO: return wb_buf_adds(out, explain_note(f));
	default: break;
	}
	const char *s = simple_text(f);
	return wb_buf_adds(out, s ? s : "frame of an unknown kind");
}

wb_err wb_explain_frame(const wb_frame *f, wb_buf *out)
{
	wb_err e = explain_what(f, out);
	if (e == WB_OK && f->dir == WB_DIR_OUT && f->state == WB_FS_BUFFERED)
		e = wb_buf_printf(out, " \xc2\xb7 %s", buffered_text);
	else if (e == WB_OK && f->dir == WB_DIR_OUT &&
		 f->state == WB_FS_DROPPED)
		e = wb_buf_printf(out, " \xc2\xb7 %s", dropped_text);
	return e;
}
