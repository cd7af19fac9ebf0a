/* xreq.c - the interchange request model and its command lines. */
#include "xreq.h"
#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote.h"

wb_err wb_xfields_add(wb_xfields *f, const char *name, const char *value)
{
	wb_xfield *v = wb_grow(f->v, &f->cap, f->n, sizeof *v);
	if (!v)
		return WB_E_NOMEM;
	f->v = v;
	v[f->n].name = wb_strdup(name);
	v[f->n].value = wb_strdup(value);
	if (!v[f->n].name || !v[f->n].value) {
		free(v[f->n].name);
		free(v[f->n].value);
		return WB_E_NOMEM;
	}
	f->n++;
	return WB_OK;
}

long wb_xfields_find(const wb_xfields *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcasecmp(f->v[i].name, name))
			return (long)i;
	return -1;
}

void wb_xfields_del(wb_xfields *f, size_t i)
{
	free(f->v[i].name);
	free(f->v[i].value);
	memmove(f->v + i, f->v + i + 1, (f->n - i - 1) * sizeof *f->v);
	f->n--;
}

void wb_xfields_free(wb_xfields *f)
{
	while (f->n)
		wb_xfields_del(f, f->n - 1);
	free(f->v);
	*f = (wb_xfields){ 0 };
}

void wb_xreq_free(wb_xreq *r)
{
	char **s[] = { &r->origin, &r->target, &r->method, &r->name,
		       &r->cafile, &r->capath, &r->cert, &r->key, &r->proxy,
		       &r->timeout, &r->connect_to };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		free(*s[i]);
	wb_xfields_free(&r->h);
	wb_xfields_free(&r->expect_h);
	wb_buf_free(&r->body);
	wb_lines_free(&r->notes);
	*r = (wb_xreq){ 0 };
}

wb_err wb_xreq_set(char **slot, const char *s)
{
	char *c = s ? wb_strdup(s) : NULL;
	if (s && !c)
		return WB_E_NOMEM;
	free(*slot);
	*slot = c;
	return WB_OK;
}

/* The target with %XX for what may not stand on a request line. */
static wb_err target_escape(const char *p, wb_buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	wb_err e = WB_OK;
	for (; !e && *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c >= 0x7f) {
			char x[3] = { '%', hex[c >> 4], hex[c & 15] };
			e = wb_buf_add(out, x, 3);
		} else {
			e = wb_buf_addc(out, (char)c);
		}
	}
	return e;
}

