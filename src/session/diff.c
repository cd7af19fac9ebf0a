/* diff.c - what changed between a recording and its replay. */
#include "diff.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang/transcript.h"
#include "redact.h"

static const char *const volatile_headers[] = {
	"Date", "Age", "Expires", "Last-Modified", "Server-Timing"
};

/* A header line split into name and value (pointers into a frame). */
typedef struct field {
	const char *name, *value;
	size_t nn, vn;
	uint64_t id; /* the frame it came from */
} field;

/* Where a frame's bytes start in a gathered byte string. */
typedef struct piece {
	size_t off;
	uint64_t id;
} piece;

typedef struct pieces {
	piece *v;
	size_t n, cap;
} pieces;

/* What one command exchanged. */
typedef struct exch {
	wb_buf req, status, body;
	pieces reqp, bodyp;  /* the frames of req and body */
	uint64_t status_id, head_id;
	field *hdr, *trl;
	size_t nhdr, ntrl, chdr, ctrl;
	int head;          /* a response head ended in this command */
	uint64_t *chunks;  /* data chunk sizes read in this command */
	size_t nchunks, cchunks;
	const char *err;
	uint64_t unrec_req, unrec_body; /* bytes listed without their data */
} exch;

typedef struct ctx {
	const wb_diff_opts *o;
	wb_buf *report;
	size_t count;
	unsigned n;
	const char *name; /* the command word */
	size_t name_len;
	size_t cmd;       /* index of the command compared */
} ctx;

static field split(const wb_sitem *it)
{
	field f = { it->data, "", 0, 0, it->id };
	const char *colon = memchr(it->data, ':', it->len);
	size_t end = it->len;
	while (end && (it->data[end - 1] == '\n' || it->data[end - 1] == '\r'))
		end--;
	if (!colon)
		return (field){ it->data, "", end, 0, it->id };
	f.nn = (size_t)(colon - it->data);
	size_t v = f.nn + 1;
	while (v < end && (it->data[v] == ' ' || it->data[v] == '\t'))
		v++;
	f.value = it->data + v;
	f.vn = end > v ? end - v : 0;
	return f;
}

static int add_field(field **v, size_t *n, size_t *cap, field f)
{
	field *g = wb_grow(*v, cap, *n, sizeof *g);
	if (!g)
		return -1;
	*v = g;
	g[(*n)++] = f;
	return 0;
}

/* Notes that the bytes of frame id start at off (memory failures only
 * cost the mark's precision: the report is built from the bytes). */
static void add_piece(pieces *p, size_t off, uint64_t id)
{
	piece *v = wb_grow(p->v, &p->cap, p->n, sizeof *v);
	if (!v)
		return;
	p->v = v;
	v[p->n++] = (piece){ off, id };
}

/* The frame holding byte k (the last frame when k is past the end). */
static uint64_t piece_at(const pieces *p, size_t k)
{
	uint64_t id = 0;
	for (size_t i = 0; i < p->n && p->v[i].off <= k; i++)
		id = p->v[i].id;
	return id;
}

static int is_named(const field *f, const char *name)
{
	return strlen(name) == f->nn && !strncasecmp(f->name, name, f->nn);
}

static void sent(exch *x, const wb_sitem *fr, const wb_diff_opts *o)
{
	if (fr->dir != WB_DIR_OUT)
		return;
	if (o->skip_host && fr->fkind == WB_FK_HEADER) {
		field f = split(fr);
		if (is_named(&f, "Host"))
			return;
	}
	add_piece(&x->reqp, x->req.n, fr->id);
	x->unrec_req += fr->unrecorded;
	wb_buf_add(&x->req, fr->data, fr->len);
}

