/* statedir.c - the state folder, created with its parents. */
#include "statedir.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p: each missing component of dir (a path ending without '/'). */
static wb_err make_dirs(char *dir, wb_buf *err)
{
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char keep = *p;
		*p = '\0';
		struct stat st;
		int bad = mkdir(dir, 0700) != 0 && errno != EEXIST;
		if (!bad && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
			bad = 1;
			errno = ENOTDIR;
		}
		int why = errno;
		*p = keep;
		if (bad) {
			wb_buf_printf(err, "cannot create %s: %s", dir,
				      strerror(why));
			return WB_E_OS;
		}
		if (!keep)
			return WB_OK;
	}
}

wb_err wb_statedir_make(const char *xdg, const char *home, wb_buf *dir,
			wb_buf *err)
{
	wb_buf d = WB_BUF_INIT;
	if (xdg && xdg[0] == '/')
		wb_buf_adds(&d, xdg);
	else if (home && *home)
		wb_buf_printf(&d, "%s/.local/state", home);
	else {
		wb_buf_adds(err, "neither XDG_STATE_HOME nor HOME is set");
		return WB_E_OS;
	}
	while (d.n > 1 && d.p[d.n - 1] == '/')
		d.p[--d.n] = '\0';
	wb_err e = wb_buf_adds(&d, "/wirebench");
	if (!e)
		e = make_dirs(d.p, err);
	if (!e)
		e = wb_buf_add(dir, d.p, d.n);
	wb_buf_free(&d);
	return e;
}
