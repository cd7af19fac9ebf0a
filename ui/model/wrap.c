/* wrap.c - word wrapping at spaces, on code point boundaries. */
#include "wrap.h"

static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

size_t ui_wrap_row(const char *s, size_t n, size_t cols, size_t *next)
{
	size_t i = 0, used = 0, brk = 0;
	if (cols == 0)
		cols = 1;
	while (i < n) {
		if (!is_cont((unsigned char)s[i])) {
			if (used == cols)
				break;
			used++;
		}
		if (s[i] == ' ')
			brk = i; /* a row may end just before this space */
		i++;
	}
	if (i < n && brk > 0 && s[i] != ' ') {
		i = brk; /* the last word does not fit: move it down */
	}
	size_t end = i;
	while (end > 0 && s[end - 1] == ' ')
		end--; /* trailing spaces are not shown */
	while (i < n && s[i] == ' ')
		i++;
	*next = i;
	return end;
}

size_t ui_wrap_rows(const char *s, size_t n, size_t cols)
{
	size_t rows = 0, at = 0;
	do {
		size_t next;
		ui_wrap_row(s + at, n - at, cols, &next);
		at += next ? next : n - at;
		rows++;
	} while (at < n);
	return rows;
}
