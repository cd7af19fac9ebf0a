/* httpfile_import.c - parsed .http requests as commands: `set` for the
 * file variables, then open / request / getresponse / read. */
#include "httpfile.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "httpfile_int.h"
#include "interop.h"
#include "quote.h"

#define MAX_DEPTH 16 /* variables referring to variables */

/* A piece of a template: literal bytes ($$ already made $) or a
 * reference. */
typedef struct seg {
	wb_buf text;
	int var;
} seg;

typedef struct segs {
	seg *v;
	size_t n, cap;
} segs;

static void segs_free(segs *s)
{
	for (size_t i = 0; i < s->n; i++)
		wb_buf_free(&s->v[i].text);
	free(s->v);
	*s = (segs){ 0 };
}

static wb_err segs_add(segs *s, const char *p, size_t n, int var)
{
	if (!n)
		return WB_OK;
	if (!var && s->n && !s->v[s->n - 1].var)
		return wb_buf_add(&s->v[s->n - 1].text, p, n);
	seg *v = wb_grow(s->v, &s->cap, s->n, sizeof *v);
	if (!v)
		return WB_E_NOMEM;
	s->v = v;
	v[s->n] = (seg){ WB_BUF_INIT, var };
	return wb_buf_add(&v[s->n++].text, p, n);
}

static wb_err split(const char *t, segs *out)
{
	wb_err e = WB_OK;
	while (!e && *t) {
		if (t[0] == '$' && t[1] == '$') {
			e = segs_add(out, "$", 1, 0);
			t += 2;
		} else if (t[0] == '$' && t[1] == '{' && strchr(t, '}')) {
			const char *end = strchr(t, '}');
			e = segs_add(out, t + 2, (size_t)(end - t - 2), 1);
			t = end + 1;
		} else {
			e = segs_add(out, t++, 1, 0);
		}
	}
	return e;
}

static wb_err expand(const wb_xfields *vars, const char *t, int depth,
		     wb_buf *out, wb_buf *msg);

/* Appends the value of variable name, expanded (the last definition
 * counts). NameError when the file does not define it. */
static wb_err expand_var(const wb_xfields *vars, const char *name,
			 int depth, wb_buf *out, wb_buf *msg)
{
	long k = -1;
	for (size_t j = 0; j < vars->n; j++)
		if (!strcmp(vars->v[j].name, name))
			k = (long)j;
	if (k < 0) {
		wb_buf_printf(msg, "{{%s}} is not defined in the file", name);
		return WB_E_NAME;
	}
	return expand(vars, vars->v[k].value, depth + 1, out, msg);
}

/* Appends the value of template t with every reference expanded. */
static wb_err expand(const wb_xfields *vars, const char *t, int depth,
		     wb_buf *out, wb_buf *msg)
{
	if (depth > MAX_DEPTH) {
		wb_buf_adds(msg, "file variables refer to each other in a loop");
		return WB_E_RUNTIME;
	}
	segs s = { 0 };
	wb_err e = split(t, &s);
	for (size_t i = 0; !e && i < s.n; i++)
		e = s.v[i].var ? expand_var(vars, s.v[i].text.p, depth, out, msg)
			       : wb_buf_add(out, s.v[i].text.p, s.v[i].text.n);
	segs_free(&s);
	return e;
}

/* Literal bytes into a template: $ -> $$; in a target, bytes that may not
 * stand on a request line become %XX. */
static wb_err lit(wb_buf *out, const char *p, size_t n, int target)
{
	static const char hex[] = "0123456789ABCDEF";
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		char x[3] = { '%', hex[c >> 4], hex[c & 15] };
		if (c == '$')
			e = wb_buf_add(out, "$$", 2);
		else if (target && (c <= 0x20 || c >= 0x7f))
			e = wb_buf_add(out, x, 3);
		else
			e = wb_buf_addc(out, (char)c);
	}
	return e;
}

static wb_err ref(wb_buf *out, const seg *s)
{
	return wb_buf_printf(out, "${%s}", s->text.p);
}

/* Where the origin ends in the expanded URL u: the first / ? # after
 * "://", else its end; 0 when u is not http(s). */
