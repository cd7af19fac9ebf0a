/* resp_begin.c - HTTPResponse.begin(): status lines (100 Continue skipped),
 * the header block with its limits, debug output and the framing
 * decisions (chunked, will_close, length). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "base/pyint.h"
#include "response_int.h"
#include "statusline.h"
#include "base/text.h"

/* 100 Continue responses shown in full before the rest are collapsed. */
#define SHOWN_INTERIM 3

static void frame(wb_resp *r, wb_fkind k, const char *p, size_t n,
		  const char *note)
{
	if (r->tap && r->quiet) { /* counted, not recorded */
		r->quiet_bytes += n;
		wb_tap_count_in(r->tap, n);
	} else if (r->tap)
		wb_tap_add_ex(r->tap, WB_DIR_IN, k, WB_FS_WIRE, p, n, -1, 0,
			      note && *note ? note : NULL);
}

static void warn(wb_resp *r, const char *text)
{
	if (r->tap)
		wb_tap_note(r->tap, WB_FK_WARNING, "%s", text);
}

/* fp.readline(_MAXLINE + 1) into r->lp/r->ln; LineTooLong(what) if
 * longer. */
static wb_err read_line(wb_resp *r, wb_fkind kind, const char *what,
			wb_buf *msg)
{
	wb_err e = wb_rd_readline_view(r->rd, WB_RESP_MAXLINE + 1, &r->lp,
				       &r->ln, &r->line, msg);
	if (e == WB_OK && r->ln > WB_RESP_MAXLINE) {
		r->quiet = 0; /* an error is never collapsed */
		frame(r, kind, r->lp, r->ln,
		      "line longer than 65536 octets: LineTooLong");
		wb_buf_printf(msg, "got more than %d bytes when reading %s",
			      WB_RESP_MAXLINE, what);
		return WB_E_LINE_TOO_LONG;
	}
	return e;
}

static int bare_lf(const char *s, size_t n)
{
	return n && s[n - 1] == '\n' && (n < 2 || s[n - 2] != '\r');
}

/* Notes on a status line http.client accepts but RFC 9112 does not. */
static void status_note(const wb_status *st, const char *s, size_t n,
			wb_buf *note)
{
	if (bare_lf(s, n))
		wb_buf_adds(note, "bare LF line ending");
	if (st->code_flags & (WB_PYINT_SIGN | WB_PYINT_UNDERSCORE))
		wb_buf_printf(note, "%sstatus code with sign or _ (read by "
			      "Python int())", note->n ? "; " : "");
	if (s[st->ver_off + st->ver_len] != ' ' || st->ver_off != 0)
		wb_buf_printf(note, "%sfields separated by whitespace other "
			      "than one SP", note->n ? "; " : "");
}

/* _read_status(): one status line, parsed. */
static wb_err read_status(wb_resp *r, wb_status *st, wb_buf *msg)
{
	r->quiet = 0;
	wb_err e = read_line(r, WB_FK_STATUS_LINE, "status line", msg);
	if (e != WB_OK)
		return e;
	wb_err parsed = r->ln ? wb_statusline_parse(r->lp, r->ln, st)
			      : WB_E_REMOTE_DISCONNECTED;
	r->quiet = r->interim >= SHOWN_INTERIM && parsed == WB_OK &&
		   st->code == 100;
	wb_buf text = WB_BUF_INIT, note = WB_BUF_INIT;
	if (r->debug > 0) {
		wb_buf dbg = WB_BUF_INIT;
		wb_text_from_latin1(&text, r->lp, r->ln);
		wb_buf_adds(&dbg, "reply: ");
		wb_text_repr(&dbg, text.p ? text.p : "", text.n);
		wb_resp_debug(r, &dbg);
		wb_buf_free(&dbg);
	}
	if (!r->ln) {
		wb_buf_adds(msg, "Remote end closed connection without response");
		e = WB_E_REMOTE_DISCONNECTED;
	} else if ((e = parsed) != WB_OK) {
		/* str(BadStatusLine) */
		wb_text_from_latin1(msg, r->lp, r->ln);
		frame(r, WB_FK_STATUS_LINE, r->lp, r->ln,
		      "not a valid status line: BadStatusLine");
	} else {
		status_note(st, r->lp, r->ln, &note);
		frame(r, WB_FK_STATUS_LINE, r->lp, r->ln, note.p);
	}
	wb_buf_free(&text);
	wb_buf_free(&note);
	return e;
}

