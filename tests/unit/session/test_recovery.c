/* The recovery folder and saving where it cannot be done: each refusal
 * named (OSError, FileNotFoundError, SessionError with Python's wording
 * for errno), and nothing that was there before is damaged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session/format.h"
#include "session/recovery.h"
#include "session/save.h"

static char *tmpdir(void)
{
	char *d = strdup("/tmp/wb-rec-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static char *join(const char *a, const char *b)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/%s", a, b) > 0);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void rm_rf(const char *dir)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* msg is before, arg and after. */
static void expect_msg(const wb_buf *msg, const char *before,
		       const char *arg, const char *after)
{
	char *want = NULL;
	assert_true(asprintf(&want, "%s%s%s", before, arg, after) > 0);
	assert_string_equal(msg->p, want);
	free(want);
}

static void state_folder(void **state)
{
	(void)state;
	char *dir = tmpdir();
	wb_buf out = WB_BUF_INIT, msg = WB_BUF_INIT;
	/* neither variable: no folder, said so */
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_int_equal(wb_recovery_dir(&out, &msg), WB_E_OS);
	assert_string_equal(msg.p, "no state folder: neither XDG_STATE_HOME "
				   "nor HOME is set");
	assert_int_equal(out.n, 0);
	/* a relative XDG_STATE_HOME is ignored, as the spec says: HOME's */
	setenv("XDG_STATE_HOME", "relative/state", 1);
	setenv("HOME", dir, 1);
	assert_int_equal(wb_recovery_dir(&out, &msg), WB_OK);
	char *want = join(dir, ".local/state/wirebench");
	assert_string_equal(out.p, want);
	struct stat st;
	assert_int_equal(stat(want, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	free(want);
	/* a file in the way, at the end or in the middle */
	char *file = join(dir, "file");
	put(file, "x");
	setenv("XDG_STATE_HOME", file, 1);
	wb_buf_clear(&out);
	assert_int_equal(wb_recovery_dir(&out, &msg), WB_E_OS);
	expect_msg(&msg, "no state folder: cannot create ", file,
		   "/wirebench: Not a directory");
	char *deeper = join(file, "sub");
	setenv("XDG_STATE_HOME", deeper, 1);
	assert_int_equal(wb_recovery_dir(&out, &msg), WB_E_OS);
	expect_msg(&msg, "no state folder: cannot create ", deeper,
		   "/wirebench: Not a directory");
	assert_int_equal(out.n, 0);
	free(deeper);
	free(file);
	rm_rf(dir);
	free(dir);
	wb_buf_free(&out);
	wb_buf_free(&msg);
}

static void set_mtime_ns(const char *path, long sec, long nsec)
{
	struct timespec t[2] = { { sec, nsec }, { sec, nsec } };
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static void set_mtime(const char *path, long sec)
{
	struct timespec t[2] = { { sec, 0 }, { sec, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static void newest_is_recovered(void **state)
{
	(void)state;
	char *dir = tmpdir();
	wb_buf out = WB_BUF_INIT, msg = WB_BUF_INIT;
	setenv("XDG_STATE_HOME", dir, 1);
	assert_int_equal(wb_recovery_latest(&out, &msg), WB_E_FILE_NOT_FOUND);
	expect_msg(&msg, "no session to recover in ", dir, "/wirebench");
	char *sub = join(dir, "wirebench");
	char *a = join(sub, "session-1.wb"), *b = join(sub, "session-2.wb");
	char *other = join(sub, "notes.wb"), *folder = join(sub, "session-3.wb");
	put(a, "# wirebench session 1\n");
	put(b, "# wirebench session 1\n");
	put(other, "# wirebench session 1\n");
	assert_int_equal(mkdir(folder, 0700), 0);
	/* whichever order the folder lists them in, the newest wins; files
	 * of other names and folders are not recovery files */
	for (int k = 0; k < 2; k++) {
		set_mtime(a, k ? 2000 : 1000);
		set_mtime(b, k ? 1000 : 2000);
		set_mtime(other, 3000);
		set_mtime(folder, 3000);
		wb_buf_clear(&out);
		assert_int_equal(wb_recovery_latest(&out, &msg), WB_OK);
		assert_string_equal(out.p, k ? a : b);
	}
	/* within one second the nanoseconds decide */
	for (int k = 0; k < 2; k++) {
		set_mtime_ns(a, 5000, k ? 700 : 300);
		set_mtime_ns(b, 5000, k ? 300 : 700);
		set_mtime(other, 3000);
		set_mtime(folder, 3000);
		wb_buf_clear(&out);
		assert_int_equal(wb_recovery_latest(&out, &msg), WB_OK);
		assert_string_equal(out.p, k ? a : b);
	}
	/* names that only look like recovery files are not */
	char *short_name = join(sub, "session-.wb"), *ext = join(sub, "session-9.wbx");
	put(short_name, "x");
	put(ext, "x");
	set_mtime(short_name, 9000);
	set_mtime(ext, 9000);
	wb_buf_clear(&out);
	assert_int_equal(wb_recovery_latest(&out, &msg), WB_OK);
	assert_string_equal(out.p, a);
	free(short_name);
	free(ext);
	/* the origin beside it: written, read, removed */
	wb_buf_clear(&out);
	assert_int_equal(wb_recovery_origin(a, &out), WB_OK);
	assert_int_equal(out.n, 0);
	assert_int_equal(wb_recovery_set_origin(a, "/some/where.wb"), WB_OK);
	assert_int_equal(wb_recovery_origin(a, &out), WB_OK);
	assert_string_equal(out.p, "/some/where.wb");
	/* an origin holding a NUL is not a path */
	char *orig = NULL;
	assert_true(asprintf(&orig, "%s.origin", a) > 0);
	FILE *f = fopen(orig, "wb");
	assert_non_null(f);
	fwrite("/x\0y", 1, 4, f);
	assert_int_equal(fclose(f), 0);
	free(orig);
	wb_buf_clear(&out);
	assert_int_equal(wb_recovery_origin(a, &out), WB_OK);
	assert_int_equal(out.n, 0);
	assert_int_equal(wb_recovery_set_origin(a, NULL), WB_OK);
	wb_buf_clear(&out);
	assert_int_equal(wb_recovery_origin(a, &out), WB_OK);
	assert_int_equal(out.n, 0);
	rm_rf(dir);
	free(a);
	free(b);
	free(other);
	free(folder);
	free(sub);
	free(dir);
	wb_buf_free(&out);
	wb_buf_free(&msg);
}

/* A session whose body goes to a side file. */
static wb_session *big_session(void)
{
	wb_session *s = wb_session_new();
	size_t n = WB_SESSION_SIDE_MIN + 1;
	char *body = calloc(1, n);
	assert_non_null(body);
	assert_int_equal(wb_session_add_cmd(s, NULL, "read", 0), WB_OK);
	wb_sitem it = { .kind = WB_SI_FRAME, .id = 1, .dir = WB_DIR_IN,
			.fkind = WB_FK_BODY, .state = WB_FS_WIRE,
			.chunk_size = -1 };
	assert_int_equal(wb_session_add_item(s, &it, body, n, NULL), WB_OK);
	free(body);
	return s;
}

static void save_where_it_cannot(void **state)
{
	(void)state;
	char *dir = tmpdir();
	wb_buf msg = WB_BUF_INIT;
	wb_session *small = wb_session_new(), *big = big_session();
	assert_int_equal(wb_session_add_cmd(small, NULL, "state", 0), WB_OK);
	wb_save_opts o = { 0 };
	/* a folder is never replaced */
	assert_int_equal(wb_session_save(small, dir, &o, &msg), WB_E_SESSION);
	expect_msg(&msg, "", dir, " is a folder");
	/* a missing folder: Python's FileNotFoundError wording */
	char *missing = join(dir, "no/such.wb");
	assert_int_equal(wb_session_save(small, missing, &o, &msg),
			 WB_E_FILE_NOT_FOUND);
	expect_msg(&msg, "[Errno 2] No such file or directory: cannot create "
		   "a temporary file beside '", missing, "'");
	/* its side folder cannot be made either */
	assert_int_equal(wb_session_save(big, missing, &o, &msg),
			 WB_E_FILE_NOT_FOUND);
	expect_msg(&msg, "[Errno 2] No such file or directory: cannot create "
		   "the folder '", missing, ".d'");
	/* a file where the side folder goes: refused, the session file not
	 * written, the file in the way untouched */
	char *path = join(dir, "b.wb"), *blocker = join(dir, "b.wb.d");
	put(blocker, "mine");
	wb_buf_clear(&msg);
	assert_int_equal(wb_session_save(big, path, &o, &msg), WB_E_OS);
	assert_non_null(strstr(msg.p, "[Errno 20] Not a directory: cannot "
				      "create a temporary file beside"));
	assert_int_equal(access(path, F_OK), -1);
	wb_buf text = WB_BUF_INIT;
	assert_int_equal(wb_buf_add_file(&text, NULL, blocker, &msg), WB_OK);
	assert_string_equal(text.p, "mine");
	/* with the way clear it saves, and saving again reuses the side
	 * file, then a session without it prunes the folder */
	assert_int_equal(unlink(blocker), 0);
	assert_int_equal(wb_session_save(big, path, &o, &msg), WB_OK);
	assert_int_equal(wb_session_save(big, path, &o, &msg), WB_OK);
	wb_session *back = NULL;
	assert_int_equal(wb_session_load(path, &back, &msg), WB_OK);
	assert_int_equal(wb_session_cmd(back, 0)->items[0].len,
			 WB_SESSION_SIDE_MIN + 1);
	wb_session_free(back);
	assert_int_equal(wb_session_save(small, path, &o, &msg), WB_OK);
	assert_int_equal(access(blocker, F_OK), -1);
	rm_rf(dir);
	free(path);
	free(blocker);
	free(missing);
	free(dir);
	wb_session_free(small);
	wb_session_free(big);
	wb_buf_free(&msg);
	wb_buf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(state_folder),
		cmocka_unit_test(newest_is_recovered),
		cmocka_unit_test(save_where_it_cannot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
