/* test_explain.c - the one-line lesson behind each frame: every kind the
 * tap produces has its own, well-known headers and status codes have
 * theirs, and no peer byte is copied into the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lang/explain.h"

static wb_frame frame(wb_dir dir, wb_fkind kind, wb_fstate st,
		      const char *data, const char *note)
{
	size_t n = data ? strlen(data) : 0;
	return (wb_frame){ .id = 1, .dir = dir, .kind = kind, .state = st,
			   .len = n, .stored = n, .chunk_size = -1,
			   .note = note, .data = data ? data : "" };
}

/* The explanation of f (a static buffer reused by the next call). */
static const char *explain(const wb_frame *f)
{
	static wb_buf b;
	wb_buf_free(&b);
	assert_int_equal(wb_explain_frame(f, &b), WB_OK);
	assert_non_null(b.p);
	return b.p;
}

static void assert_has(const char *s, const char *part)
{
	if (!strstr(s, part))
		fail_msg("\"%s\" lacks \"%s\"", s, part);
}

/* One line, nothing a terminal would interpret. */
static void assert_printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			fail_msg("control byte 0x%02x in \"%s\"", *p, s);
}

/* A frame of every kind in the direction(s) the core records it. */
typedef struct sample {
	wb_dir dir;
	wb_fkind kind;
	const char *data, *note;
} sample;

