/* transcript.c - frames and results as deterministic text. */
#include "transcript.h"
#include "connstate.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/text.h"

struct wb_transcript {
	FILE *f;
	size_t frame_bytes;
	int echo;
	wb_buf line;
	const wb_interp *in;
	int end_run; /* the run ended: label what closing it prints */
	wb_buf pend; /* lines not yet handed to f (see pending()) */
	int lazy;    /* keep pend across commands */
	/* "  [kind, state]\n" of frames without chunk details or note, by
	 * kind and state (see state_of), made once */
	char tail[WB_FK__COUNT][4][48];
	unsigned char tail_len[WB_FK__COUNT][4];
};

/* Frame and result lines collect in pend and go to the FILE in large
 * writes: one fwrite per line cost more than formatting the line. The
 * buffer is emptied at the end of every command (unless lazy) and before
 * anything else is written to f, so the order of the output never
 * changes. */
#define PEND_FLUSH (64 * 1024)

static void flush_pending(wb_transcript *t)
{
	if (t->pend.n)
		fwrite(t->pend.p, 1, t->pend.n, t->f);
	wb_buf_clear(&t->pend);
}

/* The FILE, for writes that bypass pend. */
static FILE *out(wb_transcript *t)
{
	flush_pending(t);
	return t->f;
}

/* The buffer to append lines to. */
static wb_buf *pending(wb_transcript *t)
{
	if (t->pend.n >= PEND_FLUSH)
		flush_pending(t);
	return &t->pend;
}

wb_err wb_transcript_escape(wb_buf *out, const char *p, size_t n)
{
	return wb_escape_add(out, p, n);
}

/* Writes what b holds (after an allocation failure, what fitted), after
 * the pending lines. */
static void emit(wb_transcript *t, const wb_buf *b)
{
	if (b->n)
		fwrite(b->p, 1, b->n, out(t));
}

/* Text that may hold peer bytes goes through the one terminal policy. */
static void safe_adds(wb_buf *b, const char *s)
{
	wb_text_safe(b, s, strlen(s), 0);
}

static const char *mark(const wb_frame *f, wb_tap_event ev)
{
	if (f->kind == WB_FK_WARNING)
		return "!!";
	if (f->dir == WB_DIR_NOTE)
		return "**";
	if (f->dir == WB_DIR_IN)
		return "<<";
	if (ev == WB_TAP_DROPPED)
		return "x|";
	return f->state == WB_FS_BUFFERED ? ">|" : ">>";
}

static void annotate(wb_buf *b, const wb_frame *f, wb_tap_event ev)
{
	wb_buf_adds(b, "  [");
	wb_buf_adds(b, wb_fkind_name(f->kind));
	if (f->kind == WB_FK_CHUNK_SIZE && f->chunk_size >= 0) {
		wb_buf_add(b, " = ", 3);
		wb_buf_addu(b, (uint64_t)f->chunk_size);
	} else if (f->kind == WB_FK_CHUNK_SIZE) {
		wb_buf_printf(b, " = %" PRId64, f->chunk_size);
	}
	if (f->chunk_no) {
		wb_buf_add(b, ", chunk ", 8);
		wb_buf_addu(b, f->chunk_no);
	}
	if (ev == WB_TAP_FLUSHED)
		wb_buf_adds(b, ", sent from the buffer");
	else if (ev == WB_TAP_DROPPED)
		wb_buf_adds(b, ", dropped unsent");
	else if (f->state == WB_FS_BUFFERED)
		wb_buf_adds(b, ", buffered");
	wb_buf_adds(b, "]");
	if (f->note) {
		wb_buf_adds(b, "  !! ");
		safe_adds(b, f->note);
	}
}

/* Which of annotate's state words a frame gets: none, sent from the
 * buffer, dropped unsent, buffered. */
static int state_of(const wb_frame *f, wb_tap_event ev)
{
	if (ev == WB_TAP_FLUSHED)
		return 1;
	if (ev == WB_TAP_DROPPED)
		return 2;
	return f->state == WB_FS_BUFFERED ? 3 : 0;
}

