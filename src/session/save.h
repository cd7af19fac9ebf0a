/* save.h - writing a session file so that a crash at any moment leaves
 * either the old file or the new one, never a torn one. */
#ifndef WB_SAVE_H
#define WB_SAVE_H

#include "redact.h"
#include "session.h"

typedef struct wb_save_opts {
	int force;               /* replace a file that is not a session */
	const wb_redact *redact; /* may be NULL */
} wb_save_opts;

/* Writes s to path: side files first into PATH.d/ (each written to a
 * temporary name, synced and renamed), then the session into a temporary
 * file in the same folder, fsync, rename over path, fsync of the folder;
 * side files no longer referenced are removed last. Refuses (SessionError)
 * to replace an existing file that is not a session unless o->force.
 * Errors carry a message in msg. */
wb_err wb_session_save(const wb_session *s, const char *path,
		       const wb_save_opts *o, wb_buf *msg);

/* Writes n bytes to path atomically (same steps as above). */
wb_err wb_save_atomic(const char *path, const void *p, size_t n, wb_buf *msg);

#endif