static int is_terminator(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '\n') ||
	       (n == 2 && s[0] == '\r' && s[1] == '\n');
}

/* _read_headers(): lines up to an empty one; with final set they go to
 * the email-rule parser, else (a 100 Continue block) only to the tap and
 * the "headers: [...]" debug line. */
static wb_err read_block(wb_resp *r, int final, wb_buf *msg)
{
	wb_buf note = WB_BUF_INIT, dbg = WB_BUF_INIT;
	wb_err e = WB_OK;
	if (!final && r->debug > 0)
		wb_buf_adds(&dbg, "headers: [");
	for (int count = 1; e == WB_OK; count++) {
		e = read_line(r, WB_FK_HEADER, "header line", msg);
		if (e != WB_OK)
			break;
		const char *s = r->lp;
		size_t n = r->ln;
		int end = is_terminator(s, n);
		wb_buf_clear(&note);
		if (final)
			e = wb_hdrs_feed(r->hdrs, s, n, &note);
		else if (bare_lf(s, n))
			wb_buf_adds(&note, "bare LF line ending");
		if (count > WB_RESP_MAXHEADERS) {
			r->quiet = 0;
			frame(r, WB_FK_HEADER, s, n, "101st line of the block: "
			      "HTTPException");
			wb_buf_printf(msg, "got more than %d headers",
				      WB_RESP_MAXHEADERS);
			e = WB_E_HTTP_EXCEPTION;
			break;
		}
		if (n)
			frame(r, end ? WB_FK_END_HEADERS : WB_FK_HEADER, s, n,
			      note.p);
		if (!final && r->debug > 0) {
			if (count > 1)
				wb_buf_adds(&dbg, ", ");
			wb_text_repr_bytes(&dbg, s, n);
		}
		if (end)
			break;
	}
	if (e == WB_OK && !final && r->debug > 0) {
		wb_buf_addc(&dbg, ']');
		wb_resp_debug(r, &dbg);
	}
	wb_buf_free(&note);
	wb_buf_free(&dbg);
	return e;
}

/* "header: Name: value" for each field, as begin() prints them. */
static void debug_headers(wb_resp *r)
{
	const char *name, *val;
	size_t nl, vl;
	for (size_t i = 0; wb_hdrs_get(r->hdrs, i, &name, &nl, &val, &vl); i++) {
		wb_buf dbg = WB_BUF_INIT;
		wb_buf_adds(&dbg, "header: ");
		wb_text_from_latin1(&dbg, name, nl);
		wb_buf_adds(&dbg, ": ");
		wb_text_from_latin1(&dbg, val, vl);
		wb_resp_debug(r, &dbg);
		wb_buf_free(&dbg);
	}
}

