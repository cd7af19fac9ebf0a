/* commands.c - the command table: one http.client call per command. */
#include "interp_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "http/hostport.h"
#include "http/textfile.h"
#include "proxyenv.h"
#include "respcmds.h"
#include "base/text.h"
#include "net/tls.h"

static wb_err need_conn(wb_interp *in)
{
	if (in->conn)
		return WB_OK;
	return wb_interp_fail(in, WB_E_USAGE,
			      "no connection yet: start with open URL");
}

static wb_resp *need_response(wb_interp *in)
{
	wb_resp *r = in->conn ? wb_conn_response(in->conn) : NULL;
	if (!r)
		wb_interp_fail(in, WB_E_USAGE,
			       "no response yet: use getresponse");
	return r;
}

#define NEED_CONN(in)                                                         \
	do {                                                                  \
		wb_err ne_ = need_conn(in);                                   \
		if (ne_)                                                      \
			return ne_;                                           \
	} while (0)

static wb_err conn_result(wb_interp *in, wb_err e)
{
	return e ? wb_interp_conn_fail(in, e) : WB_OK;
}

/* Parses a decimal integer word; UsageError names the command's usage. */
static wb_err int_arg(wb_interp *in, const wb_words *w, size_t i, long *v)
{
	if (wb_hostport_pyint(w->w[i].s, w->w[i].n, v) == 0)
		return WB_OK;
	return wb_interp_fail(in, WB_E_USAGE, "'%s' is not a number",
			      w->w[i].s);
}

static wb_err split_hostport(wb_interp *in, const char *text, wb_buf *host,
			     long *port)
{
	const char *colon = strrchr(text, ':');
	if (!colon || wb_hostport_pyint(colon + 1, strlen(colon + 1), port))
		return wb_interp_fail(in, WB_E_USAGE,
				      "--connect-to needs HOST:PORT, got '%s'",
				      text);
	size_t n = (size_t)(colon - text);
	if (n >= 2 && text[0] == '[' && text[n - 1] == ']')
		return wb_buf_add(host, text + 1, n - 2);
	return wb_buf_add(host, text, n);
}

typedef struct open_opts {
	double timeout;
	const char *connect_to;
	long blocksize;
	wb_tls_opts tls;
	const char *proxy;
	int no_proxy;
} open_opts;

/* The TLS and proxy options of open; returns 1 if word i was one. */
static int net_option(const wb_words *w, size_t *i, open_opts *o)
{
	const char **val = NULL;
	if (wb_lex_is(w, *i, "--insecure"))
		return o->tls.insecure = 1;
	if (wb_lex_is(w, *i, "--no-proxy"))
		return o->no_proxy = 1;
	if (wb_lex_is(w, *i, "--cafile"))
		val = &o->tls.cafile;
	else if (wb_lex_is(w, *i, "--capath"))
		val = &o->tls.capath;
	else if (wb_lex_is(w, *i, "--cert"))
		val = &o->tls.cert;
	else if (wb_lex_is(w, *i, "--key"))
		val = &o->tls.key;
	else if (wb_lex_is(w, *i, "--proxy"))
		val = &o->proxy;
	if (!val || *i + 1 >= w->n)
		return 0;
	*val = w->w[++*i].s;
	return 1;
}

static wb_err open_options(wb_interp *in, const wb_words *w, open_opts *o)
{
	*o = (open_opts){ .timeout = -1, .blocksize = 8192 };
	for (size_t i = 2; i < w->n; i++) {
		int has_val = i + 1 < w->n;
		if (wb_lex_is(w, i, "--timeout") && has_val) {
			char *end;
			o->timeout = strtod(w->w[++i].s, &end);
			/* 0 would be Python's non-blocking socket mode */
			if (*end || !(o->timeout > 0))
				return wb_interp_fail(in, WB_E_USAGE,
						      "--timeout needs seconds "
						      "> 0, got '%s'",
						      w->w[i].s);
		} else if (wb_lex_is(w, i, "--connect-to") && has_val) {
			o->connect_to = w->w[++i].s;
		} else if (wb_lex_is(w, i, "--blocksize") && has_val) {
			wb_err e = int_arg(in, w, ++i, &o->blocksize);
			if (e || o->blocksize <= 0)
				return e ? e : wb_interp_fail(in, WB_E_USAGE,
							      "bad --blocksize");
		} else if (!net_option(w, &i, o)) {
			return wb_interp_fail(in, WB_E_USAGE,
					      "open: unknown option '%s'",
					      w->w[i].s);
		}
	}
	return WB_OK;
}

/* Splits "scheme://authority/path" into https flag and authority. */
/* User info is refused: http.client sends no credentials from a URL and
 * would make "user@h" the Host. Where http.client itself raises first
 * ("user:pw@h" is a nonnumeric port) its error is kept; a note says what
 * to do instead either way. */