static void incoming(exch *x, const wb_sitem *it)
{
	switch (it->fkind) {
	case WB_FK_STATUS_LINE:
		wb_buf_clear(&x->status);
		wb_buf_add(&x->status, it->data, it->len);
		x->status_id = it->id;
		x->nhdr = 0; /* a 100 Continue's head is not the response's */
		break;
	case WB_FK_HEADER:
		add_field(&x->hdr, &x->nhdr, &x->chdr, split(it));
		break;
	case WB_FK_END_HEADERS:
		x->head = 1;
		x->head_id = it->id;
		break;
	case WB_FK_BODY:
	case WB_FK_CHUNK_DATA:
		add_piece(&x->bodyp, x->body.n, it->id);
		x->unrec_body += it->unrecorded;
		wb_buf_add(&x->body, it->data, it->len);
		break;
	case WB_FK_CHUNK_SIZE:
		if (it->chunk_size > 0) {
			uint64_t *c = wb_grow(x->chunks, &x->cchunks,
					      x->nchunks, sizeof *c);
			if (c) {
				x->chunks = c;
				c[x->nchunks++] = (uint64_t)it->chunk_size;
			}
		}
		break;
	case WB_FK_TRAILER:
		add_field(&x->trl, &x->ntrl, &x->ctrl, split(it));
		break;
	default:
		break;
	}
}

static void gather(const wb_session *s, size_t i, const wb_diff_opts *o,
		   exch *x)
{
	const wb_scmd *c = wb_session_cmd(s, i);
	for (size_t k = 0; k < c->nitems; k++) {
		const wb_sitem *it = &c->items[k];
		if (it->kind == WB_SI_FRAME && it->state == WB_FS_WIRE) {
			if (it->dir == WB_DIR_IN)
				incoming(x, it);
			else
				sent(x, it, o);
		} else if (it->kind == WB_SI_FLUSH) {
			const wb_sitem *fr = wb_session_frame(s, i, it->id);
			if (fr)
				sent(x, fr, o);
		} else if (it->kind == WB_SI_ERROR) {
			x->err = it->note;
		}
	}
}

static void exch_free(exch *x)
{
	wb_buf_free(&x->req);
	wb_buf_free(&x->status);
	wb_buf_free(&x->body);
	free(x->reqp.v);
	free(x->bodyp.v);
	free(x->hdr);
	free(x->trl);
	free(x->chunks);
}

/* A difference starts at the end of the report: counted, and marked
 * when marks are wanted (its length is filled in at the end). */
static void mark(ctx *c, uint64_t id)
{
	c->count++;
	wb_diff_marks *m = c->o->marks;
	wb_diff_mark *v = m ? wb_grow(m->v, &m->cap, m->n, sizeof *v) : NULL;
	if (v) {
		m->v = v;
		v[m->n++] = (wb_diff_mark){ c->cmd, id, c->report->n, 0 };
	}
}

/* Starts a report line, "command N (name): ", about frame id of the
 * replay (0: the command). */
static wb_buf *line(ctx *c, uint64_t id)
{
	mark(c, id);
	wb_buf_printf(c->report, "command %u (", c->n);
	wb_transcript_escape(c->report, c->name, c->name_len);
	wb_buf_adds(c->report, "): ");
	return c->report;
}

static void quoted(wb_buf *b, const char *p, size_t n)
{
	wb_buf_addc(b, '"');
	wb_transcript_escape(b, p, n);
	wb_buf_addc(b, '"');
}

/* A recording saved with secrets or credentials redacted holds the
 * marker where the replay holds the value: compare it redacted alike. */
static int redacted_in(const ctx *c, const char *p, size_t n)
{
	return c->o->redact && n &&
	       memmem(p, n, WB_REDACT_MARKER, strlen(WB_REDACT_MARKER));
}

static void bytes_diff_raw(ctx *c, const char *what, const wb_buf *a,
			   const wb_buf *b, const pieces *bp);

