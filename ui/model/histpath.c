/* histpath.c - the history file, in the state folder. */
#include "histpath.h"
#include "base/statedir.h"

int ui_histpath_make(const char *xdg, const char *home, wb_buf *path,
		     wb_buf *err)
{
	if (wb_statedir_make(xdg, home, path, err))
		return -1;
	return wb_buf_adds(path, "/history") ? -1 : 0;
}
