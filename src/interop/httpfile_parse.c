/* httpfile_parse.c - .http text to requests and file variables. */
#include "httpfile_int.h"
#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "interop.h"

typedef struct line {
	const char *s;
	size_t n;
	unsigned no;
} line;

typedef struct parser {
	wb_hfile *f;
	wb_hreq *r;        /* the request being read, or NULL */
	enum { PRE, HEAD, BODY } state;
	char *name;        /* the name for the next request */
	wb_lines body;     /* body lines of r */
	unsigned body_no;  /* line of the first body line */
	const char *dir, *base;
	wb_buf *msg;
} parser;

static wb_err fail(parser *p, unsigned no, size_t col, const char *what,
		   const char *s, size_t n)
{
	wb_buf_printf(p->msg, "line %u, column %zu: %s", no, col, what);
	if (s)
		wb_buf_printf(p->msg, ": '%.*s'", (int)n, s);
	return WB_E_SYNTAX;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static line trim(line l)
{
	while (l.n && blank(l.s[0]))
		l.s++, l.n--;
	while (l.n && blank(l.s[l.n - 1]))
		l.n--;
	return l;
}

static int starts(line l, const char *pre)
{
	size_t k = strlen(pre);
	return l.n >= k && !memcmp(l.s, pre, k);
}

static int name_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

static int var_name_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!name_char(s[i], i == 0))
			return 0;
	return n > 0;
}

/* {{name}} at s[0..n): appends ${name}; returns the bytes used, 0 on an
 * error (msg set), or 2 when there is no closing }} (a literal {{). */
static size_t reference(parser *p, const char *s, size_t n, unsigned no,
			size_t col, wb_buf *out)
{
	const char *end = NULL;
	for (size_t i = 2; i + 1 < n && !end; i++)
		if (s[i] == '}' && s[i + 1] == '}')
			end = s + i;
	if (!end)
		return wb_buf_add(out, "{{", 2) ? 0 : 2;
	line in = trim((line){ s + 2, (size_t)(end - s - 2), no });
	if (in.n && in.s[0] == '$')
		return fail(p, no, col, "system variables are not supported",
			    s, (size_t)(end - s) + 2), 0;
	if (!var_name_ok(in.s, in.n))
		return fail(p, no, col, "a variable reference names a file "
			    "variable (letters, digits, _); request variables "
			    "are not supported", s, (size_t)(end - s) + 2), 0;
	if (wb_buf_add(out, "${", 2) || wb_buf_add(out, in.s, in.n) ||
	    wb_buf_addc(out, '}'))
		return 0;
	return (size_t)(end - s) + 2;
}

/* Appends s[0..n) as a template: {{name}} -> ${name}, $ -> $$. col is
 * the column of s[0] for messages. */
static wb_err tmpl(parser *p, const char *s, size_t n, unsigned no,
		   size_t col, wb_buf *out)
{
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < n;) {
		if (s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
			size_t used = reference(p, s + i, n - i, no, col + i, out);
			if (!used)
				return p->msg->n ? WB_E_SYNTAX : WB_E_NOMEM;
			i += used;
		} else {
			e = s[i] == '$' ? wb_buf_add(out, "$$", 2)
					: wb_buf_addc(out, s[i]);
			i++;
		}
	}
	return e;
}

static size_t col_of(line full, const char *at)
{
	return (size_t)(at - full.s) + 1;
}

/* @name = value */
static wb_err variable(parser *p, line l)
{
	const char *eq = memchr(l.s, '=', l.n);
	if (!eq)
		return fail(p, l.no, 1, "a file variable is '@name = value'",
			    l.s, l.n);
	line name = trim((line){ l.s + 1, (size_t)(eq - l.s - 1), l.no });
	line val = trim((line){ eq + 1, l.n - (size_t)(eq + 1 - l.s), l.no });
	if (!var_name_ok(name.s, name.n))
		return fail(p, l.no, 2, "a variable name is letters, digits "
			    "and _ (not a digit first)", name.s, name.n);
	wb_buf v = WB_BUF_INIT;
	char *nm = wb_strndup(name.s, name.n);
	wb_err e = nm ? tmpl(p, val.s, val.n, l.no, col_of(l, val.s), &v)
		      : WB_E_NOMEM;
	if (!e)
		e = wb_xfields_add(&p->f->vars, nm, v.p ? v.p : "");
	free(nm);
	wb_buf_free(&v);
	return e;
}

/* # @name NAME, // @name NAME, or a plain comment. */
static wb_err comment(parser *p, line l)
{
	line c = trim((line){ l.s + (l.s[0] == '#' ? 1 : 2),
			      l.n - (l.s[0] == '#' ? 1 : 2), l.no });
	if (!starts(c, "@name") || c.n == 5 ||
	    !(blank(c.s[5]) || c.s[5] == '='))
		return WB_OK;
	line v = trim((line){ c.s + 6, c.n - 6, l.no });
	char *nm = wb_strndup(v.s, v.n);
	if (!nm)
		return WB_E_NOMEM;
	free(p->name);
	p->name = nm;
	return WB_OK;
}