/* "differs at byte K ("...old..." -> "...new...")". */
static void bytes_diff(ctx *c, const char *what, const wb_buf *a,
		       const wb_buf *b, const pieces *bp)
{
	if (!redacted_in(c, a->p, a->n)) {
		bytes_diff_raw(c, what, a, b, bp);
		return;
	}
	/* a plain save redacts the secrets only, save --redact the header
	 * values too: the replay is alike when either way makes it so. The
	 * marks' offsets are those of the bytes before redaction: close
	 * enough to point at a frame */
	wb_redact secrets = *c->o->redact;
	secrets.headers = 0;
	secrets.nnames = 0;
	wb_buf rb = WB_BUF_INIT;
	wb_redact_bytes(&secrets, wb_buf_str(b), b->n, &rb);
	if (rb.n != a->n || memcmp(wb_buf_str(&rb), a->p, a->n)) {
		wb_buf_clear(&rb);
		wb_redact_bytes(c->o->redact, wb_buf_str(b), b->n, &rb);
		/* out of memory: the replay fails as a whole (replay.c) */
		bytes_diff_raw(c, what, a, &rb, bp);
	}
	wb_buf_free(&rb);
}

static void bytes_diff_raw(ctx *c, const char *what, const wb_buf *a,
			   const wb_buf *b, const pieces *bp)
{
	if (a->n == b->n && (!a->n || !memcmp(a->p, b->p, a->n)))
		return;
	size_t k = 0, m = a->n < b->n ? a->n : b->n;
	while (k < m && a->p[k] == b->p[k])
		k++;
	wb_buf *r = line(c, piece_at(bp, k));
	if (k == m) {
		wb_buf_printf(r, "%s length %zu -> %zu\n", what, a->n, b->n);
		return;
	}
	size_t from = k > 16 ? k - 16 : 0;
	size_t an = a->n - from < 40 ? a->n - from : 40;
	size_t bn = b->n - from < 40 ? b->n - from : 40;
	wb_buf_printf(r, "%s differs at byte %zu (", what, k);
	quoted(r, a->p + from, an);
	wb_buf_adds(r, " -> ");
	quoted(r, b->p + from, bn);
	wb_buf_adds(r, ")\n");
}

static int ignored(const ctx *c, const field *f)
{
	if (c->o->strict)
		return 0;
	if (is_named(f, "Content-Length") || is_named(f, "Transfer-Encoding"))
		return 1; /* compared as framing */
	for (size_t i = 0; i < 5; i++)
		if (is_named(f, volatile_headers[i]))
			return 1;
	for (size_t i = 0; i < c->o->nignore; i++)
		if (is_named(f, c->o->ignore[i]))
			return 1;
	return 0;
}

static size_t keep_fields(const ctx *c, const field *in, size_t n, field *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!ignored(c, &in[i]))
			out[k++] = in[i];
	return k;
}

static int same_name(const field *a, const field *b)
{
	return a->nn == b->nn && !strncasecmp(a->name, b->name, a->nn);
}

/* Index of the occurrence-th field named like f in v, or -1. */
static long find_field(const field *v, size_t n, const field *f, size_t occ)
{
	for (size_t i = 0; i < n; i++)
		if (same_name(&v[i], f) && occ-- == 0)
			return (long)i;
	return -1;
}

static size_t occurrence(const field *v, size_t i)
{
	size_t k = 0;
	for (size_t j = 0; j < i; j++)
		k += same_name(&v[j], &v[i]);
	return k;
}

