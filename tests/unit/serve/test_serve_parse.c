/* The demo server's request-head parser and chunked-body decoder, rule by
 * rule: each head is parsed whole (the status it is refused with, and its
 * reason, or the request it describes), each head's end is found when the
 * bytes arrive one at a time, and each chunked body is decoded whole and
 * split at every byte offset, as picohttpparser's tests do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "serve/serve_int.h"

#define H11 "Host: a\r\n"

typedef struct {
	const char *head;
	int status;      /* 0: accepted */
	const char *why; /* the reason of a refusal */
} head_case;

static const head_case refused[] = {
	{ " GET / HTTP/1.1\r\n" H11 "\r\n", 400, "malformed request line" },
	{ "GET  / HTTP/1.1\r\n" H11 "\r\n", 400, "malformed request line" },
	{ "GET /\r\n\r\n", 400, "malformed request line" },
	{ "G(T / HTTP/1.1\r\n" H11 "\r\n", 400, "malformed request line" },
	{ "GET /a\x01 HTTP/1.1\r\n" H11 "\r\n", 400,
	  "request target has a byte that must be %-encoded" },
	{ "GET /\x7f HTTP/1.1\r\n" H11 "\r\n", 400,
	  "request target has a byte that must be %-encoded" },
	{ "GET / HTTP/1.10\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTQ/1.1\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTP/1-1\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTP/x.1\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTP/!.1\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTP/1.!\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET\r\n\r\n", 400, "malformed request line" },
	{ "GET http:/ HTTP/1.1\r\n" H11 "\r\n", 400,
	  "request target must be a path like /echo" },
	{ "GET http:// HTTP/1.1\r\n" H11 "\r\n", 400,
	  "request target must be a path like /echo" },
	{ "GET / HTTP/:.1\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTP/1.x\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTP/1.:\r\n" H11 "\r\n", 400, "malformed HTTP version" },
	{ "GET / HTTP/2.0\r\n" H11 "\r\n", 505, "only HTTP/1.x is spoken here" },
	{ "GET * HTTP/1.1\r\n" H11 "\r\n", 400,
	  "request target must be a path like /echo" },
	{ "GET a/b HTTP/1.1\r\n" H11 "\r\n", 400,
	  "request target must be a path like /echo" },
	{ "GET / HTTP/1.1\rX\r\n" H11 "\r\n", 400, "bare CR in the request head" },
	{ "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400,
	  "bare CR in the request head" },
	{ "GET / HTTP/1.1\r\n" H11 ": v\r\n\r\n", 400, "malformed header field" },
	{ "GET / HTTP/1.1\r\n" H11 "No colon\r\n\r\n", 400,
	  "malformed header field" },
	{ "GET / HTTP/1.1\r\n" H11 "X A: 1\r\n\r\n", 400,
	  "malformed header field" },
	{ "GET / HTTP/1.1\r\n" H11 "X-A: a\x01" "b\r\n\r\n", 400,
	  "control character in a header field value" },
	{ "GET / HTTP/1.1\r\n" H11 "X-A: a\x7f" "b\r\n\r\n", 400,
	  "control character in a header field value" },
	{ "GET / HTTP/1.1\r\n folded\r\n" H11 "\r\n", 400,
	  "obsolete line folding in this field is not accepted" },
	{ "GET / HTTP/1.1\r\n" H11 "Content-Length: 1\r\n 2\r\n\r\n", 400,
	  "obsolete line folding in this field is not accepted" },
	{ "POST / HTTP/1.1\r\n" H11 "Content-Length: \r\n\r\n", 400,
	  "invalid Content-Length" },
	{ "POST / HTTP/1.1\r\n" H11 "Content-Length: 1234567890123456789\r\n"
	  "\r\n", 400, "invalid Content-Length" },
	{ "POST / HTTP/1.1\r\n" H11 "Content-Length: -1\r\n\r\n", 400,
	  "invalid Content-Length" },
	{ "POST / HTTP/1.1\r\n" H11 "Content-Length: 1:\r\n\r\n", 400,
	  "invalid Content-Length" },
	{ "POST / HTTP/1.1\r\n" H11 "Content-Length: 1, 2\r\n\r\n", 400,
	  "conflicting Content-Length values" },
	{ "POST / HTTP/1.1\r\n" H11 "Content-Length: 1\r\n"
	  "Content-Length: 2\r\n\r\n", 400, "conflicting Content-Length values" },
	{ "POST / HTTP/1.1\r\n" H11 "Transfer-Encoding: gzip\r\n\r\n", 400,
	  "Transfer-Encoding must end in chunked" },
	{ "POST / HTTP/1.1\r\n" H11 "Transfer-Encoding: chunked, chunked\r\n"
	  "\r\n", 400, "Transfer-Encoding must end in chunked" },
	{ "POST / HTTP/1.1\r\n" H11 "Transfer-Encoding: chunked, gzip\r\n\r\n",
	  400, "Transfer-Encoding must end in chunked" },
	{ "POST / HTTP/1.1\r\n" H11 "Transfer-Encoding: chunked\r\n"
	  "Content-Length: 3\r\n\r\n", 400,
	  "Content-Length together with Transfer-Encoding" },
	{ "POST / HTTP/1.1\r\n" H11 "Transfer-Encoding: gzip, chunked\r\n\r\n",
	  501, "only the chunked transfer coding is supported" },
	{ "GET / HTTP/1.1\r\n" H11 "Expect: 200-ok\r\n\r\n", 417,
	  "only Expect: 100-continue is supported" },
	{ "GET / HTTP/1.1\r\n\r\n", 400,
	  "HTTP/1.1 request without a Host field" },
	{ "GET / HTTP/1.1\r\n" H11 "host: b\r\n\r\n", 400,
	  "more than one Host field" },
};

