/* curl_export.c - one exchange's request as a curl command. */
#include "curl_export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote.h"

typedef struct cx {
	const wb_xchg *x;
	wb_buf cmd;     /* the curl command */
	wb_lines decl;  /* "# curl cannot reproduce: ..." */
	wb_buf data;    /* the body curl is given */
	int has_data;
	int ua, accept, ct, expect, chunked;
	long cl;        /* Content-Length sent, or -1 */
} cx;

static wb_err declare(cx *c, const char *tag, const char *detail)
{
	return wb_lines_addf(&c->decl, "# curl cannot reproduce: %s: %s", tag,
			     detail);
}

static wb_err arg(cx *c, const char *opt, const char *p, size_t n)
{
	wb_err e = wb_buf_printf(&c->cmd, " %s ", opt);
	return e ? e : wb_quote_sh(&c->cmd, p, n);
}

static int is_name(const wb_buf *line, const char *name)
{
	size_t n = strlen(name);
	return line->n > n && line->p[n] == ':' && !strncasecmp(line->p, name, n);
}

/* The value part of a field line: after the colon and blanks. */
static const char *value_of(const wb_buf *line, size_t *vn)
{
	const char *colon = memchr(line->p, ':', line->n);
	const char *v = colon ? colon + 1 : line->p + line->n;
	const char *end = line->p + line->n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	*vn = (size_t)(end - v);
	return v;
}

/* The Host field curl writes for the URL, for comparison. */
static const char *url_authority(const char *origin)
{
	const char *a = origin ? strstr(origin, "://") : NULL;
	return a ? a + 3 : NULL;
}

static wb_err host_field(cx *c)
{
	const wb_xchg *x = c->x;
	long first = -1;
	int count = 0;
	for (size_t i = 0; i < x->fields.n; i++)
		if (is_name(&x->fields.v[i], "Host") && count++ == 0)
			first = (long)i;
	if (first < 0)
		return arg(c, "-H", "Host:", 5);
	const wb_buf *h = &x->fields.v[first];
	if (first != 0 || count > 1 || strncmp(h->p, "Host:", 5))
		if (declare(c, "host", "curl sends one Host field, spelled "
				       "Host, first after the request line"))
			return WB_E_NOMEM;
	const char *auth = url_authority(x->origin);
	size_t vn;
	const char *v = value_of(h, &vn);
	/* curl writes "Host: " + authority; anything else must be given */
	if (!auth || h->n != 6 + strlen(auth) || strncmp(h->p + 5, " ", 1) ||
	    strlen(auth) != vn || memcmp(v, auth, vn))
		return arg(c, "-H", h->p, h->n);
	return WB_OK;
}

/* The fields that decide curl's defaults and the body's framing. */
static void scan_fields(cx *c)
{
	for (size_t i = 0; i < c->x->fields.n; i++) {
		const wb_buf *f = &c->x->fields.v[i];
		size_t vn;
		c->ua |= is_name(f, "User-Agent");
		c->accept |= is_name(f, "Accept");
		c->ct |= is_name(f, "Content-Type");
		c->expect |= is_name(f, "Expect");
		if (is_name(f, "Transfer-Encoding") &&
		    memmem(f->p, f->n, "chunked", 7))
			c->chunked = 1;
		if (is_name(f, "Content-Length"))
			c->cl = strtol(value_of(f, &vn), NULL, 10);
	}
}

static wb_err field_args(cx *c)
{
	const wb_xchg *x = c->x;
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < x->fields.n; i++) {
		const wb_buf *f = &x->fields.v[i];
		size_t vn;
		value_of(f, &vn);
		if (is_name(f, "Host"))
			continue;
		if (memchr(f->p, '\0', f->n)) {
			e = declare(c, "nul", "a field holds a NUL byte: left out");
			continue;
		}
		const char *colon = memchr(f->p, ':', f->n);
		if (colon && vn == 0) { /* curl reads "Name:" as a removal */
			wb_buf b = WB_BUF_INIT;
			e = wb_buf_add(&b, f->p, (size_t)(colon - f->p)) ||
			    wb_buf_addc(&b, ';');
			if (!e)
				e = arg(c, "-H", b.p, b.n);
			if (!e && (size_t)(colon - f->p) + 1 != f->n)
				e = declare(c, "empty-value",
					    "an empty field is sent as "
					    "'Name:' without the blanks after "
					    "the colon");
			wb_buf_free(&b);
			continue;
		}
		e = arg(c, "-H", f->p, f->n);
	}
	if (!e && !c->ua)
		e = arg(c, "-H", "User-Agent:", 11);
	if (!e && !c->accept)
		e = arg(c, "-H", "Accept:", 7);
	return e;
}