static wb_err refuse_userinfo(wb_interp *in, const char *url, const char *a,
			      const char *at)
{
	wb_buf basic = WB_BUF_INIT, host = WB_BUF_INIT;
	wb_proxyenv_basic_auth(a, (size_t)(at - a), &basic);
	wb_tap_note(in->tap, WB_FK_WARNING,
		    "user info in a URL is never sent by http.client: open "
		    "the URL without it and add -H \"Authorization: %s\"",
		    basic.p ? basic.p : "Basic");
	long port;
	wb_buf_clear(&in->msg);
	wb_err e = wb_hostport_parse(a, 80, &host, &port, NULL, &in->msg);
	if (e == WB_OK)
		e = wb_interp_fail(in, WB_E_INVALID_URL,
				   "user info in '%s' (see the note)", url);
	wb_buf_free(&basic);
	wb_buf_free(&host);
	return e;
}

/* http.client takes a host, not a URL: what urlsplit() would refuse, user
 * info and an empty host are refused here, before they could become a
 * Host header such as "[user:pw@h]:80" or "[[:]:1". With --connect-to an
 * empty host names no connection, so http.client's handling of it (Host,
 * SNI) can still be shown. */
static wb_err check_authority(wb_interp *in, const char *url, const char *a,
			      int routed)
{
	const char *at = strrchr(a, '@');
	if (at)
		return refuse_userinfo(in, url, a, at);
	wb_buf_clear(&in->msg);
	wb_err e = wb_hostport_check_netloc(a, strlen(a), &in->msg);
	if (e)
		return e;
	if (!routed && (!*a || *a == ':'))
		return wb_interp_fail(in, WB_E_INVALID_URL, "no host in '%s' "
				      "(--connect-to would allow it)", url);
	return WB_OK;
}

static wb_err parse_url(wb_interp *in, const char *url, int *https,
			wb_buf *authority, int routed)
{
	const char *rest = url;
	*https = 0;
	if (strncmp(url, "http://", 7) == 0) {
		rest = url + 7;
	} else if (strncmp(url, "https://", 8) == 0) {
		rest = url + 8;
		*https = 1;
	} else if (strstr(url, "://")) {
		return wb_interp_fail(in, WB_E_USAGE,
				      "unsupported URL scheme in '%s' (http:// "
				      "or https://)",
				      url);
	}
	wb_err e = wb_buf_add(authority, rest, strcspn(rest, "/?#"));
	return e ? e : check_authority(in, url, wb_buf_str(authority),
				       routed);
}

/* TLS settings for https, then the proxy route (--proxy, or the
 * environment unless --no-proxy). */
static wb_err open_net(wb_interp *in, wb_conn *c, const open_opts *o,
		       const char *authority)
{
	wb_err e = WB_OK;
	if (in->frame_connector) { /* a preview: no TLS, no network */
		wb_conn_set_frame_only(c, 1);
		wb_conn_set_connector(c, in->frame_connector, in->frame_arg);
	} else if (wb_conn_https(c)) {
		wb_tls_config *cfg = NULL;
		wb_buf_clear(&in->msg);
		if ((e = wb_tls_config_new(&o->tls, &cfg, &in->msg)))
			return e;
		wb_conn_set_tls(c, cfg);
	}
	if (o->no_proxy)
		return WB_OK;
	if (o->proxy && o->connect_to)
		return wb_interp_fail(in, WB_E_USAGE,
				      "--proxy and --connect-to exclude each "
				      "other");
	wb_proxy_env env = { 0 };
	if (!o->connect_to)
		wb_proxyenv_read(&env);
	wb_proxy px = { WB_BUF_INIT, 0, WB_BUF_INIT, NULL };
	int use = 0;
	wb_buf_clear(&in->msg);
	e = wb_proxyenv_pick(&env, o->proxy, wb_conn_https(c),
			     wb_conn_host(c), &px, &use, &in->msg);
	if (e == WB_OK && use)
		e = wb_proxyenv_apply(c, &px, authority, in->tap, &in->msg);
	else if (e == WB_OK && px.from && !strcmp(px.from, "no_proxy"))
		wb_tap_note(in->tap, WB_FK_INFO, "no proxy: no_proxy exempts %s",
			    wb_conn_host(c));
	wb_proxy_free(&px);
	return e;
}

