/* wire_model.c - frames and texts laid out as wire panel lines. */
#include "wire_model.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "glyph.h"
#include "lang/explain.h"
#include "wire_int.h"
#include "wrap.h"

#define TEXT_MAX 2048 /* bytes kept of one text */

static void on_tap(void *arg, wb_tap_event ev, const wb_frame *f);

/* ---- rings ---------------------------------------------------------- */

static wline *line_at(const ui_wire *m, size_t i)
{
	return &m->lines[(m->lhead + i) & (m->lcap - 1)];
}

static void line_pop(ui_wire *m)
{
	m->lhead = (m->lhead + 1) & (m->lcap - 1);
	m->lcount--;
	m->pruned++;
}

static int line_grow(ui_wire *m)
{
	size_t ncap = m->lcap ? m->lcap * 2 : 1024;
	wline *nl = malloc(ncap * sizeof *nl);
	if (!nl)
		return -1;
	for (size_t i = 0; i < m->lcount; i++)
		nl[i] = *line_at(m, i);
	free(m->lines);
	m->lines = nl;
	m->lcap = ncap;
	m->lhead = 0;
	return 0;
}

static void line_push(ui_wire *m, int type, uint64_t ref, size_t off,
		      size_t len, int first)
{
	if (m->lcount >= m->max_lines)
		line_pop(m);
	if (m->lcount == m->lcap && line_grow(m) < 0)
		return;
	*line_at(m, m->lcount++) = (wline){ ref, (uint32_t)off, (uint32_t)len,
					    (uint8_t)type, (uint8_t)first,
					    (uint8_t)m->echo_now };
	m->dirty = 1;
}

static wtext *text_get(const ui_wire *m, uint64_t seq)
{
	if (seq < m->tfirst || seq >= m->tfirst + m->tcount)
		return NULL;
	return &m->texts[(m->thead + (seq - m->tfirst)) % m->tcap];
}

static void text_pop(ui_wire *m)
{
	free(m->texts[m->thead].s);
	m->texts[m->thead].s = NULL;
	m->thead = (m->thead + 1) % m->tcap;
	m->tcount--;
	m->tfirst++;
}

/* Drops lines whose frames the tap evicted or whose texts were dropped. */
static void prune(ui_wire *m)
{
	const wb_frame *oldest = wb_tap_get(m->tap, 0);
	uint64_t f0 = oldest ? oldest->id : m->last_id + 1;
	while (m->lcount) {
		const wline *l = line_at(m, 0);
		const wtext *t = l->type == WL_TEXT ? text_get(m, l->ref) : NULL;
		int gone = l->type == WL_TEXT ? !t || t->anchor < f0
					      : l->ref < f0;
		if (!gone)
			break;
		line_pop(m);
	}
	while (m->tcount && m->texts[m->thead].anchor < f0)
		text_pop(m);
	size_t gone = 0;
	while (gone < m->nsettled && m->settled[gone] < f0)
		gone++;
	if (gone) {
		m->nsettled -= gone;
		memmove(m->settled, m->settled + gone,
			m->nsettled * sizeof *m->settled);
	}
}

/* Flush and drop events come in id order, so the array stays sorted. */
static void settled_add(ui_wire *m, uint64_t id)
{
	uint64_t *s = wb_grow(m->settled, &m->capsettled, m->nsettled,
			      sizeof *m->settled);
	if (!s)
		return;
	m->settled = s;
	m->settled[m->nsettled++] = id;
}

