/* curl_import.c - curl's options mapped to one request. */
#include "curl_import.h"
#include "base/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "b64.h"
#include "shword.h"

typedef enum {
	O_URL, O_REQUEST, O_HEADER, O_DATA, O_DATA_RAW, O_DATA_BINARY,
	O_DATA_URLENC, O_JSON, O_FORM, O_FORM_STRING, O_USER, O_AGENT,
	O_REFERER, O_COOKIE, O_INSECURE, O_CACERT, O_CAPATH, O_CERT, O_KEY,
	O_PROXY, O_NOPROXY, O_COMPRESSED, O_HEAD, O_GET, O_HTTP11, O_MAXTIME,
	O_CONNTIMEOUT, O_RESOLVE, O_CONNECT_TO, O_NOOP, O_NOOP_ARG, O_UNSUP,
	O_UNSUP_ARG
} okind;

typedef struct copt {
	char s;          /* short name or 0 */
	const char *l;   /* long name without -- */
	okind k;
} copt;

/* Options that change nothing on the wire are O_NOOP(_ARG); the ones
 * wirebench cannot honour are O_UNSUP(_ARG), so their argument is
 * skipped and their name reported. */
static const copt table[] = {
	{ 0, "url", O_URL }, { 'X', "request", O_REQUEST },
	{ 'H', "header", O_HEADER }, { 'd', "data", O_DATA },
	{ 0, "data-ascii", O_DATA }, { 0, "data-raw", O_DATA_RAW },
	{ 0, "data-binary", O_DATA_BINARY },
	{ 0, "data-urlencode", O_DATA_URLENC }, { 0, "json", O_JSON },
	{ 'F', "form", O_FORM }, { 0, "form-string", O_FORM_STRING },
	{ 'u', "user", O_USER }, { 'A', "user-agent", O_AGENT },
	{ 'e', "referer", O_REFERER }, { 'b', "cookie", O_COOKIE },
	{ 'k', "insecure", O_INSECURE }, { 0, "cacert", O_CACERT },
	{ 0, "capath", O_CAPATH }, { 'E', "cert", O_CERT },
	{ 0, "key", O_KEY }, { 'x', "proxy", O_PROXY },
	{ 0, "noproxy", O_NOPROXY }, { 0, "compressed", O_COMPRESSED },
	{ 'I', "head", O_HEAD }, { 'G', "get", O_GET },
	{ 0, "http1.1", O_HTTP11 }, { 'm', "max-time", O_MAXTIME },
	{ 0, "connect-timeout", O_CONNTIMEOUT },
	{ 0, "resolve", O_RESOLVE }, { 0, "connect-to", O_CONNECT_TO },
	/* output and exit-status options: nothing on the wire */
	{ 's', "silent", O_NOOP }, { 'S', "show-error", O_NOOP },
	{ 'v', "verbose", O_NOOP }, { 'i', "include", O_NOOP },
	{ 'f', "fail", O_NOOP }, { 0, "fail-with-body", O_NOOP },
	{ '#', "progress-bar", O_NOOP }, { 0, "no-progress-meter", O_NOOP },
	{ 'N', "no-buffer", O_NOOP }, { 0, "path-as-is", O_NOOP },
	{ 'g', "globoff", O_NOOP }, { 'O', "remote-name", O_NOOP },
	{ 'J', "remote-header-name", O_NOOP }, { 0, "create-dirs", O_NOOP },
	{ 'o', "output", O_NOOP_ARG }, { 'w', "write-out", O_NOOP_ARG },
	{ 'D', "dump-header", O_NOOP_ARG }, { 'c', "cookie-jar", O_NOOP_ARG },
	{ 0, "trace", O_NOOP_ARG }, { 0, "trace-ascii", O_NOOP_ARG },
	{ 0, "stderr", O_NOOP_ARG },
	/* known, not honoured */
	{ 'L', "location", O_UNSUP }, { 0, "http2", O_UNSUP },
	{ 0, "http2-prior-knowledge", O_UNSUP }, { 0, "http3", O_UNSUP },
	{ '0', "http1.0", O_UNSUP }, { 0, "digest", O_UNSUP },
	{ 0, "ntlm", O_UNSUP }, { 0, "negotiate", O_UNSUP },
	{ 0, "anyauth", O_UNSUP }, { 'p', "proxytunnel", O_UNSUP },
	{ 0, "proxy-insecure", O_UNSUP }, { '4', "ipv4", O_UNSUP },
	{ '6', "ipv6", O_UNSUP }, { 0, "tr-encoding", O_UNSUP },
	{ 0, "raw", O_UNSUP }, { 'j', "junk-session-cookies", O_UNSUP },
	{ 0, "tlsv1.2", O_UNSUP }, { 0, "tlsv1.3", O_UNSUP },
	{ 0, "retry", O_UNSUP_ARG }, { 0, "retry-delay", O_UNSUP_ARG },
	{ 0, "retry-max-time", O_UNSUP_ARG }, { 0, "max-redirs", O_UNSUP_ARG },
	{ 'T', "upload-file", O_UNSUP_ARG }, { 'K', "config", O_UNSUP_ARG },
	{ 0, "limit-rate", O_UNSUP_ARG }, { 'r', "range", O_UNSUP_ARG },
	{ 'z', "time-cond", O_UNSUP_ARG }, { 0, "oauth2-bearer", O_UNSUP_ARG },
	{ 0, "ciphers", O_UNSUP_ARG }, { 0, "interface", O_UNSUP_ARG },
	{ 0, "local-port", O_UNSUP_ARG }, { 0, "unix-socket", O_UNSUP_ARG },
	{ 'U', "proxy-user", O_UNSUP_ARG }, { 0, "socks5", O_UNSUP_ARG },
	{ 0, "request-target", O_UNSUP_ARG }, { 0, "url-query", O_UNSUP_ARG },
};

