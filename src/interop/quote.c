/* quote.c - words that read back as the bytes they stand for. */
#include "quote.h"

#include <string.h>

static const char *const keywords[] = { "encode_chunked", "skip_host",
					"skip_accept_encoding", NULL };

static int bare_cmd(const char *p, size_t n)
{
	if (!n || strchr("#@-", p[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c <= 0x20 || c >= 0x7f || strchr("\"'\\$", c))
			return 0;
	}
	for (size_t k = 0; keywords[k]; k++)
		if (strlen(keywords[k]) == n && !memcmp(keywords[k], p, n))
			return 0;
	return 1;
}

/* One byte inside a double-quoted word. */
static wb_err dq_byte(wb_buf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char x[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
	if (c == '\r')
		return wb_buf_add(out, "\\r", 2);
	if (c == '\n')
		return wb_buf_add(out, "\\n", 2);
	if (c == '\t')
		return wb_buf_add(out, "\\t", 2);
	if (c == '\\' || c == '"' || c == '$')
		return wb_buf_add(out, x, 1) ? WB_E_NOMEM : wb_buf_addc(out, (char)c);
	if (c < 0x20 || c >= 0x7f)
		return wb_buf_add(out, x, 4);
	return wb_buf_addc(out, (char)c);
}

wb_err wb_quote_cmd(wb_buf *out, const char *p, size_t n)
{
	if (bare_cmd(p, n))
		return wb_buf_add(out, p, n);
	wb_err e = wb_buf_addc(out, '"');
	for (size_t i = 0; !e && i < n; i++)
		e = dq_byte(out, (unsigned char)p[i]);
	return e ? e : wb_buf_addc(out, '"');
}

/* ${NAME} at p (letters, digits, _, not a digit first): its length,
 * else 0. */
static size_t var_ref(const char *p, size_t n)
{
	if (n < 4 || p[0] != '$' || p[1] != '{' || (p[2] >= '0' && p[2] <= '9'))
		return 0;
	size_t i = 2;
	while (i < n && (p[i] == '_' || (p[i] >= 'a' && p[i] <= 'z') ||
			 (p[i] >= 'A' && p[i] <= 'Z') ||
			 (p[i] >= '0' && p[i] <= '9')))
		i++;
	return i > 2 && i < n && p[i] == '}' ? i + 1 : 0;
}

wb_err wb_quote_tmpl(wb_buf *out, const char *p, size_t n)
{
	wb_err e = wb_buf_addc(out, '"');
	size_t i = 0, ref;
	while (!e && i < n) {
		if (p[i] == '$' && i + 1 < n && p[i + 1] == '$') {
			e = dq_byte(out, '$');
			i += 2;
		} else if ((ref = var_ref(p + i, n - i))) {
			e = wb_buf_add(out, p + i, ref);
			i += ref;
		} else {
			e = dq_byte(out, (unsigned char)p[i++]);
		}
	}
	return e ? e : wb_buf_addc(out, '"');
}

static int bare_sh(const char *p, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("-_./:@,+=%", c)))
			return 0;
	}
	return 1;
}

wb_err wb_quote_sh(wb_buf *out, const char *p, size_t n)
{
	if (bare_sh(p, n))
		return wb_buf_add(out, p, n);
	wb_err e = wb_buf_addc(out, '\'');
	for (size_t i = 0; !e && i < n; i++)
		e = p[i] == '\'' ? wb_buf_adds(out, "'\\''")
				 : wb_buf_addc(out, p[i]);
	return e ? e : wb_buf_addc(out, '\'');
}

wb_err wb_quote_printf(wb_buf *out, const char *p, size_t n)
{
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '%')
			e = wb_buf_adds(out, "%%");
		else if (c == '\\')
			e = wb_buf_adds(out, "\\\\");
		else if (c < 0x20 || c >= 0x7f || c == '\'')
			e = wb_buf_printf(out, "\\%03o", c);
		else
			e = wb_buf_addc(out, (char)c);
	}
	return e;
}

