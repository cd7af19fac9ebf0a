/* wire_render.c - one wire panel line as styled UTF-8 text. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "glyph.h"
#include "wire_int.h"

/* Appends text in a style, merging with the previous span when it has the
 * same style (or when the span table is full). */
static void span_add(ui_rline *out, ui_style st, const char *s, size_t n)
{
	size_t off = out->text.n;
	wb_buf_add(&out->text, s, n);
	ui_span *last = out->nspans ? &out->spans[out->nspans - 1] : NULL;
	if (last && (last->style == st || out->nspans == UI_RLINE_SPANS)) {
		last->len += n;
		return;
	}
	out->spans[out->nspans++] = (ui_span){ st, off, n };
}

static void span_adds(ui_rline *out, ui_style st, const char *s)
{
	span_add(out, st, s, strlen(s));
}

/* Appends bytes made visible: plain characters in st, CR/LF/escapes in
 * the glyph style so framing stands out. */
static void span_bytes(ui_rline *out, ui_style st, const char *p, size_t n)
{
	wb_buf tmp = WB_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		wb_buf_clear(&tmp);
		int g = ui_glyph_put(&tmp, (unsigned char)p[i]);
		span_add(out, g ? UI_ST_GLYPH : st, tmp.p, tmp.n);
	}
	wb_buf_free(&tmp);
}

/* True when line l stands where a since-settled frame was buffered. */
static int is_past(ui_wire *m, const wline *l, const wb_frame *f)
{
	return !l->echo && f->dir == WB_DIR_OUT &&
	       f->state != WB_FS_BUFFERED && ui_wire_settled(m, f->id);
}

static ui_style frame_style(const wb_frame *f, int past)
{
	if (past)
		return UI_ST_OUT_PAST;
	if (f->kind == WB_FK_WARNING)
		return UI_ST_WARN;
	if (f->dir == WB_DIR_NOTE)
		return UI_ST_NOTE;
	if (f->dir == WB_DIR_IN)
		return UI_ST_IN;
	if (f->state == WB_FS_BUFFERED)
		return UI_ST_OUT_BUF;
	return f->state == WB_FS_DROPPED ? UI_ST_OUT_DROP : UI_ST_OUT_WIRE;
}

/* Direction mark (as in the batch transcript) and state word; a past
 * line keeps the mark it had when it was buffered. */
static void frame_prefix(ui_rline *out, const wb_frame *f, int first,
			 int past)
{
	static const char *const marks[] = { ">|", ">>", "x|" };
	const char *mark = "<<", *word = "in  ";
	if (f->kind == WB_FK_WARNING) {
		mark = "!!", word = "warn";
	} else if (f->dir == WB_DIR_NOTE) {
		mark = "**", word = "note";
	} else if (f->dir == WB_DIR_OUT) {
		wb_fstate s = past ? WB_FS_BUFFERED : f->state;
		mark = marks[s];
		word = s == WB_FS_BUFFERED ? "buf "
		       : s == WB_FS_WIRE   ? "sent" : "drop";
	}
	ui_style st = frame_style(f, past);
	span_adds(out, st, mark);
	span_adds(out, st, " ");
	span_adds(out, st, first ? word : "    ");
	span_adds(out, st, "  ");
}

static void frame_annot(ui_rline *out, const wb_frame *f, int past,
			int marked)
{
	wb_buf b = WB_BUF_INIT;
	ui_wire_annotate(&b, f, past);
	span_adds(out, UI_ST_PLAIN, "  ");
	span_add(out, ui_wire_is_chunk_kind(f->kind) ? UI_ST_CHUNK
						      : UI_ST_ANNOT,
		 b.p, b.n);
	if (marked)
		span_adds(out, UI_ST_DIFF, UI_WIRE_DIFF_NOTE);
	wb_buf_free(&b);
}

static void render_frame(ui_rline *out, ui_wire *m, const wline *l,
			 const wb_frame *f)
{
	size_t n;
	const char *p = ui_wire_content(f, &n);
	int past = is_past(m, l, f);
	int marked = ui_wire_line_mark(m, l) != NULL;
	frame_prefix(out, f, l->first, past);
	if (marked) { /* the whole prefix shows the difference */
		out->spans[0] = (ui_span){ UI_ST_DIFF, 0, out->text.n };
		out->nspans = 1;
	}
	if (f->dir == WB_DIR_NOTE && !f->stored)
		span_add(out, frame_style(f, 0), p + l->off, l->len);
	else
		span_bytes(out, frame_style(f, past), p + l->off, l->len);
	if (l->first && !(f->dir == WB_DIR_NOTE && !f->stored))
		frame_annot(out, f, past, marked);
	else if (l->first && marked)
		span_adds(out, UI_ST_DIFF, UI_WIRE_DIFF_NOTE);
}

