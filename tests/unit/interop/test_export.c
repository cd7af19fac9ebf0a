/* Exports of exchanges a scripted peer answered: what each format says
 * about requests and responses that are unusual on the wire. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/interp.h"
#include "net/memtransport.h"

typedef struct run {
	wb_interp *in;
	wb_mem_script *peer;
	wb_buf out, msg;
} run;

static void quiet(void *arg, wb_err e, const char *name, const char *msg)
{
	(void)arg, (void)e;
	print_message("%s: %s\n", name, msg); /* why a line failed */
}

/* Runs lines against a peer answering reply on every connection (in
 * pieces of at most piece bytes, 0: the default). */
static void start_cap(run *r, const char *reply, size_t piece,
		      const char *const *lines, size_t frame_cap)
{
	static wb_out out = { .error = quiet };
	memset(r, 0, sizeof *r);
	r->peer = wb_mem_new();
	for (int i = 0; i < 4; i++)
		wb_mem_add(r->peer, reply, strlen(reply));
	if (piece)
		wb_mem_set_piece(r->peer, piece);
	r->in = wb_interp_new(1 << 20);
	assert_non_null(r->in);
	if (frame_cap)
		wb_tap_set_frame_cap(wb_interp_tap(r->in), frame_cap);
	wb_interp_set_out(r->in, &out);
	assert_int_equal(wb_interp_exec(r->in, "open http://example.com"),
			 WB_OK);
	wb_conn_set_connector(wb_interp_conn(r->in), wb_mem_connect, r->peer);
	for (; *lines; lines++)
		if (wb_interp_exec(r->in, *lines))
			fail_msg("`%s` failed", *lines);
}

static void start(run *r, const char *reply, size_t piece,
		  const char *const *lines)
{
	start_cap(r, reply, piece, lines, 0);
}

static const char *export(run *r, const char *format)
{
	wb_buf_clear(&r->out);
	wb_buf_clear(&r->msg);
	wb_err e = wb_interp_export(r->in, format, 1, &r->out, &r->msg);
	if (e)
		fail_msg("export %s: %s: %s", format, wb_err_name(e),
			 r->msg.p ? r->msg.p : "");
	return r->out.p;
}

static void stop(run *r)
{
	wb_interp_free(r->in);
	wb_mem_free(r->peer);
	wb_buf_free(&r->out);
	wb_buf_free(&r->msg);
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("lacks %s in:\n%s", want, text);
}

/* A peer's field line without a colon is kept (all name, empty value);
 * it once made export har fail with an empty MemoryError. */
static void response_line_without_colon(void **state)
{
	(void)state;
	static const char *const lines[] = { "request GET /x", "getresponse",
					     "read", NULL };
	run r;
	start(&r, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nNoColon\r\n"
		  "X-A: 1\r\n\r\nok", 0, lines);
	const char *har = export(&r, "har");
	has(har, "\"name\": \"NoColon\",\n              \"value\": \"\"");
	has(har, "\"name\": \"X-A\",\n              \"value\": \"1\"");
	has(har, "\"text\": \"ok\"");
	stop(&r);
}

/* Raw bytes before the first request and after the last response, a
 * field the tap cut (it keeps 4096 bytes of a frame), a body that is not
 * text: each format says what it cannot hold. */
static void what_formats_cannot_hold(void **state)
{
	(void)state;
	static char big[5200];
	memset(big, 'a', sizeof big - 1);
	static char line[5300];
	snprintf(line, sizeof line, "request POST /b \"\\xff\\x00\\r\\n\" -H "
		 "\"X-Big: %s\"", big);
	const char *const lines[] = { "send PRE", "request GET /a", "getresponse",
				      "read", line, "getresponse", "read",
				      "send LATE", NULL };
	run r;
#define REPLY "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n\xff\x01z"
	start(&r, REPLY REPLY, sizeof REPLY - 1, lines);
	const char *curl = export(&r, "curl");
	has(curl, "# request 1 (command 3)\n# curl cannot reproduce: "
		  "before-request: raw bytes were sent before the request line\n"
		  "curl --http1.1 ");
	has(curl, "# request 2 (command 6)\n# curl cannot reproduce: "
		  "after-body: bytes were sent after the request's end\n"
		  "printf '\\377\\000\\015\\012' | curl");
	const char *http = export(&r, "http");
	has(http, "### request 1 (command 3)\n# .http cannot express: "
		  "before-request: ");
	has(http, "# .http cannot express: binary-body: 8 bytes that are not "
		  "UTF-8 text are left out");
	const char *har = export(&r, "har");
	has(har, "\"text\": \"/wF6\",\n            \"encoding\": \"base64\"");
	/* the request body with what was sent after it */
	has(har, "\"text\": \"/wANCkxBVEU=\",\n            \"encoding\": "
		 "\"base64\"");
	has(har, "\"incomplete\": false");
	/* times in ms with at most 15 digits, no binary noise */
	const char *t = strstr(har, "\"time\": ");
	assert_non_null(t);
	assert_true(strcspn(t + 8, ",") < 12);
	stop(&r);
	/* a tap that keeps 4 KiB of a frame */
	start_cap(&r, REPLY REPLY, sizeof REPLY - 1, lines, 4096);
	curl = export(&r, "curl");
	has(curl, "# request 2 (command 6)\n# curl cannot reproduce: "
		  "incomplete: the wire tap no longer holds every byte of this "
		  "request\n");
	has(export(&r, "http"), "# .http cannot express: incomplete: ");
	has(export(&r, "har"), "\"incomplete\": true");
	stop(&r);
}

