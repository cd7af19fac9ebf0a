/* test_ui_preview.c - the hint line's preview of what a typed command would
 * send: computed on a throwaway interpreter over the in-memory transport,
 * never touching the network or the real connection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"
#include "lang/interp.h"
#include "net/memtransport.h"

#include "../../../ui/model/glyph.c"
#include "../../../ui/model/preview.c"

#define ARROW "\xe2\x86\x92 " /* → */
#define CROSS "\xe2\x9c\x97 " /* ✗ */
#define CR "\xe2\x90\x8d"     /* ␍ */
#define LF "\xe2\x90\x8a"     /* ␊ */
#define TAB "\xe2\x90\x89"    /* ␉ */

static wb_buf pv_out;

static const char *pv(const char *line, const char *url, const wb_conn *real)
{
	ui_preview(line, url, real, &pv_out);
	return pv_out.p ? pv_out.p : "";
}

static int teardown(void **st)
{
	(void)st;
	wb_buf_free(&pv_out);
	return 0;
}


static void test_putrequest(void **st)
{
	(void)st;
	assert_string_equal(pv("putrequest GET /x", "http://example.com/", NULL),
			    ARROW "GET /x HTTP/1.1" CR LF "Host: example.com" CR LF
			    "Accept-Encoding: identity" CR LF);
	assert_string_equal(pv("putrequest POST /a?b=1 skip_accept_encoding",
			       "http://example.com:8080/", NULL),
			    ARROW "POST /a?b=1 HTTP/1.1" CR LF
			    "Host: example.com:8080" CR LF);
	assert_string_equal(pv("putrequest GET / skip_host skip_accept_encoding",
			       "http://example.com/", NULL),
			    ARROW "GET / HTTP/1.1" CR LF);
	/* still typing the method: nothing yet */
	assert_string_equal(pv("putrequest GET", "http://example.com/", NULL), "");
	assert_string_equal(pv("putrequest", "http://example.com/", NULL), "");
}

/* request sends: on the throwaway connection that is the in-memory
 * transport, so a host that does not resolve, or a port where nothing
 * listens, still previews. */
static void test_no_network(void **st)
{
	(void)st;
	assert_string_equal(pv("request GET /x", "http://wirebench-preview.invalid:9/",
			       NULL),
			    ARROW "GET /x HTTP/1.1" CR LF
			    "Host: wirebench-preview.invalid:9" CR LF
			    "Accept-Encoding: identity" CR LF CR LF);
	assert_string_equal(pv("request POST /echo hi", "http://127.0.0.1:1/",
			       NULL),
			    ARROW "POST /echo HTTP/1.1" CR LF
			    "Host: 127.0.0.1:1" CR LF
			    "Accept-Encoding: identity" CR LF
			    "Content-Length: 2" CR LF CR LF "hi");
	assert_string_equal(pv("send 'raw\r\n'", "http://127.0.0.1:1/", NULL),
			    ARROW "raw" CR LF);
	/* https previews the same bytes: no handshake on the throwaway */
	assert_string_equal(pv("request GET /s", "https://example.com/", NULL),
			    ARROW "GET /s HTTP/1.1" CR LF "Host: example.com" CR LF
			    "Accept-Encoding: identity" CR LF CR LF);
}

static void test_prelude_commands(void **st)
{
	(void)st;
	const char *url = "http://example.com/";
	assert_string_equal(pv("putheader X-A b c", url, NULL),
			    ARROW "X-A: b" CR LF TAB "c" CR LF);
	assert_string_equal(pv("chunk abc", url, NULL),
			    ARROW "3" CR LF "abc" CR LF);
	assert_string_equal(pv("chunk 0123456789abcdef", url, NULL),
			    ARROW "10" CR LF "0123456789abcdef" CR LF);
	assert_string_equal(pv("endchunks 'X-Checksum: 1'", url, NULL),
			    ARROW "0" CR LF "X-Checksum: 1" CR LF CR LF);
	assert_string_equal(pv("endchunks", url, NULL),
			    ARROW "0" CR LF CR LF);
}

static void test_errors_shown(void **st)
{
	(void)st;
	const char *url = "http://example.com/";
	assert_prefix(pv("putheader", url, NULL), CROSS "UsageError: usage: putheader");
	assert_prefix(pv("putrequest G\xe2\x82\xac" "T /", url, NULL),
		      CROSS "UnicodeEncodeError: ");
	assert_null(strstr(pv_out.p, ARROW));
	assert_prefix(pv("putheader Bad:Name v", url, NULL), CROSS "ValueError: ");
}

