/* record.h - the recorder: everything a command produced, as it happens.
 *
 * The interpreter owns one, so batch mode, the REPL and the TUI all
 * record. It listens on the tap for whole frames (every byte, whatever the
 * tap's window keeps) and takes each command's line, result and error
 * from the interpreter. */
#ifndef WB_RECORD_H
#define WB_RECORD_H

#include "lang/interp.h"
#include "session.h"

typedef struct wb_rec wb_rec;

/* Returns a recorder with an empty session, listening on tap; or NULL. */
/* Most bytes of frame data and read results a recording holds. */
#define WB_REC_CAP (64u << 20)

wb_rec *wb_rec_new(wb_tap *tap);
/* Stops listening and frees the recorder and its session. */
void wb_rec_free(wb_rec *r);
/* Continues the session s (taking it), e.g. a loaded or recovered one;
 * later frame ids follow its highest. */
void wb_rec_adopt(wb_rec *r, wb_session *s);
/* The session so far (owned by the recorder). */
const wb_session *wb_rec_session(const wb_rec *r);

/* A command begins; frames from now on are recorded under it. */
void wb_rec_begin(wb_rec *r, const char *line);
/* The command's result (none is recorded for WB_RES_NONE) and error
 * (name and message). */
void wb_rec_result(wb_rec *r, const wb_result *res);
void wb_rec_error(wb_rec *r, const char *name, const char *msg);
/* Marks the end of a run: frames after it (the closing of the connection)
 * belong to no command. */
void wb_rec_end_run(wb_rec *r);
/* WB_OK, or the first error (MemoryError) that made the recording lose
 * something. */
wb_err wb_rec_status(const wb_rec *r);
/* Bytes of frames and read data the recording does not hold because they
 * came after WB_REC_CAP bytes: a session of any size keeps bounded
 * memory; its frames are all listed, the late ones without their bytes. */
uint64_t wb_rec_unrecorded(const wb_rec *r);

#endif
