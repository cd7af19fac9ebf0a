/* reqhead.c - request line and header line rules of http.client. */
#include "reqhead.h"

#include <string.h>

#include "base/text.h"

wb_err wb_reqhead_ctl_error(wb_buf *msg, const char *what, const char *s,
			   const char *bad, const char *tail, wb_err e)
{
	wb_buf_printf(msg, "%s can't contain control characters. ", what);
	wb_text_repr(msg, s, strlen(s));
	wb_buf_adds(msg, " (found at least ");
	wb_text_repr_char(msg, bad);
	wb_buf_printf(msg, "%s)", tail);
	return e;
}

wb_err wb_reqhead_check_method(const char *method, wb_buf *msg)
{
	const char *bad = wb_text_find_ctl(method, 0x1f, 0x1f);
	if (bad)
		return wb_reqhead_ctl_error(msg, "method", method, bad, "",
					    WB_E_VALUE);
	return WB_OK;
}

wb_err wb_reqhead_check_url(const char *url, wb_buf *msg)
{
	const char *bad = wb_text_find_ctl(url, 0x20, 0x7f);
	if (bad)
		return wb_reqhead_ctl_error(msg, "URL", url, bad, "",
					    WB_E_INVALID_URL);
	return WB_OK;
}

wb_err wb_reqhead_request_line(const char *method, const char *url,
			       wb_buf *line, wb_buf *msg)
{
	size_t mn = strlen(method), un = strlen(url);
	if (wb_text_ascii_run(method, mn) == mn &&
	    wb_text_ascii_run(url, un) == un) { /* encodes to itself */
		if (wb_buf_add(line, method, mn) || wb_buf_addc(line, ' ') ||
		    wb_buf_add(line, url, un) ||
		    wb_buf_add(line, " HTTP/1.1", 9))
			return WB_E_NOMEM;
		return WB_OK;
	}
	wb_buf text = WB_BUF_INIT;
	wb_buf_adds(&text, method);
	wb_buf_addc(&text, ' ');
	wb_buf_adds(&text, url);
	wb_buf_add(&text, " HTTP/1.1", 9);
	wb_err e = wb_text_encode(text.p, text.n, "ascii", line, msg, NULL);
	wb_buf_free(&text);
	return e;
}

static int is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

wb_err wb_reqhead_check_name(const char *p, size_t n, wb_buf *msg)
{
	int ok = n > 0 && !is_space((unsigned char)p[0]) && p[0] != ':';
	for (size_t i = 0; ok && i < n; i++)
		ok = p[i] != ':' && p[i] != '\r' && p[i] != '\n';
	if (ok)
		return WB_OK;
	wb_buf_adds(msg, "Invalid header name ");
	wb_text_repr_bytes(msg, p, n);
	return WB_E_VALUE;
}

wb_err wb_reqhead_name(const char *name, size_t n, wb_buf *out, wb_buf *msg)
{
	size_t start = out->n;
	wb_err e = wb_text_encode(name, n, "ascii", out, msg, NULL);
	if (e == WB_OK)
		e = wb_reqhead_check_name(out->p + start, out->n - start, msg);
	return e;
}

wb_err wb_reqhead_check_value(const char *p, size_t n, wb_buf *msg)
{
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)p[i] > '\r') /* neither CR nor LF */
			continue;
		char next = i + 1 < n ? p[i + 1] : '\0';
		int ok = 1;
		if (p[i] == '\n')
			ok = next == ' ' || next == '\t';
		else if (p[i] == '\r')
			ok = next == ' ' || next == '\t' || next == '\n';
		if (!ok) {
			wb_buf_adds(msg, "Invalid header value ");
			wb_text_repr_bytes(msg, p, n);
			return WB_E_VALUE;
		}
	}
	return WB_OK;
}

wb_err wb_reqhead_value(const char *v, size_t n, wb_buf *out, wb_buf *msg)
{
	size_t start = out->n;
	wb_err e = wb_text_encode(v, n, "latin-1", out, msg, NULL);
	if (e == WB_OK)
		e = wb_reqhead_check_value(out->p + start, out->n - start, msg);
	return e;
}