/* Reads a chunked body: data, the bytes up to the end of the last-chunk
 * line (plus the final CRLF when no trailers), the trailer lines and how
 * many bytes the coding used. Returns -1 when it does not end. */
static int dechunk(const char *p, size_t n, wb_buf *data, wb_buf *trailers,
		   size_t *used, size_t *nchunks, size_t *lastend)
{
	size_t i = 0;
	*nchunks = 0;
	for (;;) {
		const char *lf = memchr(p + i, '\n', n - i);
		if (!lf)
			return -1;
		char *end;
		unsigned long size = strtoul(p + i, &end, 16);
		i = (size_t)(lf - p) + 1;
		(void)end;
		if (size == 0) {
			*lastend = i;
			break;
		}
		if (i + size + 2 > n)
			return -1;
		wb_buf_add(data, p + i, size);
		i += size + 2;
		++*nchunks;
	}
	for (;;) { /* trailer lines up to the empty line */
		const char *lf = memchr(p + i, '\n', n - i);
		if (!lf)
			return -1;
		size_t len = (size_t)(lf - p) + 1 - i;
		if (len <= 2 && (len == 1 || p[i] == '\r')) {
			i += len;
			break;
		}
		wb_buf_add(trailers, p + i, len);
		i += len;
	}
	*used = i;
	return 0;
}

/* What curl sends for a chunked upload of data held in memory: one chunk
 * (lower-case hex size), then the last-chunk. */
static void curl_chunks(const wb_buf *data, wb_buf *out)
{
	if (data->n) {
		wb_buf_printf(out, "%zx\r\n", data->n);
		wb_buf_add(out, data->p, data->n);
		wb_buf_adds(out, "\r\n");
	}
	wb_buf_adds(out, "0\r\n\r\n");
}

static wb_err chunked_body(cx *c)
{
	const wb_buf *b = &c->x->body;
	wb_buf tr = WB_BUF_INIT, want = WB_BUF_INIT, got = WB_BUF_INIT;
	size_t used = 0, nchunks = 0, lastend = 0;
	wb_err e = WB_OK;
	if (dechunk(b->p ? b->p : "", b->n, &c->data, &tr, &used, &nchunks,
		    &lastend)) {
		e = declare(c, "incomplete", "the chunked body does not end "
					     "(no last-chunk was sent)");
		used = b->n;
	} else {
		/* the framing sent, trailers left out, against curl's */
		curl_chunks(&c->data, &want);
		wb_buf_add(&got, b->p, lastend);
		wb_buf_adds(&got, "\r\n");
		if (got.n != want.n || memcmp(got.p, want.p, got.n)) {
			wb_buf d = WB_BUF_INIT;
			wb_buf_printf(&d, "the body went in %zu chunk(s) framed "
					  "as sent here; curl sends it as one "
					  "chunk with a lower-case hex size",
				      nchunks);
			e = declare(c, "chunks", d.p ? d.p : "");
			wb_buf_free(&d);
		}
		if (!e && tr.n)
			e = declare(c, "trailers", "curl sends no trailer "
						   "fields");
	}
	if (!e && used < b->n)
		e = declare(c, "after-body", "bytes were sent after the "
					     "request's end");
	c->has_data = 1;
	wb_buf_free(&tr);
	wb_buf_free(&want);
	wb_buf_free(&got);
	return e;
}

static wb_err body(cx *c)
{
	const wb_buf *b = &c->x->body;
	if (c->chunked)
		return chunked_body(c);
	if (c->cl < 0)
		return b->n ? declare(c, "after-body", "bytes were sent after "
						       "a head without "
						       "Content-Length")
			    : WB_OK;
	size_t take = (size_t)c->cl < b->n ? (size_t)c->cl : b->n;
	c->has_data = 1;
	wb_err e = wb_buf_add(&c->data, b->p ? b->p : "", take);
	if (!e && take < (size_t)c->cl)
		e = declare(c, "short-body", "fewer body bytes were sent "
					     "than Content-Length says");
	if (!e && take < b->n)
		e = declare(c, "after-body", "bytes were sent after the "
					     "request's end");
	return e;
}