static void heads_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		const head_case *t = &refused[i];
		wb_serve_req r;
		const char *why = NULL;
		int st = wb_serve_head_parse(t->head, strlen(t->head), &r, &why);
		if (st != t->status || strcmp(why, t->why) != 0)
			fail_msg("case %zu %s: %d %s", i, t->head, st, why);
	}
}

static wb_serve_req parse_ok(const char *head)
{
	wb_serve_req r;
	const char *why = NULL;
	int st = wb_serve_head_parse(head, strlen(head), &r, &why);
	if (st)
		fail_msg("%s: refused %d %s", head, st, why);
	return r;
}

static void assert_str(wb_serve_str s, const char *want)
{
	assert_int_equal(s.n, strlen(want));
	assert_memory_equal(s.p, want, s.n);
}

static void heads_accepted(void **state)
{
	(void)state;
	wb_serve_req r = parse_ok("GET /p?q=1 HTTP/1.1\r\n" H11 "\r\n");
	assert_str(r.method, "GET");
	assert_str(r.path, "/p");
	assert_str(r.query, "q=1");
	assert_int_equal(r.minor, 1);
	assert_false(r.close || r.head || r.has_length || r.chunked);
	assert_int_equal(r.line_len, strlen("GET /p?q=1 HTTP/1.1"));

	r = parse_ok("GET HTTP://x.test/a?b HTTP/1.1\r\n" H11 "\r\n");
	assert_str(r.path, "/a");
	assert_str(r.query, "b");
	r = parse_ok("GET http://x.test HTTP/1.1\r\n" H11 "\r\n");
	assert_str(r.path, "/");
	r = parse_ok("OPTIONS * HTTP/1.1\r\n" H11 "\r\n");
	assert_str(r.path, "*");

	/* HTTP/1.0: no Host needed, closes unless asked to keep alive */
	r = parse_ok("HEAD / HTTP/1.0\r\n\r\n");
	assert_true(r.head && r.close && !r.keep_alive_10);
	r = parse_ok("GET / HTTP/1.0\nConnection: Keep-Alive\n\n");
	assert_true(!r.close && r.keep_alive_10);
	r = parse_ok("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n");
	assert_true(r.close && !r.keep_alive_10);
	r = parse_ok("POST / HTTP/1.0\r\nConnection: keep-alive\r\n"
		     "Transfer-Encoding: chunked\r\n\r\n");
	assert_true(r.chunked && r.close && !r.keep_alive_10);
	r = parse_ok("GET / HTTP/1.1\r\n" H11 "Connection: upgrade, close\r\n"
		     "\r\n");
	assert_true(r.close);

	/* lengths that agree, blanks around them */
	r = parse_ok("POST / HTTP/1.1\r\n" H11 "Content-Length: 5 , 5\r\n"
		     "content-length:\t5\r\n\r\n");
	assert_true(r.has_length);
	assert_int_equal(r.length, 5);
	/* empty list elements are skipped; 100-continue is understood */
	r = parse_ok("POST / HTTP/1.1\r\n" H11 "Transfer-Encoding: ,Chunked,\r\n"
		     "Expect: 100-Continue\r\n\r\n");
	assert_true(r.chunked && r.expect_continue);
	/* a fold inside an ordinary field reads as a space */
	r = parse_ok("GET / HTTP/1.1\r\n" H11 "X-Multi: a\r\n\tb\r\n\r\n");
	assert_false(r.close);
	/* every token character in names, a tab inside a value */
	r = parse_ok("M-1.!#$%&'*+^_`|~ / HTTP/1.1\r\n" H11
		     "X-09azAZ!#$%&'*+-.^_`|~: a\tb\r\n\r\n");
	assert_str(r.method, "M-1.!#$%&'*+^_`|~");
}

