/* har_import.c - HAR entries as commands, read with jansson. */
#include "har.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "b64.h"
#include "jsonmem.h"
#include "base/text.h"

/* Response fields that differ on every response: not expected. */
static const char *const volatile_fields[] = {
	"Date", "Expires", "Age", "Last-Modified", "Set-Cookie", "ETag",
	"Keep-Alive", "X-Request-Id", NULL
};

typedef struct hi {
	wb_buf *msg;
	char at[96]; /* JSON path of the object being read */
} hi;

static wb_err bad(hi *h, const char *name, const char *what)
{
	wb_buf_printf(h->msg, "%s%s%s: %s", h->at, name ? "." : "",
		      name ? name : "", what);
	return WB_E_VALUE;
}

/* Member name of o, which must be of type t; NULL when it is absent and
 * optional, or (with *e set and the path in msg) when it is not right. */
static json_t *member(hi *h, json_t *o, const char *name, json_type t,
		      int optional, wb_err *e)
{
	json_t *m = json_object_get(o, name);
	if (*e || (!m && optional))
		return NULL;
	if (!m)
		*e = bad(h, name, "missing");
	else if (json_typeof(m) != t)
		*e = bad(h, name, "of the wrong type");
	return *e ? NULL : m;
}

/* A JSON string's text as bytes: code points up to U+00FF as Latin-1
 * bytes when the field is a header (http.client's encoding), else the
 * UTF-8 bytes as they are. */
static wb_err header_bytes(const char *s, size_t n, wb_buf *out)
{
	wb_buf m = WB_BUF_INIT;
	wb_err e = wb_text_encode(s, n, "latin-1", out, &m, NULL);
	wb_buf_free(&m);
	if (e == WB_E_NOMEM)
		return e;
	if (e) { /* beyond Latin-1: sent as UTF-8 */
		wb_buf_clear(out);
		e = wb_buf_add(out, s, n);
	}
	return e ? e : wb_buf_add(out, "", 0);
}

static wb_err headers(hi *h, json_t *arr, wb_xfields *out)
{
	size_t i;
	json_t *f;
	wb_err e = WB_OK;
	json_array_foreach(arr, i, f) {
		json_t *n = json_is_object(f) ? json_object_get(f, "name") : NULL;
		json_t *v = json_is_object(f) ? json_object_get(f, "value") : NULL;
		if (!json_is_string(n) || !json_is_string(v))
			return bad(h, "headers", "each is {\"name\": string, "
				      "\"value\": string}");
		const char *name = json_string_value(n);
		if (name[0] == ':') /* HTTP/2 pseudo-fields: the request line */
			continue;
		wb_buf nb = WB_BUF_INIT, vb = WB_BUF_INIT;
		e = header_bytes(name, json_string_length(n), &nb);
		if (!e)
			e = header_bytes(json_string_value(v),
					 json_string_length(v), &vb);
		if (!e)
			e = wb_xfields_add(out, nb.p, vb.p);
		wb_buf_free(&nb);
		wb_buf_free(&vb);
		if (e)
			return e;
	}
	return e;
}

/* postData: text, base64-decoded when its encoding says so. */
static wb_err post_data(hi *h, json_t *req, wb_xreq *r)
{
	wb_err e = WB_OK;
	json_t *pd = member(h, req, "postData", JSON_OBJECT, 1, &e);
	if (!pd || e)
		return e;
	json_t *text = member(h, pd, "text", JSON_STRING, 1, &e);
	json_t *enc = member(h, pd, "encoding", JSON_STRING, 1, &e);
	if (!text || e)
		return e;
	const char *t = json_string_value(text);
	size_t n = json_string_length(text);
	r->has_body = 1;
	if (enc && !strcmp(json_string_value(enc), "base64")) {
		e = wb_b64_decode(t, n, &r->body);
		return e == WB_E_VALUE ? bad(h, "postData.text", "not base64")
				       : e;
	}
	return wb_buf_add(&r->body, t, n);
}

static wb_err expectations(hi *h, json_t *entry, wb_xreq *r)
{
	wb_err e = WB_OK;
	json_t *resp = member(h, entry, "response", JSON_OBJECT, 0, &e);
	json_t *st = resp ? member(h, resp, "status", JSON_INTEGER, 0, &e) : NULL;
	json_t *hs = resp ? member(h, resp, "headers", JSON_ARRAY, 0, &e) : NULL;
	if (e)
		return e;
	if (json_integer_value(st) <= 0) /* no response was recorded */
		return WB_OK;
	r->expect_status = (int)json_integer_value(st);
	wb_xfields all = { 0 };
	e = headers(h, hs, &all);
	for (size_t i = 0; !e && i < all.n; i++) {
		int skip = wb_xfields_find(&r->expect_h, all.v[i].name) >= 0;
		for (size_t k = 0; volatile_fields[k]; k++)
			skip |= !strcasecmp(all.v[i].name, volatile_fields[k]);
		if (skip)
			continue;
		/* getheader joins repeated fields with ", " */
		wb_buf v = WB_BUF_INIT;
		for (size_t j = i; !e && j < all.n; j++)
			if (!strcasecmp(all.v[j].name, all.v[i].name))
				e = (v.n && wb_buf_adds(&v, ", ")) ||
				    wb_buf_adds(&v, all.v[j].value);
		if (!e)
			e = wb_xfields_add(&r->expect_h, all.v[i].name,
					   v.p ? v.p : "");
		wb_buf_free(&v);
	}
	wb_xfields_free(&all);
	return e;
}