static wb_err cmd_open(wb_interp *in, const wb_words *w, wb_result *res)
{
	open_opts o;
	wb_err e = open_options(in, w, &o);
	int https;
	wb_buf auth = WB_BUF_INIT, host = WB_BUF_INIT;
	long port = 0;
	if (e == WB_OK)
		e = parse_url(in, w->w[1].s, &https, &auth, o.connect_to != NULL);
	if (e == WB_OK && !https && (o.tls.cafile || o.tls.capath ||
				      o.tls.cert || o.tls.key || o.tls.insecure))
		e = wb_interp_fail(in, WB_E_USAGE,
				   "TLS options need an https:// URL");
	if (e == WB_OK && o.connect_to)
		e = split_hostport(in, o.connect_to, &host, &port);
	wb_conn *c = NULL;
	if (e == WB_OK) {
		wb_buf_clear(&in->msg);
		e = wb_conn_new(wb_buf_str(&auth), https, in->tap, &c,
				&in->msg);
	}
	if (e == WB_OK)
		e = open_net(in, c, &o, wb_buf_str(&auth));
	if (e && c) {
		wb_conn_free(c);
		c = NULL;
	}
	if (e == WB_OK) {
		wb_conn_free(in->conn);
		in->conn = c;
		wb_io_opts *io = wb_conn_io(c);
		io->timeout = o.timeout;
		io->cancel = &in->cancel;
		io->wait = in->wait;
		io->wait_arg = in->wait_arg;
		wb_conn_set_blocksize(c, (size_t)o.blocksize);
		if (o.connect_to)
			wb_conn_set_connect_to(c, host.p, port);
		wb_buf_clear(&in->url);
		wb_buf_adds(&in->url, w->w[1].s);
		wb_buf origin = WB_BUF_INIT;
		wb_buf_printf(&origin, "http%s://%s", https ? "s" : "",
			      wb_buf_str(&auth));
		wb_xhist_set_origin(in->hist, origin.p);
		wb_buf_free(&origin);
		wb_tap_note(in->tap, WB_FK_INFO,
			    "HTTP%sConnection(%s) ready; nothing is sent before "
			    "endheaders",
			    https ? "S" : "", wb_buf_str(&auth));
	}
	wb_buf_free(&auth);
	wb_buf_free(&host);
	(void)res;
	return e;
}

static wb_err cmd_putrequest(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	int skip_host = 0, skip_ae = 0;
	for (size_t i = 3; i < w->n; i++) {
		if (wb_lex_is(w, i, "skip_host"))
			skip_host = 1;
		else if (wb_lex_is(w, i, "skip_accept_encoding"))
			skip_ae = 1;
		else
			return wb_interp_fail(in, WB_E_USAGE,
					      "putrequest: unknown flag '%s'",
					      w->w[i].s);
	}
	(void)res;
	return conn_result(in, wb_conn_putrequest(in->conn, w->w[1].s,
						  w->w[2].s, skip_host, skip_ae));
}

static wb_err cmd_putheader(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	const char **vals = wb_calloc(w->n, sizeof *vals);
	if (!vals)
		return WB_E_NOMEM;
	for (size_t i = 2; i < w->n; i++)
		vals[i - 2] = w->w[i].s;
	wb_err e = conn_result(in, wb_conn_putheader(in->conn, w->w[1].s, vals,
						     w->n - 2));
	free(vals);
	(void)res;
	return e;
}

/* Parses "Name: value": the value loses its leading blanks. */
static wb_err header_arg(wb_interp *in, char *s, wb_header *h)
{
	char *colon = strchr(s, ':');
	if (!colon)
		return wb_interp_fail(in, WB_E_USAGE,
				      "a header is \"Name: value\", got '%s'",
				      s);
	*colon = '\0';
	char *v = colon + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	h->name = s;
	h->value = v;
	return WB_OK;
}

/* Adds a header as a Python dict would: a repeated name keeps its place
 * and takes the new value. */
static void dict_put(wb_header *hs, size_t *n, wb_header h)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp(hs[i].name, h.name) == 0) {
			hs[i].value = h.value;
			return;
		}
	}
	hs[(*n)++] = h;
}

/* Options and keywords after a body-taking command's fixed words, in any
 * order: encode_chunked, -H "Name: value" (when hs is given), --encoding E
 * (for an @text: body) and at most one BODY (text, @file, @text:file or
 * --pieces A B ...). */
typedef struct body_opts {
	wb_body_arg body;
	int has_body, chunked;
	wb_header *hs;
	size_t nh;
	const char *encoding;
} body_opts;

/* --encoding applies to a text-mode file; Python's open() checks it
 * before anything is sent. */
static wb_err body_encoding(wb_interp *in, body_opts *o)
{
	if (!o->encoding)
		return WB_OK;
	if (!wb_body_is_text_file(&o->body.b))
		return wb_interp_fail(in, WB_E_USAGE, "--encoding needs an "
				      "@text:FILE body");
	if (wb_textfile_codec(o->encoding) == WB_CODEC_NONE)
		return wb_interp_fail(in, WB_E_USAGE, "text files are read as "
				      "utf-8, latin-1 or ascii, not '%s'",
				      o->encoding);
	o->body.b.encoding = o->encoding;
	return WB_OK;
}

static wb_err body_opts_parse(wb_interp *in, const wb_words *w, size_t i,
			      int as_text, const char *cmd, body_opts *o)
{
	o->body = (wb_body_arg){ .b.kind = WB_BODY_NONE };
	while (i < w->n) {
		if (wb_lex_is(w, i, "encode_chunked")) {
			o->chunked = 1;
			i++;
		} else if (o->hs && wb_lex_is(w, i, "-H") && i + 1 < w->n) {
			wb_header h;
			wb_err e = header_arg(in, w->w[i + 1].s, &h);
			if (e)
				return e;
			dict_put(o->hs, &o->nh, h);
			i += 2;
		} else if (wb_lex_is(w, i, "--encoding") && i + 1 < w->n) {
			o->encoding = w->w[i + 1].s;
			i += 2;
		} else if (!o->has_body && (wb_lex_is(w, i, "--pieces") ||
					    !wb_interp_is_option(w, i))) {
			o->has_body = 1;
			wb_err e = wb_interp_body(in, w, &i, as_text, &o->body);
			if (e)
				return e;
		} else {
			return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
					      wb_interp_find(cmd)->info.usage);
		}
	}
	return body_encoding(in, o);
}