static wb_err data_args(cx *c, wb_buf *prefix)
{
	if (!c->has_data)
		return WB_OK;
	wb_err e = WB_OK;
	if (!c->ct)
		e = arg(c, "-H", "Content-Type:", 13);
	if (!e && !c->expect && (c->chunked || c->data.n > 1024 * 1024))
		e = arg(c, "-H", "Expect:", 7);
	if (e)
		return e;
	if (memchr(c->data.p ? c->data.p : "", '\0', c->data.n) ||
	    (c->data.n && c->data.p[0] == '@')) {
		e = wb_buf_adds(prefix, "printf '");
		if (!e)
			e = wb_quote_printf(prefix, c->data.p, c->data.n);
		if (!e)
			e = wb_buf_adds(prefix, "' | ");
		return e ? e : wb_buf_adds(&c->cmd, " --data-binary @-");
	}
	return arg(c, "--data-binary", c->data.p ? c->data.p : "", c->data.n);
}

static wb_err request_line(cx *c, wb_buf *url)
{
	wb_buf m = WB_BUF_INIT, t = WB_BUF_INIT, v = WB_BUF_INIT;
	wb_err e = wb_xchg_reqline(c->x, &m, &t, &v);
	if (!e && (!v.p || strcmp(v.p, "HTTP/1.1")))
		e = declare(c, "version", "curl sends HTTP/1.1 here");
	const char *origin = c->x->origin ? c->x->origin : "http://localhost";
	int plain = t.p && t.p[0] == '/' && !strpbrk(t.p, "#");
	if (!e)
		e = wb_buf_printf(url, "%s%s", origin, plain ? t.p : "/");
	const char *method = m.p ? m.p : "";
	if (!e && !strcmp(method, "HEAD"))
		e = wb_buf_adds(&c->cmd, " -I");
	else if (!e && strcmp(method, c->has_data ? "POST" : "GET"))
		e = arg(c, "-X", method, m.n);
	if (!e && !plain)
		e = arg(c, "--request-target", t.p ? t.p : "", t.n);
	if (!e && t.p && (strpbrk(t.p, "[]{}") || strstr(t.p, "/.")))
		e = wb_buf_adds(&c->cmd, " -g --path-as-is");
	wb_buf_free(&m);
	wb_buf_free(&t);
	wb_buf_free(&v);
	return e;
}

wb_err wb_curl_export(const wb_xchg *x, wb_lines *out)
{
	cx c = { .x = x, .cl = -1 };
	wb_buf url = WB_BUF_INIT, prefix = WB_BUF_INIT, line = WB_BUF_INIT;
	wb_err e = wb_buf_adds(&c.cmd, "curl --http1.1");
	if (!e && x->incomplete)
		e = declare(&c, "incomplete", "the wire tap no longer holds "
					      "every byte of this request");
	if (!e && x->before.n)
		e = declare(&c, "before-request", "raw bytes were sent before "
						  "the request line");
	scan_fields(&c);
	if (!e)
		e = body(&c);
	if (!e)
		e = request_line(&c, &url);
	if (!e)
		e = host_field(&c);
	if (!e)
		e = field_args(&c);
	if (!e)
		e = data_args(&c, &prefix);
	if (!e)
		e = wb_buf_adds(&c.cmd, " ");
	if (!e)
		e = wb_quote_sh(&c.cmd, url.p, url.n);
	if (!e)
		e = wb_lines_extend(out, &c.decl);
	if (!e)
		e = wb_buf_printf(&line, "%s%s", prefix.p ? prefix.p : "",
				  c.cmd.p);
	if (!e)
		e = wb_lines_addb(out, &line);
	wb_buf_free(&url);
	wb_buf_free(&prefix);
	wb_buf_free(&line);
	wb_buf_free(&c.cmd);
	wb_buf_free(&c.data);
	wb_lines_free(&c.decl);
	return e;
}