typedef struct cst {
	const wb_curl_opts *o;
	wb_buf *msg;
	char *url;
	const char *method, *user, *agent, *referer, *cookie;
	const char *maxtime, *conntimeout, *resolve, *connect_to, *noproxy;
	wb_xfields custom; /* -H in order; value "\x01" marks a removal */
	wb_buf data;
	int ndata, json, head, get, compressed, nurls;
	wb_lines form;     /* -F specs, 'F' or 'S' (string) prefixed */
	wb_lines ignored, unsupported;
	wb_xreq r;
} cst;

static const char REMOVED[] = "\x01";

static int removed(const char *v)
{
	return !strcmp(v, REMOVED);
}

static const copt *find_long(const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (!strcmp(table[i].l, name))
			return &table[i];
	return NULL;
}

static const copt *find_short(char c)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].s == c)
			return &table[i];
	return NULL;
}

static int takes_arg(okind k)
{
	return k != O_INSECURE && k != O_COMPRESSED && k != O_HEAD &&
	       k != O_GET && k != O_HTTP11 && k != O_NOOP && k != O_UNSUP;
}

/* Reads a file named by @path (relative to the options' dir). */
static wb_err read_file(cst *c, const char *path, wb_buf *out)
{
	if (!strcmp(path, "-")) {
		wb_buf_printf(c->msg, "@- (standard input) cannot be imported");
		return WB_E_USAGE;
	}
	return wb_buf_add_file(out, c->o->dir, path, c->msg);
}

/* application/x-www-form-urlencoded as curl's --data-urlencode writes it
 * (a blank becomes '+'). */
static wb_err urlencode(const char *p, size_t n, wb_buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < n; i++) {
		unsigned char ch = (unsigned char)p[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch)) {
			e = wb_buf_addc(out, (char)ch);
		} else if (ch == ' ') {
			e = wb_buf_addc(out, '+');
		} else {
			char x[3] = { '%', hex[ch >> 4], hex[ch & 15] };
			e = wb_buf_add(out, x, 3);
		}
	}
	return e;
}

static wb_err data_urlencode(cst *c, const char *a, wb_buf *piece)
{
	const char *eq = strchr(a, '='), *at = strchr(a, '@');
	wb_err e = WB_OK;
	if (eq && (!at || eq < at)) { /* name=content or =content */
		if (eq > a)
			e = wb_buf_add(piece, a, (size_t)(eq - a + 1));
		return e ? e : urlencode(eq + 1, strlen(eq + 1), piece);
	}
	if (at) { /* name@file or @file */
		wb_buf file = WB_BUF_INIT;
		if (at > a)
			e = wb_buf_printf(piece, "%.*s=", (int)(at - a), a);
		if (!e)
			e = read_file(c, at + 1, &file);
		if (!e)
			e = urlencode(file.p ? file.p : "", file.n, piece);
		wb_buf_free(&file);
		return e;
	}
	return urlencode(a, strlen(a), piece);
}