static wb_err cmd_endheaders(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	body_opts o = { 0 };
	wb_err e = body_opts_parse(in, w, 1, 0, "endheaders", &o);
	if (e == WB_OK)
		e = conn_result(in, wb_conn_endheaders(in->conn, &o.body.b,
						       o.chunked));
	wb_interp_body_free(&o.body);
	(void)res;
	return e;
}

static wb_err cmd_send(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	body_opts o = { 0 };
	wb_err e = body_opts_parse(in, w, 1, 0, "send", &o);
	if (e == WB_OK && (o.chunked || o.body.b.kind == WB_BODY_NONE))
		e = wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				   wb_interp_find("send")->info.usage);
	if (e == WB_OK)
		e = conn_result(in, wb_conn_send(in->conn, &o.body.b));
	wb_interp_body_free(&o.body);
	(void)res;
	return e;
}

static wb_err cmd_request(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	/* -H takes two words: a line of up to 16 words has at most 8
	 * headers, held on the stack (no allocation per usual request) */
	wb_header local[8];
	body_opts o = { .hs = w->n <= 16 ? local
					 : wb_calloc(w->n, sizeof *o.hs) };
	if (!o.hs)
		return WB_E_NOMEM;
	wb_err e = body_opts_parse(in, w, 3, 1, "request", &o);
	if (e == WB_OK)
		e = conn_result(in, wb_conn_request(in->conn, w->w[1].s,
						    w->w[2].s, &o.body.b, o.hs,
						    o.nh, o.chunked));
	wb_interp_body_free(&o.body);
	if (o.hs != local)
		free(o.hs);
	(void)res;
	return e;
}

static wb_err cmd_getresponse(wb_interp *in, const wb_words *w,
			      wb_result *res)
{
	NEED_CONN(in);
	wb_resp *r = NULL;
	wb_err e = wb_conn_getresponse(in->conn, &r);
	if (e)
		return wb_interp_conn_fail(in, e);
	res->kind = WB_RES_RESPONSE;
	res->resp = r;
	wb_expect_new_response(in, r);
	(void)w;
	return WB_OK;
}

/* Where a read's data is kept: the body buffer on the first read of a
 * response (what it returns is then the body so far, which `expect`
 * reads), else the data buffer. */
static wb_buf *kept(wb_interp *in)
{
	return in->into_body ? &in->body : &in->data;
}

/* Large reads land straight in the kept data while it has room (the copy
 * keep_data would make is then already done). */
static char *keep_place(void *arg, size_t want, size_t *room)
{
	wb_interp *in = arg;
	wb_buf *b = kept(in);
	size_t left = in->data_cap > b->n ? in->data_cap - b->n : 0;
	*room = want < left ? want : left;
	if (!*room || wb_buf_reserve(b, *room) != WB_OK)
		return NULL;
	return b->p + b->n;
}

static wb_err keep_data(void *arg, const char *p, size_t n)
{
	wb_interp *in = arg;
	wb_buf *b = kept(in);
	in->data_bytes += n;
	if (!in->peeking && !in->into_body) {
		wb_err e = wb_expect_body_add(in, p, n);
		if (e)
			return e;
	}
	if (b->p && p == b->p + b->n) { /* read in place */
		b->n += n;
		b->p[b->n] = '\0';
		return WB_OK;
	}
	if (b->n < in->data_cap) {
		size_t room = in->data_cap - b->n;
		return wb_buf_add(b, p, n < room ? n : room);
	}
	return WB_OK;
}

typedef wb_err (*read_fn)(wb_resp *, int64_t, wb_sink_fn, void *,
			  uint64_t *, wb_buf *);