static void test_nothing_to_preview(void **st)
{
	(void)st;
	const char *url = "http://example.com/";
	wb_buf_adds(&pv_out, "stale");
	assert_string_equal(pv("", url, NULL), "");
	assert_string_equal(pv("# a comment", url, NULL), "");
	assert_string_equal(pv("getresponse", url, NULL), "");
	assert_string_equal(pv("read 5", url, NULL), "");
	assert_string_equal(pv("state", url, NULL), "");
	assert_string_equal(pv("open http://other/", url, NULL), "");
	/* files are not read while typing */
	assert_string_equal(pv("request POST /echo @body.bin", url, NULL), "");
	assert_string_equal(pv("send @body.bin", url, NULL), "");
	/* no connection yet */
	assert_string_equal(pv("putrequest GET /x", NULL, NULL), "");
	assert_string_equal(pv("request GET /x", NULL, NULL), "");
	/* an unfinished quote */
	assert_string_equal(pv("send 'abc", url, NULL), "");
}

/* An interpreter opened on example.com whose connection, the "real" one a
 * preview must only read, goes to the in-memory transport. */
static wb_conn *real_conn(wb_interp **in, wb_mem_script **s)
{
	*in = wb_interp_new(1 << 20);
	*s = wb_mem_new();
	assert_non_null(*in);
	assert_non_null(*s);
	wb_mem_add(*s, "", 0);
	assert_int_equal(wb_interp_exec(*in, "open http://example.com/"), WB_OK);
	wb_conn *real = wb_interp_conn(*in);
	wb_conn_set_connector(real, wb_mem_connect, *s);
	return real;
}

static void test_endheaders_counts(void **st)
{
	(void)st;
	assert_string_equal(pv("endheaders", NULL, NULL),
			    ARROW "sends the 0 buffered lines + " CR LF
			    " (2 bytes) in one write");

	wb_interp *in;
	wb_mem_script *s;
	wb_conn *real = real_conn(&in, &s);
	assert_int_equal(wb_interp_exec(in, "putrequest GET / skip_host "
					"skip_accept_encoding"), WB_OK);
	/* "GET / HTTP/1.1" + CRLF, and the final CRLF */
	assert_string_equal(pv("endheaders", "http://example.com/", real),
			    ARROW "sends the 1 buffered line + " CR LF
			    " (18 bytes) in one write");
	assert_int_equal(wb_interp_exec(in, "putheader X y"), WB_OK);
	assert_string_equal(pv("  endheaders  ", "http://example.com/", real),
			    ARROW "sends the 2 buffered lines + " CR LF
			    " (24 bytes) in one write");
	/* with a body the throwaway is not used and nothing is described */
	assert_string_equal(pv("endheaders abc", "http://example.com/", real), "");
	assert_int_equal(wb_mem_connects(s), 0);
	wb_interp_free(in);
	wb_mem_free(s);
}

/* The real connection is only read: its buffered lines, its state and its
 * tap are as before, and it never connects. */
static void test_real_untouched(void **st)
{
	(void)st;
	wb_interp *in;
	wb_mem_script *s;
	wb_conn *real = real_conn(&in, &s);
	assert_int_equal(wb_interp_exec(in, "putrequest GET /x"), WB_OK);
	wb_tap *tap = wb_interp_tap(in);
	size_t frames = wb_tap_count(tap);
	const char *url = wb_interp_url(in);
	assert_string_equal(url, "http://example.com/");

	assert_string_equal(pv("request GET /y", url, real),
			    ARROW "GET /y HTTP/1.1" CR LF "Host: example.com" CR LF
			    "Accept-Encoding: identity" CR LF CR LF);
	pv("putheader A b", url, real);
	pv("endheaders", url, real);
	pv("chunk abc", url, real);
	pv("send x", url, real);

	assert_int_equal(wb_mem_connects(s), 0);
	assert_int_equal(wb_conn_nbuffered(real), 3);
	assert_int_equal(wb_conn_state(real), WB_STATE_REQ_STARTED);
	assert_int_equal(wb_tap_count(tap), frames);
	assert_int_equal(wb_tap_stats_get(tap)->bytes_out, 0);
	wb_interp_free(in);
	wb_mem_free(s);
}

int main(void)
{
	/* the throwaway honours proxy variables as open does; previews here
	 * are of direct connections */
	static const char *const vars[] = { "http_proxy", "https_proxy",
		"HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
		"no_proxy", "NO_PROXY" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_putrequest),
		cmocka_unit_test(test_no_network),
		cmocka_unit_test(test_prelude_commands),
		cmocka_unit_test(test_errors_shown),
		cmocka_unit_test(test_nothing_to_preview),
		cmocka_unit_test(test_endheaders_counts),
		cmocka_unit_test(test_real_untouched),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
