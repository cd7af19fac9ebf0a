/* The .http parser (variables, names, bodies, errors with positions) and
 * the template words it is written with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "interop/httpfile_int.h"
#include "interop/quote.h"
#include "lang/lex.h"

static wb_err lookup(void *arg, const char *name, size_t n, wb_buf *out,
		     wb_buf *msg)
{
	(void)arg;
	(void)msg;
	wb_err e = wb_buf_adds(out, "<");
	e = e ? e : wb_buf_add(out, name, n);
	return e ? e : wb_buf_adds(out, ">");
}

/* A template word reads back with its references expanded. */
static void tmpl_word(const char *t, const char *want)
{
	wb_buf b = WB_BUF_INIT, msg = WB_BUF_INIT;
	assert_int_equal(wb_quote_tmpl(&b, t, strlen(t)), WB_OK);
	wb_words w;
	assert_int_equal(wb_lex_vars(b.p, lookup, NULL, &w, &msg), WB_OK);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.w[0].s, want);
	wb_lex_free(&w);
	wb_buf_free(&b);
	wb_buf_free(&msg);
}

static void templates(void **state)
{
	(void)state;
	tmpl_word("${a}/x", "<a>/x");
	tmpl_word("$$HOME ${b}$$", "$HOME <b>$");
	tmpl_word("a \"q\" \\ $ ${1x} ${", "a \"q\" \\ $ ${1x} ${");
	tmpl_word("\r\n\t", "\r\n\t");
}

static const char FILE_TEXT[] =
	"@host = http://h:1\n"
	"@tok = a{{host}}$\n"
	"# comment\n"
	"### first\n"
	"// @name getIt\n"
	"GET {{host}}/p HTTP/1.1\n"
	"X-T: {{tok}}\n"
	"\n"
	"###\n"
	"POST http://h:1/q\r\n"
	"Content-Type: text/plain\r\n"
	"\r\n"
	"line 1\r\n"
	"  line 2 {{tok}}\n"
	"\n"
	"\n"
	"###\n"
	"PUT http://h:1/f\n"
	"\n"
	"< ./data.bin\n";

static void parses(void **state)
{
	(void)state;
	wb_hfile f;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_hfile_parse(FILE_TEXT, ".", ".", &f, &msg), WB_OK);
	assert_int_equal(f.vars.n, 2);
	assert_string_equal(f.vars.v[1].name, "tok");
	assert_string_equal(f.vars.v[1].value, "a${host}$$");
	assert_int_equal(f.n, 3);
	assert_string_equal(f.r[0].name, "getIt");
	assert_int_equal(f.r[0].line, 6);
	assert_string_equal(f.r[0].method.p, "GET");
	assert_string_equal(f.r[0].url.p, "${host}/p");
	assert_string_equal(f.r[0].h.v[0].value, "${tok}");
	assert_false(f.r[0].has_body);
	assert_null(f.r[1].name);
	/* LF joins the lines (CR LF files too), trailing blank lines go */
	assert_string_equal(f.r[1].body.p, "line 1\n  line 2 ${tok}");
	assert_int_equal(f.r[1].body_line, 13);
	assert_string_equal(f.r[2].body_file, "./data.bin");
	wb_hfile_free(&f);
	wb_buf_free(&msg);
}

static void bad(const char *text, wb_err want, const char *where)
{
	wb_hfile f;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_hfile_parse(text, ".", ".", &f, &msg), want);
	assert_non_null(strstr(msg.p, where));
	assert_int_equal(f.n, 0); /* nothing half-parsed */
	assert_null(f.r);
	wb_buf_free(&msg);
}

static void errors(void **state)
{
	(void)state;
	bad("POST http://h/\nA: 1\n{\"a\":1}\n", WB_E_SYNTAX,
	    "line 3, column 1: expected a field");
	bad("GET http://h/\nA: {{$guid}}\n", WB_E_SYNTAX,
	    "line 2, column 4: system variables");
	bad("GET http://h/ HTTP/2\n", WB_E_SYNTAX, "line 1, column 15:");
	bad("@1x = 2\nGET http://h/\n", WB_E_SYNTAX, "line 1, column 2:");
	bad("GET http://h/\nA: {{r.response.body}}\n", WB_E_SYNTAX,
	    "request variables");
	bad("\n# nothing\n", WB_E_SYNTAX, "no request");
}

/* Every prefix of a file parses or fails with a position; never more
 * than the file holds (run under ASan in make test). */
static void prefixes(void **state)
{
	(void)state;
	size_t n = strlen(FILE_TEXT);
	for (size_t k = 0; k <= n; k++) {
		char *cut = strndup(FILE_TEXT, k);
		assert_non_null(cut);
		wb_hfile f;
		wb_buf msg = WB_BUF_INIT;
		wb_err e = wb_hfile_parse(cut, ".", ".", &f, &msg);
		if (e)
			assert_non_null(strstr(msg.p, "line "));
		else
			assert_true(f.n >= 1 && f.n <= 3);
		wb_hfile_free(&f);
		wb_buf_free(&msg);
		free(cut);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(templates),
		cmocka_unit_test(parses),
		cmocka_unit_test(errors),
		cmocka_unit_test(prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
