/* POSIX shell word splitting of pasted curl lines, and the quoting that
 * writes words back (command language and sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "interop/quote.h"
#include "interop/shword.h"
#include "lang/lex.h"

static void split_ok(const char *in, size_t n, const char *const *want)
{
	wb_lines w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_shword_split(in, &w, &m), WB_OK);
	assert_int_equal(w.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(w.v[i], want[i]);
	wb_lines_free(&w);
	wb_buf_free(&m);
}

static void quoting_styles(void **state)
{
	(void)state;
	const char *const a[] = { "curl", "http://x/a b", "-H", "it's",
				  "a\"b$c", "tab\there", "\xc3\xa9\n" };
	split_ok("curl 'http://x/a b' -H it\\'s \"a\\\"b\\$c\" "
		 "$'tab\\there' $'\\u00e9\\n'", 7, a);
	const char *const b[] = { "curl", "-H", "X: 1", "--data", "a&b" };
	split_ok("curl \\\n  -H 'X: 1' \\\r\n  --data 'a&b'", 5, b);
	const char *const c[] = { "x", "", "y\\z", "\x01\x41\x7f" };
	split_ok("x '' \"y\\z\" $'\\cA\\101\\x7f' # comment", 4, c);
	const char *const d[] = { "ab" };
	split_ok("a\\\nb", 1, d); /* a continuation joins a word */
	/* as bash prints them: unknown escapes kept, \U beyond the BMP,
	 * upper-case hex, \c of a letter, an octal run ended by a non-digit */
	const char *const e[] = { "\\q\\xZ\xf0\x9f\x98\x80\xea\xaf\x8d\x1a\aA",
				  "a\\b\\", "a\\\\b", "x\ty" };
	split_ok("$'\\q\\xZ\\U0001F600\\uABCD\\cz\\7A' \"a\\b\\\\\" "
		 "a\\\\\\\\b\t\r x\"\\\n\"$'\\t'y", 4, e);
}

static void split_fails(const char *in, const char *msg)
{
	wb_lines w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_shword_split(in, &w, &m), WB_E_SYNTAX);
	assert_int_equal(w.n, 0);
	assert_string_equal(m.p, msg);
	wb_buf_free(&m);
}

static void errors_have_positions(void **state)
{
	(void)state;
	split_fails("curl 'abc", "unterminated single quote opened at line 1, "
			       "column 6");
	split_fails("curl \\\n -d \"x", "unterminated double quote opened at "
				     "line 2, column 5");
	split_fails("curl $'ab", "unterminated $' quote opened at line 1, "
			       "column 6");
	split_fails("curl $HOME", "shell expansion ($ or `) is not supported "
				"at line 1, column 6");
	split_fails("curl x | sh", "shell operator is not supported at line 1, "
				 "column 8");
	split_fails("curl $'\\x00'", "NUL byte in a word at line 1, column 8");
	split_fails("$'\\u0000'", "NUL byte in a word at line 1, column 3");
	split_fails("$'\\0'", "NUL byte in a word at line 1, column 3");
	split_fails("$'\\ud800'", "bad \\u code point at line 1, column 3");
	split_fails("$'\\U00110000'", "bad \\u code point at line 1, column 3");
	split_fails("$'a\\", "unterminated $' at line 1, column 4");
	split_fails("x \"a $b\"", "shell expansion ($ or `) is not supported "
				 "at line 1, column 6");
	split_fails("x \"`b`\"", "shell expansion ($ or `) is not supported "
				 "at line 1, column 4");
	split_fails("x \\", "backslash at the end of the line at line 1, "
			    "column 3");
	split_fails("a\nb `c`", "shell expansion ($ or `) is not supported at "
				"line 2, column 3");
}

/* Every byte string quoted for the command language reads back as the
 * same Latin-1 text: the lexer gives code point b for byte b. */
static void cmd_quote_round_trip(void **state)
{
	(void)state;
	char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	const char *words[] = { "plain", "", "@x", "-H", "#c", "a b",
				"encode_chunked", "q\"\\" };
	for (size_t k = 0; k < sizeof words / sizeof *words + 1; k++) {
		const char *p = k < 8 ? words[k] : all;
		size_t n = k < 8 ? strlen(p) : 256;
		wb_buf q = WB_BUF_INIT, msg = WB_BUF_INIT;
		assert_int_equal(wb_quote_cmd(&q, p, n), WB_OK);
		wb_words w;
		assert_int_equal(wb_lex(q.p, &w, &msg), WB_OK);
		assert_int_equal(w.n, 1);
		/* special words come back quoted, so never as keywords */
		assert_true(k == 0 || w.w[0].quoted);
		size_t i = 0, cp = 0;
		while (i < w.w[0].n) {
			unsigned char c = (unsigned char)w.w[0].s[i];
			uint32_t v = c;
			if (c >= 0xc0) { /* two-byte UTF-8 (C0 80 is U+0000) */
				v = ((c & 0x1fu) << 6) |
				    ((unsigned char)w.w[0].s[i + 1] & 0x3fu);
				i++;
			}
			i++;
			assert_true(cp < n);
			assert_int_equal(v, (unsigned char)p[cp++]);
		}
		assert_int_equal(cp, n);
		wb_lex_free(&w);
		wb_buf_free(&q);
		wb_buf_free(&msg);
	}
}

static void sh_quote(void **state)
{
	(void)state;
	wb_buf q = WB_BUF_INIT;
	wb_quote_sh(&q, "it's", 4);
	assert_string_equal(q.p, "'it'\\''s'");
	wb_buf_clear(&q);
	wb_quote_sh(&q, "User-Agent:", 11);
	assert_string_equal(q.p, "User-Agent:");
	wb_buf_clear(&q);
	wb_quote_printf(&q, "a\0%\\'", 5);
	assert_string_equal(q.p, "a\\000%%\\\\\\047");
	/* and the shell splitter reads sh quoting back */
	wb_lines w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_shword_split("'it'\\''s'", &w, &m), WB_OK);
	assert_string_equal(w.v[0], "it's");
	wb_lines_free(&w);
	wb_buf_free(&q);
	wb_buf_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting_styles),
		cmocka_unit_test(errors_have_positions),
		cmocka_unit_test(cmd_quote_round_trip),
		cmocka_unit_test(sh_quote),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
