/* xsession.h - export from a session file's recording, with no network:
 * its frames are played into a tap, read back as exchanges and written in
 * a format as `export` would have written them when the session ran.
 * Times are the recording's; they count from when the file is read, as
 * the file holds no date. The session's variables are not known, so a
 * .http export holds none. */
#ifndef WB_XSESSION_H
#define WB_XSESSION_H

#include "interop.h"
#include "session/session.h"

/* Appends every exchange of s in format (curl, http, har) to out; with o
 * as for wb_export (vars are ignored). */
wb_err wb_xsession_export(const wb_session *s, const char *format,
			  const wb_export_opts *o, wb_buf *out, wb_buf *msg);

#endif
