/* test_status.c - status line splitting and version mapping (8.1). */
#include "testutil_resp.h"

#include "http/statusline.h"

static wb_err parse(const char *s, wb_status *st)
{
	return wb_statusline_parse(s, strlen(s), st);
}

static void test_fields(void **state)
{
	wb_status st;
	const char *l = "  HTTP/1.1   404   Not  Found \t\r\n";
	assert_int_equal(parse(l, &st), WB_OK);
	assert_int_equal(st.code, 404);
	assert_memory_equal(l + st.ver_off, "HTTP/1.1", st.ver_len);
	assert_int_equal(st.reason_len, 10);
	assert_memory_equal(l + st.reason_off, "Not  Found", 10);
	l = "HTTP/1.1\xa0" "200\x85OK\r\n";
	assert_int_equal(parse(l, &st), WB_OK);
	assert_memory_equal(l + st.reason_off, "OK", 2);
	assert_int_equal(parse("HTTP/1.1 200\r\n", &st), WB_OK);
	assert_int_equal(st.reason_len, 0);
	assert_int_equal(parse("HTTP/1.1 2_00 X\r\n", &st), WB_OK);
	assert_int_equal(st.code, 200);
}

static void test_bad(void **state)
{
	static const char *const bad[] = { "HTTP/1.0\r\n", "\r\n", "",
		"http/1.1 200 OK\r\n", "ICY 200 OK\r\n", "HTTP/1.1 099 X\r\n",
		"HTTP/1.1 1000 X\r\n", "HTTP/1.1 400.100 Not Ok\r\n",
		/* two fields: int() sees the 0x1C, which it does not strip */
		"HTTP/1.1 200\x1c\r\n", "<html>" };
	wb_status st;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(parse(bad[i], &st), WB_E_BAD_STATUS_LINE);
	assert_int_equal(parse("HTTP/1.1 200\x1cOK\r\n", &st), WB_OK);
}

static void test_version(void **state)
{
	assert_int_equal(wb_statusline_version("HTTP/1.0", 8), 10);
	assert_int_equal(wb_statusline_version("HTTP/0.9", 8), 10);
	assert_int_equal(wb_statusline_version("HTTP/1.1", 8), 11);
	assert_int_equal(wb_statusline_version("HTTP/1.5", 8), 11);
	assert_int_equal(wb_statusline_version("HTTP/1.", 7), 11);
	assert_int_equal(wb_statusline_version("HTTP/2.0", 8), 0);
	assert_int_equal(wb_statusline_version("HTTP/1", 6), 0);
	assert_int_equal(wb_statusline_version("HTTP/", 5), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
