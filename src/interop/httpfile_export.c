/* httpfile_export.c - exchanges as a .http file, with what it cannot
 * express declared above each request. */
#include "httpfile.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "interop.h"

typedef struct hx {
	const wb_xchg *x;
	wb_buf *out;
	wb_lines decl;
} hx;

static wb_err declare(hx *h, const char *tag, const char *detail)
{
	return wb_lines_addf(&h->decl, "# .http cannot express: %s: %s", tag,
			     detail);
}

static int has_field(const wb_xchg *x, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < x->fields.n; i++)
		if (x->fields.v[i].n > n && x->fields.v[i].p[n] == ':' &&
		    !strncasecmp(x->fields.v[i].p, name, n))
			return 1;
	return 0;
}

/* UTF-8 text without NUL: what a .http file can hold. */
static int is_text(const char *p, size_t n)
{
	if (memchr(p, 0, n))
		return 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
			 : (c >> 3) == 30 ? 4 : 0;
		if (!k || i + k > n)
			return 0;
		for (size_t j = 1; j < k; j++)
			if (((unsigned char)p[i + j] >> 6) != 2)
				return 0;
		i += k;
	}
	return 1;
}

static int line_starts(const char *p, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	for (size_t i = 0; i + k <= n; i++)
		if ((i == 0 || p[i - 1] == '\n') && !memcmp(p + i, pre, k))
			return 1;
	return 0;
}

static int holds(const char *p, size_t n, const char *s)
{
	return memmem(p, n, s, strlen(s)) != NULL;
}

/* A body .http text holds exactly: UTF-8, no CR, no last line end (the
 * import drops trailing blank lines), no line read as syntax, no {{. */
static int inline_exact(const char *p, size_t n)
{
	return is_text(p, n) && !memchr(p, '\r', n) && p[n - 1] != '\n' &&
	       !line_starts(p, n, "###") && p[0] != '<' && !holds(p, n, "{{");
}

/* Declares what the inline body loses; returns 1 when it is left out. */
static int body_checks(hx *h, wb_err *e)
{
	const wb_buf *b = &h->x->body;
	const char *p = b->p;
	if (!is_text(p, b->n)) {
		wb_buf d = WB_BUF_INIT;
		*e = wb_buf_printf(&d, "%zu bytes that are not UTF-8 text are "
				   "left out (export to a FILE keeps them "
				   "beside it)", b->n) ||
		     declare(h, "binary-body", d.p);
		wb_buf_free(&d);
		return 1;
	}
	if (holds(p, b->n, "\r"))
		*e = declare(h, "cr", "the body's CR bytes before LF are "
			     "read back as LF line ends");
	if (!*e && (p[b->n - 1] == '\n' || p[b->n - 1] == '\r'))
		*e = declare(h, "trailing-newline", "the body's last line "
			     "end(s) are dropped when read back");
	if (!*e && (line_starts(p, b->n, "###") || p[0] == '<'))
		*e = declare(h, "body-line", "a body line starting with ### "
			     "(or a first line starting with <) is read as "
			     "syntax");
	if (!*e && holds(p, b->n, "{{"))
		*e = declare(h, "braces", "{{ in the body is read back as a "
			     "variable reference");
	return 0;
}

/* The body as a side file: SIDE.N.body beside the export. */
static wb_err side_file(hx *h, const wb_export_opts *o, size_t k,
			wb_buf *ref)
{
	wb_xfile *v = wb_grow(o->files->v, &o->files->cap, o->files->n,
			      sizeof *v);
	if (!v)
		return WB_E_NOMEM;
	o->files->v = v;
	wb_xfile *f = &v[o->files->n];
	*f = (wb_xfile){ NULL, WB_BUF_INIT };
	wb_buf name = WB_BUF_INIT;
	wb_err e = wb_buf_printf(&name, "%s.%zu.body", o->side, k + 1);
	if (!e)
		e = wb_buf_add(&f->bytes, h->x->body.p, h->x->body.n);
	if (!e)
		e = wb_buf_printf(ref, "< ./%s", name.p);
	if (!e) {
		f->name = name.p;
		o->files->n++;
		return WB_OK;
	}
	wb_buf_free(&name);
	wb_buf_free(&f->bytes);
	return e;
}

/* The body's text (inline, or a < reference), or nothing when it is left
 * out; declarations for what is lost. */
static wb_err body_text(hx *h, const wb_export_opts *o, size_t k,
			wb_buf *text)
{
	const wb_buf *b = &h->x->body;
	wb_err e = WB_OK;
	if (!b->n)
		return WB_OK;
	if (has_field(h->x, "Transfer-Encoding"))
		e = declare(h, "chunked", "the body is written with its chunk "
			    "framing, as sent");
	if (e || inline_exact(b->p, b->n))
		return e ? e : wb_buf_add(text, b->p, b->n);
	if (o && o->side && o->files)
		return side_file(h, o, k, text);
	if (!body_checks(h, &e) && !e)
		e = wb_buf_add(text, b->p, b->n);
	return e;
}

/* Differences that come from http.client's request(), which the .http
 * import uses: the fields it adds when they are missing. */
