/* glyph.c - visible forms of bytes for the wire and response panels. */
#include "glyph.h"

int ui_glyph_cols(unsigned char c)
{
	if (c == '\r' || c == '\n' || c == '\t')
		return 1;
	return c < 0x20 || c >= 0x7f ? 4 : 1;
}

int ui_glyph_put(wb_buf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	switch (c) {
	case '\r': wb_buf_adds(out, "\xe2\x90\x8d"); return 1; /* ␍ */
	case '\n': wb_buf_adds(out, "\xe2\x90\x8a"); return 1; /* ␊ */
	case '\t': wb_buf_adds(out, "\xe2\x90\x89"); return 1; /* ␉ */
	default: break;
	}
	if (c < 0x20 || c >= 0x7f) {
		char x[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
		wb_buf_add(out, x, 4);
		return 1;
	}
	wb_buf_addc(out, (char)c);
	return 0;
}

void ui_glyph_puts(wb_buf *out, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ui_glyph_put(out, (unsigned char)p[i]);
}

size_t ui_text_cols(const char *s, size_t n)
{
	size_t cols = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
	return cols;
}

size_t ui_text_fit(const char *s, size_t n, size_t cols)
{
	size_t used = 0, i = 0;
	while (i < n) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (used == cols)
				break;
			used++;
		}
		i++;
	}
	return i;
}
