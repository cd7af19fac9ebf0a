/* loader.c - reading a session file back, with line-numbered errors. */
#include "format_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader {
	const char *name, *side_dir;
	wb_session *s;
	wb_buf *msg;
	size_t lineno;
	const char *p, *end; /* the rest of the current line */
	wb_buf pre;          /* comment lines waiting for their command */
	wb_buf tok, val;
	int can_continue;    /* the last item ended in quoted data */
	uint64_t unrecorded; /* the frame's data read as len=N unrecorded */
} loader;

static wb_err fail(loader *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static wb_err fail(loader *l, const char *fmt, ...)
{
	va_list ap;
	wb_buf_clear(l->msg);
	wb_buf_printf(l->msg, "%s:%zu: ", l->name, l->lineno);
	va_start(ap, fmt);
	wb_buf_vprintf(l->msg, fmt, ap);
	va_end(ap);
	return wb_buf_err(l->msg) ? WB_E_NOMEM : WB_E_SESSION;
}

/* MemoryError, never a SessionError that blames the file. */
static wb_err nomem(loader *l)
{
	wb_buf_clear(l->msg);
	wb_buf_printf(l->msg, "%s:%zu: out of memory", l->name, l->lineno);
	return WB_E_NOMEM;
}

static void skip_blanks(loader *l)
{
	while (l->p < l->end && *l->p == ' ')
		l->p++;
}

/* What stands at the cursor, for messages. */
static const char *found(loader *l, char *out, size_t n)
{
	if (l->p >= l->end)
		return "the end of the line";
	size_t k = (size_t)(l->end - l->p);
	snprintf(out, n, "'%.*s'", (int)(k > 20 ? 20 : k), l->p);
	return out;
}

/* The next blank-separated word into l->tok. */
static wb_err word(loader *l, const char *what)
{
	skip_blanks(l);
	wb_buf_clear(&l->tok);
	const char *s = l->p;
	while (l->p < l->end && *l->p != ' ')
		l->p++;
	if (l->p == s) {
		char f[40];
		return fail(l, "expected %s, found %s", what,
			    found(l, f, sizeof f));
	}
	return wb_buf_add(&l->tok, s, (size_t)(l->p - s));
}

/* One escape after a backslash; returns the byte or -1. */
static int unescape(loader *l)
{
	if (l->p >= l->end)
		return -1;
	char c = *l->p++;
	switch (c) {
	case 'r': return '\r';
	case 'n': return '\n';
	case 't': return '\t';
	case '\\': return '\\';
	case '"': return '"';
	case 'x':
		if (l->end - l->p >= 2 && wb_hexval(l->p[0]) >= 0 &&
		    wb_hexval(l->p[1]) >= 0) {
			int v = wb_hexval(l->p[0]) * 16 + wb_hexval(l->p[1]);
			l->p += 2;
			return v;
		}
		return -1;
	default: return -1;
	}
}

/* A quoted string appended to out. */
static wb_err quoted(loader *l, wb_buf *out, const char *what)
{
	skip_blanks(l);
	char f[40];
	if (l->p >= l->end || *l->p != '"')
		return fail(l, "expected %s in double quotes, found %s", what,
			    found(l, f, sizeof f));
	l->p++;
	while (l->p < l->end && *l->p != '"') {
		if (*l->p != '\\') {
			wb_buf_addc(out, *l->p++); /* checked once, below */
			continue;
		}
		l->p++;
		int b = unescape(l);
		if (b < 0)
			return fail(l, "bad escape in %s (expected \\r \\n \\t "
				    "\\\\ \\\" or \\xNN)", what);
		wb_buf_addc(out, (char)b);
	}
	if (l->p >= l->end)
		return fail(l, "unterminated quote in %s", what);
	l->p++;
	return wb_buf_err(out) ? nomem(l) : WB_OK;
}

static wb_err end_of_line(loader *l)
{
	skip_blanks(l);
	char f[40];
	if (l->p < l->end)
		return fail(l, "expected the end of the line, found %s",
			    found(l, f, sizeof f));
	return WB_OK;
}

static wb_err number(loader *l, const char *s, const char *what,
		     uint64_t max, uint64_t *v)
{
	char *e;
	errno = 0;
	unsigned long long x = strtoull(s, &e, 10);
	if (!*s || *e || errno || x > max || *s == '-' || *s == '+')
		return fail(l, "expected %s (a number), found '%s'", what, s);
	*v = x;
	return WB_OK;
}

/* "+SECONDS": the relative time of an item. */
static wb_err rel_time(loader *l, double *t)
{
	wb_err e = word(l, "a time like +0.001000");
	if (e)
		return e;
	char *end;
	const char *s = l->tok.p;
	*t = s[0] == '+' ? strtod(s + 1, &end) : -1;
	if (s[0] != '+' || *end || end == s + 1 || *t < 0)
		return fail(l, "expected a time like +0.001000, found '%s'", s);
	return WB_OK;
}

/* Reads side file name of side_dir and checks its length and hash. */
static wb_err side_read(loader *l, const char *name, uint64_t len,
			const char *sha, wb_buf *out)
{
	if (!name[0] || strchr(name, '/') || name[0] == '.')
		return fail(l, "bad side file name '%s'", name);
	wb_buf path = WB_BUF_INIT, hex = WB_BUF_INIT;
	wb_buf_printf(&path, "%s/%s", l->side_dir ? l->side_dir : ".", name);
	FILE *f = l->side_dir ? fopen(path.p, "rb") : NULL;
	wb_err e = WB_OK;
	if (!f) {
		e = fail(l, "side file %s is missing", path.p);
		wb_buf_free(&path);
		return e;
	}
	size_t start = out->n;
	char b[65536];
	size_t n;
	while ((n = fread(b, 1, sizeof b, f)) > 0 && !e)
		e = wb_buf_add(out, b, n);
	fclose(f);
	if (!e)
		e = wb_session_sha256_hex(out->p ? out->p + start : "",
					  out->n - start, &hex);
	if (!e && (out->n - start != len || strcmp(hex.p, sha)))
		e = fail(l, "side file %s is altered: expected %" PRIu64
			 " bytes with sha256 %.16s..., found %zu bytes with "
			 "sha256 %.16s...", path.p, len, sha, out->n - start,
			 hex.p);
	wb_buf_free(&path);
	wb_buf_free(&hex);
	return e;
}

/* Data at the cursor: "quoted" or len=N file=NAME sha256=HEX. */
static wb_err data(loader *l, wb_buf *out)
{
	skip_blanks(l);
	l->can_continue = 0;
	if (l->p < l->end && *l->p == '"') {
		wb_err e = quoted(l, out, "data");
		l->can_continue = !e;
		return e;
	}
	uint64_t len;
	wb_buf name = WB_BUF_INIT;
	wb_err e = word(l, "data (\"...\" or len=N file=NAME sha256=HEX)");
	if (!e && strncmp(l->tok.p, "len=", 4))
		e = fail(l, "expected data (\"...\" or len=N file=NAME "
			 "sha256=HEX), found '%s'", l->tok.p);
	if (!e)
		e = number(l, l->tok.p + 4, "len", UINT64_MAX, &len);
	if (!e && !(e = word(l, "file=NAME or unrecorded")) &&
	    !strcmp(l->tok.p, "unrecorded")) {
		l->unrecorded = len; /* over the recording's cap: no bytes */
		return WB_OK;
	}
	if (!e && strncmp(l->tok.p, "file=", 5))
		e = fail(l, "expected file=NAME, found '%s'", l->tok.p);
	if (!e)
		e = wb_buf_adds(&name, l->tok.p + 5);
	if (!e && !(e = word(l, "sha256=HEX")) &&
	    (strncmp(l->tok.p, "sha256=", 7) || strlen(l->tok.p) != 71))
		e = fail(l, "expected sha256= and 64 hex digits, found '%s'",
			 l->tok.p);
	if (!e)
		e = side_read(l, name.p, len, l->tok.p + 7, out);
	wb_buf_free(&name);
	return e;
}

static wb_err add(loader *l, wb_sitem *it, wb_buf *d, const char *note)
{
	wb_err e = wb_session_add_item(l->s, it, wb_buf_str(d), d->n, note);
	return e ? nomem(l) : WB_OK;
}

/* Optional chunk=, size= and note= of a frame line. */
static wb_err frame_opts(loader *l, wb_sitem *it, wb_buf *note, int *has)
{
	for (;;) {
		skip_blanks(l);
		uint64_t v = 0;
		wb_err e = WB_OK;
		if (l->end - l->p > 6 && !strncmp(l->p, "chunk=", 6)) {
			if (!(e = word(l, "chunk=N")))
				e = number(l, l->tok.p + 6, "chunk", UINT32_MAX, &v);
			it->chunk_no = (unsigned)v;
		} else if (l->end - l->p > 5 && !strncmp(l->p, "size=", 5)) {
			if (!(e = word(l, "size=N")))
				e = number(l, l->tok.p + 5, "size", INT64_MAX, &v);
			it->chunk_size = (int64_t)v;
		} else if (l->end - l->p > 5 && !strncmp(l->p, "note=", 5)) {
			l->p += 5;
			e = quoted(l, note, "note");
			*has = 1;
		} else {
			return WB_OK;
		}
		if (e)
			return e;
	}
}

/* #> ID DIR KIND STATE +T [chunk=N] [size=N] [note="..."] DATA */
static wb_err frame_line(loader *l)
{
	wb_sitem it = { .kind = WB_SI_FRAME, .chunk_size = -1 };
	wb_buf d = WB_BUF_INIT, note = WB_BUF_INIT;
	int k = -1, has_note = 0;
	wb_err e = word(l, "a frame id");
	if (!e)
		e = number(l, l->tok.p, "a frame id", UINT64_MAX, &it.id);
	if (!e && !(e = word(l, "a direction (out, in, note)")) &&
	    (k = wb_sfmt_find_dir(l->tok.p)) < 0)
		e = fail(l, "expected a direction (out, in, note), found '%s'",
			 l->tok.p);
	it.dir = (wb_dir)k;
	if (!e && !(e = word(l, "a frame kind")) &&
	    (k = wb_sfmt_find_kind(l->tok.p)) < 0)
		e = fail(l, "expected a frame kind (request-line, header, "
			 "...), found '%s'", l->tok.p);
	it.fkind = (wb_fkind)k;
	if (!e && !(e = word(l, "a state (buffered, wire, dropped)")) &&
	    (k = wb_sfmt_find_state(l->tok.p)) < 0)
		e = fail(l, "expected a state (buffered, wire, dropped), "
			 "found '%s'", l->tok.p);
	it.state = (wb_fstate)k;
	if (!e)
		e = rel_time(l, &it.t);
	if (!e)
		e = frame_opts(l, &it, &note, &has_note);
	l->unrecorded = 0;
	if (!e)
		e = data(l, &d);
	it.unrecorded = l->unrecorded;
	if (!e && it.unrecorded && d.n)
		e = fail(l, "unrecorded data must be empty");
	if (!e)
		e = end_of_line(l);
	if (!e)
		e = add(l, &it, &d, has_note ? (wb_buf_str(&note)) : NULL);
	wb_buf_free(&d);
	wb_buf_free(&note);
	return e;
}

/* #^ ID sent|dropped +T */
static wb_err settle_line(loader *l)
{
	wb_sitem it = { .kind = WB_SI_FLUSH };
	wb_buf none = WB_BUF_INIT;
	wb_err e = word(l, "a frame id");
	if (!e)
		e = number(l, l->tok.p, "a frame id", UINT64_MAX, &it.id);
	if (!e && !(e = word(l, "sent or dropped"))) {
		if (!strcmp(l->tok.p, "dropped"))
			it.kind = WB_SI_DROP;
		else if (strcmp(l->tok.p, "sent"))
			e = fail(l, "expected sent or dropped, found '%s'",
				 l->tok.p);
	}
	if (!e)
		e = rel_time(l, &it.t);
	if (!e)
		e = end_of_line(l);
	if (!e && !wb_session_frame(l->s, wb_session_ncmds(l->s), it.id))
		e = fail(l, "frame %" PRIu64 " is not recorded above", it.id);
	l->can_continue = 0;
	return e ? e : add(l, &it, &none, NULL);
}

static wb_err yes_no(loader *l, const char *key, int *v)
{
	wb_err e = word(l, key);
	size_t k = strlen(key);
	if (e)
		return e;
	if (!strncmp(l->tok.p, key, k) && !strcmp(l->tok.p + k, "yes"))
		*v = 1;
	else if (!strncmp(l->tok.p, key, k) && !strcmp(l->tok.p + k, "no"))
		*v = 0;
	else
		return fail(l, "expected %syes or %sno, found '%s'", key, key,
			    l->tok.p);
	return WB_OK;
}

/* STATUS version=V length=N|None chunked=yes|no will_close=yes|no "R" */
static wb_err response_fields(loader *l, wb_sitem *it, wb_buf *d)
{
	uint64_t v = 0;
	wb_err e = word(l, "a status code");
	if (!e)
		e = number(l, l->tok.p, "a status code", 999, &v);
	it->status = (int)v;
	if (!e && !(e = word(l, "version=N")) &&
	    (strncmp(l->tok.p, "version=", 8) ||
	     (e = number(l, l->tok.p + 8, "version", 99, &v))) && !e)
		e = fail(l, "expected version=N, found '%s'", l->tok.p);
	it->version = (int)v;
	if (!e && !(e = word(l, "length=N")) && strncmp(l->tok.p, "length=", 7))
		e = fail(l, "expected length=N, found '%s'", l->tok.p);
	it->length = -1;
	if (!e && strcmp(l->tok.p + 7, "None")) {
		e = number(l, l->tok.p + 7, "length", INT64_MAX, &v);
		it->length = (int64_t)v;
	}
	if (!e)
		e = yes_no(l, "chunked=", &it->chunked);
	if (!e)
		e = yes_no(l, "will_close=", &it->will_close);
	return e ? e : quoted(l, d, "the reason phrase");
}

/* #= KIND +T ... */
static wb_err result_line(loader *l)
{
	wb_sitem it = { .kind = WB_SI_RESULT };
	wb_buf d = WB_BUF_INIT;
	int k = -1;
	wb_err e = word(l, "a result kind");
	if (!e && (k = wb_sfmt_find_res(l->tok.p)) < 0)
		e = fail(l, "expected a result kind (response, data, text, "
			 "repr, state), found '%s'", l->tok.p);
	it.res = (wb_sres)k;
	if (!e)
		e = rel_time(l, &it.t);
	if (!e && it.res == WB_SR_RESPONSE) {
		e = response_fields(l, &it, &d);
		l->can_continue = 0;
	} else if (!e) {
		if (it.res == WB_SR_DATA && !(e = word(l, "a byte count")))
			e = number(l, l->tok.p, "a byte count", UINT64_MAX,
				   &it.bytes);
		if (!e)
			e = data(l, &d);
	}
	if (!e)
		e = end_of_line(l);
	if (!e)
		e = add(l, &it, &d, NULL);
	wb_buf_free(&d);
	return e;
}

/* #! +T NAME "message" */
static wb_err error_line(loader *l)
{
	wb_sitem it = { .kind = WB_SI_ERROR };
	wb_buf d = WB_BUF_INIT, name = WB_BUF_INIT;
	wb_err e = rel_time(l, &it.t);
	if (!e && !(e = word(l, "an exception name")))
		e = wb_buf_adds(&name, l->tok.p);
	if (!e)
		e = quoted(l, &d, "the error message");
	if (!e)
		e = end_of_line(l);
	if (!e)
		e = add(l, &it, &d, name.p);
	l->can_continue = 0;
	wb_buf_free(&d);
	wb_buf_free(&name);
	return e;
}

/* #+ "more": continues the data of the item above. */
static wb_err continue_line(loader *l)
{
	size_t nc = wb_session_ncmds(l->s);
	const wb_scmd *c = wb_session_cmd(l->s, nc - 1);
	if (!l->can_continue || !c->nitems)
		return fail(l, "a #+ line must follow quoted data");
	wb_buf more = WB_BUF_INIT;
	wb_err e = quoted(l, &more, "data");
	if (!e)
		e = end_of_line(l);
	wb_sitem *it = &c->items[c->nitems - 1];
	char *grown = e ? NULL : wb_realloc(it->data, it->len + more.n + 1);
	if (!e && !grown)
		e = nomem(l);
	if (!e) {
		memcpy(grown + it->len, wb_buf_str(&more), more.n);
		it->len += more.n;
		grown[it->len] = '\0';
		it->data = grown;
	}
	wb_buf_free(&more);
	return e;
}

/* #. end of run +T: what follows came after the last command. */
static wb_err end_line(loader *l)
{
	wb_sitem it = { .kind = WB_SI_END };
	static const char word[] = "end of run ";
	skip_blanks(l);
	if ((size_t)(l->end - l->p) < sizeof word - 1 ||
	    strncmp(l->p, word, sizeof word - 1))
		return fail(l, "expected 'end of run +T' after '#.'");
	l->p += sizeof word - 1;
	wb_err e = rel_time(l, &it.t);
	if (!e)
		e = end_of_line(l);
	l->can_continue = 0;
	wb_buf none = WB_BUF_INIT;
	return e ? e : add(l, &it, &none, NULL);
}

/* #@ +T: when the command began. */
static wb_err time_line(loader *l)
{
	size_t nc = wb_session_ncmds(l->s);
	wb_scmd *c = wb_session_cmd_mut(l->s, nc - 1);
	wb_err e = rel_time(l, &c->t);
	return e ? e : end_of_line(l);
}

static wb_err recorded_line(loader *l, char mark)
{
	if (!wb_session_ncmds(l->s))
		return fail(l, "recorded line '#%c' before any command", mark);
	l->p += 2;
	switch (mark) {
	case '>': return frame_line(l);
	case '^': return settle_line(l);
	case '=': return result_line(l);
	case '!': return error_line(l);
	case '+': return continue_line(l);
	case '.': return end_line(l);
	default: return time_line(l);
	}
}

static wb_err header_line(loader *l, const char *s, size_t n)
{
	size_t m = strlen(WB_SESSION_MAGIC);
	if (n <= m || strncmp(s, WB_SESSION_MAGIC, m))
		return fail(l, "not a wirebench session: the first line must "
			    "be '" WB_SESSION_MAGIC "%d'", WB_SESSION_VERSION);
	uint64_t v;
	char text[32];
	snprintf(text, sizeof text, "%.*s", (int)(n - m), s + m);
	wb_err e = number(l, text, "the format version", 1000000, &v);
	if (!e && v == 0) /* not "newer": there never was a version 0 */
		e = fail(l, "session format version 0 does not exist (the "
			 "first is 1)");
	else if (!e && v > WB_SESSION_VERSION)
		e = fail(l, "session format version %" PRIu64 " is newer than "
			 "this wirebench reads (%d or older); upgrade "
			 "wirebench to open it", v, WB_SESSION_VERSION);
	return e;
}

static wb_err one_line(loader *l, const char *s, size_t n)
{
	l->p = s;
	l->end = s + n;
	/* the writer escapes NUL in quoted data, so a raw one means a damaged
	 * file; comments and names are kept as C strings, which would cut the
	 * line there and lose what follows on the next save */
	if (memchr(s, '\0', n))
		return fail(l, "a NUL byte (session files are text; NUL in "
			       "data is written \\x00)");
	if (l->lineno == 1)
		return header_line(l, s, n);
	if (n >= 2 && s[0] == '#' && strchr(">^=!+@.", s[1]))
		return recorded_line(l, s[1]);
	size_t lead = 0;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	if (lead == n || s[lead] == '#') { /* a comment of the author */
		l->can_continue = 0;
		if (wb_buf_add(&l->pre, s, n) || wb_buf_addc(&l->pre, '\n'))
			return nomem(l);
		return WB_OK;
	}
	wb_buf line = WB_BUF_INIT;
	wb_err e = wb_buf_add(&line, s, n);
	if (!e && wb_session_add_cmd(l->s, l->pre.n ? l->pre.p : NULL, line.p,
				     0))
		e = nomem(l);
	wb_buf_clear(&l->pre);
	l->can_continue = 0;
	wb_buf_free(&line);
	return e;
}

wb_err wb_session_parse(const char *text, size_t n, const char *name,
			const char *side_dir, wb_session **out, wb_buf *msg)
{
	loader l = { .name = name, .side_dir = side_dir, .msg = msg };
	*out = NULL;
	if (!(l.s = wb_session_new()))
		return WB_E_NOMEM;
	wb_err e = WB_OK;
	size_t i = 0;
	if (n == 0)
		l.lineno = 1, e = header_line(&l, "", 0);
	while (!e && i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
		/* every CR before the LF goes: a CRLF file's line ends, and
		 * stray CRs no save could keep (one would go per load) */
		size_t keep = len;
		while (keep && text[i + keep - 1] == '\r')
			keep--;
		l.lineno++;
		e = one_line(&l, text + i, keep);
		i += len + (nl != NULL);
	}
	if (!e && l.pre.n && wb_session_set_tail(l.s, l.pre.p))
		e = WB_E_NOMEM;
	wb_buf_free(&l.pre);
	wb_buf_free(&l.tok);
	wb_buf_free(&l.val);
	if (e) {
		wb_session_free(l.s);
		return e;
	}
	*out = l.s;
	return WB_OK;
}

static wb_err read_all(const char *path, wb_buf *b, wb_buf *msg)
{
	wb_buf_clear(msg);
	return wb_buf_add_file(b, NULL, path, msg);
}

wb_err wb_session_load(const char *path, wb_session **out, wb_buf *msg)
{
	wb_buf text = WB_BUF_INIT, side = WB_BUF_INIT;
	*out = NULL;
	wb_err e = read_all(path, &text, msg);
	if (!e)
		e = wb_buf_printf(&side, "%s.d", path);
	if (!e)
		e = wb_session_parse(wb_buf_str(&text), text.n, path, side.p,
				     out, msg);
	wb_buf_free(&text);
	wb_buf_free(&side);
	return e;
}

int wb_session_is_session_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char head[64] = "";
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	return !strncmp(head, WB_SESSION_MAGIC, strlen(WB_SESSION_MAGIC));
}
