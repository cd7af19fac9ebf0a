/* resp_view.c - paints the current response of the connection. */
#include "resp_view.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "draw.h"
#include "model/glyph.h"
#include "theme.h"

static void line_at(WINDOW *w, int y, int x, int cols, const char *s,
		    ui_style st)
{
	wmove(w, y, x);
	ui_draw_text(w, s, strlen(s), cols, ui_theme_attr(st));
}

/* What the panel shows of a response, live or recorded. */
typedef struct head {
	int status, version, chunked, will_close;
	const char *reason;
	int64_t length;       /* -1: unknown */
	int closed;           /* live: the body is complete */
	int recorded;         /* offline: nothing is known beyond the record */
	size_t buffered;
	size_t nheaders;
	wb_resp *resp;        /* live, or */
	const ui_play *play;  /* recorded */
} head;

static void header(const head *h, size_t i, const char **k, size_t *kn,
		   const char **v, size_t *vn)
{
	if (h->play)
		ui_play_header(h->play, i, k, kn, v, vn);
	else
		wb_resp_header(h->resp, i, k, kn, v, vn);
}

static head live_head(wb_resp *r)
{
	return (head){ wb_resp_status(r), wb_resp_version(r),
		       wb_resp_chunked(r), wb_resp_will_close(r),
		       wb_resp_reason(r), wb_resp_length(r),
		       wb_resp_isclosed(r), 0, wb_resp_buffered(r),
		       wb_resp_nheaders(r), r, NULL };
}

static head recorded_head(const ui_play *p)
{
	const ui_play_resp *r = ui_play_response(p);
	return (head){ r->status, r->version, r->chunked, r->will_close,
		       r->reason ? r->reason : "", r->length, 0, 1, 0,
		       ui_play_nheaders(p), NULL, p };
}

static void summary(const head *h, uint64_t read, wb_buf *b)
{
	wb_buf_clear(b);
	wb_buf_printf(b, "body: %" PRIu64 " bytes read \xc2\xb7 ", read);
	if (h->recorded)
		wb_buf_adds(b, "recorded: ");
	else
		wb_buf_adds(b, "unread: ");
	if (h->closed)
		wb_buf_adds(b, "0 (body complete)");
	else if (h->length >= 0)
		wb_buf_printf(b, "%" PRId64 " bytes (Content-Length)", h->length);
	else
		wb_buf_adds(b, h->chunked ? "unknown (chunked, more to come)"
					  : "unknown (until close)");
	if (h->buffered)
		wb_buf_printf(b, " \xc2\xb7 %zu bytes buffered", h->buffered);
}

static void head_line(const head *h, wb_buf *b)
{
	wb_buf_clear(b);
	wb_buf_printf(b, "HTTP/%s %d ", h->version == 10 ? "1.0" : "1.1",
		      h->status);
	wb_text_safe(b, h->reason, strlen(h->reason), 0); /* the peer's text */
	wb_buf_printf(b, " \xc2\xb7 %s \xc2\xb7 %s",
		      h->chunked ? "chunked" : "not chunked",
		      h->will_close ? "will-close" : "keep-alive");
}

static void headers(WINDOW *w, const head *h, int y0, int rows, int cols)
{
	wb_buf b = WB_BUF_INIT;
	size_t n = h->nheaders;
	for (size_t i = 0; i < n && (int)i < rows; i++) {
		const char *k, *v;
		size_t kn, vn;
		header(h, i, &k, &kn, &v, &vn);
		wb_buf_clear(&b);
		ui_glyph_puts(&b, k, kn);
		wb_buf_adds(&b, ": ");
		ui_glyph_puts(&b, v, vn);
		if ((int)i == rows - 1 && i + 1 < n)
			wb_buf_printf(&b, " (+%zu more)", n - i - 1);
		line_at(w, y0 + (int)i, 0, cols, b.p, UI_ST_IN);
	}
	wb_buf_free(&b);
}

/* The Content-Type header's value, into ct. */
static void content_type(const head *h, wb_buf *ct)
{
	for (size_t i = 0; i < h->nheaders; i++) {
		const char *k, *v;
		size_t kn, vn;
		header(h, i, &k, &kn, &v, &vn);
		if (kn == 12 && !strncasecmp(k, "Content-Type", 12)) {
			wb_buf_clear(ct);
			wb_buf_add(ct, v, vn);
		}
	}
}

static void body(ui_app *a, WINDOW *w, const head *h, int y0, int x,
		 int rows, int cols)
{
	wb_buf ct = WB_BUF_INIT, pv = WB_BUF_INIT;
	content_type(h, &ct);
	ui_resp_preview(&a->body, ct.p, cols >= 70 ? 16 : 8, &pv);
	const char *p = pv.p ? pv.p : "";
	if (!a->body.read)
		p = "(nothing read yet: read, read1, readline, peek)";
	for (int y = 0; y < rows && *p; y++) {
		size_t n = strcspn(p, "\n");
		wmove(w, y0 + y, x);
		ui_draw_text(w, p, n, cols, ui_theme_attr(UI_ST_PLAIN));
		p += n + (p[n] == '\n');
	}
	wb_buf_free(&ct);
	wb_buf_free(&pv);
}

static void draw(ui_app *a, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	wb_conn *c = a->play ? NULL : wb_interp_conn(a->in);
	wb_resp *r = c ? wb_conn_response(c) : NULL;
	int have = a->play ? ui_play_response(a->play)->have : r != NULL;
	werase(w);
	ui_draw_title(w, 0, a->play ? " Response (recorded)" : " Response",
		      "headers | body preview");
	if (!have) {
		line_at(w, 1, 1, cols - 1, "no response yet: getresponse "
			"reads the status line and headers", UI_ST_ANNOT);
		return;
	}
	head h = a->play ? recorded_head(a->play) : live_head(r);
	wb_buf b = WB_BUF_INIT;
	head_line(&h, &b);
	line_at(w, 1, 0, cols, b.p, UI_ST_RESULT);
	summary(&h, a->body.read, &b);
	if (rows > 2)
		line_at(w, 2, 0, cols, b.p, UI_ST_INFO);
	wb_buf_free(&b);
	int hcols = cols * 2 / 5;
	headers(w, &h, 3, rows - 3, hcols - 1);
	for (int y = 3; y < rows; y++)
		mvwaddch(w, y, hcols - 1, ACS_VLINE);
	body(a, w, &h, 3, hcols + 1, rows - 3, cols - hcols - 1);
}

const ui_panel_ops ui_resp_view_ops = { "response", draw };
