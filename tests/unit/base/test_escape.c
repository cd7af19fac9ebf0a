/* The transcript's escaping: the word-at-a-time scan must give exactly
 * what a byte-at-a-time one gives, wherever the bytes to escape sit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/escape.h"

/* The reference: one byte at a time. */
static void slow_escape(wb_buf *out, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		char x[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
		if (c == '\r')
			wb_buf_add(out, "\\r", 2);
		else if (c == '\n')
			wb_buf_add(out, "\\n", 2);
		else if (c == '\t')
			wb_buf_add(out, "\\t", 2);
		else if (c == '\\')
			wb_buf_add(out, "\\\\", 2);
		else if (c >= 0x20 && c < 0x7f)
			wb_buf_addc(out, (char)c);
		else
			wb_buf_add(out, x, 4);
	}
}

static void same_as_slow(const unsigned char *p, size_t n)
{
	wb_buf fast = WB_BUF_INIT, slow = WB_BUF_INIT;
	assert_int_equal(wb_escape_add(&fast, (const char *)p, n), WB_OK);
	slow_escape(&slow, p, n);
	assert_int_equal(fast.n, slow.n);
	if (n)
		assert_memory_equal(fast.p, slow.p, slow.n);
	wb_buf_free(&fast);
	wb_buf_free(&slow);
}

static void known_forms(void **state)
{
	(void)state;
	wb_buf b = WB_BUF_INIT;
	wb_escape_add(&b, "GET / HTTP/1.1\r\n", 16);
	assert_string_equal(b.p, "GET / HTTP/1.1\\r\\n");
	wb_buf_clear(&b);
	wb_escape_add(&b, "a\\b\t\x7f\x80\xff\x00~ ", 10);
	assert_string_equal(b.p, "a\\\\b\\t\\x7f\\x80\\xff\\x00~ ");
	wb_buf_free(&b);
}

/* Every byte that needs an escape (and the printable edges around them)
 * at every position of lines of every length up to 40. */
static void every_byte_at_every_offset(void **state)
{
	(void)state;
	const unsigned char special[] = { 0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1f,
					  0x20, 0x5b, 0x5c, 0x5d, 0x7e, 0x7f,
					  0x80, 0xc3, 0xfe, 0xff };
	unsigned char line[40];
	for (size_t n = 0; n <= sizeof line; n++) {
		for (size_t at = 0; at < n; at++) {
			for (size_t k = 0; k < sizeof special; k++) {
				memset(line, 'x', n);
				line[at] = special[k];
				same_as_slow(line, n);
				/* a second one after it, where borrows and
				 * carries of the first could mislead */
				if (at + 1 < n) {
					line[at + 1] = special[(k + 5) %
							       sizeof special];
					same_as_slow(line, n);
				}
			}
		}
	}
}

static void plain_run_stops_at_first(void **state)
{
	(void)state;
	assert_int_equal(wb_escape_plain_run("abcdefghij\r\n", 12), 10);
	assert_int_equal(wb_escape_plain_run("abcdefgh", 8), 8);
	assert_int_equal(wb_escape_plain_run("\xff\x01", 2), 0);
	assert_int_equal(wb_escape_plain_run("abc\x00\x0d", 5), 3);
	assert_int_equal(wb_escape_plain_run("", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_forms),
		cmocka_unit_test(every_byte_at_every_offset),
		cmocka_unit_test(plain_run_stops_at_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
