/* writer.c - a session as text: commands with their recording below. */
#include "format_int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

static const char *const dirs[] = { "out", "in", "note" };
static const char *const states[] = { "buffered", "wire", "dropped" };
static const char *const results[] = { "response", "data", "text", "repr",
				       "state" };

const char *wb_sfmt_dir(wb_dir d) { return dirs[d]; }
const char *wb_sfmt_state(wb_fstate s) { return states[s]; }
const char *wb_sfmt_res(wb_sres r) { return results[r]; }

static int find(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int wb_sfmt_find_dir(const char *s) { return find(dirs, 3, s); }
int wb_sfmt_find_state(const char *s) { return find(states, 3, s); }
int wb_sfmt_find_res(const char *s) { return find(results, 5, s); }

int wb_sfmt_find_kind(const char *s)
{
	for (int k = 0; k < WB_FK__COUNT; k++)
		if (!strcmp(wb_fkind_name((wb_fkind)k), s))
			return k;
	return -1;
}

wb_err wb_session_sha256_hex(const void *p, size_t n, wb_buf *out)
{
	unsigned char md[32];
	unsigned int mdn = 0;
	if (!EVP_Digest(p, n, md, &mdn, EVP_sha256(), NULL) || mdn != 32)
		return WB_E_SSL;
	for (int i = 0; i < 32; i++)
		if (wb_buf_printf(out, "%02x", md[i]))
			return WB_E_NOMEM;
	return WB_OK;
}

void wb_side_list_free(wb_side_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].data);
	free(l->v);
	*l = (wb_side_list){ 0 };
}

typedef struct writer {
	const wb_redact *r;
	wb_buf *out;
	wb_side_list *sides;
	wb_buf tmp;
	wb_err e;
} writer;

static void put(writer *w, const char *s)
{
	if (!w->e)
		w->e = wb_buf_adds(w->out, s);
}

static void putf(writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!w->e)
		w->e = wb_buf_vprintf(w->out, fmt, ap);
	va_end(ap);
}

