/* transcript.c - frames and results as deterministic text. */
#include "transcript.h"

#include "base/escape.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct wb_transcript {
	FILE *f;
	size_t frame_bytes;
	int echo;
	wb_buf line;
	wb_buf pend; /* lines not yet handed to f (see pending()) */
	int lazy;    /* keep pend across commands */
	/* "  [kind, state]\n" of frames without chunk details or note, by
	 * kind and state (see state_of), made once */
	char tail[WB_FK__COUNT][4][48];
	unsigned char tail_len[WB_FK__COUNT][4];
};

/* Frame and result lines collect in pend and go to the FILE in large
 * writes: one fwrite per line cost more than formatting the line. The
 * buffer is emptied at the end of every command and before anything else
 * is written to f, so the order of the output never changes. */
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

/* The buffer to append one line to. */
static wb_buf *pending(wb_transcript *t)
{
	if (t->pend.n >= PEND_FLUSH)
		flush_pending(t);
	return &t->pend;
}

void wb_transcript_escape(wb_buf *out, const char *p, size_t n)
{
	wb_escape_add(out, p, n);
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
	if (f->note)
		wb_buf_printf(b, "  !! %s", f->note);
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
			if (b.n <= sizeof t->tail[0][0]) {
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

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_transcript *t = arg;
	wb_buf *b = pending(t);
	if (f->kind == WB_FK_DEBUG) {
		wb_buf_add(b, f->data, f->stored);
		wb_buf_addc(b, '\n');
		return;
	}
	const char *m = mark(f, ev);
	char lead[5] = { ' ', ' ', m[0], m[1], ' ' };
	wb_buf_add(b, lead, sizeof lead);
	if (f->dir == WB_DIR_NOTE) {
		wb_buf_adds(b, f->note ? f->note : "");
	} else {
		size_t show = f->stored < t->frame_bytes ? f->stored
							 : t->frame_bytes;
		wb_transcript_escape(b, f->data, show);
		if (f->len > show) {
			wb_buf_adds(b, "...(+");
			wb_buf_addu(b, f->len - show);
			wb_buf_adds(b, " bytes)");
		}
		if (add_tail(t, b, f, ev))
			return;
		annotate(b, f, ev);
	}
	wb_buf_addc(b, '\n');
}

static void on_begin(void *arg, unsigned n, const char *line)
{
	wb_transcript *t = arg;
	if (t->echo) {
		wb_buf *b = pending(t);
		wb_buf_add(b, "wb> ", 4);
		wb_buf_adds(b, line);
		wb_buf_addc(b, '\n');
	}
}

static void print_response(wb_transcript *t, wb_resp *r)
{
	int64_t len = wb_resp_length(r);
	wb_buf *b = pending(t);
	wb_buf_adds(b, "  = ");
	wb_buf_addu(b, (uint64_t)wb_resp_status(r));
	wb_buf_addc(b, ' ');
	wb_buf_adds(b, wb_resp_reason(r));
	wb_buf_adds(b, wb_resp_version(r) == 10 ? "  version=10 length="
						: "  version=11 length=");
	if (len >= 0)
		wb_buf_addu(b, (uint64_t)len);
	else
		wb_buf_adds(b, "None");
	wb_buf_adds(b, wb_resp_chunked(r) ? " chunked=yes" : " chunked=no");
	wb_buf_adds(b, wb_resp_will_close(r) ? " will_close=yes\n"
					     : " will_close=no\n");
}

static void print_data(wb_transcript *t, const wb_result *r)
{
	size_t show = r->stored < t->frame_bytes ? r->stored : t->frame_bytes;
	wb_buf *b = pending(t);
	wb_buf_adds(b, "  = ");
	wb_buf_addu(b, r->bytes);
	wb_buf_adds(b, " bytes \"");
	wb_transcript_escape(b, r->data, show);
	wb_buf_adds(b, r->bytes > show ? "\"...\n" : "\"\n");
}

static const char *response_word(const wb_conn *c)
{
	wb_resp *r = wb_conn_response(c);
	return !r ? "none" : wb_resp_isclosed(r) ? "closed" : "open";
}

static void print_state(wb_transcript *t, const wb_conn *c)
{
	fprintf(out(t),
		"  = state=%s socket=%s pending=%s buffered=%zu response=%s\n",
		wb_conn_state_name(wb_conn_state(c)),
		wb_conn_has_socket(c) ? "yes" : "no",
		wb_conn_has_pending(c) ? "yes" : "no", wb_conn_nbuffered(c),
		response_word(c));
	for (size_t i = 0; i < wb_conn_nbuffered(c); i++) {
		const wb_buf *l = wb_conn_buffered(c, i);
		wb_buf_clear(&t->line);
		wb_transcript_escape(&t->line, l->p, l->n);
		fprintf(t->f, "    | %s\n", t->line.p);
	}
}

static void on_result(void *arg, const wb_result *r)
{
	wb_transcript *t = arg;
	switch (r->kind) {
	case WB_RES_RESPONSE:
		print_response(t, r->resp);
		break;
	case WB_RES_DATA:
		print_data(t, r);
		break;
	case WB_RES_STATE:
		print_state(t, r->conn);
		break;
	case WB_RES_TEXT:
		fprintf(out(t), "%s\n", r->text);
		break;
	case WB_RES_REPR:
		fprintf(out(t), "  = %s\n", r->text);
		break;
	case WB_RES_NONE:
		break;
	}
}

/* Messages are text: only control characters are escaped, so that the
 * raw line of a BadStatusLine stays on one line. */
static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	wb_transcript *t = arg;
	(void)e;
	wb_buf_clear(&t->line);
	for (const char *p = msg; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			wb_transcript_escape(&t->line, p, 1);
		else
			wb_buf_addc(&t->line, *p);
	}
	fprintf(out(t), "error: %s: %s\n", name, t->line.p ? t->line.p : "");
}

wb_transcript *wb_transcript_new(FILE *f, size_t frame_bytes, int echo)
{
	wb_transcript *t = calloc(1, sizeof *t);
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

static void on_end(void *arg, wb_err e)
{
	wb_transcript *t = arg;
	(void)e;
	if (!t->lazy)
		flush_pending(t);
}

void wb_transcript_set_lazy(wb_transcript *t, int on)
{
	t->lazy = on;
}

void wb_transcript_flush(wb_transcript *t)
{
	flush_pending(t);
}

void wb_transcript_attach(wb_transcript *t, wb_interp *in)
{
	wb_out hooks = { .begin = on_begin, .result = on_result,
			 .error = on_error, .end = on_end, .arg = t };
	wb_interp_set_out(in, &hooks);
	wb_tap_listen(wb_interp_tap(in), on_frame, t);
}
