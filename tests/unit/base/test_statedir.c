/* test_statedir.c - the state folder: which variable decides, parents
 * created with mode 0700, failures named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "base/statedir.h"

static char root[] = "/tmp/wb-statedir-XXXXXX";

static void made(const char *xdg, const char *home, const char *want_rel)
{
	wb_buf dir = WB_BUF_INIT, err = WB_BUF_INIT, want = WB_BUF_INIT;
	assert_int_equal(wb_statedir_make(xdg, home, &dir, &err), WB_OK);
	wb_buf_printf(&want, "%s/%s", root, want_rel);
	assert_string_equal(dir.p, want.p);
	struct stat s;
	assert_int_equal(stat(dir.p, &s), 0);
	assert_true(S_ISDIR(s.st_mode));
	assert_int_equal(s.st_mode & 0777, 0700);
	assert_null(err.p);
	wb_buf_free(&dir);
	wb_buf_free(&err);
	wb_buf_free(&want);
}

static void which_variable(void **st)
{
	(void)st;
	wb_buf xdg = WB_BUF_INIT;
	wb_buf_printf(&xdg, "%s/x/state//", root);
	made(xdg.p, root, "x/state/wirebench");
	/* a relative XDG_STATE_HOME is ignored, as an empty one */
	made("relative/state", root, ".local/state/wirebench");
	made("", root, ".local/state/wirebench");
	made(NULL, root, ".local/state/wirebench");
	struct stat s;
	assert_int_not_equal(stat("relative", &s), 0);
	wb_buf_free(&xdg);
}

static void failures_named(void **st)
{
	(void)st;
	wb_buf dir = WB_BUF_INIT, err = WB_BUF_INIT, f = WB_BUF_INIT;
	assert_int_equal(wb_statedir_make("rel", "", &dir, &err), WB_E_OS);
	assert_string_equal(err.p, "neither XDG_STATE_HOME nor HOME is set");
	assert_null(dir.p);
	wb_buf_printf(&f, "%s/file", root);
	FILE *fp = fopen(f.p, "w");
	assert_non_null(fp);
	fclose(fp);
	wb_buf_clear(&err);
	assert_int_equal(wb_statedir_make(NULL, f.p, &dir, &err), WB_E_OS);
	wb_buf want = WB_BUF_INIT;
	wb_buf_printf(&want, "cannot create %s/.local/state/wirebench: Not a directory", f.p);
	assert_string_equal(err.p, want.p);
	assert_null(dir.p);
	wb_buf_free(&err);
	wb_buf_free(&f);
	wb_buf_free(&want);
}

int main(void)
{
	if (!mkdtemp(root))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(which_variable),
		cmocka_unit_test(failures_named),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
