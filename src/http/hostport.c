/* hostport.c - host/port parsing and the automatic Host header. */
#include "hostport.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <idna.h>
#include <stdlib.h>
#include <string.h>

#include "base/pyint.h"
#include "base/text.h"
#include "nameprep.h"
#include "reqhead.h"

int wb_hostport_pyint(const char *s, size_t n, long *out)
{
	wb_pyint v;
	if (wb_pyint_parse(s, n, 10, WB_PYINT_LATIN1, &v) != 0)
		return -1;
	*out = v.value > LONG_MAX ? LONG_MAX
	       : v.value < LONG_MIN ? LONG_MIN
				    : (long)v.value;
	return 0;
}

/* str(int(s)) for text int() accepts: the digits without sign, zeros and
 * underscores, so that a port of any size goes on the wire whole. */
static void canon_int(const char *s, size_t n, wb_buf *out)
{
	int neg = memchr(s, '-', n) != NULL;
	size_t start = out->n;
	if (neg)
		wb_buf_addc(out, '-');
	size_t digits = out->n;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			continue;
		if (out->n == digits && s[i] == '0')
			continue; /* leading zero */
		wb_buf_addc(out, s[i]);
	}
	if (out->n == digits) { /* the value was zero */
		out->n = start;
		wb_buf_addc(out, '0');
	}
}

wb_err wb_hostport_parse(const char *text, long default_port, wb_buf *host,
			 long *port, wb_buf *port_text, wb_buf *msg)
{
	const char *colon = strrchr(text, ':');
	const char *bracket = strrchr(text, ']');
	size_t hlen = strlen(text);
	*port = default_port;
	if (colon && (!bracket || colon > bracket)) {
		const char *p = colon + 1;
		if (*p && wb_hostport_pyint(p, strlen(p), port) != 0) {
			wb_buf_printf(msg, "nonnumeric port: '%s'", p);
			return WB_E_INVALID_URL;
		}
		if (*p && port_text)
			canon_int(p, strlen(p), port_text);
		hlen = (size_t)(colon - text);
	}
	if (port_text && !port_text->n)
		wb_buf_printf(port_text, "%ld", default_port);
	if (hlen >= 2 && text[0] == '[' && text[hlen - 1] == ']')
		return wb_buf_add(host, text + 1, hlen - 2);
	return wb_buf_add(host, text, hlen);
}

wb_err wb_hostport_validate(const char *host, wb_buf *msg)
{
	const char *bad = wb_text_find_ctl(host, 0x20, 0x7f);
	return bad ? wb_reqhead_ctl_error(msg, "URL", host, bad, "",
					  WB_E_INVALID_URL)
		   : WB_OK;
}

static int scheme_ok(const char *url, size_t n)
{
	if (n == 0 || !isalpha((unsigned char)url[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)url[i]) && !strchr("+-.", url[i]))
			return 0;
	return 1;
}

static wb_err bad_ipv6(wb_buf *msg, const char *why)
{
	wb_buf_adds(msg, why);
	return WB_E_VALUE;
}

/* urllib.parse._check_bracketed_host */
static wb_err check_bracketed_host(const char *h, size_t n, wb_buf *msg)
{
	char tmp[128];
	if (n && h[0] == 'v') {
		const char *dot = memchr(h, '.', n);
		size_t hex = dot ? (size_t)(dot - h) - 1 : 0;
		for (size_t i = 1; i <= hex; i++)
			if (!isxdigit((unsigned char)h[i]))
				hex = 0;
		if (!dot || hex == 0 || (size_t)(dot - h) + 1 >= n)
			return bad_ipv6(msg, "IPvFuture address is invalid");
		return WB_OK;
	}
	size_t len = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
	memcpy(tmp, h, len);
	tmp[len] = '\0';
	char *pct = strchr(tmp, '%');
	unsigned char addr[16];
	if (inet_pton(AF_INET, tmp, addr) == 1)
		return bad_ipv6(msg, "An IPv4 address cannot be in brackets");
	if (pct)
		*pct = '\0';
	if (inet_pton(AF_INET6, tmp, addr) == 1 && (!pct || pct[1]))
		return WB_OK;
	if (pct)
		*pct = '%';
	wb_text_repr(msg, h, n);
	wb_buf_adds(msg, " does not appear to be an IPv4 or IPv6 address");
	return WB_E_VALUE;
}

static wb_err check_netloc(const char *nl, size_t n, wb_buf *msg)
{
	int open = memchr(nl, '[', n) != NULL, close = memchr(nl, ']', n) != NULL;
	if (open != close)
		return bad_ipv6(msg, "Invalid IPv6 URL");
	if (!open)
		return WB_OK;
	const char *hp = nl;
	for (const char *at = nl; at < nl + n; at++)
		if (*at == '@')
			hp = at + 1;
	size_t hn = n - (size_t)(hp - nl);
	const char *br = memchr(hp, '[', hn);
	if (!br)
		return WB_OK;
	if (br != hp)
		return bad_ipv6(msg, "Invalid IPv6 URL");
	const char *end = memchr(br, ']', hn);
	const char *rest = end ? end + 1 : hp + hn;
	if (rest < hp + hn && *rest != ':')
		return bad_ipv6(msg, "Invalid IPv6 URL");
	return check_bracketed_host(br + 1, (size_t)((end ? end : hp + hn) - br - 1),
				    msg);
}

wb_err wb_hostport_check_netloc(const char *nl, size_t n, wb_buf *msg)
{
	return check_netloc(nl, n, msg);
}

