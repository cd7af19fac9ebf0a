/* Imported commands offered one at a time (the workbench's stepping)
 * instead of run at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/interp.h"

static wb_interp *offering(void)
{
	wb_interp *in = wb_interp_new(1u << 16);
	assert_non_null(in);
	wb_interp_set_recording(in, 0);
	wb_interp_set_offer(in, 1);
	return in;
}

static void import_is_offered_not_run(void **state)
{
	(void)state;
	wb_interp *in = offering();
	size_t pos = 0, total = 0;
	assert_null(wb_interp_offer_peek(in, &pos, &total));
	assert_int_equal(wb_interp_exec(in, "import curl curl "
					"http://127.0.0.1:1/x -H 'X-A: 1'"),
			 WB_OK);
	assert_null(wb_interp_url(in)); /* open did not run */
	const char *l = wb_interp_offer_peek(in, &pos, &total);
	assert_non_null(l);
	assert_string_equal(l, "open http://127.0.0.1:1");
	assert_int_equal(pos, 1);
	size_t n = total;
	assert_true(n >= 5);
	wb_interp_offer_pop(in);
	l = wb_interp_offer_peek(in, &pos, &total);
	assert_string_equal(l, "putrequest GET /x skip_accept_encoding");
	assert_int_equal(pos, 2);
	assert_int_equal(total, n);
	/* every one taken: none left */
	for (size_t i = 1; i < n; i++)
		wb_interp_offer_pop(in);
	assert_null(wb_interp_offer_peek(in, NULL, NULL));
	assert_int_equal(wb_interp_offer_drop(in), 0);
	/* taking one when none is left changes nothing */
	wb_interp_offer_pop(in);
	assert_null(wb_interp_offer_peek(in, NULL, NULL));
	/* the position alone may be asked for */
	assert_int_equal(wb_interp_exec(in, "import curl curl "
					"http://127.0.0.1:1/y"), WB_OK);
	assert_non_null(wb_interp_offer_peek(in, &pos, NULL));
	assert_int_equal(pos, 1);
	wb_interp_free(in);
}

static void nested_import_comes_first(void **state)
{
	(void)state;
	wb_interp *in = offering();
	size_t pos, total, n;
	assert_int_equal(wb_interp_exec(in, "import curl curl "
					"http://127.0.0.1:1/a"), WB_OK);
	assert_non_null(wb_interp_offer_peek(in, NULL, &n));
	wb_interp_offer_pop(in); /* taken: the front end runs another line */
	assert_int_equal(wb_interp_exec(in, "import curl curl "
					"http://127.0.0.1:2/b"), WB_OK);
	const char *l = wb_interp_offer_peek(in, &pos, &total);
	assert_string_equal(l, "open http://127.0.0.1:2");
	assert_int_equal(pos, 1);
	assert_int_equal(total, n + n - 1);
	for (size_t i = 0; i < n; i++)
		wb_interp_offer_pop(in);
	/* then the rest of the first import */
	l = wb_interp_offer_peek(in, &pos, &total);
	assert_string_equal(l, "putrequest GET /a skip_accept_encoding");
	assert_int_equal(wb_interp_offer_drop(in), n - 1);
	assert_null(wb_interp_offer_peek(in, NULL, NULL));
	wb_interp_free(in);
}

static void failed_or_no_run_offers_nothing(void **state)
{
	(void)state;
	wb_interp *in = offering();
	assert_int_equal(wb_interp_exec(in, "import --no-run curl curl "
					"http://127.0.0.1:1/x"), WB_OK);
	assert_null(wb_interp_offer_peek(in, NULL, NULL));
	assert_int_not_equal(wb_interp_exec(in, "import curl curl "
					    "http://127.0.0.1:1/x -L"), WB_OK);
	assert_null(wb_interp_offer_peek(in, NULL, NULL));
	wb_interp_free(in);
}

/* A sourced file is a script: its import runs its commands in place. */
static void sourced_import_runs(void **state)
{
	(void)state;
	char dir[] = "/tmp/wbofferXXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/s.wb", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("import --lenient curl curl http://127.0.0.1:1/x\n", f);
	fclose(f);
	wb_interp *in = offering();
	char cmd[96];
	snprintf(cmd, sizeof cmd, "source %s", path);
	wb_interp_exec(in, cmd); /* nothing listens on port 1: it may fail */
	assert_non_null(wb_interp_url(in)); /* open ran */
	assert_null(wb_interp_offer_peek(in, NULL, NULL));
	wb_interp_free(in);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_is_offered_not_run),
		cmocka_unit_test(nested_import_comes_first),
		cmocka_unit_test(failed_or_no_run_offers_nothing),
		cmocka_unit_test(sourced_import_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