wb_err wb_xreq_url(wb_xreq *r, const char *url, wb_buf *msg)
{
	size_t skip = !strncasecmp(url, "http://", 7)	 ? 7
		      : !strncasecmp(url, "https://", 8) ? 8
							 : 0;
	if (!skip || !url[skip] || strchr("/?#", url[skip])) {
		wb_buf_printf(msg, "not an http:// or https:// URL: '%s'", url);
		return WB_E_INVALID_URL;
	}
	const char *path = url + skip + strcspn(url + skip, "/?#");
	wb_buf o = WB_BUF_INIT, t = WB_BUF_INIT;
	wb_err e = wb_buf_add(&o, skip == 8 ? "https://" : "http://", skip);
	if (!e)
		e = wb_buf_add(&o, url + skip, (size_t)(path - url - skip));
	size_t frag = strcspn(path, "#"); /* a fragment is never sent */
	if (!e && path[0] != '/')
		e = wb_buf_addc(&t, '/');
	char *cut = wb_strndup(path, frag);
	if (!cut)
		e = WB_E_NOMEM;
	if (!e)
		e = target_escape(cut, &t);
	free(cut);
	if (!e)
		e = wb_xreq_set(&r->origin, o.p);
	if (!e)
		e = wb_xreq_set(&r->target, t.p);
	wb_buf_free(&o);
	wb_buf_free(&t);
	return e;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int same_open(const wb_xreq *a, const wb_xreq *b)
{
	return b && same(a->origin, b->origin) && a->insecure == b->insecure &&
	       same(a->cafile, b->cafile) && same(a->capath, b->capath) &&
	       same(a->cert, b->cert) && same(a->key, b->key) &&
	       same(a->proxy, b->proxy) && same(a->timeout, b->timeout) &&
	       same(a->connect_to, b->connect_to) &&
	       a->no_proxy == b->no_proxy;
}

static wb_err opt(wb_buf *b, const char *name, const char *v)
{
	if (!v)
		return WB_OK;
	wb_err e = wb_buf_printf(b, " %s ", name);
	return e ? e : wb_quote_cmd(b, v, strlen(v));
}

static wb_err emit_open(const wb_xreq *r, wb_lines *out)
{
	wb_buf b = WB_BUF_INIT;
	wb_err e = wb_buf_adds(&b, "open ");
	if (!e)
		e = wb_quote_cmd(&b, r->origin, strlen(r->origin));
	if (!e)
		e = opt(&b, "--timeout", r->timeout);
	if (!e)
		e = opt(&b, "--connect-to", r->connect_to);
	if (!e)
		e = opt(&b, "--cafile", r->cafile);
	if (!e)
		e = opt(&b, "--capath", r->capath);
	if (!e)
		e = opt(&b, "--cert", r->cert);
	if (!e)
		e = opt(&b, "--key", r->key);
	if (!e && r->insecure)
		e = wb_buf_adds(&b, " --insecure");
	if (!e)
		e = opt(&b, "--proxy", r->proxy);
	if (!e && r->no_proxy)
		e = wb_buf_adds(&b, " --no-proxy");
	if (!e)
		e = wb_lines_addb(out, &b);
	wb_buf_free(&b);
	return e;
}

/* "cmd W1 W2..." with each word quoted. */
static wb_err emit_words(wb_lines *out, const char *cmd, const char **w,
			 const size_t *len, size_t n)
{
	wb_buf b = WB_BUF_INIT;
	wb_err e = wb_buf_adds(&b, cmd);
	for (size_t i = 0; !e && i < n; i++) {
		e = wb_buf_addc(&b, ' ');
		if (!e)
			e = wb_quote_cmd(&b, w[i], len[i]);
	}
	if (!e)
		e = wb_lines_addb(out, &b);
	wb_buf_free(&b);
	return e;
}

static wb_err emit_request(const wb_xreq *r, wb_lines *out)
{
	int explicit_host = wb_xfields_find(&r->h, "Host") >= 0;
	wb_buf b = WB_BUF_INIT;
	wb_err e = wb_buf_adds(&b, "putrequest ");
	if (!e)
		e = wb_quote_cmd(&b, r->method, strlen(r->method));
	if (!e)
		e = wb_buf_addc(&b, ' ');
	if (!e)
		e = wb_quote_cmd(&b, r->target, strlen(r->target));
	if (!e && (explicit_host || r->no_host))
		e = wb_buf_adds(&b, " skip_host");
	/* curl, browsers and REST clients send no Accept-Encoding: identity */
	if (!e)
		e = wb_buf_adds(&b, " skip_accept_encoding");
	if (!e)
		e = wb_lines_addb(out, &b);
	wb_buf_free(&b);
	for (size_t i = 0; !e && i < r->h.n; i++) {
		const char *w[2] = { r->h.v[i].name, r->h.v[i].value };
		size_t len[2] = { strlen(w[0]), strlen(w[1]) };
		e = emit_words(out, "putheader", w, len, 2);
	}
	if (e)
		return e;
	if (!r->has_body)
		return wb_lines_add(out, "endheaders");
	wb_buf b2 = WB_BUF_INIT;
	e = wb_buf_adds(&b2, "endheaders ");
	if (!e)
		e = wb_quote_cmd(&b2, r->body.p ? r->body.p : "", r->body.n);
	if (!e && r->chunked)
		e = wb_buf_adds(&b2, " encode_chunked");
	if (!e)
		e = wb_lines_addb(out, &b2);
	wb_buf_free(&b2);
	return e;
}

static wb_err emit_expect(const wb_xreq *r, wb_lines *out)
{
	wb_buf b = WB_BUF_INIT;
	wb_err e = WB_OK;
	if (r->expect_status)
		e = wb_buf_printf(&b, "expect status %d", r->expect_status) ||
		    wb_lines_addb(out, &b);
	for (size_t i = 0; !e && i < r->expect_h.n; i++) {
		const wb_xfield *f = &r->expect_h.v[i];
		wb_buf_clear(&b);
		e = wb_buf_adds(&b, "expect header ");
		if (!e)
			e = wb_quote_cmd(&b, f->name, strlen(f->name));
		if (!e)
			e = wb_buf_adds(&b, " = ");
		if (!e)
			e = wb_quote_cmd(&b, f->value, strlen(f->value));
		if (!e)
			e = wb_lines_addb(out, &b);
	}
	wb_buf_free(&b);
	return e ? WB_E_NOMEM : WB_OK;
}

wb_err wb_xreq_emit(const wb_xreq *r, const wb_xreq *prev, wb_lines *out)
{
	wb_err e = wb_lines_extend(out, &r->notes);
	if (!e && !same_open(r, prev))
		e = emit_open(r, out);
	if (!e)
		e = emit_request(r, out);
	if (!e)
		e = wb_lines_add(out, "getresponse");
	if (!e)
		e = emit_expect(r, out);
	if (!e)
		e = wb_lines_add(out, "read");
	return e;
}
