/* wire_int.h - internals of the wire model shared by its layout
 * (wire_model.c) and rendering (wire_render.c). */
#ifndef UI_WIRE_INT_H
#define UI_WIRE_INT_H

#include "wire_model.h"

enum { WL_FRAME, WL_HEX_HEAD, WL_HEX, WL_TEXT };

#define PREFIX_COLS 9 /* mark, state word: ">| buf   " */
#define TEXT_PREFIX 4   /* "wb> " */

typedef struct wline {
	uint64_t ref;      /* frame id or text sequence number */
	uint32_t off, len; /* bytes of the frame content or text */
	uint8_t type;
	uint8_t first;     /* first line of its frame or text */
	uint8_t echo;      /* the frame shown again where it was settled */
} wline;

/* A text, or (s NULL) the echo of a frame that left the buffer: texts
 * and echoes keep their relative order and sit before frame `anchor`. */
typedef struct wtext {
	uint64_t anchor;   /* id of the first frame recorded after it */
	ui_text_kind kind;
	unsigned cmd;      /* UI_TX_CMD: the command's number */
	char *s;
	uint64_t frame;    /* echo: the frame flushed or dropped */
} wtext;

struct ui_wire {
	wb_tap *tap;
	int width, hex;
	wline *lines;
	size_t lcap, lhead, lcount, max_lines;
	wtext *texts;
	size_t tcap, thead, tcount;
	uint64_t tfirst;   /* sequence number of texts[thead] */
	uint64_t last_id;  /* highest frame id seen */
	size_t pruned;
	int dirty;
	uint64_t flushed_frames, flushed_bytes;
	uint64_t *settled; /* ids of buffered frames sent or dropped since */
	size_t nsettled, capsettled;
	int echo_now;      /* lines being laid out are an echo */
	struct wmark {     /* differences from a recording (replay) */
		unsigned cmd;
		uint64_t id;
		char *why;
	} *marks;
	size_t nmarks, capmarks;
};

/* The mark on frame id (or, id 0, on command cmd), or NULL. */
const struct wmark *ui_wire_mark_of(const ui_wire *m, unsigned cmd,
				    uint64_t id);
/* The mark on line l, or NULL. */
const struct wmark *ui_wire_line_mark(const ui_wire *m, const wline *l);
#define UI_WIRE_DIFF_NOTE "  \xe2\x89\xa0 differs"

/* Line i of the index, or NULL for the summary line or past the end. */
const wline *ui_wire_line(ui_wire *m, size_t i);
/* The retained text with this sequence number, or NULL. */
const wtext *ui_wire_text_get(const ui_wire *m, uint64_t seq);
/* What a frame line shows: the data, or the note of a note frame. */
const char *ui_wire_content(const wb_frame *f, size_t *n);
/* Appends the annotation shown after a frame's first line; past: the line
 * is where a since-settled frame was buffered. */
void ui_wire_annotate(wb_buf *b, const wb_frame *f, int past);
/* True when frame id was buffered and has since been sent or dropped. */
int ui_wire_settled(const ui_wire *m, uint64_t id);
/* Bytes per hex dump line at the current width. */
size_t ui_wire_hex_per_line(const ui_wire *m);
int ui_wire_is_chunk_kind(wb_fkind k);

#endif