/* One -d, --data-..., --json piece, joined to the others as curl joins them. */
static wb_err add_data(cst *c, okind k, const char *a)
{
	wb_buf piece = WB_BUF_INIT;
	wb_err e = WB_OK;
	if (k == O_DATA_URLENC)
		e = data_urlencode(c, a, &piece);
	else if (a[0] == '@' && k != O_DATA_RAW)
		e = read_file(c, a + 1, &piece);
	else
		e = wb_buf_adds(&piece, a);
	if (!e && k == O_DATA) { /* -d @file drops CR and LF */
		size_t j = 0;
		for (size_t i = 0; i < piece.n; i++)
			if (piece.p[i] != '\r' && piece.p[i] != '\n')
				piece.p[j++] = piece.p[i];
		piece.n = j;
	}
	if (!e && c->ndata && k != O_JSON)
		e = wb_buf_addc(&c->data, '&');
	if (!e)
		e = wb_buf_add(&c->data, piece.p ? piece.p : "", piece.n);
	c->ndata++;
	if (k == O_JSON)
		c->json = 1;
	wb_buf_free(&piece);
	return e;
}

/* -H: "Name: value", "Name:" (removes curl's own), "Name;" (empty). */
static wb_err add_header(cst *c, const char *a)
{
	const char *colon = strchr(a, ':'), *semi = strchr(a, ';');
	wb_buf name = WB_BUF_INIT;
	wb_err e = WB_OK;
	const char *value;
	if (colon) {
		e = wb_buf_add(&name, a, (size_t)(colon - a));
		value = colon + 1;
		if (*value == ' ')
			value++;
		if (!value[strspn(value, " \t")])
			value = REMOVED;
	} else if (semi && !semi[1 + strspn(semi + 1, " \t")]) {
		e = wb_buf_add(&name, a, (size_t)(semi - a));
		value = "";
	} else {
		wb_buf_printf(c->msg, "curl ignores the header '%s' (no colon)",
			      a);
		return WB_E_USAGE;
	}
	if (!e)
		e = wb_xfields_add(&c->custom, name.p, value);
	wb_buf_free(&name);
	return e;
}

static wb_err set_url(cst *c, const char *a)
{
	c->nurls++;
	free(c->url);
	c->url = strstr(a, "://") ? wb_strdup(a) : NULL;
	if (!strstr(a, "://")) { /* curl assumes http:// */
		wb_buf b = WB_BUF_INIT;
		/* the buffer's text is handed over, or NULL when it failed */
		c->url = wb_buf_printf(&b, "http://%s", a) ? NULL : b.p;
		if (!c->url)
			wb_buf_free(&b);
	}
	return c->url ? WB_OK : WB_E_NOMEM;
}

static wb_err apply(cst *c, const copt *op, const char *a)
{
	switch (op->k) {
	case O_URL: return set_url(c, a);
	case O_REQUEST: c->method = a; return WB_OK;
	case O_HEADER: return add_header(c, a);
	case O_DATA: case O_DATA_RAW: case O_DATA_BINARY: case O_DATA_URLENC:
	case O_JSON: return add_data(c, op->k, a);
	case O_FORM: case O_FORM_STRING: {
		wb_buf b = WB_BUF_INIT;
		wb_err e = wb_buf_printf(&b, "%c%s", op->k == O_FORM ? 'F' : 'S',
					 a);
		if (!e)
			e = wb_lines_addb(&c->form, &b);
		wb_buf_free(&b);
		return e;
	}
	case O_USER: c->user = a; return WB_OK;
	case O_AGENT: c->agent = a; return WB_OK;
	case O_REFERER: c->referer = a; return WB_OK;
	case O_COOKIE: c->cookie = a; return WB_OK;
	case O_INSECURE: c->r.insecure = 1; return WB_OK;
	case O_CACERT: return wb_xreq_set(&c->r.cafile, a);
	case O_CAPATH: return wb_xreq_set(&c->r.capath, a);
	case O_CERT: return wb_xreq_set(&c->r.cert, a);
	case O_KEY: return wb_xreq_set(&c->r.key, a);
	case O_PROXY: return wb_xreq_set(&c->r.proxy, a);
	case O_NOPROXY: c->noproxy = a; return WB_OK;
	case O_COMPRESSED: c->compressed = 1; return WB_OK;
	case O_HEAD: c->head = 1; return WB_OK;
	case O_GET: c->get = 1; return WB_OK;
	case O_MAXTIME: c->maxtime = a; return WB_OK;
	case O_CONNTIMEOUT: c->conntimeout = a; return WB_OK;
	case O_RESOLVE: c->resolve = a; return WB_OK;
	case O_CONNECT_TO: c->connect_to = a; return WB_OK;
	default: return WB_OK; /* --http1.1: what http.client speaks */
	}
}