static void make_tails(wb_transcript *t)
{
	static const wb_tap_event evs[4] = { WB_TAP_NEW, WB_TAP_FLUSHED,
					     WB_TAP_DROPPED, WB_TAP_NEW };
	wb_buf b = WB_BUF_INIT;
	for (int k = 0; k < WB_FK__COUNT; k++) {
		for (int s = 0; s < 4; s++) {
			wb_frame f = { .kind = (wb_fkind)k, .chunk_size = -1,
				       .state = s == 3 ? WB_FS_BUFFERED
						       : WB_FS_WIRE };
			wb_buf_clear(&b);
			annotate(&b, &f, evs[s]);
			wb_buf_addc(&b, '\n');
			if (b.p && b.n <= sizeof t->tail[0][0]) {
				memcpy(t->tail[k][s], b.p, b.n);
				t->tail_len[k][s] = (unsigned char)b.n;
			}
		}
	}
	wb_buf_free(&b);
}

/* Appends the annotation and newline from the table when the frame has
 * nothing of its own to show; returns 0 when annotate must build it. */
static int add_tail(wb_transcript *t, wb_buf *b, const wb_frame *f,
		    wb_tap_event ev)
{
	if (f->note || f->chunk_no || f->kind == WB_FK_CHUNK_SIZE ||
	    (unsigned)f->kind >= WB_FK__COUNT)
		return 0;
	int s = state_of(f, ev);
	if (!t->tail_len[f->kind][s])
		return 0;
	wb_buf_add(b, t->tail[f->kind][s], t->tail_len[f->kind][s]);
	return 1;
}

/* The usual frame: a line of printable ASCII ending in CRLF or LF, shown
 * whole, with an annotation from the table. Written with one reserve and
 * block copies; returns 0 (nothing written) for any other frame, which
 * takes the general path and comes out the same. */
static int add_plain_line(wb_transcript *t, wb_buf *b, const wb_frame *f,
			  wb_tap_event ev)
{
	size_t n = f->stored;
	if (f->dir == WB_DIR_NOTE || f->kind == WB_FK_DEBUG || f->note ||
	    f->chunk_no || f->kind == WB_FK_CHUNK_SIZE || f->len != n ||
	    n > t->frame_bytes || !n || (unsigned)f->kind >= WB_FK__COUNT)
		return 0;
	const char *p = f->data;
	size_t end = n - 1, crlf = 0;
	if (p[end] != '\n')
		return 0;
	if (end && p[end - 1] == '\r') {
		end--;
		crlf = 1;
	}
	int s = state_of(f, ev);
	size_t tl = t->tail_len[f->kind][s];
	if (!tl)
		return 0;
	/* the line is copied while it is checked, and the fixed-size copies
	 * (of the whole table entry) are a few stores: the room all of them
	 * may take past the line is reserved; what is written past b->n
	 * counts only once b->n moves */
	size_t eol = crlf ? 4 : 2, need = 5 + end + eol + tl;
	size_t room = 5 + end + 16 + sizeof t->tail[0][0];
	if ((b->n + room + 1 > b->cap || b->oom) &&
	    wb_buf_reserve(b, room) != WB_OK)
		return 0;
	char *d = b->p + b->n;
	if (wb_escape_copy_run(d + 5, p, end) != end)
		return 0; /* a byte to escape: the general path */
	const char *m = mark(f, ev);
	d[0] = ' ';
	d[1] = ' ';
	d[2] = m[0];
	d[3] = m[1];
	d[4] = ' ';
	memcpy(d + 5 + end, crlf ? "\\r\\n" : "\\n\0\0", 4);
	memcpy(d + 5 + end + eol, t->tail[f->kind][s], sizeof t->tail[0][0]);
	b->n += need;
	b->p[b->n] = '\0';
	return 1;
}

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_transcript_frame(arg, ev, f);
}