/* The fields of a body that are http.client's to write when missing. */
static wb_err length_field(wb_xreq *r)
{
	if (!r->has_body || wb_xfields_find(&r->h, "Content-Length") >= 0 ||
	    wb_xfields_find(&r->h, "Transfer-Encoding") >= 0)
		return WB_OK;
	char n[32];
	snprintf(n, sizeof n, "%zu", r->body.n);
	return wb_xfields_add(&r->h, "Content-Length", n);
}

static wb_err note(wb_xreq *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A "# ..." line shown above the entry's commands. */
static wb_err note(wb_xreq *r, const char *fmt, ...)
{
	wb_buf b = WB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	wb_err e = wb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (!e)
		e = wb_lines_addb(&r->notes, &b);
	wb_buf_free(&b);
	return e;
}

static wb_err entry(hi *h, json_t *ent, size_t k, int expect, wb_xreq *r,
		    wb_buf *msg)
{
	wb_err e = WB_OK;
	snprintf(h->at, sizeof h->at, "log.entries[%zu]", k);
	if (!json_is_object(ent))
		return bad(h, NULL, "not an object");
	json_t *req = member(h, ent, "request", JSON_OBJECT, 0, &e);
	snprintf(h->at, sizeof h->at, "log.entries[%zu].request", k);
	json_t *method = member(h, req, "method", JSON_STRING, 0, &e);
	json_t *url = member(h, req, "url", JSON_STRING, 0, &e);
	json_t *ver = member(h, req, "httpVersion", JSON_STRING, 1, &e);
	json_t *hs = member(h, req, "headers", JSON_ARRAY, 0, &e);
	if (!e)
		e = note(r, "# HAR entry %zu: %s", k + 1, json_string_value(url));
	if (!e && ver && strcasecmp(json_string_value(ver), "HTTP/1.1") &&
	    strcasecmp(json_string_value(ver), "HTTP/1.0"))
		e = note(r, "# entry %zu was %s: sent as HTTP/1.1", k + 1,
			 json_string_value(ver));
	if (!e)
		e = wb_xreq_set(&r->method, json_string_value(method));
	if (!e) {
		e = wb_xreq_url(r, json_string_value(url), msg);
		if (e == WB_E_INVALID_URL)
			wb_buf_printf(msg, " (%s.url)", h->at);
	}
	if (!e)
		e = headers(h, hs, &r->h);
	if (!e)
		e = post_data(h, req, r);
	if (!e)
		e = length_field(r);
	snprintf(h->at, sizeof h->at, "log.entries[%zu]", k);
	if (!e && expect)
		e = expectations(h, ent, r);
	return e;
}

/* The document's log.entries, or NULL with the error set. */
static json_t *entries(hi *h, json_t *doc, wb_err *e)
{
	snprintf(h->at, sizeof h->at, "HAR");
	if (!json_is_object(doc)) {
		*e = bad(h, NULL, "not a JSON object");
		return NULL;
	}
	json_t *log = member(h, doc, "log", JSON_OBJECT, 0, e);
	snprintf(h->at, sizeof h->at, "log");
	return member(h, log, "entries", JSON_ARRAY, 0, e);
}

wb_err wb_har_import(const char *text, size_t n, int expect, wb_lines *out,
		     wb_buf *msg)
{
	json_error_t je;
	/* jansson reports an allocation failing as it reads as a syntax
	 * error */
	wb_jsonmem_begin();
	json_t *doc = json_loadb(text, n, JSON_ALLOW_NUL, &je);
	if (wb_jsonmem_end()) {
		json_decref(doc);
		return WB_E_NOMEM;
	}
	if (!doc) {
		wb_buf_printf(msg, "line %d, column %d: not JSON: %s", je.line,
			      je.column, je.text);
		return WB_E_SYNTAX;
	}
	hi h = { .msg = msg };
	wb_err e = WB_OK;
	json_t *list = entries(&h, doc, &e);
	wb_lines l = { 0 };
	wb_xreq prev = { 0 }, r = { 0 };
	size_t k;
	json_t *ent;
	json_array_foreach(list, k, ent) {
		if (e)
			break;
		e = entry(&h, ent, k, expect, &r, msg);
		if (!e)
			e = wb_xreq_emit(&r, k ? &prev : NULL, &l);
		wb_xreq_free(&prev);
		prev = r;
		r = (wb_xreq){ 0 };
	}
	if (!e && list && !json_array_size(list)) {
		wb_buf_adds(msg, "log.entries: empty, no request to import");
		e = WB_E_VALUE;
	}
	if (!e) /* all or nothing */
		e = wb_lines_extend(out, &l);
	wb_xreq_free(&prev);
	wb_xreq_free(&r);
	wb_lines_free(&l);
	json_decref(doc);
	return e;
}