static size_t origin_end(const wb_buf *u, int whole)
{
	const char *p = u->p ? u->p : "";
	size_t skip = !strncasecmp(p, "http://", 7)	? 7
		      : !strncasecmp(p, "https://", 8) ? 8
						       : 0;
	if (!skip || u->n <= skip)
		return 0;
	size_t k = skip + strcspn(p + skip, "/?#");
	return k < u->n || whole ? k : 0;
}

typedef struct url {
	wb_buf origin, target; /* templates */
} url;

/* The target template from segment i on (offset off into a literal, or
 * the expanded rest of a reference). A #fragment is never sent. */
static wb_err target_from(const segs *s, size_t i, const char *rest,
			  size_t rn, wb_buf *t)
{
	wb_err e = WB_OK;
	size_t frag = strcspn(rest, "#");
	e = lit(t, rest, frag < rn ? frag : rn, 1);
	if (frag < rn)
		return e;
	for (; !e && i < s->n; i++) {
		if (s->v[i].var) {
			e = ref(t, &s->v[i]);
			continue;
		}
		const char *p = s->v[i].text.p;
		size_t n = s->v[i].text.n, f = strcspn(p, "#");
		e = lit(t, p, f < n ? f : n, 1);
		if (f < n)
			break;
	}
	return e;
}

/* Expands segments until the origin's end is known: *at is the segment
 * holding it, which starts at *start of the expansion x; *end is where
 * the origin ends in x. */
static wb_err find_end(const wb_hfile *f, const segs *s, size_t *at,
		       size_t *start, size_t *end, wb_buf *x, wb_buf *msg)
{
	wb_err e = WB_OK;
	*end = 0;
	wb_buf_clear(x);
	for (size_t i = 0; !e && i < s->n && !*end; i++) {
		*start = x->n;
		*at = i;
		e = s->v[i].var ? expand_var(&f->vars, s->v[i].text.p, 0, x, msg)
				: wb_buf_add(x, s->v[i].text.p, s->v[i].text.n);
		if (!e)
			*end = origin_end(x, i + 1 == s->n);
	}
	if (!e && !*end) {
		wb_buf_printf(msg, "not an http:// or https:// URL: '%.*s'",
			      (int)x->n, x->p ? x->p : "");
		e = WB_E_INVALID_URL;
	}
	return e;
}

/* Replaces reference k by the segments of its variable's value. */
static wb_err inline_var(const wb_hfile *f, segs *s, size_t k)
{
	long j = -1;
	for (size_t i = 0; i < f->vars.n; i++)
		if (!strcmp(f->vars.v[i].name, s->v[k].text.p))
			j = (long)i;
	segs t = { 0 };
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < s->n; i++) {
		if (i != k)
			e = segs_add(&t, s->v[i].text.p, s->v[i].text.n,
				     s->v[i].var);
		else if (j >= 0)
			e = split(f->vars.v[j].value, &t);
	}
	segs_free(s);
	*s = t;
	return e;
}

/* Splits the URL template into origin and target where the origin ends.
 * A reference the end falls inside is replaced by its value's template
 * (so {{api}} = {{host}}/v1 still opens ${host}), down to literal text. */
static wb_err split_url(const wb_hfile *f, const wb_hreq *r, url *u,
			wb_buf *msg)
{
	segs s = { 0 };
	wb_buf x = WB_BUF_INIT;
	size_t i = 0, start = 0, end = 0;
	wb_err e = split(r->url.p ? r->url.p : "", &s);
	for (int depth = 0; !e; depth++) {
		e = find_end(f, &s, &i, &start, &end, &x, msg);
		if (e || !s.v[i].var || end == x.n || depth == MAX_DEPTH)
			break;
		e = inline_var(f, &s, i);
	}
	for (size_t k = 0; !e && k < i; k++)
		e = s.v[k].var ? ref(&u->origin, &s.v[k])
			       : lit(&u->origin, s.v[k].text.p, s.v[k].text.n, 0);
	if (!e && s.v[i].var && end == x.n) {
		e = ref(&u->origin, &s.v[i]);
		if (!e)
			e = target_from(&s, i + 1, "", 0, &u->target);
	} else if (!e) {
		e = lit(&u->origin, x.p + start, end - start, 0);
		if (!e)
			e = target_from(&s, i + 1, x.p + end, x.n - end,
					&u->target);
	}
	if (!e && !u->target.n)
		e = wb_buf_addc(&u->target, '/');
	wb_buf_free(&x);
	segs_free(&s);
	return e;
}