void wb_transcript_frame(wb_transcript *t, wb_tap_event ev, const wb_frame *f)
{
	wb_buf *b = pending(t);
	if (t->end_run == 1) {
		wb_buf_adds(b, "-- end of run\n");
		t->end_run = 2;
	}
	if (add_plain_line(t, b, f, ev))
		return;
	if (f->kind == WB_FK_DEBUG) { /* http.client's print(), made safe */
		wb_text_safe(b, f->data, f->stored, WB_SAFE_KEEP_NL);
		wb_buf_addc(b, '\n');
		return;
	}
	const char *m = mark(f, ev);
	char lead[5] = { ' ', ' ', m[0], m[1], ' ' };
	wb_buf_add(b, lead, sizeof lead);
	if (f->dir == WB_DIR_NOTE) {
		safe_adds(b, f->note ? f->note : "");
	} else {
		size_t show = f->stored < t->frame_bytes ? f->stored
							 : t->frame_bytes;
		wb_transcript_escape(b, f->data, show);
		if (f->len > show) {
			wb_buf_adds(b, "...(+");
			wb_buf_addu(b, f->len - show);
			wb_buf_adds(b, " bytes, ");
			wb_buf_addu(b, f->len);
			wb_buf_adds(b, " in all)");
		}
		if (add_tail(t, b, f, ev))
			return;
		annotate(b, f, ev);
	}
	wb_buf_addc(b, '\n');
}

static void on_begin(void *arg, unsigned n, const char *line)
{
	(void)n;
	wb_transcript_begin(arg, line);
}

void wb_transcript_begin(wb_transcript *t, const char *line)
{
	if (t->echo || (t->in && wb_interp_sourcing(t->in))) {
		wb_buf *b = pending(t);
		wb_buf_add(b, "wb> ", 4);
		safe_adds(b, line);
		wb_buf_addc(b, '\n');
	}
}

void wb_transcript_response(wb_transcript *t, const wb_transcript_resp *v)
{
	wb_buf *b = pending(t);
	wb_buf_adds(b, "  = ");
	wb_buf_addu(b, (uint64_t)v->status);
	wb_buf_addc(b, ' ');
	safe_adds(b, v->reason);
	wb_buf_adds(b, v->version == 10 ? "  version=10 length="
					: "  version=11 length=");
	if (v->length >= 0)
		wb_buf_addu(b, (uint64_t)v->length);
	else
		wb_buf_adds(b, "None");
	wb_buf_adds(b, v->chunked ? " chunked=yes" : " chunked=no");
	wb_buf_adds(b, v->will_close ? " will_close=yes\n" : " will_close=no\n");
}

/* Escaped bytes between double quotes: a quote inside is \". */
static void quoted(wb_buf *b, const char *p, size_t n)
{
	const char *q;
	while ((q = memchr(p, '"', n))) {
		wb_transcript_escape(b, p, (size_t)(q - p));
		wb_buf_adds(b, "\\\"");
		n -= (size_t)(q - p) + 1;
		p = q + 1;
	}
	wb_transcript_escape(b, p, n);
}

void wb_transcript_resp_of(wb_resp *r, wb_transcript_resp *v)
{
	*v = (wb_transcript_resp){ .status = wb_resp_status(r),
				   .reason = wb_resp_reason(r),
				   .version = wb_resp_version(r),
				   .length = wb_resp_length(r),
				   .chunked = wb_resp_chunked(r),
				   .will_close = wb_resp_will_close(r) };
}

static void print_response(wb_transcript *t, wb_resp *r)
{
	wb_transcript_resp v;
	wb_transcript_resp_of(r, &v);
	wb_transcript_response(t, &v);
}

void wb_transcript_data(wb_transcript *t, const char *data, size_t stored,
			uint64_t bytes)
{
	size_t show = stored < t->frame_bytes ? stored : t->frame_bytes;
	wb_buf *b = pending(t);
	wb_buf_adds(b, "  = ");
	wb_buf_addu(b, bytes);
	wb_buf_adds(b, bytes == 1 ? " byte \"" : " bytes \"");
	quoted(b, data, show);
	wb_buf_adds(b, bytes > show ? "\"...\n" : "\"\n");
}

void wb_transcript_text(wb_transcript *t, const char *text, int repr)
{
	if (!text) /* a result whose text could not be allocated */
		text = "";
	wb_buf_clear(&t->line); /* a recording's text may quote peer bytes */
	wb_text_safe(&t->line, text, strlen(text), repr ? 0 : WB_SAFE_KEEP_NL);
	fprintf(out(t), repr ? "  = %s\n" : "%s\n", wb_buf_str(&t->line));
}

