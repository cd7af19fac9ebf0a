/* Word splitting of the command language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lang/lex.h"

static void plain_words(void **state)
{
	(void)state;
	wb_words w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_lex("  putheader X-Trace abc def # note", &w, &m),
			 WB_OK);
	assert_int_equal(w.n, 4);
	assert_string_equal(w.w[0].s, "putheader");
	assert_string_equal(w.w[3].s, "def");
	assert_false(w.w[1].quoted);
	wb_lex_free(&w);
}

static void escapes(void **state)
{
	(void)state;
	wb_words w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_lex("send \"a\\r\\n\\t\\\\\\\"\\x41\\xe9\\x00z\"",
				&w, &m), WB_OK);
	assert_int_equal(w.n, 2);
	assert_true(w.w[1].quoted);
	/* \xe9 is U+00E9, kept as UTF-8; \x00 is U+0000, written C0 80 */
	assert_int_equal(w.w[1].n, 12);
	assert_memory_equal(w.w[1].s, "a\r\n\t\\\"A\xc3\xa9\xc0\x80z", 12);
	wb_lex_free(&w);
}

static void quotes_mark_words(void **state)
{
	(void)state;
	wb_words w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_lex("x \"encode_chunked\" encode_chunked 'a\\n' \"\" "
				"ab\"c d\"#e",
				&w, &m), WB_OK);
	assert_int_equal(w.n, 6);
	assert_false(wb_lex_is(&w, 1, "encode_chunked"));
	assert_true(wb_lex_is(&w, 2, "encode_chunked"));
	assert_string_equal(w.w[3].s, "a\\n");
	assert_int_equal(w.w[4].n, 0);
	assert_true(w.w[4].quoted);
	assert_string_equal(w.w[5].s, "abc d#e");
	wb_lex_free(&w);
}

static void errors(void **state)
{
	(void)state;
	wb_words w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_lex("send \"abc", &w, &m), WB_E_SYNTAX);
	assert_string_equal(m.p, "unterminated double quote");
	wb_buf_clear(&m);
	assert_int_equal(wb_lex("send \"\\q\"", &w, &m), WB_E_SYNTAX);
	wb_buf_clear(&m);
	assert_int_equal(wb_lex("send \"\\x4\"", &w, &m), WB_E_SYNTAX);
	assert_string_equal(m.p, "\\x needs two hex digits");
	wb_buf_free(&m);
	assert_int_equal(wb_lex("   # only a comment", &w, &m), WB_OK);
	assert_int_equal(w.n, 0);
	wb_lex_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_words),
		cmocka_unit_test(escapes),
		cmocka_unit_test(quotes_mark_words),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