/* Frames the tap evicted (it keeps 1 MiB here): the first request is
 * gone, the first one still held is marked incomplete (its start may be
 * gone too), never guessed; the last is whole. */
static void evicted_frames(void **state)
{
	(void)state;
	static char line[500000];
	int n = snprintf(line, sizeof line, "request POST /big \"");
	memset(line + n, 'b', 400000);
	strcpy(line + n + 400000, "\"");
	const char *const lines[] = { line, "getresponse", "read",
				      line, "getresponse", "read",
				      line, "getresponse", "read", NULL };
	run r;
	start(&r, REPLY REPLY REPLY, sizeof REPLY - 1, lines);
	const char *curl = export(&r, "curl");
	has(curl, "# request 1 (command 5)\n# curl cannot reproduce: "
		  "incomplete: ");
	has(curl, "# request 2 (command 8)\ncurl ");
	stop(&r);
}

/* What a .http file cannot say: each difference declared above its
 * request, variables it cannot hold declared instead of written. */
static void http_declarations(void **state)
{
	(void)state;
	const char *const lines[] = {
		"set EDGE \" x\"", "set CR \"a\\rb\"", "set BIN \"\\xff\"",
		"set OK plain",
		"putrequest GET http://example.com/abs skip_host "
		"skip_accept_encoding",
		"endheaders", "getresponse", "read",
		"putrequest OPTIONS *", "putheader X-F \"a\" \"b\"",
		"endheaders \"line\\n### x\\n\"", "getresponse", "read",
		"putrequest POST /b", "endheaders", "send \"<{{x}}\"",
		"getresponse", "read", NULL };
	run r;
	start(&r, REPLY REPLY REPLY, sizeof REPLY - 1, lines);
	const char *http = export(&r, "http");
	static const char *const want[] = {
		"# .http cannot express: variable: EDGE holds line ends, edge "
		"blanks or bytes that are not UTF-8\n"
		"# .http cannot express: variable: CR holds",
		"# .http cannot express: variable: BIN holds",
		"\n@OK = plain\n",
		"### request 1 (command 6)\n"
		"# .http cannot express: absolute-form: the target is sent in "
		"origin form when read back\n"
		"# .http cannot express: no-host: a Host field is added when "
		"read back\n"
		"# .http cannot express: accept-encoding: Accept-Encoding: "
		"identity is added when read back\n"
		"GET http://example.com/abs HTTP/1.1\n\n",
		"### request 2 (command 10)\n"
		"# .http cannot express: target: a target that is not a path is "
		"read back as a path\n"
		"# .http cannot express: content-length: ",
		"# .http cannot express: continuation: ",
		"# .http cannot express: trailing-newline: ",
		"# .http cannot express: body-line: ",
		"OPTIONS http://example.com/* HTTP/1.1\n",
		"### request 3 (command 15)\n"
		"# .http cannot express: content-length: a Content-Length field "
		"is added when read back\n"
		"# .http cannot express: body-line: a body line starting with ### "
		"(or a first line starting with <) is read as syntax\n"
		"# .http cannot express: braces: {{ in the body is read back as a "
		"variable reference\n"
		"POST http://example.com/b HTTP/1.1\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		has(http, want[i]);
	stop(&r);
}

/* A request body is HAR text only when it is UTF-8 as JSON holds it:
 * otherwise base64 of the same bytes. */
static void har_text_or_base64(void **state)
{
	(void)state;
	static const struct {
		const char *word, *har;
	} bodies[] = {
		{ "\\xc3\\xa9\\xe2\\x82\\xac\\xf0\\x9f\\x98\\x80",
		  "\"text\": \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"" },
		{ "\\xed\\xa0\\x80", "\"text\": \"7aCA\"" },  /* surrogate */
		{ "\\xe0\\x80\\x80", "\"text\": \"4ICA\"" },  /* overlong */
		{ "\\xf4\\x90\\x80\\x80", "\"text\": \"9JCAgA==\"" },
		{ "a\\xe2\\x82", "\"text\": \"YeKC\"" },        /* cut short */
		{ "\\xc3(", "\"text\": \"wyg=\"" },               /* no continuation */
		{ "\\xf8\\x88\\x80\\x80\\x80", "\"text\": \"+IiAgIA=\"" },
	};
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		char line[200];
		snprintf(line, sizeof line, "request POST /t \"%s\"",
			 bodies[i].word);
		const char *const lines[] = { line, "getresponse", "read", NULL };
		run r;
		start(&r, REPLY, 0, lines);
		const char *har = export(&r, "har");
		has(har, bodies[i].har);
		has(har, i ? "\"encoding\": \"base64\"" : "\"bodySize\": 9");
		stop(&r);
	}
}

/* A status line without a reason, a response field the tap cut, a query
 * with empty pieces: written as they were. */
static void har_response_as_received(void **state)
{
	(void)state;
	static char reply[6000];
	int n = snprintf(reply, sizeof reply, "HTTP/1.1 200\r\nX-Long: ");
	memset(reply + n, 'l', 4500);
	strcpy(reply + n + 4500, "\r\nContent-Length: 0\r\n\r\n");
	const char *const lines[] = { "request GET \"/q?a&b=1&&=x&c=\"",
				      "getresponse", "read", NULL };
	run r;
	start_cap(&r, reply, 0, lines, 4096);
	const char *har = export(&r, "har");
	has(har, "\"statusText\": \"\"");
	has(har, "\"incomplete\": true");
	has(har, "\"queryString\": [\n            {\n              \"name\": "
		 "\"a\",\n              \"value\": \"\"\n            },\n"
		 "            {\n              \"name\": \"b\",\n              "
		 "\"value\": \"1\"\n            },\n            {\n"
		 "              \"name\": \"\",\n              \"value\": "
		 "\"x\"\n            },\n            {\n              \"name\": "
		 "\"c\",\n              \"value\": \"\"\n            }\n"
		 "          ]");
	stop(&r);
}

/* curl's spelling of requests it sends differently by default. */
static void curl_spellings(void **state)
{
	(void)state;
	const char *const lines[] = {
		"putrequest GET /nohost skip_host", "endheaders", "getresponse",
		"read",
		"request HEAD /h", "getresponse", "read",
		"putrequest OPTIONS *", "endheaders", "getresponse", "read",
		"putrequest POST /short", "putheader Content-Length 10",
		"endheaders abc", "getresponse", "read",
		"putrequest POST /open-chunks",
		"putheader Transfer-Encoding chunked", "endheaders encode_chunked",
		"chunk hello", "getresponse", "read",
		"putrequest POST /after-chunks",
		"putheader Transfer-Encoding chunked", "endheaders encode_chunked",
		"chunk hello", "endchunks", "send EXTRA", "getresponse", "read",
		NULL };
	run r;
	start(&r, REPLY REPLY REPLY REPLY REPLY REPLY, sizeof REPLY - 1, lines);
	wb_buf_clear(&r.out);
	assert_int_equal(wb_interp_export(r.in, "curl", 1, &r.out, &r.msg),
			 WB_OK);
	const char *curl = r.out.p;
	has(curl, "# request 1 (command 2)\ncurl --http1.1 -H Host: -H "
		  "'Accept-Encoding: identity' -H User-Agent: -H Accept: "
		  "http://example.com/nohost\n");
	has(curl, "# request 2 (command 6)\ncurl --http1.1 -I ");
	has(curl, "# request 3 (command 9)\ncurl --http1.1 -X OPTIONS "
		  "--request-target '*' ");
	has(curl, "# curl cannot reproduce: short-body: fewer body bytes were "
		  "sent than Content-Length says\n");
	has(curl, "# curl cannot reproduce: incomplete: the chunked body does "
		  "not end");
	has(curl, "# request 6 (command 24)\n# curl cannot reproduce: "
		  "after-body: bytes were sent after the request's end\n");
	stop(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(response_line_without_colon),
		cmocka_unit_test(what_formats_cannot_hold),
		cmocka_unit_test(evicted_frames),
		cmocka_unit_test(http_declarations),
		cmocka_unit_test(har_text_or_base64),
		cmocka_unit_test(har_response_as_received),
		cmocka_unit_test(curl_spellings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