static void render_hex_head(ui_rline *out, ui_wire *m, const wline *l,
			    const wb_frame *f)
{
	char n[48];
	int past = is_past(m, l, f);
	frame_prefix(out, f, 1, past);
	frame_annot(out, f, past, ui_wire_line_mark(m, l) != NULL);
	snprintf(n, sizeof n, "  (%" PRIu64 " bytes)", f->len);
	span_adds(out, UI_ST_ANNOT, n);
	if (f->dir == WB_DIR_NOTE && !f->stored && f->note) {
		span_adds(out, UI_ST_PLAIN, "  ");
		span_adds(out, frame_style(f, 0), f->note);
	}
}

static void render_hex(ui_rline *out, ui_wire *m, const wline *l,
		       const wb_frame *f)
{
	static const char hex[] = "0123456789abcdef";
	size_t per = ui_wire_hex_per_line(m);
	const unsigned char *p = (const unsigned char *)f->data + l->off;
	char cell[8];
	int past = is_past(m, l, f);
	frame_prefix(out, f, 0, past);
	snprintf(cell, sizeof cell, "%04x ", l->off);
	span_adds(out, UI_ST_ANNOT, cell);
	for (size_t i = 0; i < per; i++) {
		if (i < l->len)
			snprintf(cell, sizeof cell, " %c%c", hex[p[i] >> 4],
				 hex[p[i] & 15]);
		else
			snprintf(cell, sizeof cell, "   ");
		span_adds(out, frame_style(f, past), cell);
	}
	span_adds(out, UI_ST_PLAIN, "  ");
	for (size_t i = 0; i < l->len; i++) {
		char c = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
		span_add(out, c == '.' && p[i] != '.' ? UI_ST_GLYPH
						       : frame_style(f, past), &c, 1);
	}
}

static void render_text(ui_rline *out, ui_wire *m, const wline *l)
{
	static const char *const heads[] = { "wb> ", "  = ", "  \xe2\x9c\x97 ",
					     "  \xc2\xbb " };
	static const ui_style styles[] = { UI_ST_CMD, UI_ST_RESULT,
					   UI_ST_ERROR, UI_ST_INFO };
	const wtext *t = ui_wire_text_get(m, l->ref);
	if (!t)
		return;
	span_adds(out, styles[t->kind], l->first ? heads[t->kind] : "    ");
	span_add(out, styles[t->kind], t->s + l->off, l->len);
	if (ui_wire_line_mark(m, l))
		span_adds(out, UI_ST_DIFF, UI_WIRE_DIFF_NOTE);
}

static void render_summary(ui_rline *out, ui_wire *m)
{
	const wb_tap_stats *st = wb_tap_stats_get(m->tap);
	char s[160];
	snprintf(s, sizeof s,
		 "\xc2\xb7\xc2\xb7 %" PRIu64 " earlier frames evicted (%" PRIu64
		 " bytes); memory stays bounded \xc2\xb7\xc2\xb7",
		 st->evicted_frames, st->evicted_bytes);
	span_adds(out, UI_ST_INFO, s);
}

void ui_wire_render(ui_wire *m, size_t i, ui_rline *out)
{
	wb_buf_clear(&out->text);
	out->nspans = 0;
	size_t count = ui_wire_count(m);
	if (i >= count)
		return;
	const wline *l = ui_wire_line(m, i);
	if (!l) {
		render_summary(out, m);
		return;
	}
	if (l->type == WL_TEXT) {
		render_text(out, m, l);
		return;
	}
	const wb_frame *f = wb_tap_find(m->tap, l->ref);
	if (!f)
		span_adds(out, UI_ST_INFO, "(frame evicted)");
	else if (l->type == WL_FRAME)
		render_frame(out, m, l, f);
	else if (l->type == WL_HEX_HEAD)
		render_hex_head(out, m, l, f);
	else
		render_hex(out, m, l, f);
}

void ui_wire_plain(ui_wire *m, size_t i, wb_buf *out)
{
	ui_rline r = { WB_BUF_INIT, { { 0, 0, 0 } }, 0 };
	ui_wire_render(m, i, &r);
	wb_buf_clear(out);
	wb_buf_add(out, r.text.p ? r.text.p : "", r.text.n);
	ui_rline_free(&r);
}