/* A relative URL (/path): the origin is http://{Host field}. */
static wb_err relative_url(const wb_hreq *r, url *u, wb_buf *msg)
{
	long h = wb_xfields_find(&r->h, "Host");
	if (h < 0) {
		wb_buf_adds(msg, "a URL without http:// needs a Host field");
		return WB_E_INVALID_URL;
	}
	segs s = { 0 };
	wb_err e = wb_buf_printf(&u->origin, "http://%s", r->h.v[h].value);
	if (!e) /* the target as for an absolute URL: no fragment, %XX */
		e = split(r->url.p, &s);
	if (!e)
		e = target_from(&s, 0, "", 0, &u->target);
	segs_free(&s);
	return e;
}

static wb_err make_url(const wb_hfile *f, const wb_hreq *r, url *u,
		       wb_buf *msg)
{
	wb_err e = r->url.p[0] == '/' ? relative_url(r, u, msg)
				      : split_url(f, r, u, msg);
	if (!e && u->target.p[0] == '?') { /* http://h?q has the path / */
		wb_buf t = WB_BUF_INIT;
		e = wb_buf_addc(&t, '/') || wb_buf_add(&t, u->target.p, u->target.n)
			? WB_E_NOMEM : WB_OK;
		wb_buf_free(&u->target);
		u->target = t;
	}
	return e;
}

static int plain_path(const char *p)
{
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("._/-+,=:%", *p)))
			return 0;
	return 1;
}

/* ` @path` for a file body (checked to be readable now), or its bytes
 * as a word when the path needs quoting (@file words cannot be quoted).
 * request() would send a file chunked, REST Client with its length: the
 * length read now is given as Content-Length unless the fields say how. */
static wb_err file_word(const char *dir, const char *base, const wb_hreq *r,
			wb_buf *b, wb_buf *msg)
{
	char *path = wb_hfile_path(base, r->body_file);
	if (!path)
		return WB_E_NOMEM;
	wb_buf bytes = WB_BUF_INIT, m = WB_BUF_INIT;
	wb_err e = wb_interop_read_file(dir, path, &bytes, &m);
	if (e)
		wb_buf_printf(msg, "line %u: %s", r->body_line, m.p ? m.p : "");
	else if (plain_path(path) && path[0] != '-')
		e = wb_buf_printf(b, " @%s", path);
	else
		e = wb_buf_addc(b, ' ') ||
		    wb_quote_cmd(b, bytes.p ? bytes.p : "", bytes.n);
	if (!e && wb_xfields_find(&r->h, "Content-Length") < 0 &&
	    wb_xfields_find(&r->h, "Transfer-Encoding") < 0)
		e = wb_buf_printf(b, " -H \"Content-Length: %zu\"", bytes.n);
	free(path);
	wb_buf_free(&bytes);
	wb_buf_free(&m);
	return e;
}

/* http.client's request() takes the fields as a dict: a repeated name
 * keeps its first place and its last value. Said in a comment. */
static wb_err repeated_note(const wb_hreq *r, wb_lines *out)
{
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < r->h.n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(r->h.v[i].name, r->h.v[j].name)) {
				wb_buf b = WB_BUF_INIT;
				e = wb_buf_printf(&b, "# note: request sends one "
						  "'%s' field, with the last "
						  "value (its fields are a "
						  "dict)", r->h.v[i].name) ||
				    wb_lines_addb(out, &b);
				wb_buf_free(&b);
				break;
			}
	return e ? WB_E_NOMEM : WB_OK;
}

static wb_err request_cmd(const char *dir, const char *base,
			  const wb_hreq *r, const url *u, wb_lines *out,
			  wb_buf *msg)
{
	wb_buf b = WB_BUF_INIT;
	wb_err e = wb_buf_adds(&b, "request ");
	if (!e)
		e = wb_quote_cmd(&b, r->method.p, r->method.n);
	if (!e)
		e = wb_buf_addc(&b, ' ');
	if (!e)
		e = wb_quote_tmpl(&b, u->target.p, u->target.n);
	if (!e && r->body_file)
		e = file_word(dir, base, r, &b, msg);
	else if (!e && r->has_body)
		e = wb_buf_addc(&b, ' ') ||
		    wb_quote_tmpl(&b, r->body.p ? r->body.p : "", r->body.n);
	for (size_t i = 0; !e && i < r->h.n; i++) {
		wb_buf h = WB_BUF_INIT;
		e = wb_buf_printf(&h, "%s: %s", r->h.v[i].name, r->h.v[i].value);
		if (!e)
			e = wb_buf_adds(&b, " -H ");
		if (!e)
			e = wb_quote_tmpl(&b, h.p, h.n);
		wb_buf_free(&h);
	}
	if (!e)
		e = wb_lines_addb(out, &b);
	wb_buf_free(&b);
	return e;
}

