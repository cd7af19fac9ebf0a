/* lex.c - shell-like word splitting with C escapes. */
#include "lex.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* \uNNNN: the code point U+NNNN. */
static size_t unicode_escape(const char *p, wb_buf *w, wb_buf *msg)
{
	uint32_t c = 0;
	for (int i = 1; i <= 4; i++) {
		int v = wb_hexval(p[i]);
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
		if (wb_hexval(p[1]) >= 0 && wb_hexval(p[2]) >= 0) {
			wb_text_put(w, (uint32_t)(wb_hexval(p[1]) * 16 + wb_hexval(p[2])));
			return 3;
		}
		wb_buf_adds(msg, "\\x needs two hex digits");
		return 0;
	case 'u':
		return unicode_escape(p, w, msg);
	default:
		wb_buf_printf(msg, "unknown escape \\%c (use \\r \\n \\t \\\\ "
				   "\\\" \\$ \\xNN \\uNNNN)", *p ? *p : ' ');
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

/* One line being split: where expansions come from and the first error. */
typedef struct lexer {
	wb_lex_lookup lookup;
	void *arg;
	wb_buf *msg;
	wb_err err;
} lexer;

static const char *fail(lexer *lx, wb_err e, const char *text)
{
	wb_buf_adds(lx->msg, text);
	lx->err = e;
	return NULL;
}

/* p is at "${": appends the variable's value; returns the text after '}'. */
static const char *expand(lexer *lx, const char *p, wb_buf *w)
{
	const char *name = p + 2, *end = strchr(name, '}');
	if (!end)
		return fail(lx, WB_E_SYNTAX, "unterminated ${ (write ${NAME})");
	size_t n = (size_t)(end - name);
	if (!lx->lookup) {
		wb_buf_printf(lx->msg, "variable '%.*s' is not set", (int)n,
			      name);
		lx->err = WB_E_NAME;
		return NULL;
	}
	wb_err e = lx->lookup(lx->arg, name, n, w, lx->msg);
	if (e) {
		lx->err = e;
		return NULL;
	}
	return end + 1;
}

static int is_var(const char *p)
{
	return p[0] == '$' && p[1] == '{';
}

static const char *double_quoted(lexer *lx, const char *p, wb_buf *w)
{
	while (*p && *p != '"') {
		if (is_var(p)) {
			if (!(p = expand(lx, p, w)))
				return NULL;
			continue;
		}
		if (*p != '\\') {
			wb_buf_addc(w, *p++);
			continue;
		}
		if (p[1] == '$') {
			wb_buf_addc(w, '$');
			p += 2;
			continue;
		}
		size_t used = escape(p + 1, w, lx->msg);
		if (!used) {
			lx->err = WB_E_SYNTAX;
			return NULL;
		}
		p += 1 + used;
	}
	if (!*p)
		return fail(lx, WB_E_SYNTAX, "unterminated double quote");
	return p + 1;
}

static const char *single_quoted(lexer *lx, const char *p, wb_buf *w)
{
	const char *end = strchr(p, '\'');
	if (!end)
		return fail(lx, WB_E_SYNTAX, "unterminated single quote");
	wb_buf_add(w, p, (size_t)(end - p));
	return end + 1;
}

static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* The bytes that end a literal run: NUL, blanks, quotes, backslash and
 * '$' (a table: one test a byte). */
static const unsigned char run_end[256] = {
	[0] = 1,    [' '] = 1,  ['\t'] = 1, ['\r'] = 1, ['\n'] = 1,
	['"'] = 1,  ['\''] = 1, ['\\'] = 1, ['$'] = 1,
};

/* Length of the run at p that is copied as it is. */
static size_t literal_run(const char *p)
{
	size_t n = 0;
	while (!run_end[(unsigned char)p[n]])
		n++;
	return n;
}

/* One word starting at p; returns the text after it, or NULL on error. */
static const char *word(lexer *lx, const char *p, wb_buf *w, int *quoted)
{
	while (p && *p && !blank(*p)) {
		size_t run = literal_run(p);
		if (run) {
			wb_buf_add(w, p, run);
			p += run;
			continue;
		}
		if (*p == '"' || *p == '\'') {
			*quoted = 1;
			p = *p == '"' ? double_quoted(lx, p + 1, w)
				      : single_quoted(lx, p + 1, w);
		} else if (is_var(p)) {
			p = expand(lx, p, w);
		} else if (*p == '\\' && p[1]) {
			wb_buf_addc(w, p[1]);
			p += 2;
		} else {
			wb_buf_addc(w, *p++);
		}
	}
	return p;
}

wb_err wb_lex_vars(const char *line, wb_lex_lookup lookup, void *arg,
		   wb_words *out, wb_buf *msg)
{
	*out = (wb_words){ 0 };
	return wb_lex_vars_reuse(line, lookup, arg, out, msg);
}

wb_err wb_lex_vars_reuse(const char *line, wb_lex_lookup lookup, void *arg,
			 wb_words *out, wb_buf *msg)
{
	const char *p = line;
	collect c = { { out->arena, 0, out->arena_cap, 0 },
		      { (char *)(void *)out->w, 0, out->w_cap, 0 } };
	lexer lx = { lookup, arg, msg, WB_OK };
	*out = (wb_words){ 0 };
	for (;;) {
		while (blank(*p))
			p++;
		if (!*p || *p == '#')
			break;
		int quoted = 0;
		size_t start = c.text.n;
		p = word(&lx, p, &c.text, &quoted);
		if (!p || add_word(&c, start, quoted)) {
			wb_buf_free(&c.text);
			wb_buf_free(&c.words);
			return p ? WB_E_NOMEM : lx.err;
		}
	}
	finish(&c, out);
	return WB_OK;
}

wb_err wb_lex(const char *line, wb_words *out, wb_buf *msg)
{
	return wb_lex_vars(line, NULL, NULL, out, msg);
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
