/* shword.c - POSIX shell quoting, for pasted command lines. */
#include "shword.h"

#include <string.h>

#include "base/text.h"

typedef struct sh {
	const char *s, *p;
	wb_buf w;
	wb_buf *msg;
} sh;

/* Reports a syntax error at position at, as "line L, column C". */
static wb_err fail_at(sh *x, const char *at, const char *what)
{
	size_t line = 1, col = 1;
	for (const char *q = x->s; q < at; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	wb_buf_printf(x->msg, "%s at line %zu, column %zu", what, line, col);
	return WB_E_SYNTAX;
}

static int hexdig(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

/* Reads up to max digits of base 8 or 16 at p; returns the count. */
static int digits(const char *p, int base, int max, unsigned long *v)
{
	int k = 0;
	*v = 0;
	while (k < max) {
		int d = base == 8 ? (p[k] >= '0' && p[k] <= '7' ? p[k] - '0' : -1)
				  : hexdig(p[k]);
		if (d < 0)
			break;
		*v = *v * (unsigned long)base + (unsigned long)d;
		k++;
	}
	return k;
}

static const char simple_esc[] = "a\ab\be\033E\033f\fn\nr\rt\tv\v\\\\''\"\"??";

/* One escape of $'...' after the backslash at x->p; returns 0 or error. */
static wb_err ansi_escape(sh *x)
{
	const char *at = x->p - 1;
	char c = *x->p++;
	unsigned long v;
	int k;
	for (size_t i = 0; simple_esc[i]; i += 2)
		if (simple_esc[i] == c)
			return wb_buf_addc(&x->w, simple_esc[i + 1]);
	if (c >= '0' && c <= '7') {
		k = digits(x->p - 1, 8, 3, &v);
		x->p += k - 1;
	} else if (c == 'x' && (k = digits(x->p, 16, 2, &v)) > 0) {
		x->p += k;
	} else if ((c == 'u' || c == 'U') &&
		   (k = digits(x->p, 16, c == 'u' ? 4 : 8, &v)) > 0) {
		x->p += k;
		if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return fail_at(x, at, "bad \\u code point");
		/* the shell writes the character's UTF-8 bytes */
		wb_buf tmp = WB_BUF_INIT;
		wb_err e = wb_text_put(&tmp, (uint32_t)v);
		if (!e && v == 0)
			e = WB_E_VALUE;
		if (!e)
			e = wb_buf_add(&x->w, tmp.p, tmp.n);
		wb_buf_free(&tmp);
		return e == WB_E_VALUE ? fail_at(x, at, "NUL byte in a word")
				       : e;
	} else if (c == 'c' && *x->p) {
		v = (unsigned long)(*x->p++ & 0x1f);
	} else {
		/* bash keeps an unknown escape as it is */
		wb_buf_addc(&x->w, '\\');
		return c ? wb_buf_addc(&x->w, c) : fail_at(x, at, "unterminated $'");
	}
	if ((v & 0xff) == 0)
		return fail_at(x, at, "NUL byte in a word");
	return wb_buf_addc(&x->w, (char)(v & 0xff));
}

static wb_err ansi_quoted(sh *x)
{
	const char *open = x->p - 2;
	while (*x->p && *x->p != '\'') {
		if (*x->p == '\\') {
			x->p++;
			wb_err e = ansi_escape(x);
			if (e)
				return e;
		} else {
			wb_buf_addc(&x->w, *x->p++);
		}
	}
	if (!*x->p)
		return fail_at(x, open, "unterminated $' quote opened");
	x->p++;
	return WB_OK;
}

static wb_err single_quoted(sh *x)
{
	const char *open = x->p - 1;
	const char *end = strchr(x->p, '\'');
	if (!end)
		return fail_at(x, open, "unterminated single quote opened");
	wb_buf_add(&x->w, x->p, (size_t)(end - x->p));
	x->p = end + 1;
	return WB_OK;
}

static wb_err double_quoted(sh *x)
{
	const char *open = x->p - 1;
	while (*x->p && *x->p != '"') {
		char c = *x->p;
		if (c == '$' || c == '`')
			return fail_at(x, x->p, "shell expansion ($ or `) is "
						"not supported");
		if (c == '\\' && x->p[1] && strchr("$`\"\\\n", x->p[1])) {
			if (x->p[1] != '\n')
				wb_buf_addc(&x->w, x->p[1]);
			x->p += 2;
			continue;
		}
		wb_buf_addc(&x->w, c);
		x->p++;
	}
	if (!*x->p)
		return fail_at(x, open, "unterminated double quote opened");
	x->p++;
	return WB_OK;
}

/* A backslash outside quotes: newline (LF or CR LF) joins lines. */
static wb_err backslash(sh *x, int *any)
{
	x->p++;
	if (*x->p == '\n' || (x->p[0] == '\r' && x->p[1] == '\n')) {
		x->p += *x->p == '\r' ? 2 : 1;
		return WB_OK;
	}
	if (!*x->p)
		return fail_at(x, x->p - 1, "backslash at the end of the line");
	*any = 1;
	return wb_buf_addc(&x->w, *x->p++);
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* One word starting at x->p into x->w; *any says a word was there. */
static wb_err word(sh *x, int *any)
{
	wb_err e = WB_OK;
	while (!e && *x->p && !blank(*x->p)) {
		char c = *x->p;
		if (c == '\'') {
			x->p++;
			e = single_quoted(x);
		} else if (c == '"') {
			x->p++;
			e = double_quoted(x);
		} else if (c == '$' && x->p[1] == '\'') {
			x->p += 2;
			e = ansi_quoted(x);
		} else if (c == '\\') {
			e = backslash(x, any);
			continue;
		} else if (strchr("$`|&;<>()", c)) {
			return fail_at(x, x->p, c == '$' || c == '`'
							? "shell expansion ($ or `) is "
							  "not supported"
							: "shell operator is not "
							  "supported");
		} else {
			wb_buf_addc(&x->w, *x->p++);
		}
		*any = 1;
	}
	return e;
}

wb_err wb_shword_split(const char *s, wb_lines *out, wb_buf *msg)
{
	sh x = { s, s, WB_BUF_INIT, msg };
	wb_err e = WB_OK;
	*out = (wb_lines){ 0 };
	while (!e) {
		while (blank(*x.p) ||
		       (*x.p == '\\' && (x.p[1] == '\n' ||
					 (x.p[1] == '\r' && x.p[2] == '\n'))))
			x.p += *x.p == '\\' ? (x.p[1] == '\r' ? 3 : 2) : 1;
		if (!*x.p)
			break;
		if (*x.p == '#') {
			x.p += strcspn(x.p, "\n");
			continue;
		}
		int any = 0;
		wb_buf_clear(&x.w);
		e = word(&x, &any);
		if (!e && any)
			e = wb_lines_add(out, x.w.p ? x.w.p : "");
	}
	wb_buf_free(&x.w);
	if (e)
		wb_lines_free(out);
	return e;
}
