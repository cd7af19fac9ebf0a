/* pyint.c - Python int() parsing (see pyint.h). */
#include "pyint.h"

/* sys.int_info.default_max_str_digits: int(str) refuses longer decimals. */
#define PY_MAX_STR_DIGITS 4300

static int is_space(unsigned char c, wb_pyint_text text)
{
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	/* int(str) maps non-ASCII whitespace to ' '; 0x1C-0x1F stay as they
	 * are and are then rejected by the ASCII-only parser. */
	return text == WB_PYINT_LATIN1 && (c == 0x85 || c == 0xA0);
}

static int digit_value(unsigned char c, int base)
{
	int v = -1;
	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	return v < base ? v : -1;
}

/* Accumulates the digits at s[*i]; returns the digit count or -1. */
static long digits(const char *s, size_t n, size_t *i, int base,
		   uint64_t *mag, wb_pyint *out)
{
	long count = 0;
	int prev_us = 0;
	for (; *i < n; (*i)++) {
		unsigned char c = (unsigned char)s[*i];
		if (c == '_') {
			if (prev_us || count == 0)
				return -1;
			prev_us = 1;
			out->flags |= WB_PYINT_UNDERSCORE;
			continue;
		}
		int d = digit_value(c, base);
		if (d < 0)
			break;
		prev_us = 0;
		count++;
		if (*mag > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			out->overflow = 1;
		else
			*mag = *mag * (uint64_t)base + (uint64_t)d;
	}
	return prev_us ? -1 : count;
}

static void set_value(wb_pyint *out, uint64_t mag, int neg)
{
	if (mag > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
		out->overflow = 1;
	if (out->overflow)
		out->value = neg ? INT64_MIN : INT64_MAX;
	else if (neg)
		out->value = mag ? -(int64_t)(mag - 1) - 1 : 0;
	else
		out->value = (int64_t)mag;
}

int wb_pyint_parse(const char *s, size_t n, int base, wb_pyint_text text,
		   wb_pyint *out)
{
	size_t i = 0;
	int neg = 0;
	uint64_t mag = 0;
	if (base == 10 && n && n <= 18) { /* plain digits: fits, no flags */
		for (; i < n && (unsigned)(s[i] - '0') <= 9; i++)
			mag = mag * 10 + (uint64_t)(s[i] - '0');
		if (i == n) {
			*out = (wb_pyint){ (int64_t)mag, 0, 0 };
			return 0;
		}
		i = 0;
		mag = 0;
	}
	*out = (wb_pyint){ 0, 0, 0 };
	while (i < n && is_space((unsigned char)s[i], text))
		i++;
	if (i > 0)
		out->flags |= WB_PYINT_SPACE;
	if (i < n && (s[i] == '+' || s[i] == '-')) {
		neg = s[i++] == '-';
		out->flags |= WB_PYINT_SIGN;
	}
	if (base == 16 && i + 1 < n && s[i] == '0' &&
	    (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		i += 2;
		out->flags |= WB_PYINT_PREFIX;
		if (i < n && s[i] == '_') { /* one underscore may follow 0x */
			i++;
			out->flags |= WB_PYINT_UNDERSCORE;
			if (i < n && s[i] == '_')
				return -1;
		}
	}
	long count = digits(s, n, &i, base, &mag, out);
	if (count <= 0 || (base == 10 && count > PY_MAX_STR_DIGITS))
		return -1;
	size_t end = i;
	while (i < n && is_space((unsigned char)s[i], text))
		i++;
	if (i != n)
		return -1;
	if (i > end)
		out->flags |= WB_PYINT_SPACE;
	set_value(out, mag, neg);
	return 0;
}
