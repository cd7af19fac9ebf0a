/* transcript.c - frames and results as deterministic text. */
#include "transcript.h"
#include "connstate.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct wb_transcript {
	FILE *f;
	size_t frame_bytes;
	int echo;
	wb_buf line;
	const wb_interp *in;
	int end_run; /* the run ended: label what closing it prints */
};

static int plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '\\';
}

wb_err wb_transcript_escape(wb_buf *out, const char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && plain((unsigned char)p[run]))
			run++;
		if (run > i) /* copy printable runs whole */
			wb_buf_add(out, p + i, run - i);
		if (run >= n)
			break;
		unsigned char c = (unsigned char)p[run];
		char x[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
		switch (c) {
		case '\r': wb_buf_add(out, "\\r", 2); break;
		case '\n': wb_buf_add(out, "\\n", 2); break;
		case '\t': wb_buf_add(out, "\\t", 2); break;
		case '\\': wb_buf_add(out, "\\\\", 2); break;
		default: wb_buf_add(out, x, 4);
		}
		i = run + 1;
	}
	return out->p || !n ? WB_OK : WB_E_NOMEM;
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

/* Writes what b holds (after an allocation failure, what fitted). */
static void emit(wb_transcript *t, const wb_buf *b)
{
	if (b->n)
		fwrite(b->p, 1, b->n, t->f);
}

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_transcript_frame(arg, ev, f);
}

void wb_transcript_frame(wb_transcript *t, wb_tap_event ev, const wb_frame *f)
{
	wb_buf *b = &t->line;
	wb_buf_clear(b);
	if (t->end_run == 1) {
		fputs("-- end of run\n", t->f);
		t->end_run = 2;
	}
	if (f->kind == WB_FK_DEBUG) {
		fwrite(f->data, 1, f->stored, t->f);
		fputc('\n', t->f);
		return;
	}
	wb_buf_adds(b, "  ");
	wb_buf_adds(b, mark(f, ev));
	wb_buf_addc(b, ' ');
	if (f->dir == WB_DIR_NOTE) {
		wb_buf_adds(b, f->note ? f->note : "");
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
		annotate(b, f, ev);
	}
	wb_buf_addc(b, '\n');
	emit(t, b);
}

static void on_begin(void *arg, unsigned n, const char *line)
{
	(void)n;
	wb_transcript_begin(arg, line);
}

void wb_transcript_begin(wb_transcript *t, const char *line)
{
	if (t->echo || (t->in && wb_interp_sourcing(t->in))) {
		fputs("wb> ", t->f);
		fputs(line, t->f);
		fputc('\n', t->f);
	}
}

void wb_transcript_response(wb_transcript *t, const wb_transcript_resp *v)
{
	wb_buf *b = &t->line;
	wb_buf_clear(b);
	wb_buf_adds(b, "  = ");
	wb_buf_addu(b, (uint64_t)v->status);
	wb_buf_addc(b, ' ');
	wb_buf_adds(b, v->reason);
	wb_buf_adds(b, v->version == 10 ? "  version=10 length="
					: "  version=11 length=");
	if (v->length >= 0)
		wb_buf_addu(b, (uint64_t)v->length);
	else
		wb_buf_adds(b, "None");
	wb_buf_adds(b, v->chunked ? " chunked=yes" : " chunked=no");
	wb_buf_adds(b, v->will_close ? " will_close=yes\n" : " will_close=no\n");
	emit(t, b);
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
	wb_buf *b = &t->line;
	wb_buf_clear(b);
	wb_buf_adds(b, "  = ");
	wb_buf_addu(b, bytes);
	wb_buf_adds(b, bytes == 1 ? " byte \"" : " bytes \"");
	quoted(b, data, show);
	wb_buf_adds(b, bytes > show ? "\"...\n" : "\"\n");
	emit(t, b);
}

void wb_transcript_text(wb_transcript *t, const char *text, int repr)
{
	fprintf(t->f, repr ? "  = %s\n" : "%s\n", text);
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
		fprintf(t->f, "%s\n", r->text);
		break;
	case WB_RES_REPR:
		fprintf(t->f, "  = %s\n", r->text);
		break;
	case WB_RES_NONE:
		break;
	}
}

/* Messages are text: only control characters are escaped, so that the
 * raw line of a BadStatusLine stays on one line. */
static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	(void)e;
	wb_transcript_error(arg, name, msg);
}

void wb_transcript_error(wb_transcript *t, const char *name, const char *msg)
{
	wb_buf_clear(&t->line);
	for (const char *p = msg; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			wb_transcript_escape(&t->line, p, 1);
		else
			wb_buf_addc(&t->line, *p);
	}
	fprintf(t->f, "error: %s: %s\n", name, t->line.p ? t->line.p : "");
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
	for (const char *p = msg; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			wb_transcript_escape(&t->line, p, 1);
		else
			wb_buf_addc(&t->line, *p);
	}
	wb_buf_addc(&t->line, '\n');
	fwrite(t->line.p, 1, t->line.n, t->f);
}

static void on_end(void *arg, wb_err e)
{
	wb_transcript *t = arg;
	(void)e;
	fflush(t->f); /* a killed run keeps every finished command */
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
	return t;
}

void wb_transcript_free(wb_transcript *t)
{
	if (!t)
		return;
	wb_buf_free(&t->line);
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
