/* The .http parser (variables, names, bodies, errors with positions) and
 * the template words it is written with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "interop/httpfile.h"
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
	bad("POST http://h/\n\n< ./a\nmore\n", WB_E_SYNTAX,
	    "line 4, column 1: a file body (< path) stands alone");
	bad("POST http://h/\n\n<   \n", WB_E_SYNTAX,
	    "line 3, column 2: < needs a file name");
}

/* Names after ### (JetBrains), and file bodies' paths beside the file. */
static void names_and_paths(void **state)
{
	(void)state;
	wb_hfile f;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_hfile_parse("### ## named \nGET http://h/\n", ".",
					".", &f, &msg), WB_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.r[0].name, "named");
	wb_hfile_free(&f);
	wb_buf_free(&msg);
	static const char *const cases[][3] = {
		{ "dir", "./././x", "dir/x" }, { "dir/", "x", "dir/x" },
		{ ".", "./x", "x" }, { "d", "/abs", "/abs" }, { NULL, "y", "y" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = wb_hfile_path(cases[i][0], cases[i][1]);
		assert_string_equal(got, cases[i][2]);
		free(got);
	}
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

/* Imports text (files relative to the test's folder); returns the
 * commands, or "Name: message", for the caller to free. */
static char *import(const char *text)
{
	wb_lines out = { 0 };
	wb_buf msg = WB_BUF_INIT, b = WB_BUF_INIT;
	wb_err e = wb_httpfile_import(text, ".", ".", &out, &msg);
	if (e) {
		assert_int_equal(out.n, 0);
		wb_buf_printf(&b, "%s: %s", wb_err_name(e), msg.p ? msg.p : "");
	} else {
		assert_int_equal(wb_lines_join(&out, &b), WB_OK);
	}
	wb_lines_free(&out);
	wb_buf_free(&msg);
	return b.p;
}

static void imports_as(const char *text, const char *want)
{
	char *got = import(text);
	if (strcmp(got, want))
		fail_msg("%s\n got: %s\nwant: %s", text, got, want);
	free(got);
}

static void urls_and_notes(void **state)
{
	(void)state;
	/* a relative URL takes the Host field's origin, and its target is
	 * written as an absolute one's: no #fragment, blanks as %XX */
	imports_as("GET /p$x{{v}} y#frag\nHost: h.test\nX-R: 1\nx-r: 2\n"
		   "X-R: 3\n",
		   "# request 1 (line 1)\n"
		   "# note: request sends one 'X-R' field, with the last value "
		   "(its fields are a dict)\n"
		   "open \"http://h.test\"\n"
		   "request GET \"/p\\$x${v}%20y\" -H \"Host: h.test\" -H "
		   "\"X-R: 1\" -H \"x-r: 2\" -H \"X-R: 3\"\n"
		   "getresponse\nread\n");
	/* http://h?q has the path /; an origin from a variable, whole or in
	 * part; a fragment in a variable is dropped too */
	imports_as("@api = http://h:1/v1\n@u = http://h:2\n@w = /w#z\n"
		   "GET http://h?q=1#f\n###\nGET {{api}}/x?{{u}}\n###\n"
		   "GET {{u}}\n###\nGET {{u}}{{w}}\n",
		   "set api \"http://h:1/v1\"\nset u \"http://h:2\"\n"
		   "set w \"/w#z\"\n"
		   "# request 1 (line 4)\nopen \"http://h\"\n"
		   "request GET \"/?q=1\"\ngetresponse\nread\n"
		   "# request 2 (line 6)\nopen \"http://h:1\"\n"
		   "request GET \"/v1/x?${u}\"\ngetresponse\nread\n"
		   "# request 3 (line 8)\nopen \"${u}\"\n"
		   "request GET \"/\"\ngetresponse\nread\n"
		   "# request 4 (line 10)\n"
		   "request GET \"/w\"\ngetresponse\nread\n");
}

static void import_errors(void **state)
{
	(void)state;
	imports_as("GET /p\n", "InvalidURL: line 1: a URL without http:// "
				 "needs a Host field");
	imports_as("GET ftp://x/\n", "InvalidURL: line 1: not an http:// or "
				     "https:// URL: 'ftp://x/'");
	imports_as("@h = ftp://x\nGET {{h}}/p\n", "InvalidURL: line 2: not an "
		   "http:// or https:// URL: 'ftp://x/p'");
	imports_as("@a = {{b}}\n@b = {{a}}\nGET {{a}}/x\n",
		   "RuntimeError: line 3: file variables refer to each other in "
		   "a loop");
	imports_as("GET {{nope}}/x\n", "NameError: line 1: {{nope}} is not "
					"defined in the file");
	imports_as("POST http://h/\n\n< ./no such.bin\n",
		   "FileNotFoundError: line 3: [Errno 2] No such file or "
		   "directory: 'no such.bin'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(templates),
		cmocka_unit_test(parses),
		cmocka_unit_test(errors),
		cmocka_unit_test(prefixes),
		cmocka_unit_test(urls_and_notes),
		cmocka_unit_test(names_and_paths),
		cmocka_unit_test(import_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
