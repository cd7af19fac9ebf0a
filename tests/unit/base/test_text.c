/* Python's repr() and codecs as text.c reproduces them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/text.h"

static void repr_is(const char *s, size_t n, int bytes, const char *want)
{
	wb_buf b = WB_BUF_INIT;
	if (bytes)
		wb_text_repr_bytes(&b, s, n);
	else
		wb_text_repr(&b, s, n);
	assert_string_equal(b.p, want);
	wb_buf_free(&b);
}

static void bytes_repr(void **state)
{
	(void)state;
	repr_is("", 0, 1, "b''");
	repr_is("a'b", 3, 1, "b\"a'b\"");
	repr_is("a'\"b", 4, 1, "b'a\\'\"b'");
	repr_is("\r\n\t\\\x00\x7f\xff", 7, 1, "b'\\r\\n\\t\\\\\\x00\\x7f\\xff'");
}

static void str_repr(void **state)
{
	(void)state;
	repr_is("caf\xc3\xa9", 5, 0, "'caf\xc3\xa9'");
	repr_is("\xc2\xa0\xc2\xad\xc2\x85", 6, 0, "'\\xa0\\xad\\x85'");
	repr_is("\xe2\x98\x83\xe2\x80\xa8", 6, 0, "'\xe2\x98\x83\\u2028'");
	repr_is("\xc0\x80", 2, 0, "'\\x00'");
}

static void codecs(void **state)
{
	(void)state;
	wb_buf out = WB_BUF_INIT, msg = WB_BUF_INIT;
	size_t bad[2];
	assert_int_equal(wb_text_encode("a\xc3\xa9\xc3\xa8z", 6, "ascii", &out,
					&msg, bad), WB_E_UNICODE_ENCODE);
	assert_string_equal(msg.p, "'ascii' codec can't encode characters in "
				   "position 1-2: ordinal not in range(128)");
	assert_int_equal(bad[0], 1);
	assert_int_equal(bad[1], 3);
	wb_buf_clear(&out);
	assert_int_equal(wb_text_encode("\xc0\x80\xc3\xbf", 4, "latin-1", &out,
					NULL, NULL), WB_OK);
	assert_int_equal(out.n, 2);
	assert_memory_equal(out.p, "\x00\xff", 2);
	assert_int_equal(wb_text_len("a\xe2\x98\x83\xff", 5), 3);
	wb_buf_free(&out);
	wb_buf_free(&msg);
}

static void repr_range_cut(void **state)
{
	(void)state;
	wb_buf b = WB_BUF_INIT;
	const char *s = "abcdefghijklmnopqrstuvwxyz";
	wb_text_repr_range(&b, s, strlen(s), 0, 26, 20);
	assert_string_equal(b.p, "'abcdefghijklmnopqrs");
	wb_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bytes_repr),
		cmocka_unit_test(str_repr),
		cmocka_unit_test(codecs),
		cmocka_unit_test(repr_range_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