/* Records an option by the name it was given with. */
static wb_err note_opt(wb_lines *l, const char *given)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], given))
			return WB_OK;
	return wb_lines_add(l, given);
}

static wb_err one_opt(cst *c, const copt *op, const char *given,
		      const char *arg)
{
	if (op->k == O_NOOP || op->k == O_NOOP_ARG)
		return note_opt(&c->ignored, given);
	if (op->k == O_UNSUP || op->k == O_UNSUP_ARG)
		return note_opt(&c->unsupported, given);
	return apply(c, op, arg);
}

static wb_err missing_arg(cst *c, const char *given)
{
	wb_buf_printf(c->msg, "curl option %s needs an argument", given);
	return WB_E_USAGE;
}

/* A cluster of short options ("-sSk", "-XPOST", "-H" "v"). */
static wb_err short_opts(cst *c, const wb_lines *w, size_t *i)
{
	const char *s = w->v[*i] + 1;
	for (; *s; s++) {
		char given[3] = { '-', *s, 0 };
		const copt *op = find_short(*s);
		if (!op)
			return note_opt(&c->unsupported, given);
		if (!takes_arg(op->k)) {
			wb_err e = one_opt(c, op, given, NULL);
			if (e)
				return e;
			continue;
		}
		const char *arg = s[1] ? s + 1 : *i + 1 < w->n ? w->v[++*i] : NULL;
		return arg ? one_opt(c, op, given, arg) : missing_arg(c, given);
	}
	return WB_OK;
}

static wb_err parse_words(cst *c, const wb_lines *w)
{
	size_t i = w->n && !strcmp(w->v[0], "curl") ? 1 : 0;
	wb_err e = WB_OK;
	for (; !e && i < w->n; i++) {
		const char *a = w->v[i];
		if (a[0] != '-' || !a[1]) {
			e = set_url(c, a);
		} else if (a[1] != '-') {
			e = short_opts(c, w, &i);
		} else {
			const copt *op = find_long(a + 2);
			if (!op)
				e = note_opt(&c->unsupported, a);
			else if (!takes_arg(op->k))
				e = one_opt(c, op, a, NULL);
			else if (i + 1 >= w->n)
				e = missing_arg(c, a);
			else
				e = one_opt(c, op, a, w->v[++i]);
		}
	}
	return e;
}


/* The value of a -H field named name: NULL when not given, REMOVED when
 * removed ("Name:"), else the value. */
static const char *custom(const cst *c, const char *name)
{
	long i = wb_xfields_find(&c->custom, name);
	if (i < 0)
		return NULL;
	return removed(c->custom.v[i].value) ? REMOVED : c->custom.v[i].value;
}

/* Adds curl's own field unless a -H field of that name replaces it. */
static wb_err own(cst *c, const char *name, const char *value)
{
	if (!value || custom(c, name))
		return WB_OK;
	return wb_xfields_add(&c->r.h, name, value);
}

static const char BOUNDARY[] = "------------------------wirebench7MA4YWxkTrZu0gW";

/* The Content-Type curl gives a part by its file name's extension (any
 * case); an upload of another kind is application/octet-stream. */
static const char *guess_type(const char *name, int upload)
{
	static const char *const types[][2] = {
		{ ".gif", "image/gif" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".png", "image/png" },
		{ ".svg", "image/svg+xml" }, { ".txt", "text/plain" },
		{ ".htm", "text/html" }, { ".html", "text/html" },
		{ ".pdf", "application/pdf" }, { ".xml", "application/xml" },
	};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t k = strlen(types[i][0]);
		if (n >= k && !strcasecmp(name + n - k, types[i][0]))
			return types[i][1];
	}
	return upload ? "application/octet-stream" : NULL;
}