int ui_wire_settled(const ui_wire *m, uint64_t id)
{
	size_t lo = 0, hi = m->nsettled;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->settled[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nsettled && m->settled[lo] == id;
}

/* ---- layout --------------------------------------------------------- */

const char *ui_wire_content(const wb_frame *f, size_t *n)
{
	if (f->stored || !f->note) {
		*n = f->stored;
		return f->data;
	}
	*n = strlen(f->note);
	return f->note;
}

int ui_wire_is_chunk_kind(wb_fkind k)
{
	return k == WB_FK_CHUNK_SIZE || k == WB_FK_CHUNK_DATA ||
	       k == WB_FK_CHUNK_CRLF || k == WB_FK_LAST_CHUNK ||
	       k == WB_FK_TRAILER || k == WB_FK_END_TRAILERS;
}

/* The annotation after a frame's first line: its kind, chunk details, and
 * where a buffered line went. */
void ui_wire_annotate(wb_buf *b, const wb_frame *f, int past)
{
	wb_buf_adds(b, wb_fkind_name(f->kind));
	if ((f->kind == WB_FK_CHUNK_SIZE || f->kind == WB_FK_LAST_CHUNK) &&
	    f->chunk_size >= 0)
		wb_buf_printf(b, " = %" PRId64, f->chunk_size);
	if (f->chunk_no)
		wb_buf_printf(b, ", chunk #%u", f->chunk_no);
	if (f->kind == WB_FK_BODY || f->kind == WB_FK_CHUNK_DATA ||
	    f->kind == WB_FK_DISCARDED)
		wb_buf_printf(b, ", %" PRIu64 " bytes", f->len);
	if (f->len > f->stored && f->dir != WB_DIR_NOTE)
		wb_buf_printf(b, ", +%" PRIu64 " bytes not kept",
			      f->len - f->stored);
	if (f->note && f->stored)
		wb_buf_printf(b, "  !! %s", f->note);
	if (past)
		wb_buf_adds(b, f->state == WB_FS_DROPPED
				       ? "  \xe2\x86\x93 dropped below"
				       : "  \xe2\x86\x93 sent below");
}

/* Columns of the annotation, counting the "sent below" a buffered frame
 * will get, so the layout does not change when it is sent. */
static size_t annot_cols(const ui_wire *m, const wb_frame *f)
{
	wb_buf b = WB_BUF_INIT;
	int past = !m->echo_now && f->dir == WB_DIR_OUT &&
		   (f->state == WB_FS_BUFFERED || ui_wire_settled(m, f->id));
	wb_frame g = *f;
	if (past)
		g.state = WB_FS_DROPPED; /* the longer of the two */
	ui_wire_annotate(&b, &g, past);
	if (ui_wire_mark_of(m, 0, f->id))
		wb_buf_adds(&b, UI_WIRE_DIFF_NOTE);
	size_t cols = ui_text_cols(b.p, b.n);
	wb_buf_free(&b);
	return cols;
}

static size_t budget(const ui_wire *m, size_t prefix)
{
	return m->width > (int)prefix + 8 ? (size_t)m->width - prefix : 8;
}

static void layout_frame_text(ui_wire *m, const wb_frame *f)
{
	size_t n, full = budget(m, PREFIX_COLS);
	const char *p = ui_wire_content(f, &n);
	size_t reserve = f->dir == WB_DIR_NOTE ? 0 : annot_cols(m, f) + 2;
	size_t first = full - (reserve < full / 2 ? reserve : full / 2);
	size_t i = 0;
	if (n == 0)
		line_push(m, WL_FRAME, f->id, 0, 0, 1);
	while (i < n) {
		size_t start = i, cols = 0, b = start ? full : first;
		while (i < n) {
			size_t c = f->dir == WB_DIR_NOTE
				   ? 1 : (size_t)ui_glyph_cols((unsigned char)p[i]);
			if (cols + c > b && i > start)
				break;
			cols += c;
			if (p[i++] == '\n')
				break;
		}
		while (f->dir == WB_DIR_NOTE && i < n && ((unsigned char)p[i] & 0xc0) == 0x80)
			i++;
		line_push(m, WL_FRAME, f->id, start, i - start, start == 0);
	}
}

size_t ui_wire_hex_per_line(const ui_wire *m)
{
	return m->width >= PREFIX_COLS + 6 + 16 * 4 ? 16 : 8;
}

static void layout_frame_hex(ui_wire *m, const wb_frame *f)
{
	size_t per = ui_wire_hex_per_line(m);
	line_push(m, WL_HEX_HEAD, f->id, 0, 0, 1);
	if (f->dir == WB_DIR_NOTE && !f->stored)
		return;
	for (size_t off = 0; off < f->stored; off += per)
		line_push(m, WL_HEX, f->id, off,
			  f->stored - off < per ? f->stored - off : per, 0);
}

static void layout_frame(ui_wire *m, const wb_frame *f)
{
	if (m->hex)
		layout_frame_hex(m, f);
	else
		layout_frame_text(m, f);
}

/* The frame again, at the moment it left the buffer. */
static void layout_echo(ui_wire *m, const wtext *t)
{
	const wb_frame *f = wb_tap_find(m->tap, t->frame);
	if (!f)
		return;
	m->echo_now = 1;
	layout_frame(m, f);
	m->echo_now = 0;
}

static void layout_text(ui_wire *m, uint64_t seq)
{
	const wtext *t = text_get(m, seq);
	if (!t->s) {
		layout_echo(m, t);
		return;
	}
	size_t n = strlen(t->s), i = 0, b = budget(m, TEXT_PREFIX);
	do {
		size_t nl = strcspn(t->s + i, "\n");
		size_t end = i + nl;
		do { /* wrapped at words: help text reads as prose */
			size_t next;
			size_t take = ui_wrap_row(t->s + i, end - i, b, &next);
			line_push(m, WL_TEXT, seq, i, take, i == 0);
			i += next ? next : end - i;
		} while (i < end);
		i = end + 1;
	} while (i < n);
}

void ui_wire_layout(ui_wire *m, int width, int hex)
{
	m->width = width;
	m->hex = hex;
	m->lcount = 0;
	m->lhead = 0;
	uint64_t seq = m->tfirst;
	for (size_t i = 0; i < wb_tap_count(m->tap); i++) {
		const wb_frame *f = wb_tap_get(m->tap, i);
		for (; seq < m->tfirst + m->tcount &&
		       text_get(m, seq)->anchor <= f->id; seq++)
			layout_text(m, seq);
		layout_frame(m, f);
	}
	for (; seq < m->tfirst + m->tcount; seq++)
		layout_text(m, seq);
	prune(m);
	m->pruned = 0;
	m->dirty = 1;
}

int ui_wire_hex(const ui_wire *m)
{
	return m->hex;
}

/* ---- life cycle and input ------------------------------------------- */

ui_wire *ui_wire_new(wb_tap *tap, int width)
{
	ui_wire *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->tap = tap;
	m->width = width;
	m->max_lines = 1u << 18;
	m->tcap = 4096;
	m->texts = calloc(m->tcap, sizeof *m->texts);
	if (!m->texts) {
		free(m);
		return NULL;
	}
	m->tfirst = 1;
	const wb_frame *last = wb_tap_get(tap, wb_tap_count(tap) - 1);
	m->last_id = last ? last->id : 0;
	wb_tap_listen(tap, on_tap, m);
	ui_wire_layout(m, width, 0);
	return m;
}

void ui_wire_free(ui_wire *m)
{
	if (!m)
		return;
	wb_tap_unlisten(m->tap, on_tap, m);
	while (m->tcount)
		text_pop(m);
	free(m->texts);
	free(m->lines);
	free(m->settled);
	for (size_t i = 0; i < m->nmarks; i++)
		free(m->marks[i].why);
	free(m->marks);
	free(m);
}

void ui_wire_set_limits(ui_wire *m, size_t max_lines, size_t max_texts)
{
	wtext *nt = calloc(max_texts ? max_texts : 1, sizeof *nt);
	if (!nt)
		return;
	while (m->tcount > max_texts)
		text_pop(m);
	for (size_t i = 0; i < m->tcount; i++)
		nt[i] = m->texts[(m->thead + i) % m->tcap];
	free(m->texts);
	m->texts = nt;
	m->tcap = max_texts ? max_texts : 1;
	m->thead = 0;
	m->max_lines = max_lines ? max_lines : 1;
	ui_wire_layout(m, m->width, m->hex);
}

/* Adds a text or an echo (s NULL) at the current moment. */
static void text_push(ui_wire *m, ui_text_kind kind, char *s, uint64_t frame)
{
	if (m->tcount == m->tcap)
		text_pop(m);
	uint64_t seq = m->tfirst + m->tcount;
	m->texts[(m->thead + m->tcount++) % m->tcap] =
		(wtext){ .anchor = m->last_id + 1, .kind = kind, .s = s, .frame = frame };
	prune(m);
	layout_text(m, seq);
}

static void on_tap(void *arg, wb_tap_event ev, const wb_frame *f)
{
	ui_wire *m = arg;
	m->dirty = 1;
	if (ev == WB_TAP_FLUSHED) {
		m->flushed_frames++;
		m->flushed_bytes += f->len;
	}
	if (ev != WB_TAP_NEW) {
		settled_add(m, f->id);
		text_push(m, UI_TX_INFO, NULL, f->id);
		return;
	}
	prune(m); /* before last_id moves: f itself is not stored yet */
	m->last_id = f->id;
	layout_frame(m, f);
}

void ui_wire_text(ui_wire *m, ui_text_kind kind, const char *raw)
{
	wb_buf safe = WB_BUF_INIT; /* results and errors may quote peer bytes */
	if (wb_text_safe(&safe, raw, strlen(raw), WB_SAFE_KEEP_NL) != WB_OK) {
		wb_buf_free(&safe);
		return;
	}
	const char *s = safe.p;
	size_t n = safe.n;
	char *copy = malloc((n < TEXT_MAX ? n : TEXT_MAX) + 1);
	if (!copy) {
		wb_buf_free(&safe);
		return;
	}
	n = n < TEXT_MAX ? n : ui_text_fit(s, TEXT_MAX, TEXT_MAX);
	memcpy(copy, s, n);
	copy[n] = '\0';
	text_push(m, kind, copy, 0);
	wb_buf_free(&safe);
}

void ui_wire_begin(ui_wire *m, unsigned n, const char *line)
{
	(void)n;
	m->flushed_frames = m->flushed_bytes = 0;
	ui_wire_text(m, UI_TX_CMD, line);
	if (m->tcount)
		m->texts[(m->thead + m->tcount - 1) % m->tcap].cmd = n;
}

void ui_wire_end(ui_wire *m)
{
	if (!m->flushed_frames)
		return;
	char s[160];
	snprintf(s, sizeof s,
		 "%" PRIu64 " buffered frame%s (%" PRIu64 " bytes) went on "
		 "the wire just now",
		 m->flushed_frames, m->flushed_frames == 1 ? "" : "s",
		 m->flushed_bytes);
	m->flushed_frames = m->flushed_bytes = 0;
	ui_wire_text(m, UI_TX_INFO, s);
}

/* ---- queries -------------------------------------------------------- */

static int has_summary(const ui_wire *m)
{
	return wb_tap_stats_get(m->tap)->evicted_frames > 0;
}

size_t ui_wire_count(ui_wire *m)
{
	prune(m);
	return m->lcount + (size_t)has_summary(m);
}

size_t ui_wire_take_pruned(ui_wire *m)
{
	prune(m);
	size_t n = m->pruned;
	m->pruned = 0;
	return n;
}

int ui_wire_take_dirty(ui_wire *m)
{
	int d = m->dirty;
	m->dirty = 0;
	return d;
}


const wline *ui_wire_line(ui_wire *m, size_t i)
{
	size_t s = (size_t)has_summary(m);
	if (i < s || i - s >= m->lcount)
		return NULL;
	return line_at(m, i - s);
}

int ui_wire_is_request(ui_wire *m, size_t i)
{
	const wline *l = ui_wire_line(m, i);
	if (!l || l->type == WL_TEXT || l->type == WL_HEX || !l->first)
		return 0;
	const wb_frame *f = wb_tap_find(m->tap, l->ref);
	return f && (f->kind == WB_FK_REQUEST_LINE ||
		     f->kind == WB_FK_CONNECT_REQUEST);
}

static const char *text_lesson(const wtext *t)
{
	static const char *const lessons[] = {
		[UI_TX_CMD] = "a command you ran: the frames under it are the "
			      "bytes it buffered, sent or received",
		[UI_TX_RESULT] = "what the command returned (http.client's "
				 "return value, shown as Python would)",
		[UI_TX_ERROR] = "the exception the command raised, with "
				"http.client's name and message",
		[UI_TX_INFO] = "a note from wirebench, not bytes on the wire",
	};
	return t ? lessons[t->kind] : "";
}

void ui_wire_explain(ui_wire *m, size_t i, wb_buf *out)
{
	wb_buf_clear(out);
	if (i >= ui_wire_count(m))
		return;
	const wline *l = ui_wire_line(m, i);
	if (!l) {
		wb_buf_adds(out, "earlier frames were evicted: the wire tap "
				 "keeps a bounded window of recent frames");
		return;
	}
	const struct wmark *mk = ui_wire_line_mark(m, l);
	if (mk) {
		wb_buf_adds(out, "\xe2\x89\xa0 differs from the recording: ");
		wb_buf_adds(out, mk->why);
		wb_buf_adds(out, " \xc2\xb7 ");
	}
	if (l->type == WL_TEXT) {
		wb_buf_adds(out, text_lesson(text_get(m, l->ref)));
		return;
	}
	const wb_frame *f = wb_tap_find(m->tap, l->ref);
	if (!f)
		return;
	int settled = f->dir == WB_DIR_OUT && ui_wire_settled(m, f->id);
	if (!settled || l->echo) {
		wb_explain_frame(f, out);
		if (settled && f->state == WB_FS_WIRE)
			wb_buf_adds(out, " \xc2\xb7 sent here: endheaders "
					 "wrote the buffer in one send, once "
					 "the connection was up");
		return;
	}
	wb_frame then = *f; /* this line shows the frame while buffered */
	then.state = WB_FS_BUFFERED;
	wb_explain_frame(&then, out);
	wb_buf_adds(out, f->state == WB_FS_DROPPED
				 ? " \xc2\xb7 it was dropped below, when the "
				   "connect or the send failed"
				 : " \xc2\xb7 it went on the wire below, when "
				   "endheaders sent the buffer");
}

/* ---- marks ---------------------------------------------------------- */

const struct wmark *ui_wire_mark_of(const ui_wire *m, unsigned cmd,
				    uint64_t id)
{
	for (size_t i = 0; i < m->nmarks; i++)
		if (id ? m->marks[i].id == id
		       : !m->marks[i].id && m->marks[i].cmd == cmd)
			return &m->marks[i];
	return NULL;
}

const struct wmark *ui_wire_line_mark(const ui_wire *m, const wline *l)
{
	if (!m->nmarks || !l)
		return NULL;
	if (l->type != WL_TEXT)
		return ui_wire_mark_of(m, 0, l->ref);
	const wtext *t = text_get(m, l->ref);
	return t && t->s && t->kind == UI_TX_CMD && l->first
		       ? ui_wire_mark_of(m, t->cmd, 0) : NULL;
}

void ui_wire_mark(ui_wire *m, unsigned n, uint64_t id, const char *why)
{
	if (ui_wire_mark_of(m, n, id))
		return; /* the first difference found explains the frame */
	struct wmark *v = wb_grow(m->marks, &m->capmarks, m->nmarks, sizeof *v);
	char *w = strdup(why);
	if (!v || !w) {
		free(w);
		return;
	}
	m->marks = v;
	v[m->nmarks++] = (struct wmark){ n, id, w };
	ui_wire_layout(m, m->width, m->hex);
}

size_t ui_wire_nmarks(const ui_wire *m)
{
	return m->nmarks;
}

int ui_wire_marked(ui_wire *m, size_t i)
{
	return ui_wire_line_mark(m, ui_wire_line(m, i)) != NULL;
}

void ui_rline_free(ui_rline *l)
{
	wb_buf_free(&l->text);
}

const wtext *ui_wire_text_get(const ui_wire *m, uint64_t seq)
{
	return text_get(m, seq);
}