static wb_err title(const wb_hreq *r, size_t k, wb_lines *out)
{
	wb_buf b = WB_BUF_INIT;
	wb_err e = r->name ? wb_buf_printf(&b, "# request %zu: %s (line %u)",
					   k + 1, r->name, r->line)
			   : wb_buf_printf(&b, "# request %zu (line %u)", k + 1,
					   r->line);
	if (!e)
		e = wb_lines_addb(out, &b);
	wb_buf_free(&b);
	return e;
}

static wb_err emit_request(const char *dir, const char *base,
			   const wb_hfile *f, size_t k, wb_buf *prev,
			   wb_lines *out, wb_buf *msg)
{
	const wb_hreq *r = &f->r[k];
	url u = { WB_BUF_INIT, WB_BUF_INIT };
	wb_err e = make_url(f, r, &u, msg);
	if (!e)
		e = title(r, k, out);
	if (!e)
		e = repeated_note(r, out);
	/* a new open only for another origin: the connection is kept */
	wb_buf now = WB_BUF_INIT;
	if (!e)
		e = expand(&f->vars, u.origin.p, 0, &now, msg) ||
		    wb_buf_add(&now, "", 0);
	if (!e && (!prev->p || strcmp(prev->p, now.p))) {
		wb_buf b = WB_BUF_INIT;
		e = wb_buf_adds(&b, "open ") ||
		    wb_quote_tmpl(&b, u.origin.p, u.origin.n) ||
		    wb_lines_addb(out, &b);
		wb_buf_free(&b);
		wb_buf_clear(prev);
		if (!e)
			e = wb_buf_adds(prev, now.p);
	}
	wb_buf_free(&now);
	if (!e)
		e = request_cmd(dir, base, r, &u, out, msg);
	if (!e)
		e = wb_lines_add(out, "getresponse") || wb_lines_add(out, "read");
	wb_buf_free(&u.origin);
	wb_buf_free(&u.target);
	return e;
}

static wb_err emit_vars(const wb_xfields *vars, wb_lines *out)
{
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < vars->n; i++) {
		wb_buf b = WB_BUF_INIT;
		e = wb_buf_printf(&b, "set %s ", vars->v[i].name) ||
		    wb_quote_tmpl(&b, vars->v[i].value,
				  strlen(vars->v[i].value)) ||
		    wb_lines_addb(out, &b);
		wb_buf_free(&b);
	}
	return e ? WB_E_NOMEM : WB_OK;
}

/* Prefixes msg with the request's line when it has no position yet. */
static void position(wb_buf *msg, unsigned line)
{
	if (msg->p && !strncmp(msg->p, "line ", 5))
		return;
	wb_buf m = WB_BUF_INIT;
	if (!wb_buf_printf(&m, "line %u: %s", line, msg->p ? msg->p : "")) {
		wb_buf_free(msg);
		*msg = m;
	}
}

wb_err wb_httpfile_import(const char *text, const char *dir,
			  const char *base, wb_lines *out, wb_buf *msg)
{
	wb_hfile f;
	wb_err e = wb_hfile_parse(text, dir, base, &f, msg);
	if (e)
		return e;
	wb_lines l = { 0 };
	wb_buf prev = WB_BUF_INIT;
	e = emit_vars(&f.vars, &l);
	for (size_t k = 0; !e && k < f.n; k++) {
		e = emit_request(dir, base, &f, k, &prev, &l, msg);
		if (e)
			position(msg, f.r[k].line);
	}
	if (!e) /* all or nothing */
		e = wb_lines_extend(out, &l);
	wb_lines_free(&l);
	wb_buf_free(&prev);
	wb_hfile_free(&f);
	return e;
}