static void field_list(ctx *c, const char *what, const field *a0, size_t na0,
		       const field *b0, size_t nb0)
{
	field *a = wb_malloc((na0 + 1) * sizeof *a), *b = wb_malloc((nb0 + 1) * sizeof *b);
	if (!a || !b) {
		free(a);
		free(b);
		return;
	}
	size_t na = keep_fields(c, a0, na0, a), nb = keep_fields(c, b0, nb0, b);
	int order = 0;
	for (size_t i = 0; i < na; i++) {
		long j = find_field(b, nb, &a[i], occurrence(a, i));
		wb_buf *r;
		if (j < 0) {
			r = line(c, 0);
			wb_buf_printf(r, "%s %.*s removed (was ", what,
				      (int)a[i].nn, a[i].name);
			quoted(r, a[i].value, a[i].vn);
			wb_buf_adds(r, ")\n");
			continue;
		}
		order |= (size_t)j != i;
		if (a[i].vn == b[j].vn && !memcmp(a[i].value, b[j].value, a[i].vn))
			continue;
		if (redacted_in(c, a[i].value, a[i].vn))
			continue; /* a redacted value: not compared */
		r = line(c, b[j].id);
		wb_buf_printf(r, "%s %.*s: ", what, (int)a[i].nn, a[i].name);
		quoted(r, a[i].value, a[i].vn);
		wb_buf_adds(r, " -> ");
		quoted(r, b[j].value, b[j].vn);
		wb_buf_addc(r, '\n');
	}
	for (size_t j = 0; j < nb; j++) {
		if (find_field(a, na, &b[j], occurrence(b, j)) >= 0)
			continue;
		wb_buf *r = line(c, b[j].id);
		wb_buf_printf(r, "%s %.*s added: ", what, (int)b[j].nn, b[j].name);
		quoted(r, b[j].value, b[j].vn);
		wb_buf_addc(r, '\n');
	}
	if (order && na == nb) {
		wb_buf *r = line(c, b[0].id);
		wb_buf_printf(r, "%s order changed:", what);
		for (size_t i = 0; i < na; i++)
			wb_buf_printf(r, "%s %.*s", i ? "," : "", (int)a[i].nn,
				      a[i].name);
		wb_buf_adds(r, " ->");
		for (size_t i = 0; i < nb; i++)
			wb_buf_printf(r, "%s %.*s", i ? "," : "", (int)b[i].nn,
				      b[i].name);
		wb_buf_addc(r, '\n');
	}
	free(a);
	free(b);
}

/* The framing of the response whose head is in xs[i], with the chunks read
 * up to the next head; *id: the header frame that sets it (else the end
 * of the head). */
static void framing(const exch *xs, size_t n, size_t i, wb_buf *out,
		    uint64_t *id)
{
	const exch *x = &xs[i];
	*id = x->head_id;
	int chunked = 0;
	const field *cl = NULL;
	for (size_t k = 0; k < x->nhdr; k++) {
		if (is_named(&x->hdr[k], "Transfer-Encoding") &&
		    x->hdr[k].vn >= 7 &&
		    !strncasecmp(x->hdr[k].value + x->hdr[k].vn - 7, "chunked", 7)) {
			chunked = 1;
			*id = x->hdr[k].id;
		} else if (is_named(&x->hdr[k], "Content-Length")) {
			cl = &x->hdr[k];
		}
	}
	if (!chunked && cl)
		*id = cl->id;
	if (!chunked) {
		if (cl)
			wb_buf_printf(out, "Content-Length %.*s", (int)cl->vn,
				      cl->value);
		else
			wb_buf_adds(out, "close-delimited");
		return;
	}
	size_t count = 0;
	wb_buf sizes = WB_BUF_INIT;
	for (size_t k = i; k < n && (k == i || !xs[k].head); k++)
		for (size_t j = 0; j < xs[k].nchunks; j++, count++)
			wb_buf_printf(&sizes, "%s%" PRIu64, count ? ", " : "",
				      xs[k].chunks[j]);
	wb_buf_printf(out, "chunked (%zu chunk%s%s%s)", count,
		      count == 1 ? "" : "s", count ? ": " : "",
		      wb_buf_str(&sizes));
	wb_buf_free(&sizes);
}

/* Bytes that a recording over its cap lists without their data can only
 * be compared by length. */
static void some_bytes_diff(ctx *c, const char *what, const exch *a,
			    const exch *b, int body)
{
	const wb_buf *ba = body ? &a->body : &a->req, *bb = body ? &b->body : &b->req;
	uint64_t ua = body ? a->unrec_body : a->unrec_req;
	uint64_t ub = body ? b->unrec_body : b->unrec_req;
	if (!ua && !ub) {
		bytes_diff(c, what, ba, bb, body ? &b->bodyp : &b->reqp);
		return;
	}
	if (ba->n + ua != bb->n + ub)
		wb_buf_printf(line(c, 0), "%s length %" PRIu64 " -> %" PRIu64
			      " (not recorded in full: compared by length)\n",
			      what, (uint64_t)ba->n + ua, (uint64_t)bb->n + ub);
}