/* A NUL is no token character (strchr would find the terminator). */
static void nul_in_a_name(void **state)
{
	(void)state;
	static const char head[] = "GET / HTTP/1.1\r\nHost: a\r\nX\0A: v\r\n\r\n";
	wb_serve_req r;
	const char *why;
	assert_int_equal(wb_serve_head_parse(head, sizeof head - 1, &r, &why),
			 400);
	assert_string_equal(why, "malformed header field");
}

static void head_limits(void **state)
{
	(void)state;
	static char big[WB_SERVE_HEAD_MAX + 100];
	wb_serve_req r;
	const char *why;
	/* a request line over the limit */
	memset(big, 'p', sizeof big);
	memcpy(big, "GET /", 5);
	memcpy(big + WB_SERVE_LINE_MAX, " HTTP/1.1\r\n" H11 "\r\n", 22);
	size_t n = WB_SERVE_LINE_MAX + 22;
	assert_int_equal(wb_serve_head_parse(big, n, &r, &why), 414);
	assert_string_equal(why, "request line longer than 8192 bytes");
	assert_int_equal(wb_serve_head_too_big(big, WB_SERVE_LINE_MAX + 1), 414);
	assert_int_equal(wb_serve_head_too_big(big, WB_SERVE_LINE_MAX), 0);
	/* a head over the limit, its line short */
	memcpy(big + 6, " HTTP/1.1\r\n", 11);
	assert_int_equal(wb_serve_head_parse(big, sizeof big, &r, &why), 431);
	assert_string_equal(why, "request head longer than 65536 bytes");
	assert_int_equal(wb_serve_head_too_big(big, WB_SERVE_HEAD_MAX + 1), 431);
	assert_int_equal(wb_serve_head_too_big(big, WB_SERVE_HEAD_MAX), 0);
}

/* The end of a head is found once its last byte is there, not before,
 * whatever the line ends, with the bytes arriving one by one. */
static void head_end_bytewise(void **state)
{
	(void)state;
	static const char *const heads[] = {
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\nHost: a\n\n",
		"GET / HTTP/1.1\r\nHost: a\n\r\n",
		"GET / HTTP/1.1\nHost: a\r\n\n",
		"GET / HTTP/1.0\r\n\r\n",
		"GET / HTTP/1.1\r\n\rX: 1\r\n\r\n",
	};
	for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
		char buf[64];
		size_t len = strlen(heads[h]), scan = 0;
		snprintf(buf, sizeof buf, "%sGET /next", heads[h]);
		for (size_t n = 1; n < len; n++)
			assert_int_equal(wb_serve_head_end(buf, n, &scan), 0);
		assert_int_equal(wb_serve_head_end(buf, len, &scan), len);
		scan = 0; /* whole, with the next request after it */
		assert_int_equal(wb_serve_head_end(buf, strlen(buf), &scan),
				 len);
	}
}

/* ---- chunked bodies -------------------------------------------------- */

typedef struct {
	const char *body;
	size_t len;      /* 0: strlen */
	const char *why; /* NULL: a whole body */
} chunk_case;

#define C(s) { s, sizeof s - 1, NULL }
#define BAD(s, why) { s, sizeof s - 1, why }

