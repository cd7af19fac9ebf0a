/* xsession.c - a recording's frames through a tap into an export. */
#include "xsession.h"
#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

#define TAP_CAP ((size_t)1 << 30) /* the whole recording, frames uncut */

/* Recorded frame ids and the ids the tap gave them. */
typedef struct idmap {
	uint64_t *from, *to;
	size_t n, cap, cap2;
} idmap;

static wb_err map_add(idmap *m, uint64_t from, uint64_t to)
{
	uint64_t *a = wb_grow(m->from, &m->cap, m->n, sizeof *a);
	if (!a)
		return WB_E_NOMEM;
	m->from = a;
	uint64_t *b = wb_grow(m->to, &m->cap2, m->n, sizeof *b);
	if (!b)
		return WB_E_NOMEM;
	m->to = b;
	a[m->n] = from;
	b[m->n++] = to;
	return WB_OK;
}

static uint64_t map_get(const idmap *m, uint64_t from)
{
	for (size_t i = m->n; i-- > 0;)
		if (m->from[i] == from)
			return m->to[i];
	return 0;
}

/* "HTTPConnection(host:port) ready": where later requests go. */
static void origin_note(wb_xhist *h, const wb_sitem *it)
{
	const char *n = it->note;
	int tls = n && !strncmp(n, "HTTPSConnection(", 16);
	if (!n || it->fkind != WB_FK_INFO ||
	    (!tls && strncmp(n, "HTTPConnection(", 15)))
		return;
	const char *a = n + (tls ? 16 : 15), *end = strchr(a, ')');
	if (!end)
		return;
	wb_buf o = WB_BUF_INIT;
	if (!wb_buf_printf(&o, "http%s://%.*s", tls ? "s" : "",
			   (int)(end - a), a))
		wb_xhist_set_origin(h, o.p);
	wb_buf_free(&o);
}

static wb_err play_item(wb_tap *tap, wb_xhist *h, idmap *m,
			const wb_sitem *it)
{
	if (it->kind == WB_SI_FLUSH || it->kind == WB_SI_DROP) {
		uint64_t id = map_get(m, it->id);
		if (id && it->kind == WB_SI_FLUSH)
			wb_tap_flush(tap, id);
		else if (id)
			wb_tap_drop(tap, id);
		return WB_OK;
	}
	if (it->kind != WB_SI_FRAME)
		return WB_OK;
	origin_note(h, it);
	uint64_t id = wb_tap_add_ex(tap, it->dir, it->fkind, it->state,
				    it->data, it->len, it->chunk_size,
				    it->chunk_no, it->note);
	return id ? map_add(m, it->id, id) : WB_E_NOMEM;
}

/* Plays every frame of s into tap, each at its recorded time. */
static wb_err play(const wb_session *s, wb_tap *tap, wb_xhist *h)
{
	double now = 1; /* xhist reads 0 as unknown */
	idmap m = { 0 };
	wb_err e = WB_OK;
	wb_xhist_set_clock(h, &now);
	for (size_t i = 0; !e && i < wb_session_ncmds(s); i++) {
		const wb_scmd *c = wb_session_cmd(s, i);
		wb_tap_set_cmd(tap, (unsigned)i + 1);
		for (size_t k = 0; !e && k < c->nitems; k++) {
			now = 1 + c->t + c->items[k].t;
			e = play_item(tap, h, &m, &c->items[k]);
		}
	}
	wb_xhist_set_clock(h, NULL);
	free(m.from);
	free(m.to);
	return e;
}

wb_err wb_xsession_export(const wb_session *s, const char *format,
			  const wb_export_opts *o, wb_buf *out, wb_buf *msg)
{
	/* the tap and the history carry on without what they could not
	 * allocate: any failure on the way makes the export incomplete */
	unsigned long fails = wb_alloc_failures();
	wb_tap *tap = wb_tap_new(TAP_CAP);
	wb_xhist *h = tap ? wb_xhist_new(tap) : NULL;
	wb_err e = h ? WB_OK : WB_E_NOMEM;
	if (!e)
		wb_tap_set_frame_cap(tap, TAP_CAP);
	if (!e)
		e = play(s, tap, h);
	wb_xchgs xs = { 0 };
	if (!e)
		e = wb_xchg_read(h, &xs);
	if (!e && !xs.n) {
		wb_buf_adds(msg, "the session sent no request");
		e = WB_E_USAGE;
	}
	wb_export_opts none = { NULL, o ? o->side : NULL, o ? o->files : NULL };
	if (!e)
		e = wb_export(format, &xs, 0, xs.n, &none, out, msg);
	wb_xchgs_free(&xs);
	wb_xhist_free(h);
	wb_tap_free(tap);
	return !e && wb_alloc_failures() != fails ? WB_E_NOMEM : e;
}
