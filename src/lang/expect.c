/* expect.c - captures (set NAME from ...) and expectations (expect ...)
 * on the current response: its status, headers, the body read so far, the
 * chunks the tap saw arrive and the framing. */
#include "interp_int.h"

#include <openssl/evp.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "http/hostport.h"
#include "jsonpath.h"

/* The tap's received frames tell how the current response's body arrived:
 * a status line starts a new count; chunk-data frames of one chunk share
 * a chunk number. */
void wb_expect_on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_interp *in = arg;
	if (ev != WB_TAP_NEW || f->dir != WB_DIR_IN)
		return;
	if (f->kind == WB_FK_STATUS_LINE) {
		in->chunks = 0;
		in->chunk_last = 0;
	} else if (f->kind == WB_FK_CHUNK_DATA && f->chunk_no != in->chunk_last) {
		in->chunks++;
		in->chunk_last = f->chunk_no;
	}
}

void wb_expect_new_response(wb_interp *in, const wb_resp *r)
{
	wb_buf_clear(&in->body);
	in->body_resp = r;
}

wb_err wb_expect_body_add(wb_interp *in, const char *p, size_t n)
{
	if (in->body.n >= in->data_cap)
		return WB_OK;
	size_t room = in->data_cap - in->body.n;
	return wb_buf_add(&in->body, p, n < room ? n : room);
}

static wb_resp *response(wb_interp *in)
{
	wb_resp *r = in->conn ? wb_conn_response(in->conn) : NULL;
	if (!r)
		wb_interp_fail(in, WB_E_USAGE, "no response yet: use getresponse");
	return r;
}

/* The body read so far from the current response (empty before a read). */
static const wb_buf *body(wb_interp *in)
{
	static const wb_buf none = WB_BUF_INIT;
	if (in->conn && wb_conn_response(in->conn) == in->body_resp)
		return &in->body;
	return &none;
}

static const char *bytes_of(const wb_buf *b)
{
	return wb_buf_str(b);
}

/* Header NAME as text; returns 0 when the response has none. */
static int header_text(wb_resp *r, const char *name, wb_buf *out)
{
	wb_buf raw = WB_BUF_INIT;
	int found = wb_resp_getheader(r, name, &raw);
	if (found)
		wb_text_from_latin1(out, bytes_of(&raw), raw.n);
	wb_buf_free(&raw);
	return found;
}

static wb_err compile(wb_interp *in, regex_t *re, const char *pattern)
{
	int rc = regcomp(re, pattern, REG_EXTENDED);
	if (rc == 0)
		return WB_OK;
	char why[256];
	regerror(rc, re, why, sizeof why);
	return wb_interp_fail(in, WB_E_VALUE, "bad regex '%s': %s", pattern, why);
}

/* Matches pattern against n bytes (NULs included); m gets the whole match
 * and the first group. Returns 1 on a match, 0 without, -1 on a bad RE. */
static int match(wb_interp *in, const char *pattern, const char *p, size_t n,
		 regmatch_t m[2])
{
	regex_t re;
	if (compile(in, &re, pattern))
		return -1;
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)n;
	int hit = regexec(&re, p, 2, m, REG_STARTEND) == 0;
	regfree(&re);
	return hit;
}

static wb_err capture_regex(wb_interp *in, const char *pattern, wb_buf *out)
{
	const wb_buf *b = body(in);
	regmatch_t m[2];
	int hit = match(in, pattern, bytes_of(b), b->n, m);
	if (hit < 0)
		return WB_E_VALUE;
	if (!hit)
		return wb_interp_fail(in, WB_E_VALUE,
				      "regex '%s' does not match the body read "
				      "so far (%zu bytes)",
				      pattern, b->n);
	regmatch_t g = m[1].rm_so >= 0 ? m[1] : m[0];
	return wb_text_from_latin1(out, bytes_of(b) + g.rm_so,
				   (size_t)(g.rm_eo - g.rm_so));
}

static wb_err capture_json(wb_interp *in, const char *path, wb_buf *out)
{
	const wb_buf *b = body(in);
	wb_buf_clear(&in->msg);
	return wb_jsonpath_lookup(bytes_of(b), b->n, path, out, &in->msg);
}

wb_err wb_capture(wb_interp *in, const wb_words *w, size_t i, wb_buf *out)
{
	wb_resp *r = response(in);
	if (!r)
		return WB_E_USAGE;
	size_t left = w->n - i;
	if (wb_lex_is(w, i, "status") && left == 1)
		return wb_buf_printf(out, "%d", wb_resp_status(r));
	if (wb_lex_is(w, i, "body") && left == 1)
		return wb_text_from_latin1(out, bytes_of(body(in)), body(in)->n);
	if (wb_lex_is(w, i, "header") && left == 2) {
		if (header_text(r, w->w[i + 1].s, out))
			return WB_OK;
		return wb_interp_fail(in, WB_E_VALUE,
				      "the response has no header '%s'",
				      w->w[i + 1].s);
	}
	if (wb_lex_is(w, i, "json") && left == 2)
		return capture_json(in, w->w[i + 1].s, out);
	if (wb_lex_is(w, i, "regex") && left == 2)
		return capture_regex(in, w->w[i + 1].s, out);
	return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
			      wb_interp_find("set")->info.usage);
}

