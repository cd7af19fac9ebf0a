/* resp_view.c - paints the current response of the connection. */
#include "resp_view.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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

static void summary(wb_resp *r, uint64_t read, wb_buf *b)
{
	int64_t len = wb_resp_length(r);
	wb_buf_clear(b);
	wb_buf_printf(b, "body: %" PRIu64 " bytes read \xc2\xb7 unread: ", read);
	if (wb_resp_isclosed(r))
		wb_buf_adds(b, "0 (body complete)");
	else if (len >= 0)
		wb_buf_printf(b, "%" PRId64 " bytes (Content-Length)", len);
	else
		wb_buf_adds(b, wb_resp_chunked(r) ? "unknown (chunked, more to come)"
						  : "unknown (until close)");
	if (wb_resp_buffered(r))
		wb_buf_printf(b, " \xc2\xb7 %zu bytes buffered",
			      wb_resp_buffered(r));
}

static void head_line(wb_resp *r, wb_buf *b)
{
	wb_buf_clear(b);
	const char *reason = wb_resp_reason(r);
	wb_buf_printf(b, "HTTP/%s %d ", wb_resp_version(r) == 10 ? "1.0" : "1.1",
		      wb_resp_status(r));
	wb_text_safe(b, reason, strlen(reason), 0); /* the peer's text */
	wb_buf_printf(b, " \xc2\xb7 %s \xc2\xb7 %s",
		      wb_resp_chunked(r) ? "chunked" : "not chunked",
		      wb_resp_will_close(r) ? "will-close" : "keep-alive");
}

static void headers(WINDOW *w, wb_resp *r, int y0, int rows, int cols)
{
	wb_buf b = WB_BUF_INIT;
	size_t n = wb_resp_nheaders(r);
	for (size_t i = 0; i < n && (int)i < rows; i++) {
		const char *k, *v;
		size_t kn, vn;
		wb_resp_header(r, i, &k, &kn, &v, &vn);
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

static void body(ui_app *a, WINDOW *w, wb_resp *r, int y0, int x, int rows,
		 int cols)
{
	wb_buf ct = WB_BUF_INIT, pv = WB_BUF_INIT;
	wb_resp_getheader(r, "Content-Type", &ct);
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
	wb_conn *c = wb_interp_conn(a->in);
	wb_resp *r = c ? wb_conn_response(c) : NULL;
	werase(w);
	ui_draw_title(w, 0, " Response", "headers | body preview");
	if (!r) {
		line_at(w, 1, 1, cols - 1, "no response yet: getresponse "
			"reads the status line and headers", UI_ST_ANNOT);
		return;
	}
	wb_buf b = WB_BUF_INIT;
	head_line(r, &b);
	line_at(w, 1, 0, cols, b.p, UI_ST_RESULT);
	summary(r, a->body.read, &b);
	if (rows > 2)
		line_at(w, 2, 0, cols, b.p, UI_ST_INFO);
	wb_buf_free(&b);
	int hcols = cols * 2 / 5;
	headers(w, r, 3, rows - 3, hcols - 1);
	for (int y = 3; y < rows; y++)
		mvwaddch(w, y, hcols - 1, ACS_VLINE);
	body(a, w, r, 3, hcols + 1, rows - 3, cols - hcols - 1);
}

const ui_panel_ops ui_resp_view_ops = { "response", draw };
