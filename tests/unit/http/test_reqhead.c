/* Request line and header line rules (spec 3.1, 3.2, 3.6). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/reqhead.h"

static void expect_msg(wb_err got, wb_err want, wb_buf *msg, const char *text)
{
	assert_int_equal(got, want);
	assert_string_equal(msg->p, text);
	wb_buf_free(msg);
}

static void method_control_chars(void **state)
{
	(void)state;
	wb_buf m = WB_BUF_INIT;
	expect_msg(wb_reqhead_check_method("GET\r\nX: y", &m), WB_E_VALUE, &m,
		   "method can't contain control characters. 'GET\\r\\nX: y' "
		   "(found at least '\\r')");
	assert_int_equal(wb_reqhead_check_method("GE T", &m), WB_OK);
	assert_int_equal(wb_reqhead_check_method("GET\x7f", &m), WB_OK);
	assert_int_equal(wb_reqhead_check_method("", &m), WB_OK);
	expect_msg(wb_reqhead_check_method("A\tB", &m), WB_E_VALUE, &m,
		   "method can't contain control characters. 'A\\tB' (found "
		   "at least '\\t')");
}

static void url_control_chars(void **state)
{
	(void)state;
	wb_buf m = WB_BUF_INIT;
	expect_msg(wb_reqhead_check_url("/a b", &m), WB_E_INVALID_URL, &m,
		   "URL can't contain control characters. '/a b' (found at "
		   "least ' ')");
	expect_msg(wb_reqhead_check_url("/\x7f", &m), WB_E_INVALID_URL, &m,
		   "URL can't contain control characters. '/\\x7f' (found at "
		   "least '\\x7f')");
	assert_int_equal(wb_reqhead_check_url("/<>{}|\\^`#f?q=1", &m), WB_OK);
}

static void request_line_ascii(void **state)
{
	(void)state;
	wb_buf line = WB_BUF_INIT, m = WB_BUF_INIT;
	assert_int_equal(wb_reqhead_request_line("get", "*", &line, &m), WB_OK);
	assert_string_equal(line.p, "get * HTTP/1.1");
	wb_buf_clear(&line);
	expect_msg(wb_reqhead_request_line("GET", "/caf\xc3\xa9", &line, &m),
		   WB_E_UNICODE_ENCODE, &m,
		   "'ascii' codec can't encode character '\\xe9' in position "
		   "8: ordinal not in range(128)");
	wb_buf_free(&line);
}

static void names(void **state)
{
	(void)state;
	static const char *good[] = { "X", "X Y", "X\t", "(a)", "x@y", "A\x01" };
	static const char *bad[] = { "", " X", ":X", "Bad:Name", "A\rB",
				     "A\nB", "\tX", "\x0bX" };
	wb_buf out = WB_BUF_INIT, m = WB_BUF_INIT;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		wb_buf_clear(&out);
		assert_int_equal(wb_reqhead_name(good[i], strlen(good[i]), &out,
						 &m), WB_OK);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		wb_buf_clear(&out);
		assert_int_equal(wb_reqhead_name(bad[i], strlen(bad[i]), &out,
						 &m), WB_E_VALUE);
	}
	wb_buf_clear(&m);
	wb_buf_clear(&out);
	expect_msg(wb_reqhead_name("Bad:Name", 8, &out, &m), WB_E_VALUE, &m,
		   "Invalid header name b'Bad:Name'");
	wb_buf_free(&out);
}

static void values(void **state)
{
	(void)state;
	static const char *good[] = { "a\r\n b", "a\r\n\tb", "a\n b", "a\r b",
				      "a\r\n ", "\x01\x7f", "" };
	static const char *bad[] = { "a\r\nb", "a\nb", "a\rb", "a\r", "a\n",
				     "a\r\n", "a\r\n\r\n b" };
	wb_buf m = WB_BUF_INIT;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_int_equal(wb_reqhead_check_value(good[i], strlen(good[i]),
							&m), WB_OK);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(wb_reqhead_check_value(bad[i], strlen(bad[i]),
							&m), WB_E_VALUE);
	wb_buf_clear(&m);
	expect_msg(wb_reqhead_check_value("a\r\nb", 4, &m), WB_E_VALUE, &m,
		   "Invalid header value b'a\\r\\nb'");
}

static void value_latin1(void **state)
{
	(void)state;
	wb_buf out = WB_BUF_INIT, m = WB_BUF_INIT;
	assert_int_equal(wb_reqhead_value("caf\xc3\xa9", 5, &out, &m), WB_OK);
	assert_int_equal(out.n, 4);
	assert_int_equal((unsigned char)out.p[3], 0xe9);
	expect_msg(wb_reqhead_value("\xe2\x98\x83", 3, &out, &m),
		   WB_E_UNICODE_ENCODE, &m,
		   "'latin-1' codec can't encode character '\\u2603' in "
		   "position 0: ordinal not in range(256)");
	wb_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(method_control_chars),
		cmocka_unit_test(url_control_chars),
		cmocka_unit_test(request_line_ascii),
		cmocka_unit_test(names),
		cmocka_unit_test(values),
		cmocka_unit_test(value_latin1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
