/* vars.c - variables: set, ${NAME}, ${env:NAME}, --var and --env. */
#include "interp_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static int name_ok(const char *s, size_t n)
{
	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

static wb_var *find(const wb_interp *in, const char *name, size_t n)
{
	for (size_t i = 0; i < in->nvars; i++)
		if (strlen(in->vars[i].name) == n &&
		    !memcmp(in->vars[i].name, name, n))
			return &in->vars[i];
	return NULL;
}

static wb_err bad_name(wb_buf *msg, const char *name, size_t n)
{
	wb_buf_printf(msg, "bad variable name '%.*s' (letters, digits and _, "
			   "or env:NAME)", (int)n, name);
	return WB_E_SYNTAX;
}

wb_err wb_vars_lookup(void *arg, const char *name, size_t n, wb_buf *out,
		      wb_buf *msg)
{
	const wb_interp *in = arg;
	if (n > 4 && !memcmp(name, "env:", 4)) {
		if (!name_ok(name + 4, n - 4))
			return bad_name(msg, name, n);
		char *key = wb_strndup(name + 4, n - 4);
		if (!key)
			return WB_E_NOMEM;
		const char *v = getenv(key);
		free(key);
		if (v)
			return wb_buf_adds(out, v);
		wb_buf_printf(msg, "environment variable '%.*s' is not set",
			      (int)(n - 4), name + 4);
		return WB_E_NAME;
	}
	if (!name_ok(name, n))
		return bad_name(msg, name, n);
	const wb_var *v = find(in, name, n);
	if (v)
		return wb_buf_add(out, wb_buf_str(&v->value), v->value.n);
	wb_buf_printf(msg, "variable '%.*s' is not set", (int)n, name);
	return WB_E_NAME;
}

wb_err wb_vars_set(wb_interp *in, const char *name, const char *value,
		   size_t n, int secret)
{
	size_t len = strlen(name);
	if (!name_ok(name, len)) {
		wb_buf_clear(&in->msg);
		return bad_name(&in->msg, name, len);
	}
	wb_var *v = find(in, name, len);
	if (!v) {
		wb_var *a = wb_grow(in->vars, &in->vars_cap, in->nvars,
				    sizeof *a);
		if (!a)
			return WB_E_NOMEM;
		in->vars = a;
		v = &a[in->nvars];
		*v = (wb_var){ .name = wb_strdup(name) };
		if (!v->name)
			return WB_E_NOMEM;
		in->nvars++;
	}
	wb_buf_clear(&v->value);
	v->secret = v->secret || secret; /* once secret, always secret */
	return wb_buf_add(&v->value, value, n);
}

void wb_vars_free(wb_interp *in)
{
	for (size_t i = 0; i < in->nvars; i++) {
		free(in->vars[i].name);
		wb_buf_free(&in->vars[i].value);
	}
	free(in->vars);
	in->vars = NULL;
	in->nvars = in->vars_cap = 0;
}

size_t wb_interp_nsecrets(const wb_interp *in)
{
	size_t k = 0;
	for (size_t i = 0; i < in->nvars; i++)
		k += in->vars[i].secret && in->vars[i].value.n;
	return k;
}

const char *wb_interp_secret(const wb_interp *in, size_t i)
{
	for (size_t k = 0; k < in->nvars; k++)
		if (in->vars[k].secret && in->vars[k].value.n && i-- == 0)
			return in->vars[k].value.p;
	return NULL;
}

/* Replaces the occurrences of one secret value in b. */
static void hide_one(wb_buf *b, const char *s, size_t n)
{
	wb_buf out = WB_BUF_INIT;
	const char *p = b->p, *end = b->p + b->n, *hit;
	while ((hit = memmem(p, (size_t)(end - p), s, n))) {
		if (wb_buf_add(&out, p, (size_t)(hit - p)) ||
		    wb_buf_adds(&out, WB_SECRET_MARK))
			goto fail;
		p = hit + n;
	}
	if (p == b->p || wb_buf_add(&out, p, (size_t)(end - p)))
		goto fail;
	wb_buf_free(b);
	*b = out;
	return;
fail: /* out of memory: show nothing rather than the secret */
	wb_buf_free(&out);
	if (p != b->p)
		wb_buf_clear(b);
}

void wb_vars_hide(const wb_interp *in, wb_buf *b)
{
	for (size_t i = 0; b->n && i < in->nvars; i++)
		if (in->vars[i].secret && in->vars[i].value.n)
			hide_one(b, in->vars[i].value.p, in->vars[i].value.n);
}

/* NAME=VALUE: the value is taken as is (no quotes, no escapes). */
static wb_err assign(wb_interp *in, const char *text, size_t n, wb_buf *msg)
{
	const char *eq = memchr(text, '=', n);
	if (!eq || !name_ok(text, (size_t)(eq - text))) {
		wb_buf_printf(msg, "expected NAME=VALUE, got '%.*s'", (int)n,
			      text);
		return WB_E_SYNTAX;
	}
	char *name = wb_strndup(text, (size_t)(eq - text));
	if (!name)
		return WB_E_NOMEM;
	wb_err e = wb_vars_set(in, name, eq + 1, n - (size_t)(eq + 1 - text),
			       0);
	free(name);
	return e;
}

static wb_err env_fail(wb_buf *msg, const char *path, int err)
{
	wb_buf_printf(msg, "--env %s: %s", path, strerror(err));
	return wb_err_from_errno(err);
}

static wb_err env_file(wb_interp *in, const char *path, wb_buf *msg)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return env_fail(msg, path, errno);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned no = 0;
	wb_err e = WB_OK;
	while (e == WB_OK && (len = getline(&line, &cap, f)) >= 0) {
		no++;
		while (len && strchr("\r\n", line[len - 1]))
			len--;
		size_t skip = strspn(line, " \t");
		if ((size_t)len <= skip || line[skip] == '#')
			continue;
		wb_buf m = WB_BUF_INIT;
		e = assign(in, line + skip, (size_t)len - skip, &m);
		if (e)
			wb_buf_printf(msg, "--env %s: line %u: %s", path, no,
				      m.n ? m.p : "out of memory");
		wb_buf_free(&m);
	}
	/* a folder opens, and reading it fails: not an empty file */
	int err = e == WB_OK && ferror(f) ? errno : 0;
	free(line);
	fclose(f);
	return err ? env_fail(msg, path, err) : e;
}

