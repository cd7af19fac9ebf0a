/* recovery.c - the recovery folder and its files. */
#include "recovery.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/statedir.h"
#include "save.h"

wb_err wb_recovery_dir(wb_buf *out, wb_buf *msg)
{
	wb_buf why = WB_BUF_INIT;
	wb_err e = wb_statedir_make(getenv("XDG_STATE_HOME"), getenv("HOME"),
				    out, &why);
	if (e == WB_E_OS) {
		wb_buf_clear(msg);
		wb_buf_printf(msg, "no state folder: %s", why.p ? why.p : "");
	}
	wb_buf_free(&why);
	return e;
}

wb_err wb_recovery_path(wb_buf *out, wb_buf *msg)
{
	wb_err e = wb_recovery_dir(out, msg);
	return e ? e : wb_buf_printf(out, "/session-%ld.wb", (long)getpid());
}

static int recovery_name(const char *n)
{
	size_t l = strlen(n);
	return !strncmp(n, "session-", 8) && l > 11 && !strcmp(n + l - 3, ".wb");
}

wb_err wb_recovery_latest(wb_buf *out, wb_buf *msg)
{
	wb_buf dir = WB_BUF_INIT, p = WB_BUF_INIT, best = WB_BUF_INIT;
	wb_err e = wb_recovery_dir(&dir, msg);
	DIR *d = e ? NULL : opendir(dir.p);
	struct timespec newest = { 0, 0 };
	struct dirent *de;
	while (d && (de = readdir(d))) {
		struct stat st;
		wb_buf_clear(&p);
		if (!recovery_name(de->d_name) ||
		    wb_buf_printf(&p, "%s/%s", dir.p, de->d_name) ||
		    stat(p.p, &st) || !S_ISREG(st.st_mode))
			continue;
		if (best.n && (st.st_mtim.tv_sec < newest.tv_sec ||
			       (st.st_mtim.tv_sec == newest.tv_sec &&
				st.st_mtim.tv_nsec <= newest.tv_nsec)))
			continue;
		newest = st.st_mtim;
		wb_buf_clear(&best);
		wb_buf_add(&best, p.p, p.n);
	}
	if (d)
		closedir(d);
	if (!e && !best.n) {
		wb_buf_clear(msg);
		wb_buf_printf(msg, "no session to recover in %s", dir.p);
		e = WB_E_FILE_NOT_FOUND;
	}
	if (!e)
		e = wb_buf_add(out, best.p, best.n);
	wb_buf_free(&dir);
	wb_buf_free(&p);
	wb_buf_free(&best);
	return e;
}

wb_err wb_recovery_set_origin(const char *recovery, const char *origin)
{
	wb_buf p = WB_BUF_INIT, msg = WB_BUF_INIT;
	wb_err e = wb_buf_printf(&p, "%s.origin", recovery);
	if (!e && origin)
		e = wb_save_atomic(p.p, origin, strlen(origin), &msg);
	else if (!e)
		unlink(p.p);
	wb_buf_free(&p);
	wb_buf_free(&msg);
	return e;
}

wb_err wb_recovery_origin(const char *recovery, wb_buf *out)
{
	wb_buf p = WB_BUF_INIT;
	wb_err e = wb_buf_printf(&p, "%s.origin", recovery);
	FILE *f = e ? NULL : fopen(p.p, "rb");
	char text[4096];
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	if (!e && n && !memchr(text, '\0', n))
		e = wb_buf_add(out, text, n);
	wb_buf_free(&p);
	return e;
}
