/* scroll.c - scroll position, follow mode and search over a line list. */
#include "scroll.h"

#include <string.h>
#include <strings.h>

void ui_scroll_init(ui_scroll *s)
{
	*s = (ui_scroll){ .follow = 1, .mark = -1 };
}

size_t ui_scroll_max_top(const ui_scroll *s)
{
	return s->total > s->height ? s->total - s->height : 0;
}

static void clamp(ui_scroll *s)
{
	size_t max = ui_scroll_max_top(s);
	if (s->follow || s->top > max)
		s->top = max;
	if (s->mark >= (long)s->total)
		s->mark = -1;
}

void ui_scroll_resize(ui_scroll *s, size_t total, size_t height)
{
	s->total = total;
	s->height = height;
	clamp(s);
}

void ui_scroll_shift(ui_scroll *s, size_t n)
{
	s->top = s->top > n ? s->top - n : 0;
	if (s->mark >= 0)
		s->mark = s->mark >= (long)n ? s->mark - (long)n : -1;
	s->total = s->total > n ? s->total - n : 0;
	clamp(s);
}

void ui_scroll_by(ui_scroll *s, long delta)
{
	size_t max = ui_scroll_max_top(s);
	if (delta < 0)
		s->top = (size_t)-delta > s->top ? 0 : s->top - (size_t)-delta;
	else
		s->top = s->top + (size_t)delta > max ? max
						      : s->top + (size_t)delta;
	s->follow = s->top == max;
}

void ui_scroll_page(ui_scroll *s, long pages)
{
	long step = s->height > 1 ? (long)s->height - 1 : 1;
	ui_scroll_by(s, pages * step);
}

void ui_scroll_home(ui_scroll *s)
{
	s->top = 0;
	s->follow = ui_scroll_max_top(s) == 0;
}

void ui_scroll_end(ui_scroll *s)
{
	s->follow = 1;
	clamp(s);
}

void ui_scroll_cursor(ui_scroll *s, long delta)
{
	if (!s->total)
		return;
	long last = (long)s->total - 1, at;
	if (s->mark < 0) {
		size_t bottom = s->top + (s->height ? s->height - 1 : 0);
		at = delta < 0 ? (long)(bottom < s->total ? bottom : s->total - 1)
			       : (long)s->top;
	} else {
		at = s->mark + delta;
	}
	s->mark = at < 0 ? 0 : at > last ? last : at;
	if ((size_t)s->mark < s->top)
		s->top = (size_t)s->mark;
	else if (s->height && (size_t)s->mark >= s->top + s->height)
		s->top = (size_t)s->mark - s->height + 1;
	s->follow = s->top == ui_scroll_max_top(s) && s->mark == last;
}

void ui_scroll_show(ui_scroll *s, size_t line)
{
	if (line >= s->total)
		return;
	s->mark = (long)line;
	if (line < s->top || line >= s->top + s->height) {
		size_t third = s->height / 3;
		s->top = line > third ? line - third : 0;
	}
	size_t max = ui_scroll_max_top(s);
	if (s->top > max)
		s->top = max;
	s->follow = s->top == max && line + 1 == s->total;
}

static int contains(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k && i + k <= n; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

long ui_search(size_t total, long from, int dir, const char *needle,
	       ui_line_text_fn text, void *arg)
{
	if (!total || !needle || !*needle)
		return -1;
	wb_buf b = WB_BUF_INIT;
	long found = -1, n = (long)total;
	long start = from < 0 ? (dir > 0 ? -1 : n) : from;
	for (long step = 1; step <= n && found < 0; step++) {
		long i = ((start + (dir > 0 ? step : -step)) % n + n) % n;
		text(arg, (size_t)i, &b);
		if (b.p && contains(b.p, b.n, needle))
			found = i;
	}
	wb_buf_free(&b);
	return found;
}

long ui_seek(size_t total, long from, int dir, ui_line_pred_fn pred,
	     void *arg)
{
	for (long i = from + (dir > 0 ? 1 : -1); i >= 0 && i < (long)total;
	     i += dir > 0 ? 1 : -1)
		if (pred(arg, (size_t)i))
			return i;
	return -1;
}