static const sample samples[] = {
	{ WB_DIR_OUT, WB_FK_REQUEST_LINE, "GET / HTTP/1.1\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_HEADER, "X-A: 1\r\n", NULL },
	{ WB_DIR_IN, WB_FK_HEADER, "X-A: 1\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_END_HEADERS, "\r\n", NULL },
	{ WB_DIR_IN, WB_FK_END_HEADERS, "\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_BODY, "abc", NULL },
	{ WB_DIR_IN, WB_FK_BODY, "abc", NULL },
	{ WB_DIR_OUT, WB_FK_CHUNK_SIZE, "5\r\n", NULL },
	{ WB_DIR_IN, WB_FK_CHUNK_SIZE, "5\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_CHUNK_DATA, "hello", NULL },
	{ WB_DIR_OUT, WB_FK_CHUNK_CRLF, "\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_LAST_CHUNK, "0\r\n", NULL },
	{ WB_DIR_IN, WB_FK_LAST_CHUNK, "0\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_TRAILER, "X-T: 1\r\n", NULL },
	{ WB_DIR_IN, WB_FK_TRAILER, "X-T: 1\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_END_TRAILERS, "\r\n", NULL },
	{ WB_DIR_IN, WB_FK_END_TRAILERS, "\r\n", NULL },
	{ WB_DIR_OUT, WB_FK_RAW, "xyz", NULL },
	{ WB_DIR_OUT, WB_FK_CONNECT_REQUEST, "CONNECT a:443 HTTP/1.1\r\n",
	  NULL },
	{ WB_DIR_IN, WB_FK_STATUS_LINE, "HTTP/1.1 200 OK\r\n", NULL },
	{ WB_DIR_IN, WB_FK_DISCARDED, "junk", "received after the response" },
	{ WB_DIR_NOTE, WB_FK_EOF_, NULL, "peer closed the connection" },
	{ WB_DIR_NOTE, WB_FK_OPEN, NULL, "connected to 127.0.0.1:80 (tcp)" },
	{ WB_DIR_NOTE, WB_FK_CLOSE, NULL, "socket closed" },
	{ WB_DIR_NOTE, WB_FK_TLS, NULL, "TLSv1.3 with a.test" },
	{ WB_DIR_NOTE, WB_FK_DEBUG, "send: b'GET'", NULL },
	{ WB_DIR_NOTE, WB_FK_WARNING, NULL, "something odd" },
	{ WB_DIR_NOTE, WB_FK_INFO, NULL, "HTTPConnection(a) ready" },
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static void test_every_kind_has_its_own(void **state)
{
	(void)state;
	static char seen[NSAMPLES][600];
	int covered[WB_FK__COUNT] = { 0 };
	for (size_t i = 0; i < NSAMPLES; i++) {
		wb_frame f = frame(samples[i].dir, samples[i].kind, WB_FS_WIRE,
				   samples[i].data, samples[i].note);
		if (f.kind == WB_FK_CHUNK_SIZE || f.kind == WB_FK_LAST_CHUNK)
			f.chunk_size = f.kind == WB_FK_CHUNK_SIZE ? 5 : 0;
		const char *s = explain(&f);
		assert_true(strlen(s) > 20);
		assert_null(strstr(s, "unknown kind"));
		assert_printable(s);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(seen[j], s))
				fail_msg("%s and %s share \"%s\"",
					 wb_fkind_name(samples[j].kind),
					 wb_fkind_name(f.kind), s);
		snprintf(seen[i], sizeof seen[i], "%s", s);
		covered[f.kind] = 1;
	}
	for (int k = 0; k < WB_FK__COUNT; k++)
		if (!covered[k])
			fail_msg("kind %s has no sample", wb_fkind_name(k));
}

static void test_chunk_lines(void **state)
{
	(void)state;
	wb_frame f = frame(WB_DIR_IN, WB_FK_CHUNK_SIZE, WB_FS_WIRE, "1a\r\n",
			   NULL);
	f.chunk_size = 26;
	f.chunk_no = 2;
	assert_has(explain(&f), "chunk-size line: the length of the chunk "
				"data that follows (26 bytes), in hex, then "
				"CRLF (RFC 9112 \xc2\xa7" "7.1)");
	f.chunk_size = -1;
	assert_has(explain(&f), "IncompleteRead");
	f = frame(WB_DIR_IN, WB_FK_CHUNK_DATA, WB_FS_WIRE, "abc", NULL);
	f.chunk_no = 3;
	assert_has(explain(&f), "the 3 bytes of chunk #3");
	f = frame(WB_DIR_OUT, WB_FK_LAST_CHUNK, WB_FS_WIRE, "0\r\n", NULL);
	f.chunk_size = 0;
	assert_has(explain(&f), "last-chunk: a chunk-size of 0 ends");
	assert_has(explain(&f), "endchunks");
}

static void test_headers_http_client_adds(void **state)
{
	(void)state;
	wb_frame f = frame(WB_DIR_OUT, WB_FK_HEADER, WB_FS_WIRE,
			   "Accept-Encoding: identity\r\n", NULL);
	assert_has(explain(&f), "Accept-Encoding: identity \xe2\x80\x94 added "
				"by putrequest unless skip_accept_encoding "
				"(http.client)");
	f.data = "host: a.test\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "added by putrequest unless skip_host");
	f.data = "Content-Length: 5\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "request() adds it when the body's length is "
				"known");
	f.data = "Transfer-Encoding: chunked\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "request() adds it when the body's length is "
				"unknown");
	f.dir = WB_DIR_IN;
	assert_has(explain(&f), "the body comes as chunks");
	f.data = "X-Version: 1.4\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "header field X-Version: name: value CRLF");
}

static void test_buffered_and_dropped(void **state)
{
	(void)state;
	wb_frame f = frame(WB_DIR_OUT, WB_FK_HEADER, WB_FS_BUFFERED,
			   "Accept: text/plain\r\n", NULL);
	assert_has(explain(&f), "buffered: putheader (like putrequest) only "
				"appends to the connection's buffer; "
				"endheaders sends it in one write");
	f.state = WB_FS_WIRE;
	assert_null(strstr(explain(&f), "buffered:"));
	f.state = WB_FS_DROPPED;
	assert_has(explain(&f), "dropped: never sent");
	f = frame(WB_DIR_NOTE, WB_FK_WARNING, WB_FS_WIRE, NULL,
		  "connect to 127.0.0.1:1 failed: Connection refused");
	assert_has(explain(&f), "connect failed: nothing was sent");
}

static void test_status_lines(void **state)
{
	(void)state;
	wb_frame f = frame(WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE,
			   "HTTP/1.1 100 Continue\r\n", NULL);
	assert_has(explain(&f), "100 Continue: an interim response; "
				"getresponse skips it");
	f.data = "HTTP/1.1 103 Early Hints\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "103: an interim (1xx) response; http.client "
				"skips only 100 Continue");
	f.data = "HTTP/1.1 204 No Content\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "never has a body");
	f.data = "HTTP/1.1 404 Not Found\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "status line 404: HTTP-version SP status-code");
	f.data = "garbage\r\n";
	f.stored = f.len = strlen(f.data);
	assert_has(explain(&f), "BadStatusLine");
}

static void test_notes(void **state)
{
	(void)state;
	wb_frame f = frame(WB_DIR_NOTE, WB_FK_TLS, WB_FS_WIRE, NULL,
			   "TLS handshake with a.test failed");
	assert_has(explain(&f), "TLS handshake failed: no HTTP byte was sent");
	f.note = "TLSv1.3 TLS_AES_256_GCM_SHA384 with a.test";
	assert_has(explain(&f), "TLS handshake: HTTPSConnection wraps");
	f = frame(WB_DIR_NOTE, WB_FK_INFO, WB_FS_WIRE, NULL,
		  "tunnel to a.test:443 open");
	assert_has(explain(&f), "tunnel open: the proxy answered 200");
	f = frame(WB_DIR_NOTE, WB_FK_OPEN, WB_FS_WIRE, NULL,
		  "connected to 127.0.0.1:8080 (tcp)");
	assert_has(explain(&f), "connects lazily");
	/* the notes as the core writes them */
	static const struct {
		wb_fkind kind;
		const char *note, *says;
	} notes[] = {
		{ WB_FK_OPEN, "proxy 127.0.0.1:3128 (from --proxy): path-only "
		  "URLs are sent in absolute form http://a.test/...",
		  "proxy, given by --proxy or found in the environment" },
		{ WB_FK_OPEN, "proxy 127.0.0.1:3128 (from https_proxy): "
		  "set_tunnel(a.test:443), TLS starts inside the tunnel",
		  "requests go through it" },
		{ WB_FK_WARNING, "connect to 127.0.0.1:1 failed: refused",
		  "connect failed: nothing was sent" },
		{ WB_FK_WARNING, "send of 120 bytes failed: Broken pipe",
		  "send failed: the peer is gone" },
		{ WB_FK_WARNING, "certificate verification is OFF (--insecure): "
		  "anyone on the path could be answering",
		  "verification off (--insecure)" },
		{ WB_FK_WARNING, "TLS: connection reset by peer; read as EOF, "
		  "as Python's ssl module does", "TLS warning: how the TLS layer" },
		{ WB_FK_WARNING, "proxy credentials are not added to plain "
		  "requests", "warning from wirebench: something unusual" },
		{ WB_FK_INFO, "HTTPConnection(a.test) ready", "note from "
		  "wirebench about the connection" },
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		f = frame(WB_DIR_NOTE, notes[i].kind, WB_FS_WIRE, NULL,
			  notes[i].note);
		assert_has(explain(&f), notes[i].says);
	}
}

/* A peer's bytes (ESC, CSI, OSC, C1, bidi) never reach the line. */
static void test_no_peer_bytes(void **state)
{
	(void)state;
	static const char *const hostile[] = {
		"X-\x1b[31mRed: v\r\n",
		"X-Ok: \x1b]0;pwned\x07\r\n",
		"\xc2\x9b" "31m: v\r\n",
		"X-\xe2\x80\xae: v\r\n",
	};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		wb_frame f = frame(WB_DIR_IN, WB_FK_HEADER, WB_FS_WIRE,
				   hostile[i], NULL);
		const char *s = explain(&f);
		assert_printable(s);
		assert_null(strstr(s, "pwned"));
		assert_null(strstr(s, "\xc2\x9b"));
		assert_null(strstr(s, "\xe2\x80\xae"));
	}
	wb_frame f = frame(WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE,
			   "HTTP/1.1 200 \x1b[31mRED\x1b]0;pwned\x07\r\n", NULL);
	assert_printable(explain(&f));
	assert_null(strstr(explain(&f), "RED"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_has_its_own),
		cmocka_unit_test(test_chunk_lines),
		cmocka_unit_test(test_headers_http_client_adds),
		cmocka_unit_test(test_buffered_and_dropped),
		cmocka_unit_test(test_status_lines),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_no_peer_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
