/* histpath.c - the history folder, created with its parents. */
#include "histpath.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p: each missing component of dir (a path ending without '/'). */
static int make_dirs(char *dir, wb_buf *err)
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
			return -1;
		}
		if (!keep)
			return 0;
	}
}

int ui_histpath_make(const char *xdg, const char *home, wb_buf *path,
		     wb_buf *err)
{
	wb_buf dir = WB_BUF_INIT;
	if (xdg && *xdg)
		wb_buf_adds(&dir, xdg);
	else if (home && *home)
		wb_buf_printf(&dir, "%s/.local/state", home);
	else {
		wb_buf_adds(err, "neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	while (dir.n > 1 && dir.p[dir.n - 1] == '/')
		dir.p[--dir.n] = '\0';
	int rc = wb_buf_adds(&dir, "/wirebench") ? -1 : make_dirs(dir.p, err);
	if (rc == 0 && wb_buf_printf(path, "%s/history", dir.p))
		rc = -1;
	wb_buf_free(&dir);
	return rc;
}