wb_err wb_interp_define(wb_interp *in, const wb_vardef *d, size_t n,
			wb_buf *msg)
{
	for (size_t i = 0; i < n; i++) {
		wb_err e;
		if (d[i].file) {
			e = env_file(in, d[i].text, msg);
		} else {
			wb_buf m = WB_BUF_INIT;
			e = assign(in, d[i].text, strlen(d[i].text), &m);
			if (e)
				wb_buf_printf(msg, "--var: %s",
					      m.p ? m.p : "out of memory");
			wb_buf_free(&m);
		}
		if (e)
			return e;
	}
	return WB_OK;
}

static wb_err list(wb_interp *in, wb_result *res)
{
	wb_buf_clear(&in->data);
	for (size_t i = 0; i < in->nvars; i++) {
		const wb_var *v = &in->vars[i];
		wb_buf_printf(&in->data, "%s%s = ", i ? "\n" : "", v->name);
		if (v->secret)
			wb_buf_adds(&in->data, WB_SECRET_MARK);
		else
			wb_text_repr(&in->data, wb_buf_str(&v->value),
				     v->value.n);
	}
	if (!in->nvars)
		wb_buf_adds(&in->data, "no variables");
	res->kind = WB_RES_TEXT;
	res->text = in->data.p;
	return WB_OK;
}

/* `set --secret NAME <secret>` is how a saved session holds a secret:
 * the value must come from outside (--var, --env, or an earlier set). */
static wb_err saved_secret(wb_interp *in, const char *name)
{
	wb_var *v = find(in, name, strlen(name));
	if (!v)
		return wb_interp_fail(in, WB_E_NAME, "secret '%s' was saved "
				      "without its value: give it with --var "
				      "%s=VALUE or --env FILE", name, name);
	v->secret = 1;
	return WB_OK;
}

wb_err wb_cmd_set(wb_interp *in, const wb_words *w, wb_result *res)
{
	size_t i = 1;
	int secret = wb_lex_is(w, i, "--secret");
	i += (size_t)secret;
	if (w->n == 1)
		return list(in, res);
	if (w->n == i + 2 && wb_lex_is(w, i + 1, "from"))
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      wb_interp_find("set")->info.usage);
	if (w->n > i + 2 && wb_lex_is(w, i + 1, "from")) {
		wb_buf v = WB_BUF_INIT;
		wb_err e = wb_capture(in, w, i + 2, &v);
		if (e == WB_OK)
			e = wb_vars_set(in, w->w[i].s, wb_buf_str(&v), v.n,
					secret);
		wb_buf_free(&v);
		return e;
	}
	if (w->n != i + 2)
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      wb_interp_find("set")->info.usage);
	if (secret && !strcmp(w->w[i + 1].s, WB_SECRET_MARK))
		return saved_secret(in, w->w[i].s);
	return wb_vars_set(in, w->w[i].s, w->w[i + 1].s, w->w[i + 1].n, secret);
}
