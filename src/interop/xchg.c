/* xchg.c - exchanges from frames. */
#include "xchg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wb_err bufs_add(wb_xbufs *b, const char *p, size_t n)
{
	wb_buf *v = wb_grow(b->v, &b->cap, b->n, sizeof *v);
	if (!v)
		return WB_E_NOMEM;
	b->v = v;
	v[b->n] = (wb_buf)WB_BUF_INIT;
	wb_err e = wb_buf_add(&v[b->n], p, n);
	b->n++;
	return e;
}

static void bufs_free(wb_xbufs *b)
{
	for (size_t i = 0; i < b->n; i++)
		wb_buf_free(&b->v[i]);
	free(b->v);
	*b = (wb_xbufs){ 0 };
}

static void xchg_free(wb_xchg *x)
{
	wb_buf_free(&x->before);
	wb_buf_free(&x->line);
	bufs_free(&x->fields);
	wb_buf_free(&x->body);
	wb_buf_free(&x->status);
	bufs_free(&x->rfields);
	wb_buf_free(&x->rbody);
}

void wb_xchgs_free(wb_xchgs *x)
{
	for (size_t i = 0; i < x->n; i++)
		xchg_free(&x->v[i]);
	free(x->v);
	*x = (wb_xchgs){ 0 };
}

/* The frame's bytes without the line's CRLF. */
static size_t trim_crlf(const wb_frame *f)
{
	size_t n = f->stored;
	if (n && f->data[n - 1] == '\n')
		n--;
	if (n && f->data[n - 1] == '\r')
		n--;
	return n;
}

typedef struct rd {
	const wb_xhist *h;
	wb_xchgs *out;
	wb_xchg *cur;
	wb_buf pending;   /* raw bytes sent before any request line */
	double t_open0, t_open1;
	char ip[64];
} rd;

static wb_err start(rd *r, const wb_frame *f)
{
	wb_xchg *v = wb_grow(r->out->v, &r->out->cap, r->out->n, sizeof *v);
	if (!v)
		return WB_E_NOMEM;
	r->out->v = v;
	wb_xchg *x = &v[r->out->n++];
	*x = (wb_xchg){ .cmd = f->cmd, .id0 = f->id };
	r->cur = x;
	x->origin = wb_xhist_origin(r->h, f->id);
	double tn, tw;
	wb_xhist_times(r->h, f->id, &tn, &tw);
	x->t_start = tn;
	x->t_connect0 = r->t_open0;
	x->t_connect1 = r->t_open1;
	r->t_open0 = r->t_open1 = 0;
	snprintf(x->server_ip, sizeof x->server_ip, "%s", r->ip);
	wb_err e = wb_buf_add(&x->before, r->pending.p ? r->pending.p : "",
			      r->pending.n);
	wb_buf_clear(&r->pending);
	return e ? e : wb_buf_add(&x->line, f->data, trim_crlf(f));
}

static wb_err outgoing(rd *r, const wb_frame *f)
{
	if (f->state != WB_FS_WIRE || f->kind == WB_FK_CONNECT_REQUEST)
		return WB_OK;
	if (f->kind == WB_FK_REQUEST_LINE)
		return start(r, f);
	wb_xchg *x = r->cur;
	if (!x || x->has_response) { /* raw bytes outside a request */
		if (x && f->stored < f->len)
			x->incomplete = 1;
		return wb_buf_add(&r->pending, f->data, f->stored);
	}
	double tn, tw;
	wb_xhist_times(r->h, f->id, &tn, &tw);
	if (tw > x->t_sent)
		x->t_sent = tw;
	if (f->stored < f->len)
		x->incomplete = 1;
	if (f->kind == WB_FK_HEADER && !x->head_done)
		return bufs_add(&x->fields, f->data, trim_crlf(f));
	if (f->kind == WB_FK_END_HEADERS && !x->head_done) {
		x->head_done = 1;
		return WB_OK;
	}
	return wb_buf_add(&x->body, f->data, f->stored);
}

