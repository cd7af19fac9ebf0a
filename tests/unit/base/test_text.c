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

static void safe_is(const char *s, size_t n, unsigned flags,
		    const char *want)
{
	wb_buf b = WB_BUF_INIT;
	assert_int_equal(wb_text_safe(&b, s, n, flags), WB_OK);
	assert_string_equal(b.p, want);
	assert_int_equal(wb_text_is_safe(s, n, flags), strcmp(s, want) == 0);
	assert_true(wb_text_is_safe(b.p, b.n, flags));
	wb_buf_free(&b);
}

#define SAFE_IS(s, f, w) safe_is(s, sizeof s - 1, f, w)

/* Every character a terminal acts on becomes a visible escape. */
static void terminal_safe(void **state)
{
	(void)state;
	SAFE_IS("", 0, "");
	SAFE_IS("caf\xc3\xa9 ok", 0, "caf\xc3\xa9 ok");
	SAFE_IS("\x1b[31mRED\x1b]0;pwned\x07", 0,
		"\\x1b[31mRED\\x1b]0;pwned\\x07");
	SAFE_IS("a\bb\x7f\r\n\t", 0, "a\\x08b\\x7f\\r\\n\\t");
	SAFE_IS("l1\nl2", WB_SAFE_KEEP_NL, "l1\nl2");
	/* C1 as stray bytes and as UTF-8 */
	SAFE_IS("\x9b" "31m\xc2\x9b" "1m\x85", 0, "\\x9b31m\\x9b1m\\x85");
	SAFE_IS("\xc2\x80\xc2\x9f\xc2\xa0", 0, "\\x80\\x9f\xc2\xa0");
	/* bidi overrides, isolates, marks, separators */
	SAFE_IS("\xe2\x80\xae" "evil\xe2\x81\xa6x\xe2\x81\xa9", 0,
		"\\u202eevil\\u2066x\\u2069");
	SAFE_IS("\xe2\x80\x8f\xd8\x9c\xe2\x80\xa8", 0,
		"\\u200f\\u061c\\u2028");
	/* NUL in the internal form, stray Latin-1 bytes re-encoded */
	SAFE_IS("a\xc0\x80" "b\xe9", 0, "a\\x00b\xc3\xa9");
	SAFE_IS("\xe2\x98\x83 \xf0\x9f\x98\x80", 0,
		"\xe2\x98\x83 \xf0\x9f\x98\x80");
}

/* Printable ASCII is copied a run at a time: an unsafe character at
 * every offset of a long line, where the runs are cut. */
static void safe_at_every_offset(void **state)
{
	(void)state;
	static const char *const in[] = { "\x1b", "\x7f", "\\", "\xc2\x85",
					  "\xe2\x80\xae", "\xe9", "\n" };
	static const char *const out[] = { "\\x1b", "\\x7f", "\\",
					   "\\x85", "\\u202e", "\xc3\xa9",
					   "\\n" };
	for (size_t k = 0; k < sizeof in / sizeof *in; k++) {
		for (size_t at = 0; at <= 40; at++) {
			char s[64], want[64];
			memset(s, 'a', at);
			strcpy(s + at, in[k]);
			memset(s + strlen(s), 'b', 40 - at);
			s[at + strlen(in[k]) + 40 - at] = '\0';
			memset(want, 'a', at);
			strcpy(want + at, out[k]);
			size_t w = strlen(want);
			memset(want + w, 'b', 40 - at);
			want[w + 40 - at] = '\0';
			safe_is(s, strlen(s), 0, want);
		}
	}
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
		cmocka_unit_test(terminal_safe),
		cmocka_unit_test(safe_at_every_offset),
		cmocka_unit_test(repr_range_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
