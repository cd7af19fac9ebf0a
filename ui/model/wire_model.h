/* wire_model.h - the wire panel's model: tap frames and command texts as
 * display lines. Plain C, no curses (unit-tested).
 *
 * Lines reference frames in the tap's bounded window by id and byte range,
 * so bodies are never copied. The panel reads in time order: a buffered
 * line stays where putheader put it (marked "sent below" or "dropped
 * below" once settled), and when endheaders writes the buffer the same
 * frames appear again at that moment, after the connect and TLS notes, as
 * sent (or, when the connect failed, as dropped after the failure). Texts (the command that produced the frames, results,
 * errors) live in a bounded ring of their own. Lines whose frames the tap
 * evicted disappear and a summary line takes their place. */
#ifndef UI_WIRE_MODEL_H
#define UI_WIRE_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "base/buf.h"
#include "wire/tap.h"

/* What a span of a rendered line is: the view maps these to attributes. */
typedef enum {
	UI_ST_PLAIN,
	UI_ST_CMD,
	UI_ST_OUT_BUF,
	UI_ST_OUT_WIRE,
	UI_ST_OUT_DROP,
	UI_ST_OUT_PAST, /* a buffered line that was sent or dropped later */
	UI_ST_IN,
	UI_ST_NOTE,
	UI_ST_WARN,
	UI_ST_GLYPH,
	UI_ST_ANNOT,
	UI_ST_CHUNK,
	UI_ST_RESULT,
	UI_ST_ERROR,
	UI_ST_INFO,
	UI_ST_DIFF,     /* a frame that differs from a recording (replay) */
	UI_ST__COUNT
} ui_style;

/* Kinds of text lines. */
typedef enum { UI_TX_CMD, UI_TX_RESULT, UI_TX_ERROR, UI_TX_INFO } ui_text_kind;

#define UI_RLINE_SPANS 64

typedef struct ui_span {
	ui_style style;
	size_t off, len; /* bytes of ui_rline.text */
} ui_span;

/* One rendered line: UTF-8 text cut into styled spans. */
typedef struct ui_rline {
	wb_buf text;
	ui_span spans[UI_RLINE_SPANS];
	size_t nspans;
} ui_rline;

typedef struct ui_wire ui_wire;

/* Creates a model over tap, laid out for width columns. Listens to the tap
 * until freed. Returns NULL on allocation failure. */
ui_wire *ui_wire_new(wb_tap *tap, int width);
void ui_wire_free(ui_wire *m);
/* Bounds the line index and the text ring (defaults 262144 and 4096). */
void ui_wire_set_limits(ui_wire *m, size_t max_lines, size_t max_texts);
/* Lays the lines out again for a new width or view (hex dump or text). */
void ui_wire_layout(ui_wire *m, int width, int hex);
int ui_wire_hex(const ui_wire *m);

/* Adds a text line (a command, a result, an error, a hint). */
void ui_wire_text(ui_wire *m, ui_text_kind kind, const char *s);
/* Starts command n: its line appears before the frames it produces. */
void ui_wire_begin(ui_wire *m, unsigned n, const char *line);
/* Ends the command: notes how many buffered frames it put on the wire. */
void ui_wire_end(ui_wire *m);

/* Number of display lines (including the eviction summary). */
size_t ui_wire_count(ui_wire *m);
/* Lines dropped from the front since the last call (for the scroll model). */
size_t ui_wire_take_pruned(ui_wire *m);
/* Renders line i into out (cleared first). */
void ui_wire_render(ui_wire *m, size_t i, ui_rline *out);
/* The plain text of line i (no styles), into out (cleared first). */
void ui_wire_plain(ui_wire *m, size_t i, wb_buf *out);
/* True when line i starts a request (request line or CONNECT). */
int ui_wire_is_request(ui_wire *m, size_t i);
/* The one-line lesson for line i: what its frame is and the rule it
 * follows (lang/explain.h), or what a text line is. Out is cleared first;
 * the text holds no peer byte. */
void ui_wire_explain(ui_wire *m, size_t i, wb_buf *out);
/* Marks frame id (id 0: the line of command n as given to
 * ui_wire_begin) as differing from a recording; why (copied, no peer
 * byte unescaped) joins its explanation. Lays the lines out again. */
void ui_wire_mark(ui_wire *m, unsigned n, uint64_t id, const char *why);
size_t ui_wire_nmarks(const ui_wire *m);
/* True when line i shows a marked frame or command line. */
int ui_wire_marked(ui_wire *m, size_t i);

/* Changes since the last call (new frames, state switches, texts). */
int ui_wire_take_dirty(ui_wire *m);

void ui_rline_free(ui_rline *l);

#endif
