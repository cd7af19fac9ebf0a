/* Pointing a script's `open` at another URL (--batch FILE URL, replay
 * URL, --connect-to): the URL replaced, quoted or not, its options and
 * the added ones kept as words the lexer reads back unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lang/batch.h"
#include "lang/lex.h"

static void quoting_round_trips(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "http://h/", "http://h/" },
		{ "", "''" },
		{ "a b", "'a b'" },
		{ "it's", "'it'\"'\"'s'" },
		{ "${HOME}", "'${HOME}'" },
		{ "#x", "'#x'" },
		{ "back\\slash", "'back\\slash'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wb_buf b = WB_BUF_INIT, msg = WB_BUF_INIT;
		assert_int_equal(wb_batch_quote(&b, cases[i].in), WB_OK);
		assert_string_equal(b.p, cases[i].out);
		/* the lexer reads the one word back */
		wb_words w = { 0 };
		assert_int_equal(wb_lex(b.p, &w, &msg), WB_OK);
		assert_int_equal(w.n, 1);
		assert_string_equal(w.w[0].s, cases[i].in);
		wb_lex_free(&w);
		wb_buf_free(&b);
		wb_buf_free(&msg);
	}
}

static void open_is_pointed(void **state)
{
	(void)state;
	static const char *const opts[] = { "--connect-to", "127.0.0.1:80",
					    "--cafile", "my certs.pem" };
	static const struct {
		const char *line, *url;
		size_t nopts;
		int rc;
		const char *out;
	} cases[] = {
		{ "request GET /", "http://x/", 0, 0, "" },
		{ "opener http://h/", "http://x/", 0, 0, "" },
		{ "open http://h/ --timeout 3", "http://x/", 0, 1,
		  "open http://x/ --timeout 3" },
		{ "  open\t\"http://h/a b\" --timeout 3 # note", NULL, 2, 1,
		  "open \"http://h/a b\" --timeout 3 --connect-to 127.0.0.1:80" },
		{ "open 'http://h/' # note", "http://o/it's", 4, 1,
		  "open 'http://o/it'\"'\"'s' --connect-to 127.0.0.1:80 --cafile "
		  "'my certs.pem'" },
		{ "open 'http://unterminated", "http://x/", 0, 1,
		  "open http://x/" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wb_buf b = WB_BUF_INIT;
		int rc = wb_batch_point_open(cases[i].line, cases[i].url, opts,
					     cases[i].nopts, &b);
		assert_int_equal(rc, cases[i].rc);
		if (strcmp(b.n ? b.p : "", cases[i].out))
			fail_msg("case %zu: got <%s>", i, b.p);
		wb_buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting_round_trips),
		cmocka_unit_test(open_is_pointed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
