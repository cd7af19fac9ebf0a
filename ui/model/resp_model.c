/* resp_model.c - body preview formatting for the response panel. */
#include "resp_model.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "glyph.h"

void ui_resp_body_reset(ui_resp_body *b)
{
	wb_buf_clear(&b->head);
	b->read = 0;
}

void ui_resp_body_add(ui_resp_body *b, const char *p, size_t stored,
		      uint64_t total)
{
	if (b->head.n < UI_RESP_KEEP) {
		size_t room = UI_RESP_KEEP - b->head.n;
		wb_buf_add(&b->head, p, stored < room ? stored : room);
	}
	b->read += total;
}

void ui_resp_body_free(ui_resp_body *b)
{
	wb_buf_free(&b->head);
}

/* Length of the valid UTF-8 sequence at p (0 when invalid or cut). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t k = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2
		 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (!k || k > n || (k == 2 && p[0] < 0xc2))
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

/* True when p[0..n) is the start of a UTF-8 sequence cut by the end. */
static int utf8_cut(const unsigned char *p, size_t n)
{
	size_t k = p[0] >= 0xc2 && p[0] < 0xe0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
		 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (k <= n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return 1;
}

int ui_resp_is_binary(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(u + i, n - i);
		if (!u[i] || (!k && !utf8_cut(u + i, n - i)))
			return 1;
		i += k ? k : n - i; /* a sequence cut at the end is text */
	}
	return 0;
}

static void hex_dump(const char *p, size_t n, size_t per, wb_buf *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t off = 0; off < n; off += per) {
		if (off)
			wb_buf_addc(out, '\n');
		wb_buf_printf(out, "%04zx ", off);
		for (size_t i = 0; i < per; i++) {
			unsigned char c = off + i < n ? (unsigned char)p[off + i] : 0;
			char cell[3] = { ' ', ' ', ' ' };
			if (off + i < n)
				cell[1] = hex[c >> 4], cell[2] = hex[c & 15];
			wb_buf_add(out, cell, 3);
		}
		wb_buf_adds(out, "  ");
		for (size_t i = off; i < n && i < off + per; i++)
			wb_buf_addc(out, p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '.');
	}
}

static void text_lines(const char *p, size_t n, wb_buf *out)
{
	const unsigned char *u = (const unsigned char *)p;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(u + i, n - i);
		if (u[i] == '\n') {
			wb_buf_addc(out, '\n');
			k = 1;
		} else if (k == 1 && (u[i] < 0x20 || u[i] == 0x7f)) {
			ui_glyph_put(out, u[i]);
		} else if (k) {
			wb_buf_add(out, p + i, k);
		} else {
			ui_glyph_put(out, u[i]);
			k = 1;
		}
		i += k;
	}
}

static int pretty_json(const char *p, size_t n, wb_buf *out)
{
	json_error_t err;
	json_t *j = json_loadb(p, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES,
			     &err);
	if (!j)
		return 0;
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_ENCODE_ANY |
				    JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!s)
		return 0;
	wb_buf_adds(out, s);
	free(s);
	return 1;
}

/* The body is the peer's: C1 controls and bidi overrides in valid UTF-8
 * (and what JSON pretty-printing decoded) become visible escapes. */
static void make_safe(wb_buf *out)
{
	if (wb_text_is_safe(out->p ? out->p : "", out->n, WB_SAFE_KEEP_NL))
		return;
	wb_buf safe = WB_BUF_INIT;
	if (wb_text_safe(&safe, out->p, out->n, WB_SAFE_KEEP_NL) == WB_OK) {
		wb_buf_free(out);
		*out = safe;
	} else {
		wb_buf_free(&safe);
		wb_buf_clear(out);
	}
}

void ui_resp_preview(const ui_resp_body *b, const char *ctype, size_t per,
		     wb_buf *out)
{
	const char *p = b->head.p ? b->head.p : "";
	size_t n = b->head.n;
	wb_buf_clear(out);
	int json = ctype && strcasestr(ctype, "json") && pretty_json(p, n, out);
	if (!json && ui_resp_is_binary(p, n))
		hex_dump(p, n, per ? per : 8, out);
	else if (!json)
		text_lines(p, n, out);
	make_safe(out);
	while (out->n && out->p[out->n - 1] == '\n')
		out->p[--out->n] = '\0';
}
