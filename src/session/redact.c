/* redact.c - secrets and sensitive header values become a marker. */
#include "redact.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const defaults[] = { "Authorization",
					"Proxy-Authorization", "Cookie",
					"Set-Cookie" };

int wb_redact_active(const wb_redact *r)
{
	return r && (r->headers || r->nnames || r->nsecrets);
}

static int token_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '_';
}

/* Length of the sensitive header name at p (followed by ':'), or 0. */
static size_t header_at(const wb_redact *r, const char *p, size_t n)
{
	for (size_t k = 0; k < 4 + r->nnames; k++) {
		const char *name = k < 4 ? defaults[k] : r->names[k - 4];
		if (k < 4 && !r->headers)
			continue;
		size_t l = strlen(name);
		if (l && l < n && p[l] == ':' && !strncasecmp(p, name, l))
			return l;
	}
	return 0;
}

/* What the redacted text is: raw bytes, escaped text (a repr, a
 * message), or a command line. */
enum { RAW, TEXT, LINE };

/* Where a header value at p ends. In raw bytes it ends at a line end,
 * whatever else it holds (a backslash or a quote is part of a cookie); in
 * escaped text also at a quote or an escaped line end (\r, \n); in a
 * command line at an unescaped quote. */
static size_t value_end(const char *p, size_t n, int mode)
{
	size_t i = 0;
	while (i < n) {
		char c = p[i];
		if (c == '\r' || c == '\n')
			break;
		if (mode == RAW) {
			i++;
			continue;
		}
		if (c == '"' || c == '\'')
			break;
		if (c == '\\' && mode == TEXT && i + 1 < n &&
		    (p[i + 1] == 'r' || p[i + 1] == 'n'))
			break;
		i += c == '\\' && i + 1 < n ? 2 : 1;
	}
	return i;
}

/* Replaces sensitive header values in p[0..n) while appending to out. */
static wb_err headers_pass(const wb_redact *r, const char *p, size_t n,
			   int mode, wb_buf *out)
{
	size_t i = 0;
	while (i < n) {
		size_t l = 0;
		if (i == 0 || !token_char((unsigned char)p[i - 1]))
			l = header_at(r, p + i, n - i);
		if (!l) {
			wb_err e = wb_buf_addc(out, p[i++]);
			if (e)
				return e;
			continue;
		}
		size_t v = i + l + 1;
		while (v < n && (p[v] == ' ' || p[v] == '\t'))
			v++;
		wb_err e = wb_buf_add(out, p + i, v - i);
		if (!e)
			e = wb_buf_adds(out, WB_REDACT_MARKER);
		if (e)
			return e;
		i = v + value_end(p + v, n - v, mode);
	}
	return WB_OK;
}

/* Replaces every secret in p[0..n), appending to out. */
static wb_err secrets_pass(const wb_redact *r, const char *p, size_t n,
			   wb_buf *out)
{
	size_t i = 0;
	while (i < n) {
		size_t hit = 0;
		for (size_t k = 0; k < r->nsecrets && !hit; k++) {
			size_t l = strlen(r->secrets[k]);
			if (l && l <= n - i && !memcmp(p + i, r->secrets[k], l))
				hit = l;
		}
		wb_err e = hit ? wb_buf_adds(out, WB_REDACT_MARKER)
			       : wb_buf_addc(out, p[i]);
		if (e)
			return e;
		i += hit ? hit : 1;
	}
	return WB_OK;
}

static wb_err redact(const wb_redact *r, const char *p, size_t n, int mode,
		     wb_buf *out)
{
	if (!wb_redact_active(r))
		return wb_buf_add(out, p, n);
	wb_buf tmp = WB_BUF_INIT;
	wb_err e = secrets_pass(r, p, n, &tmp);
	if (!e)
		e = headers_pass(r, wb_buf_str(&tmp), tmp.n, mode, out);
	wb_buf_free(&tmp);
	return e;
}

wb_err wb_redact_bytes(const wb_redact *r, const char *p, size_t n,
		       wb_buf *out)
{
	return redact(r, p, n, RAW, out);
}

wb_err wb_redact_text(const wb_redact *r, const char *p, size_t n,
		      wb_buf *out)
{
	return redact(r, p, n, TEXT, out);
}

/* `putheader NAME value...` with a sensitive NAME: the values go. */
static int putheader_name(const wb_redact *r, const char *line,
			  size_t *name_end)
{
	const char *p = line + strspn(line, " \t");
	if (strncmp(p, "putheader", 9) || (p[9] != ' ' && p[9] != '\t'))
		return 0;
	p += 9;
	p += strspn(p, " \t");
	size_t l = strcspn(p, " \t");
	char name[256];
	if (!l || l >= sizeof name - 1)
		return 0;
	memcpy(name, p, l);
	name[l] = ':'; /* header_at looks for NAME: */
	*name_end = (size_t)(p - line) + l;
	return header_at(r, name, l + 1) == l;
}

wb_err wb_redact_line(const wb_redact *r, const char *line, wb_buf *out)
{
	if (!wb_redact_active(r))
		return wb_buf_adds(out, line);
	wb_buf tmp = WB_BUF_INIT;
	wb_err e = secrets_pass(r, line, strlen(line), &tmp);
	const char *s = wb_buf_str(&tmp);
	size_t end;
	if (!e && putheader_name(r, s, &end)) {
		e = wb_buf_add(out, s, end);
		if (!e)
			e = wb_buf_adds(out, " " WB_REDACT_MARKER);
	} else if (!e) {
		e = headers_pass(r, s, tmp.n, LINE, out);
	}
	wb_buf_free(&tmp);
	return e;
}