/* Escapes one byte: printable ASCII stays, the rest as in C. */
static void esc_byte(wb_buf *b, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char x[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
	switch (c) {
	case '\r': wb_buf_add(b, "\\r", 2); break;
	case '\n': wb_buf_add(b, "\\n", 2); break;
	case '\t': wb_buf_add(b, "\\t", 2); break;
	case '\\': wb_buf_add(b, "\\\\", 2); break;
	case '"': wb_buf_add(b, "\\\"", 2); break;
	default:
		if (c >= 0x20 && c < 0x7f)
			wb_buf_addc(b, (char)c);
		else
			wb_buf_add(b, x, 4);
	}
}

/* A quoted string on one line (notes and messages). */
static void quoted(writer *w, const char *p, size_t n)
{
	if (w->e)
		return;
	wb_buf_addc(w->out, '"');
	for (size_t i = 0; i < n; i++)
		esc_byte(w->out, (unsigned char)p[i]);
	w->e = wb_buf_addc(w->out, '"');
}

/* Quoted data, continued on "#+" lines after each LF and every
 * WB_SESSION_LINE_BYTES bytes, so bodies read as text in a diff. */
static void quoted_lines(writer *w, const char *p, size_t n)
{
	if (w->e)
		return;
	wb_buf_addc(w->out, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		esc_byte(w->out, (unsigned char)p[i]);
		run++;
		if (i + 1 < n && (p[i] == '\n' || run >= WB_SESSION_LINE_BYTES)) {
			wb_buf_adds(w->out, "\"\n#+ \"");
			run = 0;
		}
	}
	w->e = wb_buf_addc(w->out, '"');
}

static void side_file(writer *w, const char *p, size_t n)
{
	wb_buf hex = WB_BUF_INIT;
	wb_side_list *l = w->sides;
	wb_side *v = wb_grow(l->v, &l->cap, l->n, sizeof *v);
	char *copy = wb_malloc(n ? n : 1);
	if (!v || !copy || wb_session_sha256_hex(p, n, &hex)) {
		free(copy);
		if (v)
			l->v = v;
		wb_buf_free(&hex);
		w->e = WB_E_NOMEM;
		return;
	}
	l->v = v;
	memcpy(copy, p, n);
	wb_side *s = &l->v[l->n++];
	s->data = copy;
	s->len = n;
	snprintf(s->name, sizeof s->name, "%.16s.bin", hex.p);
	putf(w, "len=%zu file=%s sha256=%s", n, s->name, hex.p);
	wb_buf_free(&hex);
}

/* Data after redaction (raw bytes, or escaped text): quoted, or a side
 * file when large. */
static void data(writer *w, const char *p, size_t n, int raw)
{
	wb_buf_clear(&w->tmp);
	if ((raw ? wb_redact_bytes : wb_redact_text)(w->r, p, n, &w->tmp)) {
		w->e = WB_E_NOMEM;
		return;
	}
	const char *d = wb_buf_str(&w->tmp);
	if (w->tmp.n > WB_SESSION_SIDE_MIN)
		side_file(w, d, w->tmp.n);
	else
		quoted_lines(w, d, w->tmp.n);
}

/* A note or message: redacted, on one line. */
static void text1(writer *w, const char *p, size_t n)
{
	wb_buf t = WB_BUF_INIT;
	if (wb_redact_text(w->r, p, n, &t))
		w->e = WB_E_NOMEM;
	quoted(w, wb_buf_str(&t), t.n);
	wb_buf_free(&t);
}

static void frame(writer *w, const wb_sitem *it)
{
	putf(w, "#> %" PRIu64 " %s %s %s +%.6f", it->id, wb_sfmt_dir(it->dir),
	     wb_fkind_name(it->fkind), wb_sfmt_state(it->state), it->t);
	if (it->chunk_no)
		putf(w, " chunk=%u", it->chunk_no);
	if (it->chunk_size >= 0)
		putf(w, " size=%" PRId64, it->chunk_size);
	if (it->note) {
		put(w, " note=");
		text1(w, it->note, strlen(it->note));
	}
	put(w, " ");
	if (it->unrecorded)
		putf(w, "len=%" PRIu64 " unrecorded", it->unrecorded);
	else
		data(w, it->data, it->len, 1);
	put(w, "\n");
}

static void result(writer *w, const wb_sitem *it)
{
	putf(w, "#= %s +%.6f ", wb_sfmt_res(it->res), it->t);
	if (it->res == WB_SR_RESPONSE) {
		putf(w, "%d version=%d length=", it->status, it->version);
		if (it->length >= 0)
			putf(w, "%" PRId64, it->length);
		else
			put(w, "None");
		putf(w, " chunked=%s will_close=%s ", it->chunked ? "yes" : "no",
		     it->will_close ? "yes" : "no");
		text1(w, it->data, it->len);
	} else {
		if (it->res == WB_SR_DATA)
			putf(w, "%" PRIu64 " ", it->bytes);
		data(w, it->data, it->len, it->res == WB_SR_DATA);
	}
	put(w, "\n");
}

static void item(writer *w, const wb_sitem *it)
{
	switch (it->kind) {
	case WB_SI_FRAME:
		frame(w, it);
		break;
	case WB_SI_FLUSH:
	case WB_SI_DROP:
		putf(w, "#^ %" PRIu64 " %s +%.6f\n", it->id,
		     it->kind == WB_SI_FLUSH ? "sent" : "dropped", it->t);
		break;
	case WB_SI_RESULT:
		result(w, it);
		break;
	case WB_SI_ERROR:
		putf(w, "#! +%.6f %s ", it->t, it->note);
		text1(w, it->data, it->len);
		put(w, "\n");
		break;
	case WB_SI_END:
		putf(w, "#. end of run +%.6f\n", it->t);
		break;
	}
}

static void command(writer *w, const wb_scmd *c)
{
	if (c->pre)
		put(w, c->pre);
	wb_buf line = WB_BUF_INIT;
	if (wb_redact_line(w->r, c->line, &line))
		w->e = WB_E_NOMEM;
	put(w, wb_buf_str(&line));
	wb_buf_free(&line);
	putf(w, "\n#@ +%.6f\n", c->t);
	for (size_t k = 0; k < c->nitems; k++)
		item(w, &c->items[k]);
}

wb_err wb_session_format(const wb_session *s, const wb_redact *r, wb_buf *out,
			 wb_side_list *sides)
{
	writer w = { .r = r, .out = out, .sides = sides };
	putf(&w, WB_SESSION_MAGIC "%d\n", WB_SESSION_VERSION);
	for (size_t i = 0; i < wb_session_ncmds(s); i++)
		command(&w, wb_session_cmd(s, i));
	if (wb_session_tail(s))
		put(&w, wb_session_tail(s));
	wb_buf_free(&w.tmp);
	return w.e;
}