static wb_err incoming(rd *r, const wb_frame *f)
{
	wb_xchg *x = r->cur;
	if (!x)
		return WB_OK;
	double tn, tw;
	wb_xhist_times(r->h, f->id, &tn, &tw);
	if (!x->t_first_in)
		x->t_first_in = tn;
	if (tn)
		x->t_last_in = tn;
	if (f->stored < f->len &&
	    (f->kind == WB_FK_STATUS_LINE || f->kind == WB_FK_HEADER))
		x->incomplete = 1;
	switch (f->kind) {
	case WB_FK_STATUS_LINE: /* a later (final) status replaces a 1xx */
		x->has_response = 1;
		bufs_free(&x->rfields);
		wb_buf_clear(&x->status);
		return wb_buf_add(&x->status, f->data, trim_crlf(f));
	case WB_FK_HEADER:
		return bufs_add(&x->rfields, f->data, trim_crlf(f));
	case WB_FK_BODY:
	case WB_FK_CHUNK_DATA:
		if (f->stored < f->len)
			x->incomplete = 1;
		return wb_buf_add(&x->rbody, f->data, f->stored);
	default:
		return WB_OK;
	}
}

/* "connected to 1.2.3.4:80 (tcp)": the address and when. */
static void note(rd *r, const wb_frame *f)
{
	if (f->kind != WB_FK_OPEN || !f->note) /* notes keep their text there */
		return;
	double tn, tw;
	wb_xhist_times(r->h, f->id, &tn, &tw);
	wb_xchg *x = r->cur;
	/* http.client connects when a request is first sent: that connection
	 * belongs to the request being sent, an explicit one to the next */
	int lazy = x && !x->has_response && !x->t_connect1;
	const char *p = strstr(f->note, "connected to ");
	if (!p)
		return;
	p += 13;
	size_t n = strcspn(p, " ");
	const char *colon = memrchr(p, ':', n);
	if (colon)
		n = (size_t)(colon - p);
	snprintf(r->ip, sizeof r->ip, "%.*s", (int)n, p);
	if (lazy) {
		x->t_connect0 = x->t_start;
		x->t_connect1 = tn;
		snprintf(x->server_ip, sizeof x->server_ip, "%s", r->ip);
	} else { /* when it started is not recorded */
		r->t_open0 = 0;
		r->t_open1 = tn;
	}
}

wb_err wb_xchg_read(const wb_xhist *h, wb_xchgs *out)
{
	const wb_tap *tap = wb_xhist_tap(h);
	rd r = { .h = h, .out = out };
	*out = (wb_xchgs){ .tap = tap, .hist = h };
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < wb_tap_count(tap); i++) {
		const wb_frame *f = wb_tap_get(tap, i);
		if (f->dir == WB_DIR_OUT)
			e = outgoing(&r, f);
		else if (f->dir == WB_DIR_IN)
			e = incoming(&r, f);
		else
			note(&r, f);
	}
	if (!e && r.pending.n && r.cur) /* raw bytes after the last one */
		e = wb_buf_add(&r.cur->body, r.pending.p, r.pending.n);
	wb_buf_free(&r.pending);
	if (!e && wb_tap_stats_get(tap)->evicted_frames && out->n)
		out->v[0].incomplete = 1;
	if (e)
		wb_xchgs_free(out);
	return e;
}

wb_err wb_xchg_field(const wb_buf *line, wb_buf *name, wb_buf *value)
{
	const char *p = line->p ? line->p : "", *end = p + line->n;
	const char *colon = memchr(p, ':', line->n);
	const char *v = colon ? colon + 1 : end;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	if (wb_buf_add(name, p, (size_t)((colon ? colon : end) - p)) ||
	    wb_buf_add(value, v, (size_t)(end - v)))
		return WB_E_NOMEM;
	return WB_OK;
}

wb_err wb_xchg_reqline(const wb_xchg *x, wb_buf *method, wb_buf *target,
		       wb_buf *version)
{
	const char *p = x->line.p ? x->line.p : "";
	const char *sp1 = strchr(p, ' ');
	const char *sp2 = sp1 ? strrchr(sp1 + 1, ' ') : NULL;
	if (!sp1 || !sp2)
		return wb_buf_adds(method, p);
	if (wb_buf_add(method, p, (size_t)(sp1 - p)) ||
	    wb_buf_add(target, sp1 + 1, (size_t)(sp2 - sp1 - 1)))
		return WB_E_NOMEM;
	return wb_buf_adds(version, sp2 + 1);
}
