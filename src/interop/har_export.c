/* har_export.c - exchanges as HAR 1.2, built with jansson. */
#include "har.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "b64.h"
#include "jsonmem.h"
#include "base/text.h"

#ifndef WB_VERSION
#define WB_VERSION "0.1.0"
#endif

/* Bytes as a JSON string of Latin-1 code points (as --format json; a
 * NUL stays U+0000, not the C0 80 of command words). */
static json_t *latin1_json(const char *p, size_t n)
{
	wb_buf u = WB_BUF_INIT;
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < n; i++)
		e = p[i] ? wb_text_put(&u, (unsigned char)p[i])
			 : wb_buf_addc(&u, '\0');
	json_t *s = e ? NULL : json_stringn(u.p ? u.p : "", u.n);
	wb_buf_free(&u);
	return s;
}

/* Whether p is UTF-8 text as JSON strings hold it: well-formed, no
 * surrogates, nothing beyond U+10FFFF, no NUL. */
static int utf8_text(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p++;
		size_t k = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1
			   : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3
			   : 4;
		if (!c || k == 4 || (size_t)(end - p) < k)
			return 0;
		unsigned v = c & (0x3f >> k);
		for (size_t i = 0; i < k; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			v = (v << 6) | (*p & 0x3fu);
		}
		if ((k == 2 && (v < 0x800 || (v >= 0xd800 && v < 0xe000))) ||
		    (k == 3 && (v < 0x10000 || v > 0x10ffff)))
			return 0;
	}
	return 1;
}

/* text (and "encoding": "base64" unless it is UTF-8 text) into o. */
static int body_into(json_t *o, const wb_buf *b)
{
	const char *p = b->p ? b->p : "";
	if (utf8_text(p, b->n))
		return json_object_set_new(o, "text", json_stringn(p, b->n));
	wb_buf x = WB_BUF_INIT;
	int r = wb_b64_encode(p, b->n, &x) ||
		json_object_set_new(o, "text", json_stringn(x.p ? x.p : "", x.n)) ||
		json_object_set_new(o, "encoding", json_string("base64"));
	wb_buf_free(&x);
	return r;
}

/* [{"name", "value"}] of field lines (continuations kept in the value). */
static json_t *fields_json(const wb_xbufs *f)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < f->n; i++) {
		wb_buf name = WB_BUF_INIT, value = WB_BUF_INIT;
		int bad = wb_xchg_field(&f->v[i], &name, &value) != WB_OK ||
			  json_array_append_new(a, json_pack("{s:o,s:o}", "name",
				  latin1_json(name.p, name.n), "value",
				  latin1_json(value.p, value.n)));
		wb_buf_free(&name);
		wb_buf_free(&value);
		if (bad) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* The value of the first field called name, or "". */
static json_t *field_value(const wb_xbufs *f, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < f->n; i++) {
		const wb_buf *l = &f->v[i];
		if (l->n > n && l->p[n] == ':' && !strncasecmp(l->p, name, n)) {
			wb_buf nm = WB_BUF_INIT, v = WB_BUF_INIT;
			json_t *j = wb_xchg_field(l, &nm, &v) ? NULL
							: latin1_json(v.p, v.n);
			wb_buf_free(&nm);
			wb_buf_free(&v);
			return j;
		}
	}
	return json_string("");
}

/* Bytes of a head: its lines with their CRLFs and the empty line. */
static json_int_t head_size(const wb_buf *first, const wb_xbufs *f)
{
	json_int_t n = (json_int_t)first->n + 4;
	for (size_t i = 0; i < f->n; i++)
		n += (json_int_t)f->v[i].n + 2;
	return n;
}

/* name=value pairs of the target's query, as written. */
static json_t *query_json(const char *target)
{
	json_t *a = json_array();
	const char *q = strchr(target, '?');
	while (a && q && *q) {
		q++;
		size_t n = strcspn(q, "&"), k = strcspn(q, "=");
		if (k > n)
			k = n;
		if (n && json_array_append_new(a, json_pack("{s:o,s:o}", "name",
				latin1_json(q, k), "value",
				latin1_json(q + k + (k < n), n - k - (k < n))))) {
			json_decref(a);
			return NULL;
		}
		q += n;
	}
	return a;
}

