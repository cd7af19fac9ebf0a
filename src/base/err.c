/* err.c - names of the error codes. */
#include "err.h"

#include <errno.h>

static const char *const names[] = {
#define WB_ERR_NAME(sym, name) name,
	WB_ERRORS(WB_ERR_NAME)
#undef WB_ERR_NAME
};

const char *wb_err_name(wb_err e)
{
	if ((unsigned)e >= WB_E__COUNT)
		return "Error";
	return names[e];
}

int wb_err_is_connection_error(wb_err e)
{
	return e == WB_E_REMOTE_DISCONNECTED || e == WB_E_CONN_RESET ||
	       e == WB_E_BROKEN_PIPE || e == WB_E_CONN_REFUSED;
}

wb_err wb_err_from_errno(int err)
{
	switch (err) {
	case ENOENT:
		return WB_E_FILE_NOT_FOUND;
	case EISDIR:
		return WB_E_IS_A_DIRECTORY;
	case ENOTDIR:
		return WB_E_NOT_A_DIRECTORY;
	case EACCES:
	case EPERM:
		return WB_E_PERMISSION;
	default:
		return WB_E_OS;
	}
}