/* Python's `needle in value.lower()` for an ASCII needle. */
static int contains_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	int c0 = needle[0]; /* lower case: only where it matches is compared */
	for (size_t i = 0; i + k <= n; i++)
		if ((s[i] | 0x20) == c0 && strncasecmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

static int header_has(const wb_resp *r, wb_hkey name, const char *needle)
{
	const char *v;
	size_t n;
	return wb_hdrs_first_key(r->hdrs, name, &v, &n) &&
	       contains_ci(v, n, needle);
}

/* _check_close(). */
static int check_close(const wb_resp *r)
{
	const char *v;
	size_t n;
	if (r->version == 11)
		return header_has(r, WB_HK_CONNECTION, "close");
	if (wb_hdrs_first_key(r->hdrs, WB_HK_KEEP_ALIVE, &v, &n) && n)
		return 0;
	return !header_has(r, WB_HK_CONNECTION, "keep-alive") &&
	       !header_has(r, WB_HK_PROXY_CONNECTION, "keep-alive");
}

/* The Content-Length value: int() of the first field, none if negative. */
static void parse_length(wb_resp *r, const char *v, size_t n)
{
	wb_pyint num;
	if (wb_pyint_parse(v, n, 10, WB_PYINT_LATIN1, &num) < 0 ||
	    num.value < 0) {
		warn(r, "Content-Length is not a non-negative integer: "
			"http.client ignores it");
		return;
	}
	r->length = num.value;
	if (num.flags)
		warn(r, "Content-Length spelled with sign, _ or whitespace: "
			"accepted by Python int(), not by RFC 9110");
	if (num.overflow)
		warn(r, "Content-Length beyond 64 bits: wirebench counts "
			"it as 2^63-1");
}

/* The framing decisions of begin(), in Python's order. */
static void decide_framing(wb_resp *r)
{
	const char *te = NULL, *cl = NULL;
	size_t ten = 0, cln = 0;
	int has_te = wb_hdrs_first_key(r->hdrs, WB_HK_TRANSFER_ENCODING, &te,
				       &ten);
	int has_cl = wb_hdrs_first_key(r->hdrs, WB_HK_CONTENT_LENGTH, &cl, &cln);
	r->chunked = has_te && ten == 7 && strncasecmp(te, "chunked", 7) == 0;
	r->will_close = check_close(r);
	r->length = -1;
	if (has_te && has_cl)
		warn(r, r->chunked ? "Content-Length beside Transfer-Encoding "
				     "(RFC 9112 6.3): chunked wins"
				   : "Transfer-Encoding other than chunked: "
				     "http.client uses Content-Length");
	if (wb_hdrs_count_key(r->hdrs, WB_HK_CONTENT_LENGTH) > 1)
		warn(r, "several Content-Length fields: http.client uses "
			"the first");
	if (has_cl && cln && !r->chunked)
		parse_length(r, cl, cln);
	if (r->status == 204 || r->status == 304 ||
	    (r->status >= 100 && r->status < 200) || r->is_head)
		r->length = 0;
	if (!r->will_close && !r->chunked && r->length < 0)
		r->will_close = 1;
}

/* Appends n with thousands separators (1,000). */
static void add_count(wb_buf *b, uint64_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			wb_buf_addc(b, ',');
		wb_buf_addc(b, digits[i]);
	}
}

static void interim_note(wb_resp *r, const char *when)
{
	if (!r->tap)
		return;
	wb_buf b = WB_BUF_INIT;
	wb_buf_adds(&b, "\xe2\x80\xa6 ");
	add_count(&b, r->interim - SHOWN_INTERIM);
	wb_buf_adds(&b, " more `100 Continue` responses");
	wb_buf_adds(&b, when);
	wb_buf_adds(&b, " (");
	add_count(&b, r->quiet_bytes);
	wb_buf_adds(&b, " bytes), collapsed");
	wb_tap_note(r->tap, WB_FK_INFO, "%s", wb_buf_str(&b));
	wb_buf_free(&b);
}

static int power_of_ten(uint64_t n)
{
	while (n >= 10 && n % 10 == 0)
		n /= 10;
	return n == 1;
}

/* Status lines until one is not 100 (http.client loops on 100 forever).
 * Past the first few, interim responses are counted instead of recorded,
 * with a note at 1, 10, 100, ... of them and one with the total, so the
 * output stays bounded however long the stream runs. */
static wb_err read_statuses(wb_resp *r, wb_status *st, wb_buf *msg)
{
	wb_err e;
	for (;;) {
		e = read_status(r, st, msg);
		if (e != WB_OK || st->code != 100)
			break;
		if ((e = read_block(r, 0, msg)) != WB_OK)
			break;
		if (++r->interim > SHOWN_INTERIM &&
		    power_of_ten(r->interim - SHOWN_INTERIM))
			interim_note(r, " so far");
	}
	r->quiet = 0;
	if (r->interim > SHOWN_INTERIM)
		interim_note(r, e == WB_OK ? " in all" : " before the error");
	return e;
}

wb_err wb_resp_read_head(wb_resp *r, wb_buf *msg)
{
	wb_status st;
	wb_err e = read_statuses(r, &st, msg);
	if (e != WB_OK)
		return e;
	const char *line = r->lp;
	r->status = st.code;
	wb_text_from_latin1(&r->reason, line + st.reason_off, st.reason_len);
	r->version = wb_statusline_version(line + st.ver_off, st.ver_len);
	if (!r->version) {
		wb_text_from_latin1(msg, line + st.ver_off, st.ver_len);
		return WB_E_UNKNOWN_PROTOCOL;
	}
	if ((e = read_block(r, 1, msg)) != WB_OK)
		return e;
	wb_hdrs_end(r->hdrs);
	if (r->debug > 0)
		debug_headers(r);
	decide_framing(r);
	return WB_OK;
}
