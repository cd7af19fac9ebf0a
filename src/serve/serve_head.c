/* serve_head.c - request heads for the demo server: finding the end of a
 * head and parsing the request line and the fields that decide framing.
 * Strict where laxness lets two parsers disagree about message boundaries
 * (RFC 9112 section 11.2, request smuggling); bare LF line ends are accepted
 * as RFC 9112 section 2.2 allows. */
#include "serve_int.h"

#include <string.h>
#include <strings.h>

/* Fields a server must act on. */
typedef struct {
	int hosts;
	int te_seen, te_last_chunked, te_other;
	int cl_seen;
	int conn_close, conn_keep_alive;
	int expect_bad;
	int foldable; /* the last field may be continued by obs-fold */
} fields;

static int is_tchar(unsigned char ch)
{
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9'))
		return 1;
	return ch && strchr("!#$%&'*+-.^_`|~", ch) != NULL;
}

static int is_ows(char ch)
{
	return ch == ' ' || ch == '\t';
}

static int eq_nocase(wb_serve_str s, const char *lit)
{
	return strlen(lit) == s.n && strncasecmp(s.p, lit, s.n) == 0;
}

static wb_serve_str trim(const char *p, size_t n)
{
	while (n && is_ows(*p))
		p++, n--;
	while (n && is_ows(p[n - 1]))
		n--;
	return (wb_serve_str){ p, n };
}

size_t wb_serve_head_end(const char *p, size_t n, size_t *scan)
{
	size_t i = *scan;
	while (i < n) {
		const char *lf = memchr(p + i, '\n', n - i);
		if (!lf)
			break;
		i = (size_t)(lf - p);
		if (i + 1 >= n)
			break;
		if (p[i + 1] == '\n')
			return i + 2;
		if (p[i + 1] == '\r') {
			if (i + 2 >= n)
				break;
			if (p[i + 2] == '\n')
				return i + 3;
		}
		i++;
	}
	*scan = i < n ? i : n;
	return 0;
}

int wb_serve_head_too_big(const char *p, size_t n)
{
	if (n > WB_SERVE_LINE_MAX && !memchr(p, '\n', WB_SERVE_LINE_MAX))
		return 414;
	return n > WB_SERVE_HEAD_MAX ? 431 : 0;
}

/* Cuts the line at *pos (the head is known to end in a blank line). Returns
 * -1 on a CR that does not end the line. */
static int next_line(const char *p, size_t len, size_t *pos, wb_serve_str *ln)
{
	const char *s = p + *pos;
	const char *lf = memchr(s, '\n', len - *pos);
	size_t n = (size_t)(lf - s);
	*pos += n + 1;
	if (n && s[n - 1] == '\r')
		n--;
	*ln = (wb_serve_str){ s, n };
	return memchr(s, '\r', n) ? -1 : 0;
}

static int parse_version(wb_serve_str v, int *minor, const char **why)
{
	if (v.n != 8 || memcmp(v.p, "HTTP/", 5) != 0 || v.p[6] != '.' ||
	    v.p[5] < '0' || v.p[5] > '9' || v.p[7] < '0' || v.p[7] > '9') {
		*why = "malformed HTTP version";
		return 400;
	}
	if (v.p[5] != '1') {
		*why = "only HTTP/1.x is spoken here";
		return 505;
	}
	*minor = v.p[7] - '0';
	return 0;
}

/* Splits an origin-form or absolute-form target into path and query. */
static int split_target(wb_serve_req *r, const char **why)
{
	wb_serve_str t = r->target;
	if (t.n > 7 && strncasecmp(t.p, "http://", 7) == 0) {
		const char *slash = memchr(t.p + 7, '/', t.n - 7);
		t = slash ? (wb_serve_str){ slash, (size_t)(t.p + t.n - slash) }
			  : (wb_serve_str){ "/", 1 };
	} else if (eq_nocase(t, "*") && eq_nocase(r->method, "OPTIONS")) {
		r->path = t;
		return 0;
	} else if (t.p[0] != '/') { /* never empty: see parse_request_line */
		*why = "request target must be a path like /echo";
		return 400;
	}
	const char *q = memchr(t.p, '?', t.n);
	size_t plen = q ? (size_t)(q - t.p) : t.n;
	r->path = (wb_serve_str){ t.p, plen };
	r->query = q ? (wb_serve_str){ q + 1, t.n - plen - 1 }
		     : (wb_serve_str){ "", 0 };
	return 0;
}

