/* test_histpath.c - the history folder is made with its parents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../ui/model/histpath.c"

static char root[] = "/tmp/wb-histpath-XXXXXX";

static void parents_created(void **st)
{
	(void)st;
	wb_buf path = WB_BUF_INIT, err = WB_BUF_INIT, want = WB_BUF_INIT;
	wb_buf xdg = WB_BUF_INIT;
	wb_buf_printf(&xdg, "%s/a/b/state/", root);
	assert_int_equal(ui_histpath_make(xdg.p, NULL, &path, &err), 0);
	wb_buf_printf(&want, "%s/a/b/state/wirebench/history", root);
	assert_string_equal(path.p, want.p);
	struct stat s;
	wb_buf_clear(&want);
	wb_buf_printf(&want, "%s/a/b/state/wirebench", root);
	assert_int_equal(stat(want.p, &s), 0);
	assert_true(S_ISDIR(s.st_mode));
	assert_int_equal(s.st_mode & 0777, 0700);
	/* HOME when XDG_STATE_HOME is empty; existing folders are fine */
	wb_buf_clear(&path);
	assert_int_equal(ui_histpath_make("", root, &path, &err), 0);
	wb_buf_clear(&want);
	wb_buf_printf(&want, "%s/.local/state/wirebench/history", root);
	assert_string_equal(path.p, want.p);
	assert_int_equal(ui_histpath_make("", root, &path, &err), 0);
	wb_buf_free(&path);
	wb_buf_free(&err);
	wb_buf_free(&want);
	wb_buf_free(&xdg);
}

static void failure_named(void **st)
{
	(void)st;
	wb_buf path = WB_BUF_INIT, err = WB_BUF_INIT, file = WB_BUF_INIT;
	wb_buf_printf(&file, "%s/plain", root);
	FILE *f = fopen(file.p, "w");
	assert_non_null(f);
	fclose(f);
	wb_buf_adds(&file, "/sub");
	assert_int_equal(ui_histpath_make(file.p, NULL, &path, &err), -1);
	wb_buf want = WB_BUF_INIT;
	wb_buf_printf(&want, "cannot create %s/plain/sub/wirebench: Not a "
			     "directory",
		      root);
	assert_string_equal(err.p, want.p);
	wb_buf_clear(&err);
	assert_int_equal(ui_histpath_make(NULL, NULL, &path, &err), -1);
	assert_string_equal(err.p, "neither XDG_STATE_HOME nor HOME is set");
	wb_buf_free(&path);
	wb_buf_free(&err);
	wb_buf_free(&file);
	wb_buf_free(&want);
}

int main(void)
{
	if (!mkdtemp(root))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parents_created),
		cmocka_unit_test(failure_named),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