wb_err wb_hostport_netloc(const char *url, wb_buf *netloc, wb_buf *msg)
{
	if (strncmp(url, "http", 4) != 0)
		return WB_OK;
	const char *colon = strchr(url, ':');
	if (colon && scheme_ok(url, (size_t)(colon - url)))
		url = colon + 1;
	if (strncmp(url, "//", 2) != 0)
		return WB_OK;
	url += 2;
	size_t n = strcspn(url, "/?#");
	wb_err e = check_netloc(url, n, msg);
	if (e)
		return e;
	return wb_buf_add(netloc, url, n);
}

#define IDNA_FAILED "encoding with 'idna' codec failed (UnicodeError: " \
		    "label empty or too long)"

/* encodings.idna.ToASCII for one label: ASCII labels pass with a length
 * check, others go through libidn's IDNA 2003 (nameprep + Punycode). */
static wb_err idna_label(const char *label, size_t n, wb_buf *out,
			 wb_buf *msg)
{
	char tmp[1024];
	int ascii = 1;
	for (size_t i = 0; i < n; i++)
		ascii &= (unsigned char)label[i] < 0x80;
	if (n == 0 || n >= sizeof tmp || (ascii && n > 63)) {
		wb_buf_adds(msg, IDNA_FAILED);
		return WB_E_UNICODE;
	}
	if (ascii)
		return wb_buf_add(out, label, n);
	memcpy(tmp, label, n);
	tmp[n] = '\0';
	char *enc = NULL;
	int rc = idna_to_ascii_8z(tmp, &enc, IDNA_ALLOW_UNASSIGNED);
	wb_err e = WB_E_UNICODE;
	if (rc == IDNA_SUCCESS && strlen(enc) <= 63) {
		e = wb_buf_adds(out, enc);
	} else {
		wb_buf_adds(msg, "encoding with 'idna' codec failed "
				 "(UnicodeError: ");
		wb_nameprep_why(label, n, msg);
		wb_buf_addc(msg, ')');
	}
	free(enc);
	return e;
}

/* The label separators of Python's idna codec: . U+3002 U+FF0E U+FF61. */
static int is_dot(uint32_t c)
{
	return c == '.' || c == 0x3002 || c == 0xFF0E || c == 0xFF61;
}

wb_err wb_hostport_encode(const char *host, wb_buf *out, wb_buf *msg)
{
	size_t n = strlen(host), start = out->n;
	if (wb_text_encode(host, n, "ascii", out, NULL, NULL) == WB_OK)
		return WB_OK;
	out->n = start;
	size_t label = 0;
	for (size_t i = 0;;) {
		size_t at = i;
		int end = i >= n;
		if (!is_dot(end ? '.' : wb_text_next(host, n, &i)))
			continue;
		if (end && at == label && out->n > start)
			return wb_buf_addc(out, '.'); /* the codec keeps it */
		if (out->n > start)
			wb_buf_addc(out, '.');
		wb_err e = idna_label(host + label, at - label, out, msg);
		if (e || end)
			return e;
		label = i;
	}
}

/* The codec's ASCII fast path: every label but the last is 1-63 bytes
 * (an empty last one is a trailing dot), the last one under 64. */
static wb_err idna_ascii_labels(const char *host, wb_buf *msg)
{
	const char *dot;
	while ((dot = strchr(host, '.')) != NULL) {
		if (dot == host || dot - host > 63) {
			wb_buf_adds(msg, IDNA_FAILED);
			return WB_E_UNICODE;
		}
		host = dot + 1;
	}
	if (strlen(host) < 64)
		return WB_OK;
	wb_buf_adds(msg, "encoding with 'idna' codec failed (UnicodeError: "
			 "label too long)");
	return WB_E_UNICODE;
}

wb_err wb_hostport_encode_idna(const char *host, wb_buf *out, wb_buf *msg)
{
	for (const char *p = host; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return wb_hostport_encode(host, out, msg);
	wb_err e = idna_ascii_labels(host, msg);
	return e ? e : wb_buf_adds(out, host);
}

wb_err wb_hostport_host_from_netloc(const char *netloc, wb_buf *out,
				    wb_buf *msg)
{
	const char *pct = strchr(netloc, '%');
	if (!pct)
		return wb_buf_adds(out, netloc);
	if (netloc[0] != '[') {
		wb_buf_printf(msg, "b'%.*s'", (int)(pct - netloc), netloc);
		return WB_E_ASSERTION;
	}
	wb_buf_add(out, netloc, (size_t)(pct - netloc));
	return wb_buf_addc(out, ']');
}

wb_err wb_hostport_host_value(const char *host, const char *port,
			      int default_port, wb_buf *out, wb_buf *msg)
{
	wb_buf enc = WB_BUF_INIT;
	wb_err e = wb_hostport_encode(host, &enc, msg);
	if (e == WB_OK && strchr(host, ':')) {
		char *pct = strchr(enc.p, '%');
		wb_buf_addc(out, '[');
		wb_buf_add(out, enc.p, pct ? (size_t)(pct - enc.p) : enc.n);
		wb_buf_addc(out, ']');
	} else if (e == WB_OK) {
		wb_buf_add(out, enc.p, enc.n);
	}
	if (e == WB_OK && !default_port) {
		wb_buf_addc(out, ':');
		wb_buf_adds(out, port);
	}
	wb_buf_free(&enc);
	return e;
}