/* ---- expectations --------------------------------------------------- */

/* AssertionError "expected WHAT WANT, got GOT" with both as repr(). */
static wb_err differ(wb_interp *in, const char *what, const char *want,
		     size_t wn, const char *got, size_t gn)
{
	wb_buf a = WB_BUF_INIT, b = WB_BUF_INIT;
	wb_text_repr(&a, want, wn);
	wb_text_repr(&b, got, gn);
	wb_interp_fail(in, WB_E_ASSERTION, "expected %s %s, got %s", what,
		       bytes_of(&a), bytes_of(&b));
	wb_buf_free(&a);
	wb_buf_free(&b);
	return WB_E_ASSERTION;
}

/* The first bytes of the body as text, for a message. */
static void body_text(const wb_buf *b, wb_buf *out)
{
	size_t show = b->n < 200 ? b->n : 200;
	wb_text_from_latin1(out, bytes_of(b), show);
	if (show < b->n)
		wb_buf_printf(out, "... (%zu bytes)", b->n);
}

static wb_err expect_status(wb_interp *in, wb_resp *r, const wb_word *v)
{
	long want;
	if (wb_hostport_pyint(v->s, v->n, &want))
		return wb_interp_fail(in, WB_E_USAGE, "'%s' is not a number",
				      v->s);
	if (wb_resp_status(r) == want)
		return WB_OK;
	return wb_interp_fail(in, WB_E_ASSERTION, "expected status %ld, got %d",
			      want, wb_resp_status(r));
}

static wb_err expect_header(wb_interp *in, wb_resp *r, const wb_words *w)
{
	const char *name = w->w[2].s;
	wb_buf v = WB_BUF_INIT;
	int found = header_text(r, name, &v);
	wb_err e = WB_OK;
	if (w->n == 4 && wb_lex_is(w, 3, "absent")) {
		if (found)
			e = differ(in, "no header", name, strlen(name),
				   bytes_of(&v), v.n);
	} else if (w->n != 5 || !(wb_lex_is(w, 3, "=") || wb_lex_is(w, 3, "~"))) {
		e = wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				   wb_interp_find("expect")->info.usage);
	} else if (!found) {
		e = wb_interp_fail(in, WB_E_ASSERTION,
				   "expected header %s, got no such header", name);
	} else if (wb_lex_is(w, 3, "=")) {
		if (v.n != w->w[4].n || memcmp(bytes_of(&v), w->w[4].s, v.n))
			e = differ(in, "header value", w->w[4].s, w->w[4].n,
				   bytes_of(&v), v.n);
	} else {
		regmatch_t m[2];
		int hit = match(in, w->w[4].s, bytes_of(&v), v.n, m);
		if (hit == 0)
			e = differ(in, "header to match", w->w[4].s, w->w[4].n,
				   bytes_of(&v), v.n);
		else if (hit < 0)
			e = WB_E_VALUE;
	}
	wb_buf_free(&v);
	return e;
}

static wb_err sha256_hex(const wb_buf *b, wb_buf *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (!EVP_Digest(bytes_of(b), b->n, md, &len, EVP_sha256(), NULL))
		return WB_E_NOMEM;
	for (unsigned i = 0; i < len; i++)
		wb_buf_printf(out, "%02x", md[i]);
	return WB_OK;
}

static wb_err expect_body(wb_interp *in, const wb_words *w)
{
	const wb_buf *b = body(in);
	wb_buf want = WB_BUF_INIT, got = WB_BUF_INIT;
	wb_buf_clear(&in->msg);
	wb_err e = WB_OK;
	if (wb_lex_is(w, 2, "sha256")) {
		e = sha256_hex(b, &got);
		if (e == WB_OK && strcasecmp(bytes_of(&got), w->w[3].s))
			e = differ(in, "body sha256", w->w[3].s, w->w[3].n,
				   bytes_of(&got), got.n);
	} else if (wb_lex_is(w, 2, "=") || wb_lex_is(w, 2, "contains")) {
		e = wb_text_encode(w->w[3].s, w->w[3].n, "latin-1", &want,
				   &in->msg, NULL);
		int eq = wb_lex_is(w, 2, "=");
		int ok = eq ? b->n == want.n && !memcmp(bytes_of(b), bytes_of(&want), b->n)
			    : want.n == 0 || memmem(bytes_of(b), b->n,
						    bytes_of(&want), want.n);
		if (e == WB_OK && !ok) {
			body_text(b, &got);
			e = differ(in, eq ? "body" : "body to contain", w->w[3].s,
				   w->w[3].n, bytes_of(&got), got.n);
		}
	} else {
		e = wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				   wb_interp_find("expect")->info.usage);
	}
	wb_buf_free(&want);
	wb_buf_free(&got);
	return e;
}