/* One -F part: name=value, name=@file (an upload), name=<file (a value
 * from a file); -F's ;type= and ;filename= are honoured. */
static wb_err form_part(cst *c, const char *spec, wb_buf *b)
{
	int string = spec[0] == 'S';
	const char *eq = strchr(spec + 1, '=');
	if (!eq) {
		wb_buf_printf(c->msg, "-F needs name=content, got '%s'", spec + 1);
		return WB_E_USAGE;
	}
	char *val = wb_strdup(eq + 1);
	const char *type = NULL, *fname = NULL;
	if (!val)
		return WB_E_NOMEM;
	if (!string) { /* ;type=... ;filename=... after the content */
		char *semi = strchr(val, ';');
		for (char *p = semi; p; p = strchr(p + 1, ';')) {
			if (!strncmp(p, ";type=", 6))
				type = p + 6;
			else if (!strncmp(p, ";filename=", 10))
				fname = p + 10;
		}
		for (char *p = semi; p; p = strchr(p + 1, ';'))
			*p = '\0';
	}
	int file = !string && (val[0] == '@' || val[0] == '<');
	wb_buf content = WB_BUF_INIT;
	wb_err e = file ? read_file(c, val + 1, &content)
			: wb_buf_adds(&content, val);
	const char *shown = fname ? fname : val[0] == '@' && !string ?
		strrchr(val, '/') ? strrchr(val, '/') + 1 : val + 1 : NULL;
	if (!e)
		e = wb_buf_printf(b, "--%s\r\nContent-Disposition: form-data; "
				     "name=\"%.*s\"", BOUNDARY,
				  (int)(eq - spec - 1), spec + 1);
	if (!e && shown)
		e = wb_buf_printf(b, "; filename=\"%s\"", shown);
	if (!type && shown)
		type = guess_type(shown, val[0] == '@' && !string);
	if (!e && type)
		e = wb_buf_printf(b, "\r\nContent-Type: %s", type);
	if (!e)
		e = wb_buf_adds(b, "\r\n\r\n");
	if (!e)
		e = wb_buf_add(b, content.p ? content.p : "", content.n);
	if (!e)
		e = wb_buf_adds(b, "\r\n");
	wb_buf_free(&content);
	free(val);
	return e;
}

static wb_err build_form(cst *c)
{
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < c->form.n; i++)
		e = form_part(c, c->form.v[i], &c->r.body);
	if (!e)
		e = wb_buf_printf(&c->r.body, "--%s--\r\n", BOUNDARY);
	c->r.has_body = 1;
	return e;
}

static wb_err basic_auth(cst *c, wb_buf *out)
{
	if (!strchr(c->user, ':')) {
		wb_buf_printf(c->msg, "-u %s has no password: curl would ask "
				      "for it", c->user);
		return WB_E_USAGE;
	}
	wb_err e = wb_buf_adds(out, "Basic ");
	return e ? e : wb_b64_encode(c->user, strlen(c->user), out);
}

/* -G moves the data into the query, after ? or &. */
static wb_err data_to_query(cst *c)
{
	wb_buf t = WB_BUF_INIT;
	wb_err e = wb_buf_printf(&t, "%s%c%.*s", c->r.target,
				 strchr(c->r.target, '?') ? '&' : '?',
				 (int)c->data.n, c->data.p ? c->data.p : "");
	if (!e)
		e = wb_xreq_set(&c->r.target, t.p);
	wb_buf_free(&t);
	return e;
}