static wb_err do_read(wb_interp *in, const wb_words *w, wb_result *res,
		      read_fn fn, int negative_ok)
{
	NEED_CONN(in);
	wb_resp *r = need_response(in);
	if (!r)
		return WB_E_USAGE;
	long n = -1;
	if (w->n > 1) {
		wb_err e = int_arg(in, w, 1, &n);
		if (e)
			return e;
		/* read(-1) reads unclipped to EOF in http.client, read(-2) is
		 * a ValueError: neither is offered; `read` alone is read() */
		if (n < 0 && !negative_ok)
			return wb_interp_fail(in, WB_E_USAGE,
					      "%s N needs N >= 0%s", w->w[0].s,
					      fn == wb_resp_read
						      ? " (read without N is "
							"read())"
						      : "");
	}
	wb_buf_clear(&in->data);
	in->data_bytes = 0;
	uint64_t got = 0;
	wb_buf_clear(&in->msg);
	in->peeking = fn == wb_resp_peek;
	if (r != in->body_resp) /* a response this interpreter did not see */
		wb_expect_new_response(in, r);
	/* the body buffer keeps the same capped bytes the data buffer
	 * would: one copy of a large download instead of two */
	in->into_body = !in->peeking && in->body.n == 0 && !in->body.oom;
	wb_resp_set_place(r, keep_place, in);
	wb_err e = fn(r, n, keep_data, in, &got, &in->msg);
	if (!wb_resp_isclosed(r))
		wb_resp_set_place(r, NULL, NULL);
	const wb_buf *b = kept(in);
	in->into_body = 0;
	if (e == WB_OK) {
		res->kind = WB_RES_DATA;
		res->data = wb_buf_str(b);
		res->stored = b->n;
		res->bytes = got;
	}
	return e;
}

static wb_err cmd_read(wb_interp *in, const wb_words *w, wb_result *res)
{
	return do_read(in, w, res, wb_resp_read, 0);
}

static wb_err cmd_read1(wb_interp *in, const wb_words *w, wb_result *res)
{
	return do_read(in, w, res, wb_resp_read1, 1);
}

static wb_err cmd_readline(wb_interp *in, const wb_words *w, wb_result *res)
{
	return do_read(in, w, res, wb_resp_readline, 1);
}

static wb_err cmd_peek(wb_interp *in, const wb_words *w, wb_result *res)
{
	return do_read(in, w, res, wb_resp_peek, 1);
}

static wb_err cmd_readinto(wb_interp *in, const wb_words *w, wb_result *res)
{
	return do_read(in, w, res, wb_resp_readinto, 0);
}

static wb_err cmd_readinto1(wb_interp *in, const wb_words *w, wb_result *res)
{
	return do_read(in, w, res, wb_resp_readinto1, 0);
}

/* Appends repr() of a header value: raw Latin-1 bytes as a Python str. */
static void repr_latin1(wb_buf *out, const char *p, size_t n)
{
	wb_buf text = WB_BUF_INIT;
	wb_text_from_latin1(&text, p, n);
	wb_text_repr(out, wb_buf_str(&text), text.n);
	wb_buf_free(&text);
}

static wb_err repr_result(wb_interp *in, wb_result *res)
{
	res->kind = WB_RES_REPR;
	res->text = wb_buf_str(&in->data);
	return WB_OK;
}

/* response.getheader(name[, default]): all values joined with ", ". */
static wb_err cmd_getheader(wb_interp *in, const wb_words *w, wb_result *res)
{
	wb_resp *r = need_response(in);
	if (!r)
		return WB_E_USAGE;
	wb_buf v = WB_BUF_INIT;
	wb_buf_clear(&in->data);
	if (wb_resp_getheader(r, w->w[1].s, &v))
		repr_latin1(&in->data, wb_buf_str(&v), v.n);
	else if (w->n > 2)
		wb_text_repr(&in->data, w->w[2].s, w->w[2].n);
	else
		wb_buf_adds(&in->data, "None");
	wb_buf_free(&v);
	return repr_result(in, res);
}

/* response.getheaders(): the (name, value) pairs in order. */
static wb_err cmd_getheaders(wb_interp *in, const wb_words *w, wb_result *res)
{
	wb_resp *r = need_response(in);
	if (!r)
		return WB_E_USAGE;
	const char *name, *value;
	size_t nn, vn;
	wb_buf_clear(&in->data);
	wb_buf_addc(&in->data, '[');
	for (size_t i = 0; wb_resp_header(r, i, &name, &nn, &value, &vn); i++) {
		wb_buf_adds(&in->data, i ? ", (" : "(");
		repr_latin1(&in->data, name, nn);
		wb_buf_adds(&in->data, ", ");
		repr_latin1(&in->data, value, vn);
		wb_buf_addc(&in->data, ')');
	}
	wb_buf_addc(&in->data, ']');
	(void)w;
	return repr_result(in, res);
}

static wb_err cmd_isclosed(wb_interp *in, const wb_words *w, wb_result *res)
{
	wb_resp *r = need_response(in);
	if (!r)
		return WB_E_USAGE;
	wb_buf_clear(&in->data);
	wb_buf_adds(&in->data, wb_resp_isclosed(r) ? "True" : "False");
	(void)w;
	return repr_result(in, res);
}

static wb_err cmd_debuglevel(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	long level;
	wb_err e = int_arg(in, w, 1, &level);
	if (e == WB_OK && (level > INT_MAX || level < -INT_MAX))
		e = wb_interp_fail(in, WB_E_USAGE, "set_debuglevel N needs "
				   "|N| <= %d", INT_MAX);
	if (e == WB_OK) /* kept as given: the response's debuglevel shows it */
		wb_conn_set_debuglevel(in->conn, (int)level);
	(void)res;
	return e;
}

