/* recovery.c - the recovery folder and its files. */
#include "recovery.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "save.h"

/* mkdir -p with mode 0700 for the folders it creates. */
static int mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0700) && errno != EEXIST ? -1 : 0;
}

wb_err wb_recovery_dir(wb_buf *out, wb_buf *msg)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	wb_buf d = WB_BUF_INIT;
	wb_err e;
	if (xdg && xdg[0] == '/')
		e = wb_buf_printf(&d, "%s/wirebench", xdg);
	else if (home && home[0])
		e = wb_buf_printf(&d, "%s/.local/state/wirebench", home);
	else
		e = WB_E_OS;
	if (e == WB_E_OS) {
		wb_buf_clear(msg);
		wb_buf_adds(msg, "no state folder: neither XDG_STATE_HOME nor "
				 "HOME is set");
	} else if (!e && mkdirs(d.p)) {
		wb_buf_clear(msg);
		wb_buf_printf(msg, "[Errno %d] %s: cannot create '%s'", errno,
			      strerror(errno), d.p);
		e = WB_E_OS;
	}
	if (!e)
		e = wb_buf_add(out, d.p, d.n);
	wb_buf_free(&d);
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