static wb_err expect_json(wb_interp *in, const wb_words *w)
{
	if (!wb_lex_is(w, 3, "="))
		return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
				      wb_interp_find("expect")->info.usage);
	wb_buf got = WB_BUF_INIT;
	wb_err e = capture_json(in, w->w[2].s, &got);
	if (e == WB_OK && (got.n != w->w[4].n ||
			   memcmp(bytes_of(&got), w->w[4].s, got.n))) {
		wb_buf what = WB_BUF_INIT;
		wb_buf_printf(&what, "json %s", w->w[2].s);
		e = differ(in, bytes_of(&what), w->w[4].s, w->w[4].n,
			   bytes_of(&got), got.n);
		wb_buf_free(&what);
	}
	wb_buf_free(&got);
	return e;
}

static const char *framing(wb_resp *r)
{
	if (wb_resp_chunked(r))
		return "chunked";
	return wb_resp_length(r) >= 0 ? "length" : "close";
}

static wb_err expect_framing(wb_interp *in, wb_resp *r, const char *want)
{
	if (strcmp(want, "chunked") && strcmp(want, "length") &&
	    strcmp(want, "close"))
		return wb_interp_fail(in, WB_E_USAGE,
				      "expect framing chunked|length|close, "
				      "got '%s'", want);
	if (!strcmp(framing(r), want))
		return WB_OK;
	return wb_interp_fail(in, WB_E_ASSERTION, "expected framing %s, got %s",
			      want, framing(r));
}

static wb_err expect_chunks(wb_interp *in, const wb_word *v)
{
	long want;
	if (wb_hostport_pyint(v->s, v->n, &want))
		return wb_interp_fail(in, WB_E_USAGE, "'%s' is not a number",
				      v->s);
	if ((uint64_t)want == in->chunks && want >= 0)
		return WB_OK;
	return wb_interp_fail(in, WB_E_ASSERTION,
			      "expected chunks %ld, got %llu", want,
			      (unsigned long long)in->chunks);
}

static wb_err expect_error(wb_interp *in, const wb_words *w)
{
	const char *name = w->w[2].s;
	for (int e = WB_OK + 1; e < WB_E__COUNT; e++) {
		if (!strcmp(wb_err_name((wb_err)e), name)) {
			in->expect_err = (wb_err)e;
			return WB_OK;
		}
	}
	return wb_interp_fail(in, WB_E_USAGE, "no error named '%s'", name);
}

wb_err wb_cmd_expect(wb_interp *in, const wb_words *w, wb_result *res)
{
	(void)res;
	if (wb_lex_is(w, 1, "error") && w->n == 3)
		return expect_error(in, w);
	wb_resp *r = response(in);
	if (!r)
		return WB_E_USAGE;
	if (wb_lex_is(w, 1, "status") && w->n == 3)
		return expect_status(in, r, &w->w[2]);
	if (wb_lex_is(w, 1, "header") && w->n >= 4)
		return expect_header(in, r, w);
	if (wb_lex_is(w, 1, "body") && w->n == 4)
		return expect_body(in, w);
	if (wb_lex_is(w, 1, "json") && w->n == 5)
		return expect_json(in, w);
	if (wb_lex_is(w, 1, "chunks") && w->n == 3)
		return expect_chunks(in, &w->w[2]);
	if (wb_lex_is(w, 1, "framing") && w->n == 3)
		return expect_framing(in, r, w->w[2].s);
	return wb_interp_fail(in, WB_E_USAGE, "usage: %s",
			      wb_interp_find("expect")->info.usage);
}

/* A command ran after `expect error NAME`: its failure with that name is a
 * success; anything else is an AssertionError naming what happened. */
wb_err wb_expect_settle(wb_interp *in, wb_err e, int *expected)
{
	wb_err want = in->expect_err;
	in->expect_err = WB_OK;
	*expected = 0;
	if (e == want) {
		*expected = 1;
		return WB_OK;
	}
	if (e == WB_OK)
		return wb_interp_fail(in, WB_E_ASSERTION,
				      "expected error %s, got no error",
				      wb_err_name(want));
	wb_buf was = WB_BUF_INIT;
	wb_buf_adds(&was, bytes_of(&in->msg));
	wb_interp_fail(in, WB_E_ASSERTION, "expected error %s, got %s: %s",
		       wb_err_name(want), wb_err_name(e), bytes_of(&was));
	wb_buf_free(&was);
	return WB_E_ASSERTION;
}