static json_t *request_json(const wb_xchg *x)
{
	wb_buf m = WB_BUF_INIT, t = WB_BUF_INIT, v = WB_BUF_INIT, url = WB_BUF_INIT;
	wb_err e = wb_xchg_reqline(x, &m, &t, &v);
	const char *target = t.p ? t.p : "";
	if (!e && strncasecmp(target, "http://", 7) &&
	    strncasecmp(target, "https://", 8))
		e = wb_buf_adds(&url, x->origin ? x->origin : "http://unknown");
	if (!e)
		e = wb_buf_adds(&url, target);
	json_t *r = e ? NULL : json_pack("{s:o,s:o,s:o,s:[],s:o,s:o,s:I,s:I}", "method",
			      latin1_json(m.p, m.n), "url",
			      latin1_json(url.p, url.n), "httpVersion",
			      latin1_json(v.p, v.n), "cookies", "headers",
			      fields_json(&x->fields), "queryString",
			      query_json(target), "headersSize",
			      head_size(&x->line, &x->fields), "bodySize",
			      (json_int_t)x->body.n);
	if (r && x->body.n) {
		json_t *pd = json_pack("{s:o}", "mimeType",
				       field_value(&x->fields, "Content-Type"));
		int bad = !pd || body_into(pd, &x->body);
		if (bad)
			json_decref(pd);
		if (bad || json_object_set_new(r, "postData", pd)) {
			json_decref(r);
			r = NULL;
		}
	}
	wb_buf_free(&m);
	wb_buf_free(&t);
	wb_buf_free(&v);
	wb_buf_free(&url);
	return r;
}

/* "HTTP/1.1 200 OK": version, status and reason. */
static wb_err status_parts(const wb_buf *s, wb_buf *ver, int *code,
			   wb_buf *reason)
{
	const char *p = s->p ? s->p : "";
	const char *sp = strchr(p, ' ');
	*code = sp ? atoi(sp + 1) : 0;
	const char *r = sp ? strchr(sp + 1, ' ') : NULL;
	wb_err e = wb_buf_add(ver, p, sp ? (size_t)(sp - p) : strlen(p));
	return e ? e : wb_buf_adds(reason, r ? r + 1 : "");
}

static json_t *response_json(const wb_xchg *x)
{
	wb_buf ver = WB_BUF_INIT, reason = WB_BUF_INIT;
	int code = 0;
	if (x->has_response &&
	    status_parts(&x->status, &ver, &code, &reason)) {
		wb_buf_free(&ver);
		wb_buf_free(&reason);
		return NULL;
	}
	json_t *content = json_pack("{s:I,s:o}", "size", (json_int_t)x->rbody.n,
				    "mimeType",
				    field_value(&x->rfields, "Content-Type"));
	if (content && x->rbody.n && body_into(content, &x->rbody)) {
		json_decref(content);
		content = NULL;
	}
	json_t *r = json_pack("{s:i,s:o,s:o,s:[],s:o,s:o,s:o,s:I,s:I}",
			      "status", code, "statusText",
			      latin1_json(reason.p, reason.n), "httpVersion",
			      latin1_json(ver.p, ver.n), "cookies", "headers",
			      fields_json(&x->rfields), "content", content,
			      "redirectURL", field_value(&x->rfields, "Location"),
			      "headersSize", x->has_response
					   ? head_size(&x->status, &x->rfields)
					   : (json_int_t)-1,
			      "bodySize", x->has_response
					   ? (json_int_t)x->rbody.n
					   : (json_int_t)-1);
	wb_buf_free(&ver);
	wb_buf_free(&reason);
	return r;
}

/* Milliseconds between two tap times, or -1 when either is unknown. */
static double ms(double a, double b)
{
	return a && b && b >= a ? round((b - a) * 1e6) / 1e3 : -1;
}

static json_t *timings_json(const wb_xchg *x, double *total)
{
	double connect = ms(x->t_connect0, x->t_connect1);
	double from = x->t_connect1 > x->t_start ? x->t_connect1 : x->t_start;
	double send = ms(from, x->t_sent), wait = ms(x->t_sent, x->t_first_in);
	double recv = ms(x->t_first_in, x->t_last_in);
	/* send, wait and receive are required non-negative numbers */
	send = send < 0 ? 0 : send;
	wait = wait < 0 ? 0 : wait;
	recv = recv < 0 ? 0 : recv;
	*total = (connect > 0 ? connect : 0) + send + wait + recv;
	return json_pack("{s:i,s:i,s:f,s:f,s:f,s:f,s:i}", "blocked", -1, "dns",
			 -1, "connect", connect, "send", send, "wait", wait,
			 "receive", recv, "ssl", -1);
}

