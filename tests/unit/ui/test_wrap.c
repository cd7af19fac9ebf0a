/* test_wrap.c - word wrapping: rows end at spaces, words are never cut
 * unless one alone is wider than a row, UTF-8 stays whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../../ui/model/wrap.c"

/* The rows of s wrapped at cols, joined with '|'. */
static const char *rows(const char *s, size_t cols)
{
	static char out[512];
	size_t n = strlen(s), at = 0, o = 0;
	out[0] = '\0';
	while (at < n && o + 64 < sizeof out) {
		size_t next, k = ui_wrap_row(s + at, n - at, cols, &next);
		if (o)
			out[o++] = '|';
		memcpy(out + o, s + at, k);
		o += k;
		out[o] = '\0';
		at += next;
	}
	return out;
}

static void test_words(void **st)
{
	(void)st;
	assert_string_equal(rows("help chunk sends one chunk", 10),
			    "help chunk|sends one|chunk");
	assert_string_equal(rows("abc def", 3), "abc|def");
	assert_string_equal(rows("abc def", 4), "abc|def");
	assert_string_equal(rows("abc def", 7), "abc def");
	assert_string_equal(rows("a  b", 1), "a|b");
	assert_int_equal(ui_wrap_rows("help chunk sends one chunk", 26, 10), 3);
	assert_int_equal(ui_wrap_rows("", 0, 10), 1);
}

static void test_long_word_and_utf8(void **st)
{
	(void)st;
	assert_string_equal(rows("abcdefghij", 4), "abcd|efgh|ij");
	assert_string_equal(rows("x abcdefghij", 4), "x|abcd|efgh|ij");
	/* "é" is 2 bytes, 1 column */
	assert_string_equal(rows("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9", 3),
			    "\xc3\xa9\xc3\xa9\xc3\xa9|\xc3\xa9");
	assert_string_equal(rows("ab \xe2\x80\x94 cd", 4),
			    "ab \xe2\x80\x94|cd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_long_word_and_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