/* METHOD SP request-target SP HTTP-version, single spaces only. */
static int parse_request_line(wb_serve_str ln, wb_serve_req *r,
			      const char **why)
{
	const char *sp1 = memchr(ln.p, ' ', ln.n);
	const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(ln.p + ln.n - sp1 - 1))
			      : NULL;
	*why = "malformed request line";
	if (!sp1 || !sp2 || sp1 == ln.p || sp2 == sp1 + 1)
		return 400;
	r->method = (wb_serve_str){ ln.p, (size_t)(sp1 - ln.p) };
	r->target = (wb_serve_str){ sp1 + 1, (size_t)(sp2 - sp1 - 1) };
	wb_serve_str ver = { sp2 + 1, (size_t)(ln.p + ln.n - sp2 - 1) };
	for (size_t i = 0; i < r->method.n; i++)
		if (!is_tchar((unsigned char)r->method.p[i]))
			return 400;
	for (size_t i = 0; i < r->target.n; i++) {
		unsigned char ch = (unsigned char)r->target.p[i];
		if (ch <= 0x20 || ch >= 0x7f) {
			*why = "request target has a byte that must be %-encoded";
			return 400;
		}
	}
	int st = parse_version(ver, &r->minor, why);
	if (st)
		return st;
	r->head = r->method.n == 4 && memcmp(r->method.p, "HEAD", 4) == 0;
	r->line_len = ln.n;
	return split_target(r, why);
}

/* Content-Length: digits; repeated or listed values must all agree. */
static int add_length(wb_serve_str v, wb_serve_req *r, fields *f,
		      const char **why)
{
	*why = "invalid Content-Length";
	size_t i = 0;
	do {
		size_t j = i;
		while (j < v.n && v.p[j] != ',')
			j++;
		wb_serve_str item = trim(v.p + i, j - i);
		uint64_t n = 0;
		if (!item.n || item.n > 18)
			return 400;
		for (size_t k = 0; k < item.n; k++) {
			if (item.p[k] < '0' || item.p[k] > '9')
				return 400;
			n = n * 10 + (uint64_t)(item.p[k] - '0');
		}
		if (f->cl_seen && n != r->length) {
			*why = "conflicting Content-Length values";
			return 400;
		}
		f->cl_seen = 1;
		r->length = n;
		i = j + 1;
	} while (i <= v.n);
	return 0;
}

/* Calls fn on each non-empty comma-separated element of a field value. */
static void each_item(wb_serve_str v, fields *f,
		      void (*fn)(wb_serve_str item, fields *f))
{
	size_t i = 0;
	while (i <= v.n) {
		size_t j = i;
		while (j < v.n && v.p[j] != ',')
			j++;
		wb_serve_str item = trim(v.p + i, j - i);
		if (item.n)
			fn(item, f);
		i = j + 1;
	}
}

static void te_item(wb_serve_str item, fields *f)
{
	if (f->te_last_chunked)
		f->te_other = 2; /* a coding after chunked: framing unknowable */
	if (eq_nocase(item, "chunked")) {
		f->te_last_chunked = 1;
	} else {
		f->te_last_chunked = 0;
		if (!f->te_other)
			f->te_other = 1;
	}
}

static void conn_item(wb_serve_str item, fields *f)
{
	if (eq_nocase(item, "close"))
		f->conn_close = 1;
	else if (eq_nocase(item, "keep-alive"))
		f->conn_keep_alive = 1;
}