static const char *dir_name(wb_dir d)
{
	return d == WB_DIR_OUT ? "out" : d == WB_DIR_IN ? "in" : "note";
}

static const char *state_name(wb_fstate s)
{
	return s == WB_FS_BUFFERED ? "buffered"
	       : s == WB_FS_WIRE   ? "wire"
				   : "dropped";
}

static json_t *frame_json(const wb_frame *f)
{
	json_t *o = json_pack("{s:I,s:i,s:s,s:s,s:s,s:I,s:o,s:b}", "id",
			      (json_int_t)f->id, "command", (int)f->cmd, "dir",
			      dir_name(f->dir), "kind", wb_fkind_name(f->kind),
			      "state", state_name(f->state), "len",
			      (json_int_t)f->len, "data",
			      latin1_json(f->data, f->stored), "truncated",
			      f->stored < f->len);
	if (o && f->note &&
	    json_object_set_new(o, "note", latin1_json(f->note,
						       strlen(f->note)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Frames from the exchange's request line up to the next one's. */
static json_t *frames_json(const wb_xchgs *xs, size_t k)
{
	json_t *a = json_array();
	uint64_t lo = xs->v[k].id0;
	uint64_t hi = k + 1 < xs->n ? xs->v[k + 1].id0 : UINT64_MAX;
	for (size_t i = 0; a && xs->tap && i < wb_tap_count(xs->tap); i++) {
		const wb_frame *f = wb_tap_get(xs->tap, i);
		if (f->id >= lo && f->id < hi &&
		    json_array_append_new(a, frame_json(f))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* ISO 8601 UTC with milliseconds, from a tap time. */
static json_t *started(const wb_xchgs *xs, const wb_xchg *x)
{
	double wall = x->t_start && xs->hist ? wb_xhist_wall(xs->hist, x->t_start)
					     : 0;
	time_t sec = (time_t)wall;
	struct tm tm;
	char b[64];
	gmtime_r(&sec, &tm);
	size_t n = strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(b + n, sizeof b - n, ".%03dZ",
		 (int)((wall - (double)sec) * 1000) % 1000);
	return json_string(b);
}

static json_t *entry_json(const wb_xchgs *xs, size_t k, int conn)
{
	const wb_xchg *x = &xs->v[k];
	double total = 0;
	json_t *timings = timings_json(x, &total);
	char id[32];
	snprintf(id, sizeof id, "%d", conn);
	json_t *e = json_pack("{s:o,s:f,s:o,s:o,s:{},s:o,s:s,s:s,s:{s:i,s:b,s:o}}",
			      "startedDateTime", started(xs, x), "time", total,
			      "request", request_json(x), "response",
			      response_json(x), "cache", "timings", timings,
			      "serverIPAddress", x->server_ip, "connection", id,
			      "_wirebench", "command", (int)x->cmd,
			      "incomplete", x->incomplete, "frames",
			      frames_json(xs, k));
	return e;
}

wb_err wb_har_export(const wb_xchgs *xs, size_t from, size_t to,
		     wb_buf *out)
{
	/* jansson skips some allocations that fail as it writes */
	wb_jsonmem_begin();
	json_t *entries = json_array();
	int conn = 0;
	for (size_t k = 0; entries && k < to; k++) {
		conn += xs->v[k].t_connect1 != 0 || conn == 0;
		if (k >= from &&
		    json_array_append_new(entries, entry_json(xs, k, conn))) {
			json_decref(entries);
			entries = NULL;
		}
	}
	json_t *doc = entries ? json_pack("{s:{s:s,s:{s:s,s:s},s:o}}", "log",
					  "version", "1.2", "creator", "name",
					  "wirebench", "version", WB_VERSION,
					  "entries", entries)
			      : NULL;
	/* 15 digits: a sum of milliseconds reads 0.014, not 0.014000000000000002 */
	char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
					      JSON_REAL_PRECISION(15))
			 : NULL;
	json_decref(doc);
	int lost = wb_jsonmem_end();
	wb_err e = text && !lost ? wb_buf_adds(out, text) ||
					   wb_buf_addc(out, '\n')
				 : WB_E_NOMEM;
	free(text);
	return e ? WB_E_NOMEM : WB_OK;
}
