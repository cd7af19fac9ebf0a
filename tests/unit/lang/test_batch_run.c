/* Batch runs without a peer: output to a regular file in both formats,
 * a script of comments that still opens the given URL, --export with no
 * request, and a bad --var; each with its exit status and messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/batch.h"

typedef struct ran {
	int status;
	char *out, *err;
	size_t nout, nerr;
} ran;

/* Runs script with o; out goes to a regular (temporary) file. */
static void run(const char *script, wb_batch_opts *o, ran *r)
{
	/* fmemopen wants a writable buffer even to read */
	char *text = strdup(script);
	FILE *in = fmemopen(text, strlen(script), "r");
	FILE *out = tmpfile();
	FILE *err = open_memstream(&r->err, &r->nerr);
	assert_non_null(in);
	assert_non_null(out);
	o->tap_cap = o->tap_cap ? o->tap_cap : 1 << 20;
	o->frame_bytes = o->frame_bytes ? o->frame_bytes : 256;
	r->status = wb_batch_run(in, ".", o, out, err);
	fclose(in);
	free(text);
	fclose(err);
	long n = ftell(out);
	assert_true(n >= 0);
	r->out = calloc(1, (size_t)n + 1);
	rewind(out);
	r->nout = fread(r->out, 1, (size_t)n, out);
	assert_int_equal(r->nout, (size_t)n);
	fclose(out);
}

static void ran_free(ran *r)
{
	free(r->out);
	free(r->err);
}

static void to_a_file(void **state)
{
	(void)state;
	static const char script[] = "# a note\nopen http://example.com\n"
				     "help quit\nstate\n";
	for (int json = 0; json < 2; json++) {
		wb_batch_opts o = { .json = json, .echo = 1 };
		ran r;
		run(script, &o, &r);
		assert_int_equal(r.status, 0);
		assert_string_equal(r.err, "");
		/* everything is written by the end, in either format */
		assert_non_null(strstr(r.out, "End wirebench; the connection "
					      "closes."));
		assert_non_null(strstr(r.out, json ? "\"state\":\"Idle\""
						   : "  = state=Idle socket=no"));
		ran_free(&r);
	}
}

static void comments_still_open(void **state)
{
	(void)state;
	wb_batch_opts o = { .echo = 1, .url = "http://example.com/a b" };
	ran r;
	run("# nothing but a comment\n", &o, &r);
	/* the URL is one word, quoted (the path is checked at putrequest) */
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "wb> open 'http://example.com/a b'\n"));
	ran_free(&r);
	o.url = "http://example.com/";
	run("", &o, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "wb> open http://example.com/\n"));
	ran_free(&r);
}

static void export_without_requests(void **state)
{
	(void)state;
	char *x = NULL;
	size_t nx = 0;
	FILE *xf = open_memstream(&x, &nx);
	wb_batch_opts o = { .export_fmt = "curl", .export_out = xf };
	ran r;
	run("open http://example.com\n", &o, &r);
	fclose(xf);
	assert_int_equal(r.status, WB_EXIT_FAILED);
	assert_string_equal(r.err, "wirebench: export: UsageError: no request "
				   "has been sent yet\n");
	assert_int_equal(nx, 0);
	free(x);
	ran_free(&r);
}

static void bad_var(void **state)
{
	(void)state;
	static const wb_vardef defs[] = { { 0, "A=1" }, { 0, "no value" } };
	wb_batch_opts o = { .defs = defs, .ndefs = 2 };
	ran r;
	run("set\n", &o, &r);
	assert_int_equal(r.status, WB_EXIT_USAGE);
	assert_string_equal(r.err, "wirebench: --var: expected NAME=VALUE, got "
				   "'no value'\n");
	assert_int_equal(r.nout, 0);
	ran_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(to_a_file),
		cmocka_unit_test(comments_still_open),
		cmocka_unit_test(export_without_requests),
		cmocka_unit_test(bad_var),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
