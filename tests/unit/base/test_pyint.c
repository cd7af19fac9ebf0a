/* test_pyint.c - Python int() parsing; expectations checked with Python 3.11. */
#include "testutil_resp.h"

#include "base/pyint.h"

static int parse(const char *s, int base, wb_pyint_text t, wb_pyint *v)
{
	return wb_pyint_parse(s, strlen(s), base, t, v);
}

static void test_accepted(void **state)
{
	wb_pyint v;
	assert_int_equal(parse(" 0x3 ", 16, WB_PYINT_BYTES, &v), 0);
	assert_int_equal(v.value, 3);
	assert_int_equal(v.flags, WB_PYINT_PREFIX | WB_PYINT_SPACE);
	assert_int_equal(parse("0x_1f", 16, WB_PYINT_BYTES, &v), 0);
	assert_int_equal(v.value, 31);
	assert_int_equal(parse("-0x3", 16, WB_PYINT_BYTES, &v), 0);
	assert_int_equal(v.value, -3);
	assert_int_equal(parse("0_3", 16, WB_PYINT_BYTES, &v), 0);
	assert_int_equal(v.flags, WB_PYINT_UNDERSCORE);
	assert_int_equal(parse("+200", 10, WB_PYINT_LATIN1, &v), 0);
	assert_int_equal(v.value, 200);
	assert_int_equal(parse("\xa0" "5\x85", 10, WB_PYINT_LATIN1, &v), 0);
	assert_int_equal(v.value, 5);
	assert_int_equal(parse("\x0b" "5\x0c\r\n", 16, WB_PYINT_BYTES, &v), 0);
	assert_int_equal(parse("0003", 10, WB_PYINT_LATIN1, &v), 0);
	assert_int_equal(v.flags, 0);
}

/* Plain decimals (the status code, Content-Length) take a short path up
 * to 18 digits; it must agree with the general parse on both sides. */
static void test_plain_decimals(void **state)
{
	static const struct {
		const char *s;
		int64_t value;
		int overflow;
	} v[] = {
		{ "0", 0, 0 },
		{ "200", 200, 0 },
		{ "000000000000000001", 1, 0 },
		{ "999999999999999999", 999999999999999999, 0 },
		{ "9223372036854775807", INT64_MAX, 0 },
		{ "9223372036854775808", INT64_MAX, 1 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		wb_pyint r;
		assert_int_equal(parse(v[i].s, 10, WB_PYINT_LATIN1, &r), 0);
		assert_true(r.value == v[i].value);
		assert_int_equal(r.overflow, v[i].overflow);
		assert_int_equal(r.flags, 0);
	}
	wb_pyint r;
	assert_int_equal(parse("12a", 10, WB_PYINT_LATIN1, &r), -1);
	assert_int_equal(parse("1\xb9", 10, WB_PYINT_LATIN1, &r), -1);
	assert_int_equal(parse("1_0", 10, WB_PYINT_LATIN1, &r), 0);
	assert_int_equal(r.value, 10);
	assert_int_equal(r.flags, WB_PYINT_UNDERSCORE);
}

static void test_rejected(void **state)
{
	static const char *const bad16[] = { "", "0x", "_1", "1_", "1__0",
		"+ 1", "0x 1", "0x__1", "\x1c" "5", "\xa0" "5", "g" };
	wb_pyint v;
	for (size_t i = 0; i < sizeof bad16 / sizeof bad16[0]; i++)
		assert_int_equal(parse(bad16[i], 16, WB_PYINT_BYTES, &v), -1);
	assert_int_equal(wb_pyint_parse("1\0", 2, 16, WB_PYINT_BYTES, &v), -1);
	assert_int_equal(parse("\x1c" "5\x1f", 10, WB_PYINT_LATIN1, &v), -1);
	assert_int_equal(parse("0x3", 10, WB_PYINT_LATIN1, &v), -1);
	assert_int_equal(parse("3, 3", 10, WB_PYINT_LATIN1, &v), -1);
	assert_int_equal(parse("400.100", 10, WB_PYINT_LATIN1, &v), -1);
}

static void test_sizes(void **state)
{
	wb_pyint v;
	char big[4400];
	memset(big, '1', sizeof big);
	/* int(str) refuses more than 4300 decimal digits, underscores aside */
	assert_int_equal(wb_pyint_parse(big, 4300, 10, WB_PYINT_LATIN1, &v), 0);
	assert_true(v.overflow);
	assert_int_equal(v.value, INT64_MAX);
	assert_int_equal(wb_pyint_parse(big, 4301, 10, WB_PYINT_LATIN1, &v), -1);
	assert_int_equal(wb_pyint_parse(big, 4400, 16, WB_PYINT_BYTES, &v), 0);
	assert_int_equal(parse("9223372036854775807", 10, WB_PYINT_LATIN1, &v), 0);
	assert_false(v.overflow);
	assert_int_equal(parse("-9223372036854775808", 10, WB_PYINT_LATIN1, &v), 0);
	assert_false(v.overflow);
	assert_int_equal(v.value, INT64_MIN);
	assert_int_equal(parse("9223372036854775808", 10, WB_PYINT_LATIN1, &v), 0);
	assert_true(v.overflow);
	assert_int_equal(parse("-FFFFFFFFFFFFFFFFFFFF", 16, WB_PYINT_BYTES, &v), 0);
	assert_int_equal(v.value, INT64_MIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_plain_decimals),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
