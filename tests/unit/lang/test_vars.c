/* Variables in the lexer and the interpreter, and JSON paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lang/interp.h"
#include "lang/jsonpath.h"
#include "lang/lex.h"

/* A lookup knowing HOST=h.example and Q=a"b. */
static wb_err lookup(void *arg, const char *name, size_t n, wb_buf *out,
		     wb_buf *msg)
{
	(void)arg;
	if (n == 4 && !memcmp(name, "HOST", 4))
		return wb_buf_adds(out, "h.example");
	if (n == 1 && name[0] == 'Q')
		return wb_buf_adds(out, "a\"b");
	wb_buf_printf(msg, "variable '%.*s' is not set", (int)n, name);
	return WB_E_NAME;
}

static wb_err lex(const char *line, wb_words *w, wb_buf *m)
{
	wb_buf_clear(m);
	return wb_lex_vars(line, lookup, NULL, w, m);
}

static void expands_outside_single_quotes(void **state)
{
	(void)state;
	wb_words w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(lex("open http://${HOST}:80/ \"x ${HOST}\" '${HOST}' "
			     "\\${HOST} \"\\${HOST}\" ${Q}",
			     &w, &m), WB_OK);
	assert_int_equal(w.n, 7);
	assert_string_equal(w.w[1].s, "http://h.example:80/");
	assert_string_equal(w.w[2].s, "x h.example");
	assert_string_equal(w.w[3].s, "${HOST}");
	assert_string_equal(w.w[4].s, "${HOST}");
	assert_string_equal(w.w[5].s, "${HOST}");
	/* a value is text, not syntax: its quote does not end anything */
	assert_string_equal(w.w[6].s, "a\"b");
	wb_lex_free(&w);
	wb_buf_free(&m);
}

static void unset_and_broken(void **state)
{
	(void)state;
	wb_words w;
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(lex("send ${NOPE}", &w, &m), WB_E_NAME);
	assert_string_equal(m.p, "variable 'NOPE' is not set");
	assert_int_equal(lex("send \"${NOPE}\"", &w, &m), WB_E_NAME);
	assert_int_equal(lex("send ${HOST", &w, &m), WB_E_SYNTAX);
	/* without a lookup, nothing expands to an empty string */
	wb_buf_clear(&m);
	assert_int_equal(wb_lex("send ${HOST}", &w, &m), WB_E_NAME);
	/* a lone $ is text */
	assert_int_equal(lex("send $HOST a$", &w, &m), WB_OK);
	assert_string_equal(w.w[1].s, "$HOST");
	wb_lex_free(&w);
	wb_buf_free(&m);
}

static wb_err run(wb_interp *in, const char *line)
{
	return wb_interp_exec(in, line);
}

static void interp_vars_and_secrets(void **state)
{
	(void)state;
	wb_interp *in = wb_interp_new(1 << 16);
	assert_non_null(in);
	setenv("WB_TEST_VAR", "from-env", 1);
	unsetenv("WB_TEST_UNSET");
	wb_vardef defs[] = { { 0, "A=one two" }, { 0, "B=${A}" } };
	wb_buf m = WB_BUF_INIT;
	assert_int_equal(wb_interp_define(in, defs, 2, &m), WB_OK);
	assert_int_equal(run(in, "set C \"${A}-${env:WB_TEST_VAR}\""), WB_OK);
	assert_int_equal(run(in, "set D ${env:WB_TEST_UNSET}"), WB_E_NAME);
	assert_int_equal(run(in, "set 9x y"), WB_E_SYNTAX);
	assert_int_equal(wb_interp_nsecrets(in), 0);
	assert_int_equal(run(in, "set --secret TOKEN s3cr3t"), WB_OK);
	assert_int_equal(run(in, "set --secret T2 \"${C}\""), WB_OK);
	assert_int_equal(wb_interp_nsecrets(in), 2);
	assert_string_equal(wb_interp_secret(in, 0), "s3cr3t");
	assert_string_equal(wb_interp_secret(in, 1), "one two-from-env");
	assert_null(wb_interp_secret(in, 2));
	/* --var values are literal: no expansion */
	assert_int_equal(run(in, "set E ${B}"), WB_OK);
	wb_vardef bad[] = { { 0, "novalue" } };
	wb_buf_clear(&m);
	assert_int_equal(wb_interp_define(in, bad, 1, &m), WB_E_SYNTAX);
	assert_string_equal(m.p, "--var: expected NAME=VALUE, got 'novalue'");
	wb_vardef missing[] = { { 1, "/nonexistent/wb.env" } };
	wb_buf_clear(&m);
	assert_int_equal(wb_interp_define(in, missing, 1, &m),
			 WB_E_FILE_NOT_FOUND);
	assert_string_equal(m.p, "--env /nonexistent/wb.env: No such file or "
				 "directory");
	/* a folder is not an empty file */
	wb_vardef folder[] = { { 1, "sessions" } };
	wb_buf_clear(&m);
	assert_int_equal(wb_interp_define(in, folder, 1, &m),
			 WB_E_IS_A_DIRECTORY);
	assert_string_equal(m.p, "--env sessions: Is a directory");
	/* a bad line is named with its number */
	char path[] = "/tmp/wb-env-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char text[] = "# env\n\nGOOD=1\n  bad line\n";
	assert_int_equal(write(fd, text, sizeof text - 1), sizeof text - 1);
	close(fd);
	wb_vardef env[] = { { 1, path } };
	wb_buf_clear(&m);
	assert_int_equal(wb_interp_define(in, env, 1, &m), WB_E_SYNTAX);
	char want[200];
	snprintf(want, sizeof want, "--env %s: line 4: expected NAME=VALUE, "
		 "got 'bad line'", path);
	assert_string_equal(m.p, want);
	unlink(path);
	wb_buf_free(&m);
	wb_interp_free(in);
}