static void compare(ctx *c, const exch *xa, const exch *xb, size_t na,
		    size_t nb, size_t i)
{
	const exch *a = &xa[i], *b = &xb[i];
	if ((a->err != NULL) != (b->err != NULL) ||
	    (a->err && strcmp(a->err, b->err)))
		wb_buf_printf(line(c, 0), "error changed: %s -> %s\n",
			      a->err ? a->err : "none", b->err ? b->err : "none");
	some_bytes_diff(c, "request", a, b, 0);
	if (a->status.n != b->status.n ||
	    (a->status.n && memcmp(a->status.p, b->status.p, a->status.n))) {
		wb_buf *r = line(c, b->status_id);
		wb_buf_adds(r, "status line: ");
		quoted(r, a->status.p, a->status.n);
		wb_buf_adds(r, " -> ");
		quoted(r, b->status.p, b->status.n);
		wb_buf_addc(r, '\n');
	}
	field_list(c, "header", a->hdr, a->nhdr, b->hdr, b->nhdr);
	if (a->head && b->head) {
		wb_buf fa = WB_BUF_INIT, fb = WB_BUF_INIT;
		uint64_t ida, idb;
		framing(xa, na, i, &fa, &ida);
		framing(xb, nb, i, &fb, &idb);
		/* out of memory: empty text here, and the replay fails */
		if (strcmp(wb_buf_str(&fa), wb_buf_str(&fb)))
			wb_buf_printf(line(c, idb), "framing changed: %s -> %s\n",
				      wb_buf_str(&fa), wb_buf_str(&fb));
		wb_buf_free(&fa);
		wb_buf_free(&fb);
	}
	some_bytes_diff(c, "body", a, b, 1);
	field_list(c, "trailer", a->trl, a->ntrl, b->trl, b->ntrl);
}

size_t wb_session_diff(const wb_session *old, const wb_session *cur,
		       const wb_diff_opts *o, wb_buf *report)
{
	size_t na = wb_session_ncmds(old), nb = wb_session_ncmds(cur);
	size_t n = na < nb ? na : nb;
	exch *xa = wb_calloc(na + 1, sizeof *xa), *xb = wb_calloc(nb + 1, sizeof *xb);
	ctx c = { .o = o, .report = report };
	if (!xa || !xb) {
		free(xa);
		free(xb);
		wb_buf_adds(report, "out of memory while comparing\n");
		return 1;
	}
	for (size_t i = 0; i < na; i++)
		gather(old, i, o, &xa[i]);
	for (size_t i = 0; i < nb; i++)
		gather(cur, i, o, &xb[i]);
	for (size_t i = 0; i < n; i++) {
		const char *line = wb_session_cmd(old, i)->line;
		line += strspn(line, " \t");
		c.n = (unsigned)i + 1;
		c.name = line;
		c.name_len = strcspn(line, " \t");
		c.cmd = i;
		compare(&c, xa, xb, na, nb, i);
	}
	if (na != nb) {
		c.cmd = n;
		mark(&c, 0);
		wb_buf_printf(report, "commands: %zu recorded, %zu replayed\n",
			      na, nb);
	}
	for (size_t i = 0; o->marks && i < o->marks->n; i++) {
		wb_diff_mark *m = &o->marks->v[i];
		if (m->off < report->n && !m->len)
			m->len = strcspn(report->p + m->off, "\n");
	}
	for (size_t i = 0; i < na; i++)
		exch_free(&xa[i]);
	for (size_t i = 0; i < nb; i++)
		exch_free(&xb[i]);
	free(xa);
	free(xb);
	return c.count;
}

void wb_diff_marks_free(wb_diff_marks *m)
{
	free(m->v);
	*m = (wb_diff_marks){ 0 };
}
