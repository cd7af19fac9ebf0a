/* lex.c - shell-like word splitting with C escapes. */
#include "lex.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* \uNNNN: the code point U+NNNN. */
static size_t unicode_escape(const char *p, wb_buf *w, wb_buf *msg)
{
	uint32_t c = 0;
	for (int i = 1; i <= 4; i++) {
		int v = hexval(p[i]);
		if (v < 0) {
			wb_buf_adds(msg, "\\u needs four hex digits");
			return 0;
		}
		c = c * 16 + (uint32_t)v;
	}
	if (c >= 0xD800 && c <= 0xDFFF) {
		wb_buf_adds(msg, "\\u cannot name a surrogate");
		return 0;
	}
	wb_text_put(w, c);
	return 5;
}

/* One escape after a backslash inside double quotes; returns bytes used. */
static size_t escape(const char *p, wb_buf *w, wb_buf *msg)
{
	switch (*p) {
	case 'r': wb_buf_addc(w, '\r'); return 1;
	case 'n': wb_buf_addc(w, '\n'); return 1;
	case 't': wb_buf_addc(w, '\t'); return 1;
	case '0': wb_text_put(w, 0); return 1;
	case '\\': wb_buf_addc(w, '\\'); return 1;
	case '"': wb_buf_addc(w, '"'); return 1;
	case 'x':
		if (hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			wb_text_put(w, (uint32_t)(hexval(p[1]) * 16 + hexval(p[2])));
			return 3;
		}
		wb_buf_adds(msg, "\\x needs two hex digits");
		return 0;
	case 'u':
		return unicode_escape(p, w, msg);
	default:
		wb_buf_printf(msg, "unknown escape \\%c (use \\r \\n \\t \\\\ "
				   "\\\" \\xNN \\uNNNN)", *p ? *p : ' ');
		return 0;
	}
}

/* Words are built in place in one text arena and listed in one array: a
 * command line costs two allocations whatever its length, and none when
 * the storage of an earlier line is reused. */
typedef struct collect {
	wb_buf text;
	wb_buf words; /* wb_word entries whose s holds an offset into text */
} collect;

/* Ends the word that started at text offset start. */
static wb_err add_word(collect *c, size_t start, int quoted)
{
	wb_word word = { .s = (char *)(uintptr_t)start,
			 .n = c->text.n - start, .quoted = quoted };
	if (wb_buf_add(&c->text, "", 1) ||
	    wb_buf_add(&c->words, &word, sizeof word))
		return WB_E_NOMEM;
	return WB_OK;
}

static void finish(collect *c, wb_words *out)
{
	out->n = c->words.n / sizeof(wb_word);
	out->w = (wb_word *)(void *)c->words.p;
	out->arena = c->text.p;
	out->arena_cap = c->text.cap;
	out->w_cap = c->words.cap;
	for (size_t i = 0; i < out->n; i++)
		out->w[i].s = c->text.p + (uintptr_t)out->w[i].s;
}

static const char *double_quoted(const char *p, wb_buf *w, wb_buf *msg)
{
	while (*p && *p != '"') {
		if (*p != '\\') {
			wb_buf_addc(w, *p++);
			continue;
		}
		size_t used = escape(p + 1, w, msg);
		if (!used)
			return NULL;
		p += 1 + used;
	}
	if (!*p) {
		wb_buf_adds(msg, "unterminated double quote");
		return NULL;
	}
	return p + 1;
}

static const char *single_quoted(const char *p, wb_buf *w, wb_buf *msg)
{
	const char *end = strchr(p, '\'');
	if (!end) {
		wb_buf_adds(msg, "unterminated single quote");
		return NULL;
	}
	wb_buf_add(w, p, (size_t)(end - p));
	return end + 1;
}

static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

wb_err wb_lex(const char *line, wb_words *out, wb_buf *msg)
{
	*out = (wb_words){ 0 };
	return wb_lex_reuse(line, out, msg);
}

wb_err wb_lex_reuse(const char *line, wb_words *out, wb_buf *msg)
{
	const char *p = line;
	collect c = { { out->arena, 0, out->arena_cap },
		      { (char *)(void *)out->w, 0, out->w_cap } };
	*out = (wb_words){ 0 };
	for (;;) {
		while (blank(*p))
			p++;
		if (!*p || *p == '#')
			break;
		int quoted = 0;
		size_t start = c.text.n;
		wb_buf *w = &c.text;
		while (p && *p && !blank(*p)) {
			if (*p == '"' || *p == '\'') {
				quoted = 1;
				p = *p == '"' ? double_quoted(p + 1, w, msg)
					      : single_quoted(p + 1, w, msg);
			} else if (*p == '\\' && p[1]) {
				wb_buf_addc(w, p[1]);
				p += 2;
			} else {
				const char *q = p + 1; /* maybe a last \\ */
				while (*q && !blank(*q) && *q != '"' &&
				       *q != '\'' && *q != '\\')
					q++;
				wb_buf_add(w, p, (size_t)(q - p));
				p = q;
			}
		}
		if (!p || add_word(&c, start, quoted)) {
			wb_buf_free(&c.text);
			wb_buf_free(&c.words);
			return p ? WB_E_NOMEM : WB_E_SYNTAX;
		}
	}
	finish(&c, out);
	return WB_OK;
}

void wb_lex_free(wb_words *w)
{
	free(w->arena);
	free(w->w);
	*w = (wb_words){ 0 };
}

int wb_lex_is(const wb_words *w, size_t i, const char *s)
{
	return i < w->n && !w->w[i].quoted && strcmp(w->w[i].s, s) == 0;
}