static wb_err cmd_set_tunnel(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	wb_header *hs = wb_calloc(w->n, sizeof *hs);
	size_t nh = 0;
	if (!hs)
		return WB_E_NOMEM;
	wb_err e = WB_OK;
	for (size_t i = 2; e == WB_OK && i < w->n; i++) {
		wb_header h;
		e = header_arg(in, w->w[i].s, &h);
		if (e == WB_OK)
			dict_put(hs, &nh, h);
	}
	if (e == WB_OK)
		e = conn_result(in, wb_conn_set_tunnel(in->conn, w->w[1].s, hs,
						       nh));
	free(hs);
	(void)res;
	return e;
}

static wb_err cmd_connect(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	(void)w;
	(void)res;
	return conn_result(in, wb_conn_connect(in->conn));
}

static wb_err cmd_close(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	wb_conn_close(in->conn);
	(void)w;
	(void)res;
	return WB_OK;
}

static wb_err cmd_chunk(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	wb_buf bytes = WB_BUF_INIT;
	wb_buf_clear(&in->msg);
	wb_err e = wb_text_encode(w->w[1].s, w->w[1].n, "latin-1", &bytes,
				  &in->msg, NULL);
	if (e == WB_OK)
		e = conn_result(in, wb_conn_chunk(in->conn, wb_buf_str(&bytes),
						  bytes.n));
	wb_buf_free(&bytes);
	(void)res;
	return e;
}

static wb_err cmd_endchunks(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	const char **tr = wb_calloc(w->n, sizeof *tr);
	if (!tr)
		return WB_E_NOMEM;
	for (size_t i = 1; i < w->n; i++)
		tr[i - 1] = w->w[i].s;
	wb_err e = conn_result(in, wb_conn_endchunks(in->conn, tr, w->n - 1));
	free(tr);
	(void)res;
	return e;
}

static wb_err cmd_state(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	res->kind = WB_RES_STATE;
	res->conn = in->conn;
	(void)w;
	return WB_OK;
}

static wb_err cmd_tls(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	const wb_tls_config *cfg = wb_conn_tls(in->conn);
	const char *last = cfg ? wb_tls_config_last(cfg) : NULL;
	if (!wb_conn_https(in->conn))
		return wb_interp_fail(in, WB_E_USAGE,
				      "not an https:// connection");
	if (!last)
		return wb_interp_fail(in, WB_E_USAGE,
				      "no TLS handshake has succeeded yet");
	res->kind = WB_RES_TEXT;
	res->text = last;
	(void)w;
	return WB_OK;
}

static wb_err cmd_reset(wb_interp *in, const wb_words *w, wb_result *res)
{
	NEED_CONN(in);
	wb_conn_reset(in->conn);
	(void)w;
	(void)res;
	return WB_OK;
}

static wb_err cmd_quit(wb_interp *in, const wb_words *w, wb_result *res)
{
	in->quit = 1;
	(void)w;
	(void)res;
	return WB_OK;
}

static wb_err cmd_help(wb_interp *in, const wb_words *w, wb_result *res);

#define HTTP(name, fn, lo, hi, usage, help)                                   \
	{ { name, usage, help, 0 }, fn, lo, hi, 0 }
#define EXT(name, fn, lo, hi, usage, help)                                    \
	{ { name, usage, help, 1 }, fn, lo, hi, 0 }
/* Session commands act on the recording and are not recorded. */
#define SESS(name, fn, lo, hi, usage, help)                                   \
	{ { name, usage, help, 1 }, fn, lo, hi, 1 }