/* The lines the out hooks see, one string. */
static void on_begin(void *arg, unsigned n, const char *line)
{
	(void)n;
	wb_buf_printf(arg, "> %s\n", line);
}

static void on_result(void *arg, const wb_result *r)
{
	if (r->kind == WB_RES_TEXT)
		wb_buf_printf(arg, "%s\n", r->text);
}

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	(void)e;
	wb_buf_printf(arg, "error %s: %s\n", name, msg);
}

static void secrets_hidden(void **state)
{
	(void)state;
	wb_interp *in = wb_interp_new(1 << 16);
	wb_buf seen = WB_BUF_INIT;
	wb_out out = { .begin = on_begin, .result = on_result,
		       .error = on_error, .arg = &seen };
	wb_interp_set_out(in, &out);
	run(in, "set --secret TOKEN hunter2");
	run(in, "set");
	run(in, "open http://127.0.0.1:9/");
	/* the error message would quote the value: it is hidden there too */
	run(in, "putrequest GET /");
	run(in, "putheader X \"a\\r\\n${TOKEN}\"");
	assert_null(strstr(seen.p, "hunter2"));
	assert_non_null(strstr(seen.p, "> set --secret TOKEN <secret>\n"));
	assert_non_null(strstr(seen.p, "TOKEN = <secret>\n"));
	assert_non_null(strstr(seen.p, "error ValueError: "));
	assert_non_null(strstr(seen.p, "<secret>'"));
	wb_buf_free(&seen);
	wb_interp_free(in);
}

static void json_paths(void **state)
{
	(void)state;
	const char *doc = "{\"a\":{\"b\":[{\"c\":\"x\\u00e9\"},2.5,true]},"
			  "\"n\":null,\"k\":[1,[2,3]]}";
	wb_buf out = WB_BUF_INIT, msg = WB_BUF_INIT;
	struct { const char *path, *want; } ok[] = {
		{ "a.b[0].c", "x\xc3\xa9" }, { "a.b[1]", "2.5" },
		{ "a.b[2]", "true" },        { "n", "null" },
		{ ".k[1][0]", "2" },         { "k", "[1,[2,3]]" },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		wb_buf_clear(&out);
		assert_int_equal(wb_jsonpath_lookup(doc, strlen(doc), ok[i].path,
						    &out, &msg), WB_OK);
		assert_string_equal(out.p, ok[i].want);
	}
	const char *bad[] = { "a.x", "a.b[3]", "a.b[x]", "a..b", "n.c",
			      "k[-1]" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		wb_buf_clear(&msg);
		assert_int_equal(wb_jsonpath_lookup(doc, strlen(doc), bad[i],
						    &out, &msg), WB_E_VALUE);
		assert_true(msg.n > 0);
	}
	wb_buf_clear(&msg);
	assert_int_equal(wb_jsonpath_lookup("{nope", 5, "a", &out, &msg),
			 WB_E_VALUE);
	assert_non_null(strstr(msg.p, "body is not JSON"));
	wb_buf_free(&out);
	wb_buf_free(&msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expands_outside_single_quotes),
		cmocka_unit_test(unset_and_broken),
		cmocka_unit_test(interp_vars_and_secrets),
		cmocka_unit_test(secrets_hidden),
		cmocka_unit_test(json_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