static wb_err fields(cst *c)
{
	wb_buf auth = WB_BUF_INIT, len = WB_BUF_INIT;
	const char *host = custom(c, "Host");
	wb_err e = WB_OK;
	c->r.no_host = host == REMOVED;
	if (host && host != REMOVED)
		e = wb_xfields_add(&c->r.h, "Host", host);
	if (!e && c->user)
		e = basic_auth(c, &auth);
	if (!e)
		e = own(c, "Authorization", c->user ? auth.p : NULL);
	if (!e)
		e = own(c, "User-Agent", c->agent);
	if (!e)
		e = own(c, "Accept", "*/*");
	if (!e && c->compressed)
		e = own(c, "Accept-Encoding", "deflate, gzip, br, zstd");
	if (!e)
		e = own(c, "Referer", c->referer);
	if (!e && c->cookie)
		e = wb_xfields_add(&c->r.h, "Cookie", c->cookie);
	for (size_t i = 0; !e && i < c->custom.n; i++) {
		const wb_xfield *f = &c->custom.v[i];
		if (!removed(f->value) && strcasecmp(f->name, "Host"))
			e = wb_xfields_add(&c->r.h, f->name, f->value);
	}
	if (!e && c->r.has_body && !c->r.chunked &&
	    (e = wb_buf_printf(&len, "%zu", c->r.body.n)) == WB_OK)
		e = own(c, "Content-Length", len.p);
	if (!e && c->r.has_body)
		e = own(c, "Content-Type", c->form.n ? NULL :
			"application/x-www-form-urlencoded");
	if (!e && c->form.n && !custom(c, "Content-Type")) {
		wb_buf_clear(&len);
		e = wb_buf_printf(&len, "multipart/form-data; boundary=%s",
				  BOUNDARY);
		if (!e)
			e = wb_xfields_add(&c->r.h, "Content-Type", len.p);
	}
	wb_buf_free(&auth);
	wb_buf_free(&len);
	return e;
}

/* The URL's host and port, as --resolve and --connect-to name them. */
static void url_hostport(const wb_xreq *r, char *host, size_t hn,
			 unsigned *port)
{
	const char *a = strstr(r->origin, "://") + 3;
	*port = !strncmp(r->origin, "https", 5) ? 443 : 80;
	const char *colon = strrchr(a, ':');
	if (a[0] == '[') /* [v6]:port */
		colon = strstr(a, "]:") ? strstr(a, "]:") + 1 : NULL;
	size_t n = colon ? (size_t)(colon - a) : strlen(a);
	if (colon)
		*port = (unsigned)strtoul(colon + 1, NULL, 10);
	snprintf(host, hn, "%.*s", (int)n, a);
}

/* --resolve HOST:PORT:ADDR and --connect-to HOST:PORT:CHOST:CPORT both
 * become open --connect-to when they name this URL's host and port. */
static wb_err route(cst *c)
{
	char host[256], want[300], spec[512];
	unsigned port;
	url_hostport(&c->r, host, sizeof host, &port);
	wb_err e = WB_OK;
	if (c->resolve) {
		snprintf(want, sizeof want, "%s:%u:", host, port);
		if (strncmp(c->resolve, want, strlen(want)))
			return wb_lines_add(&c->r.notes, "# --resolve names another "
							  "host or port: not used");
		snprintf(spec, sizeof spec, "%.*s:%u",
			 (int)strcspn(c->resolve + strlen(want), ","),
			 c->resolve + strlen(want), port);
		e = wb_xreq_set(&c->r.connect_to, spec);
	}
	if (!e && c->connect_to) {
		char h1[256] = "", h2[256] = "";
		unsigned p1 = 0, p2 = 0;
		const char *s = c->connect_to;
		/* HOST1:PORT1:HOST2:PORT2, any part may be empty */
		size_t a = strcspn(s, ":");
		snprintf(h1, sizeof h1, "%.*s", (int)a, s);
		s += a + (s[a] == ':');
		p1 = (unsigned)strtoul(s, NULL, 10);
		s += strcspn(s, ":") + (s[strcspn(s, ":")] == ':');
		a = strcspn(s, ":");
		snprintf(h2, sizeof h2, "%.*s", (int)a, s);
		s += a + (s[a] == ':');
		p2 = (unsigned)strtoul(s, NULL, 10);
		if ((h1[0] && strcmp(h1, host)) || (p1 && p1 != port))
			return wb_lines_add(&c->r.notes, "# --connect-to names "
							  "another host or port: not used");
		snprintf(spec, sizeof spec, "%s:%u", h2[0] ? h2 : host,
			 p2 ? p2 : port);
		e = wb_xreq_set(&c->r.connect_to, spec);
	}
	return e;
}

