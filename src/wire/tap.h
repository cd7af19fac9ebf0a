/* tap.h - the wire tap: every byte the connection core frames, as frames.
 *
 * The core records bytes exactly where it buffers, sends or receives them.
 * Consumers (batch transcript, JSON output, TUI wire panel, session
 * recorder) read frames from here and never re-render requests themselves.
 * Memory is bounded: the store keeps a window of recent frames under a byte
 * cap and counts what it evicted. Listeners see every frame as it happens. */
#ifndef WB_TAP_H
#define WB_TAP_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

typedef enum { WB_DIR_OUT, WB_DIR_IN, WB_DIR_NOTE } wb_dir;
typedef enum { WB_FS_BUFFERED, WB_FS_WIRE, WB_FS_DROPPED } wb_fstate;

#define WB_FRAME_KINDS(X)                                                     \
	X(REQUEST_LINE, "request-line")                                       \
	X(HEADER, "header")                                                   \
	X(END_HEADERS, "end-of-headers")                                      \
	X(BODY, "body")                                                       \
	X(CHUNK_SIZE, "chunk-size")                                           \
	X(CHUNK_DATA, "chunk-data")                                           \
	X(CHUNK_CRLF, "chunk-crlf")                                           \
	X(LAST_CHUNK, "last-chunk")                                           \
	X(TRAILER, "trailer")                                                 \
	X(END_TRAILERS, "end-of-trailers")                                    \
	X(RAW, "raw")                                                         \
	X(CONNECT_REQUEST, "connect-request")                                 \
	X(STATUS_LINE, "status-line")                                         \
	X(DISCARDED, "discarded")                                             \
	X(EOF_, "eof")                                                        \
	X(OPEN, "open")                                                       \
	X(CLOSE, "close")                                                     \
	X(TLS, "tls")                                                         \
	X(DEBUG, "debug")                                                     \
	X(WARNING, "warning")                                                 \
	X(INFO, "info")

typedef enum {
#define WB_FK_ENUM(sym, name) WB_FK_##sym,
	WB_FRAME_KINDS(WB_FK_ENUM)
#undef WB_FK_ENUM
	WB_FK__COUNT
} wb_fkind;

typedef struct wb_frame {
	uint64_t id;         /* 1, 2, 3 ... in order of recording */
	wb_dir dir;
	wb_fkind kind;
	wb_fstate state;     /* buffered in the connection, or on the wire */
	unsigned cmd;        /* number of the command that produced it */
	uint64_t len;        /* bytes the frame stands for */
	size_t stored;       /* bytes kept in data (<= len) */
	int64_t chunk_size;  /* decoded size of a chunk-size line, else -1 */
	unsigned chunk_no;   /* 1-based chunk number within its body, else 0 */
	const char *note;    /* warning or explanation, or NULL */
	const char *data;    /* the first `stored` bytes */
} wb_frame;

typedef enum { WB_TAP_NEW, WB_TAP_FLUSHED, WB_TAP_DROPPED } wb_tap_event;

/* Called for every new frame and when a buffered frame goes on the wire. */
typedef void (*wb_tap_listener)(void *arg, wb_tap_event ev,
				const wb_frame *f);

typedef struct wb_tap wb_tap;

typedef struct wb_tap_stats {
	uint64_t bytes_out, bytes_in;  /* on the wire */
	uint64_t frames, evicted_frames, evicted_bytes;
	uint64_t requests, connects;
} wb_tap_stats;

/* Returns a tap keeping at most cap bytes of frames, or NULL. */
wb_tap *wb_tap_new(size_t cap);
void wb_tap_free(wb_tap *t);
/* Longest data kept per frame in the window (default: half the byte cap,
 * so a frame is kept whole unless it would crowd out everything else);
 * longer frames keep a prefix (stored < len). */
void wb_tap_set_frame_cap(wb_tap *t, size_t cap);
/* Adds a listener (at most 8). Its frames are the retained ones: a frame
 * longer than the frame cap arrives with a prefix (stored < len). */
void wb_tap_listen(wb_tap *t, wb_tap_listener fn, void *arg);
/* Adds a listener that gets every byte: a WB_TAP_NEW frame carries its
 * whole data (stored == len; data is the caller's bytes, valid only during
 * the call and not NUL-terminated). Recorders and printers use this. */
void wb_tap_listen_full(wb_tap *t, wb_tap_listener fn, void *arg);
void wb_tap_unlisten(wb_tap *t, wb_tap_listener fn, void *arg);
/* The command number stamped on later frames. */
void wb_tap_set_cmd(wb_tap *t, unsigned cmd);

/* Records a frame; returns its id (0 if it could not be stored). */
uint64_t wb_tap_add(wb_tap *t, wb_dir dir, wb_fkind kind, wb_fstate st,
		    const void *p, size_t n);
/* As wb_tap_add with chunk details and a note (may be NULL). */
uint64_t wb_tap_add_ex(wb_tap *t, wb_dir dir, wb_fkind kind, wb_fstate st,
		       const void *p, size_t n, int64_t chunk_size,
		       unsigned chunk_no, const char *note);
/* Records a note frame (dir NOTE) with printf text. */
uint64_t wb_tap_note(wb_tap *t, wb_fkind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Marks every buffered frame with id <= last as on the wire. */
void wb_tap_flush(wb_tap *t, uint64_t last);
/* Marks every buffered frame with id <= last as dropped (never sent). */
void wb_tap_drop(wb_tap *t, uint64_t last);
/* Counts a request for the statistics. */
void wb_tap_count_request(wb_tap *t);

/* The retained window: frame i (0 = oldest kept), NULL past the end. */
size_t wb_tap_count(const wb_tap *t);
const wb_frame *wb_tap_get(const wb_tap *t, size_t i);
/* The retained frame with this id, or NULL if evicted or unknown. */
const wb_frame *wb_tap_find(const wb_tap *t, uint64_t id);
const wb_tap_stats *wb_tap_stats_get(const wb_tap *t);
/* Counts n bytes received but not recorded as frames (collapsed). */
void wb_tap_count_in(wb_tap *t, uint64_t n);

/* Name of a frame kind ("chunk-size"). */
const char *wb_fkind_name(wb_fkind k);

#endif