static int apply_field(wb_serve_str name, wb_serve_str v, wb_serve_req *r,
		       fields *f, const char **why)
{
	if (eq_nocase(name, "host"))
		f->hosts++;
	else if (eq_nocase(name, "content-length"))
		return add_length(v, r, f, why);
	else if (eq_nocase(name, "transfer-encoding")) {
		f->te_seen = 1;
		each_item(v, f, te_item);
	} else if (eq_nocase(name, "connection"))
		each_item(v, f, conn_item);
	else if (eq_nocase(name, "expect")) {
		if (eq_nocase(v, "100-continue"))
			r->expect_continue = 1;
		else
			f->expect_bad = 1;
	}
	return 0;
}

/* field-name ":" OWS field-value OWS */
static int parse_field(wb_serve_str ln, wb_serve_req *r, fields *f,
		       const char **why)
{
	*why = "malformed header field";
	if (is_ows(ln.p[0])) {
		/* RFC 9112 5.2: obs-fold may be read as SP. http.client sends
		 * it for multi-value putheader, so the demo accepts it, but
		 * never inside a field that decides framing. */
		*why = "obsolete line folding in this field is not accepted";
		return f->foldable ? 0 : 400;
	}
	const char *colon = memchr(ln.p, ':', ln.n);
	if (!colon || colon == ln.p)
		return 400;
	wb_serve_str name = { ln.p, (size_t)(colon - ln.p) };
	f->foldable = !eq_nocase(name, "host") &&
		      !eq_nocase(name, "content-length") &&
		      !eq_nocase(name, "transfer-encoding") &&
		      !eq_nocase(name, "connection") &&
		      !eq_nocase(name, "expect");
	for (size_t i = 0; i < name.n; i++)
		if (!is_tchar((unsigned char)name.p[i]))
			return 400;
	wb_serve_str v = trim(colon + 1, (size_t)(ln.p + ln.n - colon - 1));
	for (size_t i = 0; i < v.n; i++) {
		unsigned char ch = (unsigned char)v.p[i];
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
			*why = "control character in a header field value";
			return 400;
		}
	}
	return apply_field(name, v, r, f, why);
}

/* Decides framing and persistence once every field is known. */
static int finish(wb_serve_req *r, const fields *f, const char **why)
{
	if (f->hosts > 1 || (r->minor >= 1 && f->hosts == 0)) {
		*why = f->hosts ? "more than one Host field"
				: "HTTP/1.1 request without a Host field";
		return 400;
	}
	if (f->te_seen) {
		*why = "Transfer-Encoding must end in chunked";
		if (!f->te_last_chunked || f->te_other == 2)
			return 400;
		*why = "Content-Length together with Transfer-Encoding";
		if (f->cl_seen)
			return 400;
		*why = "only the chunked transfer coding is supported";
		if (f->te_other)
			return 501;
		r->chunked = 1;
	}
	if (f->expect_bad) {
		*why = "only Expect: 100-continue is supported";
		return 417;
	}
	r->has_length = f->cl_seen;
	r->keep_alive_10 = r->minor == 0 && f->conn_keep_alive;
	r->close = f->conn_close || (r->minor == 0 && !f->conn_keep_alive) ||
		   (r->minor == 0 && r->chunked);
	if (r->close)
		r->keep_alive_10 = 0;
	return 0;
}

int wb_serve_head_parse(const char *p, size_t len, wb_serve_req *req,
			const char **why)
{
	memset(req, 0, sizeof *req);
	fields f = { 0 };
	size_t pos = 0;
	wb_serve_str ln;
	*why = "request head longer than 65536 bytes";
	if (len > WB_SERVE_HEAD_MAX)
		return 431;
	*why = "bare CR in the request head";
	if (next_line(p, len, &pos, &ln))
		return 400;
	*why = "request line longer than 8192 bytes";
	if (pos > WB_SERVE_LINE_MAX)
		return 414;
	int st = parse_request_line(ln, req, why);
	if (st)
		return st;
	for (;;) {
		*why = "bare CR in the request head";
		if (next_line(p, len, &pos, &ln))
			return 400;
		if (!ln.n)
			break;
		st = parse_field(ln, req, &f, why);
		if (st)
			return st;
	}
	return finish(req, &f, why);
}