/* curl ignores its TLS options for an http:// URL; open refuses them. */
static wb_err tls_opts(cst *c)
{
	wb_xreq *r = &c->r;
	if (!strncmp(r->origin, "https:", 6) ||
	    !(r->insecure || r->cafile || r->capath || r->cert || r->key))
		return WB_OK;
	r->insecure = 0;
	wb_xreq_set(&r->cafile, NULL);
	wb_xreq_set(&r->capath, NULL);
	wb_xreq_set(&r->cert, NULL);
	wb_xreq_set(&r->key, NULL);
	return wb_lines_add(&r->notes, "# TLS options (-k, --cacert, --capath, "
				       "--cert, --key) left out: the URL is "
				       "http://");
}

/* curl's --noproxy: "*", or names separated by commas (and blanks),
 * each matching the host itself or a domain it is in; a leading dot
 * changes nothing. */
static int no_proxy_for(const char *list, const char *host)
{
	if (!strcmp(list, "*"))
		return 1;
	size_t hn = strlen(host);
	if (host[0] == '[') { /* an IPv6 address is named without brackets */
		host++;
		hn -= 2;
	}
	while (*list) {
		list += strspn(list, ", \t");
		size_t n = strcspn(list, ", \t");
		const char *name = list + (*list == '.');
		size_t k = n - (size_t)(name - list);
		if (k && k <= hn && !strncasecmp(host + hn - k, name, k) &&
		    (k == hn || host[hn - k - 1] == '.'))
			return 1;
		list += n;
	}
	return 0;
}

static wb_err net_opts(cst *c)
{
	wb_err e = route(c);
	if (!e)
		e = tls_opts(c);
	const char *t = c->maxtime ? c->maxtime : c->conntimeout;
	if (!e && t)
		e = wb_xreq_set(&c->r.timeout, t);
	if (!e && c->maxtime && c->conntimeout)
		e = wb_lines_add(&c->r.notes, "# one timeout for every wait: "
					      "--connect-timeout left out, "
					      "-m used");
	if (!e && c->r.proxy && !strstr(c->r.proxy, "://")) {
		wb_buf p = WB_BUF_INIT;
		e = wb_buf_printf(&p, "http://%s", c->r.proxy);
		if (!e)
			e = wb_xreq_set(&c->r.proxy, p.p);
		wb_buf_free(&p);
	}
	if (!e && c->noproxy) {
		char host[256];
		unsigned port;
		url_hostport(&c->r, host, sizeof host, &port);
		/* the list exempts this host (or everything): no proxy */
		if (no_proxy_for(c->noproxy, host)) {
			c->r.no_proxy = 1;
			e = wb_xreq_set(&c->r.proxy, NULL);
		}
	}
	return e;
}

/* --json adds its two fields after the -H ones, unless a -H field of
 * that name (a removal too) is given. */
static wb_err json_fields(cst *c)
{
	wb_err e = WB_OK;
	if (c->json && !custom(c, "Content-Type"))
		e = wb_xfields_add(&c->custom, "Content-Type",
				   "application/json");
	if (!e && c->json && !custom(c, "Accept"))
		e = wb_xfields_add(&c->custom, "Accept", "application/json");
	return e;
}

static wb_err method_and_body(cst *c)
{
	if (c->form.n && c->ndata) {
		wb_buf_printf(c->msg, "curl cannot mix -F with -d/--json");
		return WB_E_USAGE;
	}
	if (c->head && (c->ndata || c->form.n) && !c->get) {
		wb_buf_printf(c->msg, "curl cannot send a body with -I");
		return WB_E_USAGE;
	}
	const char *te = custom(c, "Transfer-Encoding");
	c->r.chunked = te && te != REMOVED && strstr(te, "chunked");
	wb_err e = json_fields(c);
	const char *m = c->head ? "HEAD" : "GET";
	if (e) {
		return e;
	} else if (c->get && c->ndata) {
		e = data_to_query(c);
	} else if (c->ndata) {
		m = "POST";
		c->r.has_body = 1;
		e = wb_buf_add(&c->r.body, c->data.p ? c->data.p : "",
			       c->data.n);
	} else if (c->form.n) {
		m = "POST";
		e = build_form(c);
	}
	if (!e)
		e = wb_xreq_set(&c->r.method, c->method ? c->method : m);
	return e;
}

