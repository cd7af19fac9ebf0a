/* format.h - the session file format (sessions/FORMAT.md): writing a
 * session as a command script with its recording in comment lines, and
 * loading one back, side files included. */
#ifndef WB_SESSION_FORMAT_H
#define WB_SESSION_FORMAT_H

#include "redact.h"
#include "session.h"

/* One body kept in a side file: name inside NAME.wb.d/, and its bytes
 * (owned by the list). */
typedef struct wb_side {
	char name[40];
	char *data;
	size_t len;
} wb_side;

typedef struct wb_side_list {
	wb_side *v;
	size_t n, cap;
} wb_side_list;

void wb_side_list_free(wb_side_list *l);

/* Appends the text of session s to out, redacted by r (may be NULL); data
 * longer than WB_SESSION_SIDE_MIN is referenced by name and listed in
 * sides, which the caller writes into the side folder. */
wb_err wb_session_format(const wb_session *s, const wb_redact *r, wb_buf *out,
			 wb_side_list *sides);

/* Parses session text. name is used in messages; side files are read
 * from side_dir. On failure returns WB_E_SESSION with "NAME:LINE: what was
 * expected" (or the side file's problem) in msg, and *out is NULL. */
wb_err wb_session_parse(const char *text, size_t n, const char *name,
			const char *side_dir, wb_session **out, wb_buf *msg);

/* Loads the session file at path (side files from PATH.d/). Errors as
 * wb_session_parse; FileNotFoundError/OSError when it cannot be read. */
wb_err wb_session_load(const char *path, wb_session **out, wb_buf *msg);

/* True when the file at path exists and its first line is a session
 * header (of any version). */
int wb_session_is_session_file(const char *path);

/* Appends the lowercase hex SHA-256 of n bytes (64 characters). */
wb_err wb_session_sha256_hex(const void *p, size_t n, wb_buf *out);

#endif
