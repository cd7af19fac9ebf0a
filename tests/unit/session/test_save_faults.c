/* Saving when the system calls fail: write (disk full, interrupted,
 * short), fsync of the file and of its folder, rename. The calls are
 * wrapped at link time for this binary only (see the Makefile). Each
 * failure is an OSError naming the step, the old file stays whole and no
 * temporary file is left behind; interrupted and short writes still save
 * the whole session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session/format.h"
#include "session/save.h"

ssize_t __real_write(int fd, const void *p, size_t n);
int __real_fsync(int fd);
int __real_rename(const char *a, const char *b);
ssize_t __wrap_write(int fd, const void *p, size_t n);
int __wrap_fsync(int fd);
int __wrap_rename(const char *a, const char *b);

static struct faults {
	int write_errno;  /* every write fails with this */
	int eintr;        /* writes that fail with EINTR first */
	size_t piece;     /* largest write, 0: any */
	int fsync_fail;   /* this fsync (1-based) fails with EIO */
	int fsyncs;
	int rename_errno; /* rename fails with this */
} fault;

ssize_t __wrap_write(int fd, const void *p, size_t n)
{
	if (fault.write_errno) {
		errno = fault.write_errno;
		return -1;
	}
	if (fault.eintr) {
		fault.eintr--;
		errno = EINTR;
		return -1;
	}
	return __real_write(fd, p, fault.piece && n > fault.piece ? fault.piece
								  : n);
}

int __wrap_fsync(int fd)
{
	if (++fault.fsyncs == fault.fsync_fail) {
		errno = EIO;
		return -1;
	}
	return __real_fsync(fd);
}

int __wrap_rename(const char *a, const char *b)
{
	if (fault.rename_errno) {
		errno = fault.rename_errno;
		return -1;
	}
	return __real_rename(a, b);
}

static wb_session *session(const char *line)
{
	wb_session *s = wb_session_new();
	assert_int_equal(wb_session_add_cmd(s, "# saved\n", line, 0.5), WB_OK);
	wb_sitem it = { .kind = WB_SI_FRAME, .id = 1, .dir = WB_DIR_IN,
			.fkind = WB_FK_BODY, .state = WB_FS_WIRE,
			.chunk_size = -1 };
	assert_int_equal(wb_session_add_item(s, &it, "body bytes", 10, NULL),
			 WB_OK);
	return s;
}

static void text_of(const wb_session *s, wb_buf *out)
{
	wb_side_list sides = { 0 };
	assert_int_equal(wb_session_format(s, NULL, out, &sides), WB_OK);
	wb_side_list_free(&sides);
}

static int files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void saves_under_faults(void **state)
{
	(void)state;
	char dir[] = "/tmp/wb-faults-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/s.wb", dir);
	wb_session *old = session("read"), *cur = session("read 5");
	wb_buf want_old = WB_BUF_INIT, want_new = WB_BUF_INIT, msg = WB_BUF_INIT;
	text_of(old, &want_old);
	text_of(cur, &want_new);
	wb_save_opts o = { 0 };
	char tmp_prefix[160];
	snprintf(tmp_prefix, sizeof tmp_prefix, "cannot write '%s.tmp-", path);
	static const struct {
		struct faults f;
		wb_err e;
		const char *says, *where; /* where: NULL for the tmp file */
		int kept;                 /* the old file stays */
	} cases[] = {
		{ { .write_errno = ENOSPC }, WB_E_OS,
		  "[Errno 28] No space left on device: ", NULL, 1 },
		{ { .fsync_fail = 1 }, WB_E_OS,
		  "[Errno 5] Input/output error: ", NULL, 1 },
		{ { .rename_errno = EXDEV }, WB_E_OS,
		  "[Errno 18] Invalid cross-device link: cannot rename over '",
		  "'", 1 },
		/* the new file is in place; its folder may not know yet */
		{ { .fsync_fail = 2 }, WB_E_OS,
		  "[Errno 5] Input/output error: cannot sync the folder of '",
		  "'", 0 },
		{ { .eintr = 3, .piece = 7 }, WB_OK, NULL, NULL, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fault = (struct faults){ 0 };
		assert_int_equal(wb_session_save(old, path, &o, &msg), WB_OK);
		fault = cases[i].f;
		wb_buf_clear(&msg);
		wb_err e = wb_session_save(cur, path, &o, &msg);
		fault = (struct faults){ 0 };
		assert_int_equal(e, cases[i].e);
		if (cases[i].says) {
			size_t k = strlen(cases[i].says);
			assert_memory_equal(msg.p, cases[i].says, k);
			if (cases[i].where) { /* names the session file */
				char tail[160];
				snprintf(tail, sizeof tail, "%s'", path);
				assert_string_equal(msg.p + k, tail);
			} else { /* names the temporary file */
				assert_memory_equal(msg.p + k, tmp_prefix,
						    strlen(tmp_prefix));
			}
		}
		wb_buf now = WB_BUF_INIT;
		assert_int_equal(wb_buf_add_file(&now, NULL, path, &msg), WB_OK);
		const wb_buf *want = cases[i].kept ? &want_old : &want_new;
		assert_int_equal(now.n, want->n);
		assert_memory_equal(now.p, want->p, want->n);
		wb_buf_free(&now);
		/* nothing but the session file is left */
		assert_int_equal(files_in(dir), 1);
	}
	unlink(path);
	rmdir(dir);
	wb_session_free(old);
	wb_session_free(cur);
	wb_buf_free(&want_old);
	wb_buf_free(&want_new);
	wb_buf_free(&msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(saves_under_faults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