static wb_err field_checks(hx *h)
{
	const wb_xchg *x = h->x;
	wb_err e = WB_OK;
	if (!has_field(x, "Host"))
		e = declare(h, "no-host", "a Host field is added when read back");
	if (!e && !has_field(x, "Accept-Encoding"))
		e = declare(h, "accept-encoding", "Accept-Encoding: identity is "
			    "added when read back");
	if (!e && x->body.n && !has_field(x, "Content-Length") &&
	    !has_field(x, "Transfer-Encoding"))
		e = declare(h, "content-length", "a Content-Length field is "
			    "added when read back");
	for (size_t i = 0; !e && i < x->fields.n; i++)
		if (memchr(x->fields.v[i].p, '\n', x->fields.v[i].n))
			e = declare(h, "continuation", "continuation lines of a "
				    "field are joined with a blank");
	if (!e && x->before.n)
		e = declare(h, "before-request", "raw bytes sent before the "
			    "request line are left out");
	if (!e && x->incomplete)
		e = declare(h, "incomplete", "frames the tap no longer holds "
			    "are missing");
	if (!e && !x->head_done)
		e = declare(h, "incomplete", "the head was never ended");
	return e;
}

static int absolute_form(const char *target)
{
	return !strncasecmp(target, "http://", 7) ||
	       !strncasecmp(target, "https://", 8);
}

static wb_err line_checks(hx *h, const char *target, const char *version)
{
	int absolute = absolute_form(target);
	wb_err e = WB_OK;
	if (strcmp(version, "HTTP/1.1"))
		e = declare(h, "version", version);
	if (!e && absolute)
		e = declare(h, "absolute-form", "the target is sent in origin "
			    "form when read back");
	if (!e && !absolute && target[0] != '/')
		e = declare(h, "target", "a target that is not a path is read "
			    "back as a path");
	if (!e && !absolute && !h->x->origin)
		e = declare(h, "origin", "the origin is not known");
	return e;
}

/* METHOD URL HTTP/1.1, the URL made of the origin and the target. */
static wb_err request_line(hx *h, const char *method, const char *target)
{
	int absolute = absolute_form(target);
	const char *origin = absolute	     ? ""
			     : h->x->origin ? h->x->origin
					    : "http://unknown";
	return wb_buf_printf(h->out, "%s %s%s%s HTTP/1.1\n", method, origin,
			     !absolute && target[0] != '/' ? "/" : "", target);
}

static wb_err fields(hx *h)
{
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < h->x->fields.n; i++) {
		const wb_buf *f = &h->x->fields.v[i];
		for (size_t k = 0; !e && k < f->n; k++) {
			char c = f->p[k];
			if (c == '\r' && k + 1 < f->n && f->p[k + 1] == '\n')
				continue;
			e = wb_buf_addc(h->out, c == '\n' ? ' ' : c);
		}
		if (!e)
			e = wb_buf_addc(h->out, '\n');
	}
	return e;
}

static wb_err one(const wb_xchg *x, size_t k, const wb_export_opts *o,
		  wb_buf *out)
{
	hx h = { x, out, { 0 } };
	wb_buf body = WB_BUF_INIT;
	wb_buf m = WB_BUF_INIT, t = WB_BUF_INIT, v = WB_BUF_INIT;
	wb_err e = wb_xchg_reqline(x, &m, &t, &v);
	const char *method = m.p ? m.p : "GET", *target = t.p ? t.p : "/";
	if (!e)
		e = line_checks(&h, target, v.p ? v.p : "HTTP/1.1");
	if (!e)
		e = field_checks(&h);
	if (!e)
		e = body_text(&h, o, k, &body);
	if (!e)
		e = wb_buf_printf(out, "### request %zu (command %u)\n", k + 1,
				  x->cmd);
	for (size_t i = 0; !e && i < h.decl.n; i++)
		e = wb_buf_printf(out, "%s\n", h.decl.v[i]);
	if (!e)
		e = request_line(&h, method, target);
	if (!e)
		e = fields(&h);
	if (!e && body.n)
		e = wb_buf_addc(out, '\n') || wb_buf_add(out, body.p, body.n) ||
		    wb_buf_addc(out, '\n');
	if (!e)
		e = wb_buf_addc(out, '\n');
	wb_lines_free(&h.decl);
	wb_buf_free(&body);
	wb_buf_free(&m);
	wb_buf_free(&t);
	wb_buf_free(&v);
	return e ? WB_E_NOMEM : WB_OK;
}

/* @name = value; a value .http cannot hold is declared instead. */
static wb_err variable(const wb_xfield *f, wb_buf *out)
{
	const char *v = f->value;
	size_t n = strlen(v);
	int edge = n && (v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' ||
			 v[n - 1] == '\t');
	if (strpbrk(v, "\r\n") || edge || !is_text(v, n))
		return wb_buf_printf(out, "# .http cannot express: variable: "
				     "%s holds line ends, edge blanks or "
				     "bytes that are not UTF-8\n", f->name);
	return wb_buf_printf(out, "@%s = %s\n", f->name, v);
}

wb_err wb_httpfile_export(const wb_xchgs *xs, size_t from, size_t to,
			  const wb_export_opts *o, wb_buf *out)
{
	const wb_xfields *vars = o ? o->vars : NULL;
	wb_err e = WB_OK;
	for (size_t i = 0; !e && vars && i < vars->n; i++)
		e = variable(&vars->v[i], out);
	if (!e && vars && vars->n)
		e = wb_buf_addc(out, '\n');
	for (size_t i = from; !e && i < to; i++)
		e = one(&xs->v[i], i, o, out);
	return e;
}