static int is_comment(line l)
{
	return starts(l, "#") || starts(l, "//");
}

static int token_char(char c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

static wb_hreq *new_req(parser *p, unsigned no)
{
	wb_hreq *v = wb_grow(p->f->r, &p->f->cap, p->f->n, sizeof *v);
	if (!v)
		return NULL;
	p->f->r = v;
	wb_hreq *r = &v[p->f->n++];
	*r = (wb_hreq){ .line = no, .name = p->name };
	p->name = NULL;
	return r;
}

/* [METHOD] URL [HTTP/x.y] */
static wb_err request_line(parser *p, line l)
{
	wb_hreq *r = new_req(p, l.no);
	if (!r)
		return WB_E_NOMEM;
	p->r = r;
	line rest = l;
	size_t m = 0;
	while (m < l.n && token_char(l.s[m]))
		m++;
	int has_method = m > 0 && m < l.n && blank(l.s[m]);
	wb_err e = wb_buf_add(&r->method, has_method ? l.s : "GET",
			      has_method ? m : 3);
	if (has_method)
		rest = trim((line){ l.s + m, l.n - m, l.no });
	const char *sp = rest.s + rest.n;
	while (sp > rest.s && !blank(sp[-1]))
		sp--;
	if (sp > rest.s && rest.s + rest.n - sp > 5 && !memcmp(sp, "HTTP/", 5)) {
		line ver = { sp, (size_t)(rest.s + rest.n - sp), l.no };
		if (!starts(ver, "HTTP/1.1") || ver.n != 8)
			return fail(p, l.no, col_of(l, sp), "wirebench sends "
				    "HTTP/1.1 only", ver.s, ver.n);
		rest = trim((line){ rest.s, (size_t)(sp - rest.s), l.no });
	}
	if (!rest.n)
		return fail(p, l.no, 1, "a request line needs a URL", l.s, l.n);
	if (!e)
		e = tmpl(p, rest.s, rest.n, l.no, col_of(l, rest.s), &r->url);
	p->state = HEAD;
	return e;
}

/* Name: value */
static wb_err field(parser *p, line l)
{
	size_t k = 0;
	while (k < l.n && token_char(l.s[k]))
		k++;
	if (!k || k == l.n || l.s[k] != ':')
		return fail(p, l.no, k + 1, "expected a field 'Name: value' or "
			    "a blank line before the body", l.s, l.n);
	line v = trim((line){ l.s + k + 1, l.n - k - 1, l.no });
	wb_buf name = WB_BUF_INIT, val = WB_BUF_INIT;
	wb_err e = tmpl(p, l.s, k, l.no, 1, &name);
	if (!e)
		e = tmpl(p, v.s, v.n, l.no, col_of(l, v.s), &val);
	if (!e)
		e = wb_xfields_add(&p->r->h, name.p ? name.p : "",
				   val.p ? val.p : "");
	wb_buf_free(&name);
	wb_buf_free(&val);
	return e;
}

static wb_err pre_line(parser *p, line l)
{
	line t = trim(l);
	if (!t.n)
		return WB_OK;
	if (is_comment(t))
		return comment(p, t);
	if (t.s[0] == '@')
		return variable(p, t);
	return request_line(p, t);
}

static wb_err head_line(parser *p, line l)
{
	line t = trim(l);
	if (!t.n) {
		p->state = BODY;
		return WB_OK;
	}
	if (is_comment(t))
		return WB_OK;
	if ((t.s[0] == '?' || t.s[0] == '&') && !p->r->h.n)
		return tmpl(p, t.s, t.n, l.no, col_of(l, t.s), &p->r->url);
	return field(p, l);
}

static wb_err body_line(parser *p, line l)
{
	if (starts(l, "> {%") || starts(l, ">> ") || starts(l, ">>! ") ||
	    starts(l, "<> "))
		return fail(p, l.no, 1, "response handlers and redirections "
			    "are not supported", l.s, l.n);
	if (!p->body.n)
		p->body_no = l.no;
	char *s = wb_strndup(l.s, l.n);
	wb_err e = s ? wb_lines_add(&p->body, s) : WB_E_NOMEM;
	free(s);
	return e;
}

/* < path or <@ path as the whole body. */
static wb_err file_body(parser *p, wb_hreq *r, const char *first)
{
	int vars = first[1] == '@';
	line path = trim((line){ first + 1 + vars, strlen(first + 1 + vars),
				 p->body_no });
	for (size_t i = 1; i < p->body.n; i++)
		if (trim((line){ p->body.v[i], strlen(p->body.v[i]), 0 }).n)
			return fail(p, p->body_no + (unsigned)i, 1, "a file body "
				    "(< path) stands alone", NULL, 0);
	if (!path.n)
		return fail(p, p->body_no, 2, "< needs a file name", NULL, 0);
	char *pth = wb_strndup(path.s, path.n);
	if (!pth)
		return WB_E_NOMEM;
	r->has_body = 1;
	r->body_line = p->body_no;
	if (!vars) {
		r->body_file = pth;
		return WB_OK;
	}
	wb_buf text = WB_BUF_INIT, m = WB_BUF_INIT;
	char *full = wb_hfile_path(p->base, pth);
	wb_err e = full ? wb_interop_read_file(p->dir, full, &text, &m)
			: WB_E_NOMEM;
	free(full);
	if (e)
		wb_buf_printf(p->msg, "line %u: %s", p->body_no, m.p ? m.p : "");
	else
		e = tmpl(p, text.p ? text.p : "", text.n, p->body_no, 1, &r->body);
	free(pth);
	wb_buf_free(&text);
	wb_buf_free(&m);
	return e;
}

/* The request read so far is complete: its body lines become its body. */
static wb_err finish(parser *p)
{
	wb_hreq *r = p->r;
	wb_err e = WB_OK;
	size_t n = p->body.n;
	while (n && !trim((line){ p->body.v[n - 1],
				  strlen(p->body.v[n - 1]), 0 }).n)
		n--; /* trailing blank lines are not part of the body */
	if (r && n && p->body.v[0][0] == '<' && p->body.v[0][1] != '>') {
		e = file_body(p, r, p->body.v[0]);
	} else if (r && n) {
		r->has_body = 1;
		r->body_line = p->body_no;
		for (size_t i = 0; !e && i < n; i++) {
			const char *s = p->body.v[i];
			if (i)
				e = wb_buf_addc(&r->body, '\n');
			if (!e)
				e = tmpl(p, s, strlen(s), p->body_no + (unsigned)i,
					 1, &r->body);
		}
	}
	wb_lines_free(&p->body);
	p->r = NULL;
	p->state = PRE;
	return e;
}

static wb_err separator(parser *p, line l)
{
	wb_err e = finish(p);
	line t = trim((line){ l.s + 3, l.n - 3, l.no });
	while (t.n && t.s[0] == '#')
		t.s++, t.n--;
	t = trim(t);
	if (!e && t.n) { /* JetBrains names a request after ### */
		free(p->name);
		if (!(p->name = wb_strndup(t.s, t.n)))
			e = WB_E_NOMEM;
	}
	return e;
}

static wb_err one_line(parser *p, line l)
{
	if (starts(l, "###"))
		return separator(p, l);
	switch (p->state) {
	case PRE: return pre_line(p, l);
	case HEAD: return head_line(p, l);
	default: return body_line(p, l);
	}
}

char *wb_hfile_path(const char *base, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	wb_buf b = WB_BUF_INIT;
	size_t bn = base ? strlen(base) : 0;
	wb_err e = WB_OK;
	if (path[0] != '/' && bn && strcmp(base, "."))
		e = wb_buf_printf(&b, "%s%s", base,
				  base[bn - 1] == '/' ? "" : "/");
	if (e || wb_buf_adds(&b, path)) {
		wb_buf_free(&b);
		return NULL;
	}
	return b.p;
}

wb_err wb_hfile_parse(const char *text, const char *dir, const char *base,
		      wb_hfile *out, wb_buf *msg)
{
	*out = (wb_hfile){ 0 };
	parser p = { .f = out, .dir = dir, .base = base, .msg = msg };
	wb_err e = WB_OK;
	unsigned no = 0;
	for (const char *s = text; !e && *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		line l = { s, n > 0 && s[n - 1] == '\r' ? n - 1 : n, ++no };
		e = one_line(&p, l);
		s = nl ? nl + 1 : s + n;
	}
	if (!e)
		e = finish(&p);
	wb_lines_free(&p.body);
	free(p.name);
	if (!e && !out->n) {
		wb_buf_printf(msg, "line %u: no request in the file", no);
		e = WB_E_SYNTAX;
	}
	if (e)
		wb_hfile_free(out);
	return e;
}

void wb_hfile_free(wb_hfile *f)
{
	for (size_t i = 0; i < f->n; i++) {
		wb_hreq *r = &f->r[i];
		free(r->name);
		free(r->body_file);
		wb_buf_free(&r->method);
		wb_buf_free(&r->url);
		wb_buf_free(&r->body);
		wb_xfields_free(&r->h);
	}
	free(f->r);
	wb_xfields_free(&f->vars);
	*f = (wb_hfile){ 0 };
}
