/* Host and port parsing and the automatic Host header (spec 3.3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http/hostport.h"

static void parse_ok(const char *text, const char *host, long port)
{
	wb_buf h = WB_BUF_INIT, m = WB_BUF_INIT;
	long p = 0;
	wb_buf t = WB_BUF_INIT;
	assert_int_equal(wb_hostport_parse(text, 80, &h, &p, &t, &m), WB_OK);
	wb_buf_adds(&h, "");
	assert_string_equal(h.p, host);
	assert_int_equal(p, port);
	char want[32];
	snprintf(want, sizeof want, "%ld", port);
	assert_string_equal(t.p, want);
	wb_buf_free(&h);
	wb_buf_free(&t);
}

static void parse_cases(void **state)
{
	(void)state;
	parse_ok("example.com", "example.com", 80);
	parse_ok("example.com:8080", "example.com", 8080);
	parse_ok("example.com:", "example.com", 80);
	parse_ok("[::1]:8080", "::1", 8080);
	parse_ok("[::1]", "::1", 80);
	parse_ok("h:+80", "h", 80);
	parse_ok("h:8_0", "h", 80);
	parse_ok("h:-1", "h", -1);
	parse_ok("h: 0080 ", "h", 80);

	wb_buf h = WB_BUF_INIT, t = WB_BUF_INIT, m = WB_BUF_INIT;
	long p;
	assert_int_equal(wb_hostport_parse("h:+000123_456_789_012_345", 80, &h,
					   &p, &t, &m), WB_OK);
	assert_string_equal(t.p, "123456789012345"); /* whole, as int() */
	wb_buf_free(&h);
	wb_buf_free(&t);
}

static void parse_errors(void **state)
{
	(void)state;
	wb_buf h = WB_BUF_INIT, m = WB_BUF_INIT;
	long p;
	assert_int_equal(wb_hostport_parse("user:password@host", 80, &h, &p, NULL, &m),
			 WB_E_INVALID_URL);
	assert_string_equal(m.p, "nonnumeric port: 'password@host'");
	wb_buf_clear(&m);
	assert_int_equal(wb_hostport_parse("example.com\r\nX: y", 80, &h, &p,
					   NULL, &m), WB_E_INVALID_URL);
	assert_string_equal(m.p, "nonnumeric port: ' y'");
	wb_buf_free(&m);
	wb_buf_free(&h);
}

static void validate_host(void **state)
{
	(void)state;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_hostport_validate("exa mple", &m), WB_E_INVALID_URL);
	assert_string_equal(m.p, "URL can't contain control characters. "
				 "'exa mple' (found at least ' ')");
	wb_buf_free(&m);
	assert_int_equal(wb_hostport_validate("example.com", &m), WB_OK);
}

static void host_value(const char *host, long port, long def,
		       const char *want)
{
	wb_buf v = WB_BUF_INIT, m = WB_BUF_INIT;
	char text[32];
	snprintf(text, sizeof text, "%ld", port);
	assert_int_equal(wb_hostport_host_value(host, text, port == def, &v, &m),
			 WB_OK);
	assert_string_equal(v.p, want);
	wb_buf_free(&v);
}

static void host_values(void **state)
{
	(void)state;
	host_value("example.com", 80, 80, "example.com");
	host_value("example.com", 8080, 80, "example.com:8080");
	host_value("h", 80, 443, "h:80");
	host_value("::1", 8080, 80, "[::1]:8080");
	host_value("fe80::1%eth0", 81, 80, "[fe80::1]:81");
	host_value("example.com:8080", 9090, 80, "[example.com:8080]:9090");
	host_value("B\xc3\xbc" "cher.EXAMPLE", 80, 80, "xn--bcher-kva.EXAMPLE");
	host_value("stra\xc3\x9f" "e.example", 80, 80, "strasse.example");
}

static void idna_edges(void **state)
{
	(void)state;
	host_value("b\xc3\xbc" "cher.example.", 80, 80,
		   "xn--bcher-kva.example.");
	host_value("b\xc3\xbc" "cher\xe3\x80\x82" "EXAMPLE", 80, 80,
		   "xn--bcher-kva.EXAMPLE");
	const char *bad[] = { "b\xc3\xbc" "cher..x",
			      "b\xc3\xbc" "cher.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.de" };
	for (size_t i = 0; i < 2; i++) {
		wb_buf v = WB_BUF_INIT, m = WB_BUF_INIT;
		assert_int_equal(wb_hostport_host_value(bad[i], "80", 1, &v, &m),
				 WB_E_UNICODE);
		assert_string_equal(m.p, "encoding with 'idna' codec failed "
					 "(UnicodeError: label empty or too "
					 "long)");
		wb_buf_free(&v);
		wb_buf_free(&m);
	}
}

static void netloc(const char *url, const char *want)
{
	wb_buf n = WB_BUF_INIT, m = WB_BUF_INIT;
	assert_int_equal(wb_hostport_netloc(url, &n, &m), WB_OK);
	wb_buf_adds(&n, "");
	assert_string_equal(n.p, want);
	wb_buf_free(&n);
}

static void netlocs(void **state)
{
	(void)state;
	netloc("http://a:b@h:1/x", "a:b@h:1");
	netloc("httpx://h/x", "h");
	netloc("HTTP://h/x", "");
	netloc("http:foo", "");
	netloc("http:///p", "");
	netloc("http://h?x", "h");
	netloc("http://[::1]:8/", "[::1]:8");
	netloc("/plain", "");
	wb_buf n = WB_BUF_INIT, m = WB_BUF_INIT;
	assert_int_equal(wb_hostport_netloc("http://[::1/", &n, &m), WB_E_VALUE);
	assert_string_equal(m.p, "Invalid IPv6 URL");
	wb_buf_clear(&m);
	assert_int_equal(wb_hostport_netloc("http://[zz]/", &n, &m), WB_E_VALUE);
	assert_string_equal(m.p, "'zz' does not appear to be an IPv4 or IPv6 "
				 "address");
	wb_buf_free(&m);
	wb_buf_free(&n);
}

static void zone_in_netloc(void **state)
{
	(void)state;
	wb_buf v = WB_BUF_INIT, m = WB_BUF_INIT;
	assert_int_equal(wb_hostport_host_from_netloc("[fe80::1%eth0]:81", &v,
						      &m), WB_OK);
	assert_string_equal(v.p, "[fe80::1]");
	wb_buf_free(&v);
	assert_int_equal(wb_hostport_host_from_netloc("h%x", &v, &m),
			 WB_E_ASSERTION);
	wb_buf_free(&m);
	wb_buf_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_cases),  cmocka_unit_test(parse_errors),
		cmocka_unit_test(validate_host), cmocka_unit_test(host_values),
		cmocka_unit_test(netlocs),      cmocka_unit_test(zone_in_netloc),
		cmocka_unit_test(idna_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