static const chunk_case chunk_cases[] = {
	C("5\r\nhello\r\n0\r\n\r\n"),
	C("a\r\n0123456789\r\nA\r\n0123456789\r\n0\r\n\r\n"),
	C("5;name=value\r\nhello\r\n0\r\n\r\n"),
	C("5 ; e\r\nhello\r\n0;last\t\r\n\r\n"),
	C("5\t;e\r\nhello\r\n0\r\n\r\n"),
	C("5\nhello\n0\n\n"),
	C("5;e\nhello\r\n0\r\n\r\n"),
	C("5 \t;e\r\nhello\r\n0\r\n\r\n"),
	C("5  ;e\r\nhello\r\n0\r\n\r\n"),
	BAD("0\r\nX\0: v\r\n\r\n", "malformed trailer field name"),
	C("0\r\nX-1!#$%&'*+-.^_`|~zZ: v\r\n\r\n"),
	C("000\r\n\r\n"),
	C("0\r\nX-A: 1\r\nX-B:\r\nX-C:\tv v\n\r\n"),
	C("0\r\nX-A: 1\n\n"),
	BAD("g\r\n", "chunk size is not hexadecimal"),
	BAD("\r\n", "chunk size is not hexadecimal"),
	BAD("5 x\r\n", "blanks after a chunk size"),
	BAD("5 \r\n", "blanks after a chunk size"),
	BAD("5x\r\n", "malformed chunk-size line"),
	BAD("5\rx", "CR without LF after a chunk size"),
	BAD("5;a\x01" "b\r\n", "control character in a chunk extension"),
	BAD("10000000000000000\r\n", "chunk size too large"),
	BAD("5\r\nhelloX", "chunk data not followed by CRLF"),
	BAD("5\r\nhello\rX", "chunk data not followed by CRLF"),
	BAD("0\r\n:v\r\n\r\n", "malformed trailer field"),
	BAD("0\r\n X: v\r\n\r\n", "malformed trailer field"),
	BAD("0\r\nX A: 1\r\n\r\n", "malformed trailer field name"),
	BAD("0\r\nX-A: a\x01" "b\r\n\r\n", "control character in a trailer field"),
	BAD("0\r\nX-A: a\x7f" "b\r\n\r\n", "control character in a trailer field"),
	BAD("0\r\nX-A: 1\rX", "CR without LF in the trailer section"),
	BAD("0\r\n\rX", "CR without LF in the trailer section"),
};

/* Feeds p[0..n) in two parts cut at `cut`; returns the end state. */
static int feed_split(const chunk_case *t, size_t cut, size_t *used,
		      const char **why)
{
	wb_serve_chunk c;
	wb_serve_chunk_init(&c);
	size_t u1 = 0, u2 = 0;
	int r = wb_serve_chunk_feed(&c, t->body, cut, &u1);
	if (r == 0 && cut < t->len)
		r = wb_serve_chunk_feed(&c, t->body + cut, t->len - cut, &u2);
	*used = u1 + u2;
	*why = c.why;
	return r;
}

static void chunked_bodies(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof chunk_cases / sizeof *chunk_cases; i++) {
		const chunk_case *t = &chunk_cases[i];
		for (size_t cut = 0; cut <= t->len; cut++) {
			size_t used;
			const char *why;
			int r = feed_split(t, cut, &used, &why);
			if (!t->why && (r != 1 || used != t->len))
				fail_msg("case %zu cut %zu: %d used %zu (%s)",
					 i, cut, r, used, why ? why : "");
			if (t->why && (r != -1 || strcmp(why, t->why) != 0))
				fail_msg("case %zu cut %zu: %d %s", i, cut, r,
					 why ? why : "(none)");
		}
	}
}

/* A body ends where its framing ends: bytes after it are not used. */
static void chunked_body_then_more(void **state)
{
	(void)state;
	const char in[] = "3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n";
	wb_serve_chunk c;
	size_t used = 0;
	wb_serve_chunk_init(&c);
	assert_int_equal(wb_serve_chunk_feed(&c, in, sizeof in - 1, &used), 1);
	assert_int_equal(used, strlen("3\r\nabc\r\n0\r\n\r\n"));
}

/* Limits: a chunk-size line and a trailer section cannot grow without
 * end. */
static void chunked_limits(void **state)
{
	(void)state;
	static char line[WB_SERVE_CHUNK_LINE_MAX + 10];
	wb_serve_chunk c;
	size_t used;
	memset(line, 'e', sizeof line);
	memcpy(line, "1;", 2);
	wb_serve_chunk_init(&c);
	assert_int_equal(wb_serve_chunk_feed(&c, line, sizeof line, &used), -1);
	assert_string_equal(c.why, "chunk-size line too long");
	static char tr[WB_SERVE_TRAILER_MAX + 10];
	memset(tr, 't', sizeof tr);
	memcpy(tr, "0\r\nX-T: ", 8);
	wb_serve_chunk_init(&c);
	assert_int_equal(wb_serve_chunk_feed(&c, tr, sizeof tr, &used), -1);
	assert_string_equal(c.why, "trailer section too large");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(heads_refused),
		cmocka_unit_test(heads_accepted),
		cmocka_unit_test(nul_in_a_name),
		cmocka_unit_test(head_limits),
		cmocka_unit_test(head_end_bytewise),
		cmocka_unit_test(chunked_bodies),
		cmocka_unit_test(chunked_body_then_more),
		cmocka_unit_test(chunked_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
