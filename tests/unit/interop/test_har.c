/* HAR import: entries as commands, recorded responses as expectations,
 * and the JSON path of whatever is missing or of the wrong type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop/har.h"

/* Imports text; returns the commands or "Name: message" (to free). */
static char *import(const char *text, int expect)
{
	wb_lines out = { 0 };
	wb_buf msg = WB_BUF_INIT, b = WB_BUF_INIT;
	wb_err e = wb_har_import(text, strlen(text), expect, &out, &msg);
	if (e) {
		assert_int_equal(out.n, 0); /* nothing half-imported */
		wb_buf_printf(&b, "%s: %s", wb_err_name(e), msg.p ? msg.p : "");
	} else {
		assert_int_equal(wb_lines_join(&out, &b), WB_OK);
	}
	wb_lines_free(&out);
	wb_buf_free(&msg);
	return b.p;
}

/* A document with one entry: request members, then response members. */
static char *entry(const char *req, const char *resp, int expect)
{
	char doc[2048];
	snprintf(doc, sizeof doc,
		 "{\"log\": {\"version\": \"1.2\", \"entries\": [{\"request\": "
		 "{\"method\": \"POST\", \"url\": \"http://h/p\", %s}%s%s}]}}",
		 req, resp ? ", \"response\": " : "", resp ? resp : "");
	return import(doc, expect);
}

static void has(char *got, const char *want)
{
	if (!strstr(got, want))
		fail_msg("lacks %s in:\n%s", want, got);
	free(got);
}

static void same(char *got, const char *want)
{
	if (strcmp(got, want))
		fail_msg(" got: %s\nwant: %s", got, want);
	free(got);
}

#define H "\"headers\": []"

static void bodies_in_base64(void **state)
{
	(void)state;
	/* blanks inside base64 are skipped, as decoders do */
	has(entry(H ", \"postData\": {\"text\": \"AA E\\nC\", \"encoding\": "
		  "\"base64\"}", NULL, 0),
	    "endheaders \"\\x00\\x01\\x02\"\n");
	const char *bad[] = { "AA=C", "A===", "A", "*AAA", "AA\\u0000A" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char req[256];
		snprintf(req, sizeof req, H ", \"postData\": {\"text\": \"%s\", "
			 "\"encoding\": \"base64\"}", bad[i]);
		same(entry(req, NULL, 0),
		     "ValueError: log.entries[0].request.postData.text: not "
		     "base64");
	}
	/* text without encoding is sent as its UTF-8 bytes */
	has(entry(H ", \"postData\": {\"mimeType\": \"text/plain\"}", NULL, 0),
	    "endheaders\n");
}

static void fields_and_expectations(void **state)
{
	(void)state;
	/* a value beyond Latin-1 goes out as UTF-8; Latin-1 as its byte */
	has(entry("\"headers\": [{\"name\": \"X-U\", \"value\": \"\\u20ac\"}, "
		  "{\"name\": \"X-L\", \"value\": \"\\u00e9\"}]", NULL, 0),
	    "putheader X-U \"\\xe2\\x82\\xac\"\nputheader X-L \"\\xe9\"\n");
	/* repeated response fields are expected joined, as getheader does;
	 * fields that change on every response are not expected */
	has(entry(H, "{\"status\": 201, \"headers\": [{\"name\": \"X-A\", "
		     "\"value\": \"1\"}, {\"name\": \"Date\", \"value\": \"d\"}, "
		     "{\"name\": \"x-a\", \"value\": \"2\"}]}", 1),
	    "expect status 201\nexpect header X-A = \"1, 2\"\nread\n");
	/* status 0: no response was recorded */
	same(entry(H, "{\"status\": 0, \"headers\": []}", 1),
	     "# HAR entry 1: http://h/p\nopen http://h\n"
	     "putrequest POST /p skip_accept_encoding\nendheaders\n"
	     "getresponse\nread\n");
	same(entry(H, NULL, 1),
	     "ValueError: log.entries[0].response: missing");
	same(entry(H, "{\"status\": \"200\", \"headers\": []}", 1),
	     "ValueError: log.entries[0].status: of the wrong type");
	same(entry("\"headers\": [{\"name\": \"X\"}]", NULL, 0),
	     "ValueError: log.entries[0].request.headers: each is {\"name\": "
	     "string, \"value\": string}");
	same(entry("\"headers\": [7]", NULL, 0),
	     "ValueError: log.entries[0].request.headers: each is {\"name\": "
	     "string, \"value\": string}");
	has(entry(H ", \"httpVersion\": \"h3\"", NULL, 0),
	    "# entry 1 was h3: sent as HTTP/1.1\n");
}

static void documents(void **state)
{
	(void)state;
	same(import("[]", 0), "ValueError: HAR: not a JSON object");
	same(import("{\"log\": {\"entries\": [1]}}", 0),
	     "ValueError: log.entries[0]: not an object");
	same(import("{\"log\": {\"entries\": []}}", 0),
	     "ValueError: log.entries: empty, no request to import");
	same(import("{\"log\": {}}", 0), "ValueError: log.entries: missing");
	same(import("{\"log\": {\"entries\": [{\"request\": {\"method\": "
		    "\"GET\", \"url\": \"ftp://h/\", \"headers\": []}}]}}", 0),
	     "InvalidURL: not an http:// or https:// URL: 'ftp://h/' "
	     "(log.entries[0].request.url)");
	/* the first bad entry stops the import: nothing of the good one */
	same(import("{\"log\": {\"entries\": [{\"request\": {\"method\": "
		    "\"GET\", \"url\": \"http://h/\", \"headers\": []}}, "
		    "{\"request\": {}}]}}", 0),
	     "ValueError: log.entries[1].request.method: missing");
	same(import("{\"log\": ", 0),
	     "SyntaxError: line 1, column 8: not JSON: unexpected token near "
	     "end of file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bodies_in_base64),
		cmocka_unit_test(fields_and_expectations),
		cmocka_unit_test(documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
