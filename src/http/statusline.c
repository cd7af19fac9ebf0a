/* statusline.c - HTTP status line parsing (see statusline.h). */
#include "statusline.h"

#include <string.h>
#include "base/pyint.h"

int wb_statusline_isspace(unsigned char c)
{
	if (c > 0x20 && c < 0x80) /* printable ASCII: the usual byte */
		return 0;
	return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) ||
	       c == 0x85 || c == 0xA0;
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
	while (i < n && wb_statusline_isspace((unsigned char)s[i]))
		i++;
	return i;
}

static size_t skip_word(const char *s, size_t n, size_t i)
{
	while (i < n && !wb_statusline_isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* The reason: the rest of the line from i, str.strip()ped. */
static void set_reason(wb_status *st, const char *s, size_t n, size_t i)
{
	size_t end = n;
	while (end > i && wb_statusline_isspace((unsigned char)s[end - 1]))
		end--;
	st->reason_off = i;
	st->reason_len = end - i;
}

wb_err wb_statusline_parse(const char *line, size_t n, wb_status *st)
{
	memset(st, 0, sizeof *st);
	size_t v = skip_space(line, n, 0), ve = skip_word(line, n, v);
	size_t c = skip_space(line, n, ve), ce = skip_word(line, n, c);
	size_t rs = skip_space(line, n, ce);
	if (c == n)
		return WB_E_BAD_STATUS_LINE; /* split() gave one field or none */
	st->ver_off = v;
	st->ver_len = ve - v;
	st->code_off = c;
	/* with only two fields Python takes line.split(None, 1)[1]: the code
	 * with the trailing whitespace int() then has to accept */
	st->code_len = (rs == n ? n : ce) - c;
	if (rs < n)
		set_reason(st, line, n, rs);
	else
		st->reason_off = n;
	if (st->ver_len < 5 || memcmp(line + v, "HTTP/", 5) != 0)
		return WB_E_BAD_STATUS_LINE;
	wb_pyint num;
	if (wb_pyint_parse(line + c, st->code_len, 10, WB_PYINT_LATIN1,
			   &num) < 0 ||
	    num.overflow || num.value < 100 || num.value > 999)
		return WB_E_BAD_STATUS_LINE;
	st->code = (int)num.value;
	st->code_flags = num.flags;
	return WB_OK;
}

int wb_statusline_version(const char *v, size_t n)
{
	if ((n == 8 && memcmp(v, "HTTP/1.0", 8) == 0) ||
	    (n == 8 && memcmp(v, "HTTP/0.9", 8) == 0))
		return 10;
	if (n >= 7 && memcmp(v, "HTTP/1.", 7) == 0)
		return 11;
	return 0;
}