const wb_cmd wb_cmds[] = {
	EXT("open", cmd_open, 1, -1,
	    "open URL [--timeout S] [--connect-to HOST:PORT] [--blocksize N] "
	    "[--cafile F] [--capath D] [--cert F [--key F]] [--insecure] "
	    "[--proxy URL | --no-proxy]",
	    "Create HTTPConnection (HTTPSConnection for https://) for URL's "
	    "host and port. Nothing is sent yet: http.client connects lazily, "
	    "at the first send. https verifies the certificate against the "
	    "system store (or --cafile/--capath); --insecure turns that off, "
	    "loudly. http_proxy/https_proxy/no_proxy are honoured as curl "
	    "does, unless --proxy or --no-proxy."),
	HTTP("putrequest", cmd_putrequest, 2, 4,
	     "putrequest METHOD URL [skip_host] [skip_accept_encoding]",
	     "Buffer the request line, Host and Accept-Encoding. Nothing goes "
	     "on the wire before endheaders."),
	HTTP("putheader", cmd_putheader, 1, -1, "putheader NAME [VALUE...]",
	     "Buffer one header line; several values become continuation "
	     "lines (CRLF TAB)."),
	HTTP("endheaders", cmd_endheaders, 0, -1,
	     "endheaders [BODY | --pieces A B ...] [encode_chunked] "
	     "(in any order)",
	     "Send the buffered head in one write, then the body. With "
	     "encode_chunked and no body, use chunk/endchunks."),
	HTTP("send", cmd_send, 1, -1, "send BODY | send --pieces A B ...",
	     "Write raw bytes, in any state (connects first if needed)."),
	HTTP("request", cmd_request, 2, -1,
	     "request METHOD URL [BODY | --pieces A B ...] "
	     "[-H \"Name: value\"]... [encode_chunked] (after URL, in any "
	     "order)",
	     "putrequest + automatic Content-Length or Transfer-Encoding + "
	     "headers + endheaders, as http.client's request()."),
	HTTP("getresponse", cmd_getresponse, 0, 0, "getresponse",
	     "Read the status line and headers (skipping 100 Continue)."),
	HTTP("read", cmd_read, 0, 1, "read [N]",
	     "Read N body bytes, or the whole body."),
	HTTP("read1", cmd_read1, 0, 1, "read1 [N]",
	     "Read at most one network read (never crosses a chunk)."),
	HTTP("readline", cmd_readline, 0, 1, "readline [N]",
	     "Read one line of the body."),
	HTTP("peek", cmd_peek, 0, 1, "peek [N]",
	     "Show buffered body bytes without consuming them."),
	HTTP("readinto", cmd_readinto, 1, 1, "readinto N",
	     "readinto(bytearray(N)): the bytes it filled and the count it "
	     "returned (the same reads as read N)."),
	HTTP("readinto1", cmd_readinto1, 1, 1, "readinto1 N",
	     "readinto1(bytearray(N)): as read1 N, shown as readinto."),
	HTTP("attrs", wb_cmd_attrs, 0, -1, "attrs [NAME...]",
	     "The response's attributes as Python repr()s: status, reason, "
	     "version, code, chunked, chunk_left, length, will_close, "
	     "debuglevel, closed, fp, msg, headers (msg and headers, one "
	     "HTTPMessage, show as HTTPMessage([(name, value), ...]))."),
	HTTP("response", wb_cmd_response, 1, -1,
	     "response close|fileno|getcode|info|geturl|begin|flush|readable|"
	     "seekable|writable|isatty|tell|detach | response seek POS "
	     "[WHENCE] | response truncate [SIZE] | response write DATA | "
	     "response writelines [DATA...]",
	     "Call the response's other methods; the result is shown as "
	     "Python's repr() of what they return. close() sets closed, which "
	     "reading to the end does not; the io methods raise what 3.11 "
	     "raises (UnsupportedOperation, ValueError after close)."),
	HTTP("getheader", cmd_getheader, 1, 2, "getheader NAME [DEFAULT]",
	     "The response's header NAME (any letter case), duplicates joined "
	     "with \", \"; DEFAULT or None when missing."),
	HTTP("getheaders", cmd_getheaders, 0, 0, "getheaders",
	     "The response's (name, value) pairs in order, duplicates kept."),
	HTTP("isclosed", cmd_isclosed, 0, 0, "isclosed",
	     "Whether the response is closed: its body was read to the end."),
	HTTP("set_debuglevel", cmd_debuglevel, 1, 1, "set_debuglevel N",
	     "With N > 0 show what http.client prints (send:, reply:, "
	     "header:)."),
	HTTP("set_tunnel", cmd_set_tunnel, 1, -1,
	     "set_tunnel HOST[:PORT] [\"Name: value\"]...",
	     "Tunnel through the opened host as a proxy with CONNECT."),
	HTTP("connect", cmd_connect, 0, 0, "connect",
	     "Open the TCP connection now (and the tunnel, if set)."),
	HTTP("close", cmd_close, 0, 0, "close",
	     "Close the socket and any pending response; state Idle. The "
	     "header buffer is kept, as in http.client."),
	EXT("chunk", cmd_chunk, 1, 1, "chunk DATA",
	    "Send one chunk (size line, data, CRLF) of a body started with "
	    "'endheaders encode_chunked'. Beyond http.client."),
	EXT("endchunks", cmd_endchunks, 0, -1,
	    "endchunks [\"Trailer: value\"]...",
	    "Send the last-chunk (0), optional trailer fields, and the final "
	    "CRLF. Beyond http.client."),
	EXT("tls", cmd_tls, 0, 0, "tls",
	    "Show the last TLS handshake: version, cipher, ALPN, verdict "
	    "and the peer chain (subjects, issuers, SANs, validity, "
	    "SHA-256)."),
	EXT("state", cmd_state, 0, 0, "state",
	    "Show http.client's state, socket, pending response and the "
	    "buffered header lines."),
	EXT("reset", cmd_reset, 0, 0, "reset",
	    "Close and empty the header buffer: clears a wedged connection."),
	EXT("set", wb_cmd_set, 0, -1,
	    "set [--secret] NAME VALUE | set [--secret] NAME from status | "
	    "from header NAME | from body | from json PATH | from regex RE | "
	    "set",
	    "Set a variable: ${NAME} expands in later words, also inside "
	    "\"...\" but not inside '...'; ${env:NAME} reads the environment; "
	    "an unset variable is a NameError. --secret: the value is shown "
	    "as " WB_SECRET_MARK " everywhere but on the wire. 'from' captures "
	    "from the current response (body: what the reads returned so far; "
	    "json: a path like a.b[0].c; regex: POSIX extended, first group). "
	    "set alone lists the variables."),
	EXT("expect", wb_cmd_expect, 2, -1,
	    "expect status N | expect header NAME = VALUE | expect header "
	    "NAME ~ REGEX | expect header NAME absent | expect body contains "
	    "TEXT | expect body = TEXT | expect body sha256 HEX | expect json "
	    "PATH = VALUE | expect chunks N | expect framing "
	    "chunked|length|close | expect error NAME",
	    "Check the current response (the body is what the reads returned "
	    "so far; chunks counts the data chunks received); a mismatch is an "
	    "AssertionError and leaves the connection as it is. 'expect error "
	    "NAME': the next command must fail with that error, and then "
	    "counts as a success."),
	/* source is not recorded: the commands it runs are */
	SESS("source", wb_cmd_source, 1, 1, "source FILE",
	    "Run the commands of a script or session file, each shown as if "
	    "typed; its @file paths are relative to its folder. Stops at the "
	    "first failure unless the front end keeps going (the REPL does)."),
	SESS("save", wb_cmd_save, 0, -1,
	     "save [--redact] [--redact-header NAME]... [--force] [FILE]",
	     "Write the session so far (every command with the frames, "
	     "results and errors it produced) to FILE, a script that "
	     "--batch re-runs; without FILE, to the file it was loaded from "
	     "or last saved to. --redact hides Authorization, "
	     "Proxy-Authorization, Cookie and Set-Cookie values (and any "
	     "--redact-header NAME); --force replaces a file that is not a "
	     "session."),
	SESS("replay", wb_cmd_replay, 1, -1,
	     "replay FILE [URL] [--ignore-header NAME]... [--strict] [--step]",
	     "Run the session FILE again on a fresh connection (to URL "
	     "instead of where its open points, when given) and list what "
	     "differs from its recording: request bytes, status line, "
	     "headers, body, framing, trailers. Date, Age, Expires, "
	     "Last-Modified and Server-Timing are ignored unless --strict. "
	     "In the workbench the replay fills the wire panel and marks the "
	     "frames that differ; --step pauses before each command."),
	/* import is not recorded: the commands it runs are; export reads the
	 * session */
	SESS("import", wb_cmd_import, 1, -1,
	    "import [--no-run] [--lenient] curl CMDLINE|@FILE | import "
	    "[--no-run] http FILE | import [--no-run] [--expect] har FILE",
	    "Turn a curl command line (pasted as is, or read from FILE), a "
	    ".http/.rest file (REST Client, JetBrains) or a HAR 1.2 capture "
	    "into commands: they are shown, then run as if typed (--no-run: "
	    "only shown). curl options wirebench cannot honour are named and "
	    "fail the import unless --lenient; a bad file is refused with its "
	    "position. --expect: a HAR's recorded responses become expect "
	    "lines."),
	SESS("export", wb_cmd_export, 1, 3,
	    "export curl [--all] [FILE] | export http [FILE] | export har "
	    "[FILE]",
	    "Write the last request sent (every one with --all) as a curl "
	    "command line that sends the same bytes, every request as a .http "
	    "file with the variables as @name = value, or every exchange as "
	    "HAR 1.2, to FILE or the screen; '# ... cannot reproduce/express:' "
	    "comments name what the format cannot say. Secret values are "
	    "written as " WB_SECRET_MARK "."),
	EXT("help", cmd_help, 0, 1, "help [COMMAND]",
	    "List the commands, or explain one."),
	EXT("quit", cmd_quit, 0, 0, "quit",
	    "End wirebench; the connection closes."),
	EXT("exit", cmd_quit, 0, 0, "exit", "The same as quit."),
};
const size_t wb_ncmds = sizeof wb_cmds / sizeof wb_cmds[0];

static wb_err cmd_help(wb_interp *in, const wb_words *w, wb_result *res)
{
	wb_buf_clear(&in->data);
	if (w->n > 1) {
		const wb_cmd *c = wb_interp_find(w->w[1].s);
		if (!c)
			return wb_interp_fail(in, WB_E_USAGE,
					      "no command '%s'", w->w[1].s);
		wb_buf_printf(&in->data, "%s\n  %s%s", c->info.usage,
			      c->info.help,
			      c->info.extension ? " (wirebench extension)"
						: "");
	} else {
		for (size_t i = 0; i < wb_ncmds; i++)
			wb_buf_printf(&in->data, "%-66s%s\n",
				      wb_cmds[i].info.usage,
				      wb_cmds[i].info.extension ? " +" : "");
		wb_buf_adds(&in->data,
			    "+ = wirebench extension. BODY: \"text\", @file, or "
			    "--pieces A B ...");
		res->kind = WB_RES_HELP;
		res->text = in->data.p;
		return WB_OK;
	}
	res->kind = WB_RES_TEXT;
	res->text = in->data.p;
	return WB_OK;
}