static wb_err notes(cst *c, const wb_curl_opts *o)
{
	wb_buf b = WB_BUF_INIT;
	wb_err e = WB_OK;
	if (c->ignored.n) {
		e = wb_buf_adds(&b, "# curl options that change nothing on "
				    "the wire, left out:");
		for (size_t i = 0; !e && i < c->ignored.n; i++)
			e = wb_buf_printf(&b, " %s", c->ignored.v[i]);
		if (!e)
			e = wb_lines_addb(&c->r.notes, &b);
	}
	if (!e && !c->agent && !custom(c, "User-Agent"))
		e = wb_lines_add(&c->r.notes, "# curl would also send "
					      "User-Agent: curl/VERSION");
	for (size_t i = 0; !e && i < c->custom.n; i++) {
		if (c->custom.v[i].value[0])
			continue;
		wb_buf_clear(&b);
		e = wb_buf_printf(&b, "# curl sends '%s:' with no blank after "
				      "the colon; http.client writes ': '",
				  c->custom.v[i].name);
		if (!e)
			e = wb_lines_addb(&c->r.notes, &b);
	}
	if (!e && c->compressed)
		e = wb_lines_add(&c->r.notes, "# --compressed: only the "
					      "Accept-Encoding field; bodies "
					      "are shown as received");
	if (!e && o->lenient && c->unsupported.n) {
		wb_buf_clear(&b);
		e = wb_buf_adds(&b, "# --lenient: left out curl options "
				    "wirebench cannot honour:");
		for (size_t i = 0; !e && i < c->unsupported.n; i++)
			e = wb_buf_printf(&b, " %s", c->unsupported.v[i]);
		if (!e)
			e = wb_lines_addb(&c->r.notes, &b);
	}
	wb_buf_free(&b);
	return e;
}

static wb_err check(cst *c, const wb_curl_opts *o)
{
	if (c->unsupported.n && !o->lenient) {
		wb_buf_adds(c->msg, "curl options wirebench cannot honour:");
		for (size_t i = 0; i < c->unsupported.n; i++)
			wb_buf_printf(c->msg, " %s", c->unsupported.v[i]);
		wb_buf_adds(c->msg, " (import --lenient leaves them out)");
		return WB_E_USAGE;
	}
	if (c->nurls != 1) {
		wb_buf_adds(c->msg, c->nurls ? "several URLs: import one "
					       "request at a time"
					     : "no URL in the curl command");
		return WB_E_USAGE;
	}
	return wb_xreq_url(&c->r, c->url, c->msg);
}

wb_err wb_curl_import(const wb_lines *words, const wb_curl_opts *o,
		      wb_lines *out, wb_buf *msg)
{
	cst c = { .o = o, .msg = msg };
	wb_lines lines = { 0 };
	wb_err e = parse_words(&c, words);
	if (!e)
		e = check(&c, o);
	if (!e)
		e = method_and_body(&c);
	if (!e)
		e = net_opts(&c);
	if (!e)
		e = fields(&c);
	if (!e)
		e = notes(&c, o);
	if (!e)
		e = wb_xreq_emit(&c.r, NULL, &lines);
	if (!e)
		e = wb_lines_extend(out, &lines);
	wb_lines_free(&lines);
	free(c.url);
	wb_xfields_free(&c.custom);
	wb_buf_free(&c.data);
	wb_lines_free(&c.form);
	wb_lines_free(&c.ignored);
	wb_lines_free(&c.unsupported);
	wb_xreq_free(&c.r);
	if (e == WB_E_NOMEM && !msg->n)
		wb_buf_adds(msg, "out of memory");
	return e;
}

wb_err wb_curl_import_line(const char *line, const wb_curl_opts *o,
			   wb_lines *out, wb_buf *msg)
{
	wb_lines words;
	wb_err e = wb_shword_split(line, &words, msg);
	if (e)
		return e;
	/* `import curl 'curl URL -H ...'`: the whole line quoted as one word
	 * (no URL starts with "curl "), so its words are split again */
	if (words.n == 1 && !strncmp(words.v[0], "curl", 4) &&
	    strchr(" \t\n", words.v[0][4]) && words.v[0][4]) {
		wb_lines inner;
		e = wb_shword_split(words.v[0], &inner, msg);
		wb_lines_free(&words);
		if (e)
			return e;
		words = inner;
	}
	e = wb_curl_import(&words, o, out, msg);
	wb_lines_free(&words);
	return e;
}