/* wb_transcript_escape for the state formatter, which keeps the buffer's
 * sticky error itself. */
static void escape_line(wb_buf *b, const char *p, size_t n)
{
	wb_transcript_escape(b, p, n);
}

wb_err wb_transcript_state_text(wb_buf *b, const wb_conn *c)
{
	wb_buf_adds(b, "  = ");
	return wb_connstate_format(c, b, "    | ", escape_line);
}

static void print_state(wb_transcript *t, const wb_conn *c)
{
	wb_buf_clear(&t->line);
	wb_transcript_state_text(&t->line, c);
	wb_buf_addc(&t->line, '\n');
	emit(t, &t->line);
}

static void on_result(void *arg, const wb_result *r)
{
	wb_transcript *t = arg;
	switch (r->kind) {
	case WB_RES_RESPONSE:
		print_response(t, r->resp);
		break;
	case WB_RES_DATA:
		wb_transcript_data(t, r->data, r->stored, r->bytes);
		break;
	case WB_RES_STATE:
		print_state(t, r->conn);
		break;
	case WB_RES_TEXT:
	case WB_RES_HELP:
		wb_transcript_text(t, r->text, 0);
		break;
	case WB_RES_REPR:
		wb_transcript_text(t, r->text, 1);
		break;
	case WB_RES_NONE:
		break;
	}
}

/* Messages are text: only what a terminal would act on is escaped, so
 * that the raw line of a BadStatusLine stays on one line. */
static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	(void)e;
	wb_transcript_error(arg, name, msg);
}

void wb_transcript_error(wb_transcript *t, const char *name, const char *msg)
{
	wb_buf_clear(&t->line);
	safe_adds(&t->line, msg);
	fprintf(out(t), "error: %s: %s\n", name, wb_buf_str(&t->line));
	if (!strcmp(name, wb_err_name(WB_E_RESPONSE_NOT_READY)) &&
	    !strcmp(msg, "Idle"))
		fputs("  !! hint: no request is waiting for its response; send "
		      "one first (request, or putrequest ... endheaders)\n",
		      t->f);
}

static void on_expected(void *arg, const char *name, const char *msg)
{
	wb_transcript_expected(arg, name, msg);
}

void wb_transcript_expected(wb_transcript *t, const char *name,
			    const char *msg)
{
	wb_buf_clear(&t->line);
	wb_buf_printf(&t->line, "  = raised %s as expected: ", name);
	safe_adds(&t->line, msg);
	wb_buf_addc(&t->line, '\n');
	fwrite(t->line.p, 1, t->line.n, out(t));
}

static void on_end(void *arg, wb_err e)
{
	wb_transcript *t = arg;
	(void)e;
	if (t->lazy)
		return;
	flush_pending(t);
	fflush(t->f); /* a killed run keeps every finished command */
}

void wb_transcript_set_lazy(wb_transcript *t, int on)
{
	t->lazy = on;
}

void wb_transcript_flush(wb_transcript *t)
{
	flush_pending(t);
}

void wb_transcript_end_run(wb_transcript *t)
{
	t->end_run = 1;
}

wb_transcript *wb_transcript_new(FILE *f, size_t frame_bytes, int echo)
{
	wb_transcript *t = wb_calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->f = f;
	t->frame_bytes = frame_bytes;
	t->echo = echo;
	make_tails(t);
	return t;
}

void wb_transcript_free(wb_transcript *t)
{
	if (!t)
		return;
	flush_pending(t);
	wb_buf_free(&t->line);
	wb_buf_free(&t->pend);
	free(t);
}

void wb_transcript_attach(wb_transcript *t, wb_interp *in)
{
	wb_out out = { .begin = on_begin, .result = on_result,
		       .error = on_error, .end = on_end,
		       .expected = on_expected, .arg = t };
	t->in = in;
	wb_interp_set_out(in, &out);
	wb_tap_listen_full(wb_interp_tap(in), on_frame, t);
}
