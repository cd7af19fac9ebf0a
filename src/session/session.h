/* session.h - a recorded session: the commands run, and under each one
 * every frame, result and error it produced, in the order they happened.
 *
 * One model serves the recorder (which appends to it as commands run), the
 * file format (sessions/FORMAT.md; writer and loader), offline playback,
 * live replay with a diff, and the TUI's offline mode. The session owns
 * all its strings; commands and items are read through the plain structs
 * below and never changed by a reader. */
#ifndef WB_SESSION_H
#define WB_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "wire/tap.h"

/* The format version this build writes; files up to it are read. */
#define WB_SESSION_VERSION 1
/* Data longer than this goes to a side file in NAME.wb.d/. */
#define WB_SESSION_SIDE_MIN (64 * 1024)

typedef enum {
	WB_SI_FRAME,   /* a new frame (dir, fkind, state, data, note...) */
	WB_SI_FLUSH,   /* the buffered frame `id` went on the wire */
	WB_SI_DROP,    /* the buffered frame `id` was dropped unsent */
	WB_SI_RESULT,  /* the command's result (res and its fields) */
	WB_SI_ERROR,   /* the command's error: name in note, message in data */
	WB_SI_END      /* the run ended; later frames belong to no command */
} wb_sitem_kind;

/* What a result was (mirrors the interpreter's result kinds). */
typedef enum {
	WB_SR_RESPONSE, /* status, version, length, chunked, will_close;
			 * the reason phrase in data */
	WB_SR_DATA,     /* bytes returned (bytes) and the first len of them */
	WB_SR_TEXT,     /* text shown as is (help) */
	WB_SR_REPR,     /* a Python repr() of a returned value */
	WB_SR_STATE     /* the state lines as the transcript printed them */
} wb_sres;

typedef struct wb_sitem {
	wb_sitem_kind kind;
	double t;            /* seconds since its command began */
	uint64_t id;         /* FRAME: its id in the session; FLUSH/DROP: the
			      * id of the frame they settle */
	wb_dir dir;          /* FRAME */
	wb_fkind fkind;      /* FRAME */
	wb_fstate state;     /* FRAME: its state when it was recorded */
	int64_t chunk_size;  /* FRAME: decoded chunk-size, else -1 */
	unsigned chunk_no;   /* FRAME: 1-based chunk number, else 0 */
	char *note;          /* FRAME note (or NULL), ERROR name ("Error"
			      * when none was given), else NULL */
	wb_sres res;         /* RESULT */
	int status, version, chunked, will_close; /* RESULT response */
	int64_t length;      /* RESULT response: -1 for None */
	uint64_t bytes;      /* RESULT data: bytes the call returned */
	char *data;          /* FRAME bytes, RESULT data or text, ERROR
			      * message; never NULL, NUL-terminated */
	size_t len;          /* bytes in data (may hold NULs) */
	uint64_t unrecorded; /* FRAME: bytes it stood for that the recording
			      * does not hold (over WB_REC_CAP); data empty */
} wb_sitem;

typedef struct wb_scmd {
	char *pre;      /* comment and blank lines kept above it, or NULL */
	char *line;     /* the command as typed */
	double t;       /* seconds since the session began */
	wb_sitem *items;
	size_t nitems, cap;
} wb_scmd;

typedef struct wb_session wb_session;

/* Returns an empty session, or NULL when memory runs out. */
wb_session *wb_session_new(void);
void wb_session_free(wb_session *s);

/* Number of commands, and command i (NULL past the end). */
size_t wb_session_ncmds(const wb_session *s);
const wb_scmd *wb_session_cmd(const wb_session *s, size_t i);
/* Command i to change (the loader fills in what follows it), or NULL. */
wb_scmd *wb_session_cmd_mut(wb_session *s, size_t i);
/* The FRAME item with this id (searching back from command `before`,
 * inclusive), or NULL. Used to resolve FLUSH and DROP items. */
const wb_sitem *wb_session_frame(const wb_session *s, size_t before,
				 uint64_t id);
/* The highest frame id in the session (0 when empty). */
uint64_t wb_session_max_id(const wb_session *s);
/* Comment lines after the last command, or NULL. */
const char *wb_session_tail(const wb_session *s);

/* Fills a tap frame from a FRAME item (data points into the item). */
void wb_sitem_frame(const wb_sitem *it, wb_frame *out);

/* Appends a command (line copied; pre may be NULL). */
wb_err wb_session_add_cmd(wb_session *s, const char *pre, const char *line,
			  double t);
/* Appends an item to the last command, copying data, note; the item's
 * pointers are ignored in favour of these. WB_E_VALUE with no command. */
wb_err wb_session_add_item(wb_session *s, const wb_sitem *it,
			   const void *data, size_t len, const char *note);
/* Sets the trailing comment text (copied; NULL clears it). */
wb_err wb_session_set_tail(wb_session *s, const char *tail);

#endif
