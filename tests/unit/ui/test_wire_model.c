/* test_ui_wire_model.c - frames to wire panel lines: glyphs, buffered vs
 * on the wire, chunk marks, wrapping, hex view, bounded memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../../ui/model/glyph.c"
#include "../../../ui/model/wire_model.c"
#include "../../../ui/model/wire_render.c"
#include "../../../ui/model/wrap.c"

static char *line(ui_wire *m, size_t i)
{
	static wb_buf b;
	ui_wire_plain(m, i, &b);
	return b.p ? b.p : (char *)"";
}

/* Index of the first line containing s, or -1. */
static long find(ui_wire *m, const char *s)
{
	for (size_t i = 0; i < ui_wire_count(m); i++)
		if (strstr(line(m, i), s))
			return (long)i;
	return -1;
}

static void test_glyphs(void **st)
{
	(void)st;
	wb_buf b = WB_BUF_INIT;
	ui_glyph_puts(&b, "a\r\n\t\x01\xff", 6);
	assert_string_equal(b.p, "a\xe2\x90\x8d\xe2\x90\x8a\xe2\x90\x89\\x01\\xff");
	assert_int_equal(ui_glyph_cols('\r'), 1);
	assert_int_equal(ui_glyph_cols(0x01), 4);
	assert_int_equal(ui_text_cols(b.p, b.n), 1 + 3 + 8);
	assert_int_equal(ui_text_fit("\xe2\x90\x8d" "ab", 5, 2), 4);
	wb_buf_free(&b);
}

static void test_buffered_then_wire(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 100);
	ui_wire_begin(m, 1, "putrequest GET /x");
	uint64_t a = wb_tap_add(t, WB_DIR_OUT, WB_FK_REQUEST_LINE,
				WB_FS_BUFFERED, "GET /x HTTP/1.1\r\n", 17);
	ui_wire_end(m);
	ui_wire_begin(m, 2, "putheader Accept text/plain");
	wb_tap_add(t, WB_DIR_OUT, WB_FK_HEADER, WB_FS_BUFFERED,
		   "Accept: text/plain\r\n", 20);
	ui_wire_end(m);
	assert_int_equal(ui_wire_count(m), 4);
	assert_string_equal(line(m, 0), "wb> putrequest GET /x");
	assert_non_null(strstr(line(m, 1), ">| buf   GET /x HTTP/1.1\xe2\x90\x8d\xe2\x90\x8a"));
	assert_non_null(strstr(line(m, 1), "request-line"));
	assert_true(ui_wire_is_request(m, 1));
	assert_false(ui_wire_is_request(m, 3));
	assert_non_null(strstr(line(m, 3), ">| buf   Accept: text/plain"));
	assert_int_equal(find(m, "sent"), -1);
	ui_wire_take_dirty(m);
	ui_wire_begin(m, 3, "endheaders");
	wb_tap_note(t, WB_FK_OPEN, "connected to 127.0.0.1:8080 (tcp)");
	wb_tap_note(t, WB_FK_TLS, "TLSv1.3 with 127.0.0.1");
	wb_tap_flush(t, a + 1);
	assert_true(ui_wire_take_dirty(m));
	wb_tap_add(t, WB_DIR_OUT, WB_FK_END_HEADERS, WB_FS_WIRE, "\r\n", 2);
	ui_wire_end(m);
	/* the buffered lines stay where they were, marked as sent below */
	assert_non_null(strstr(line(m, 1), ">| buf   GET /x"));
	assert_non_null(strstr(line(m, 1), "\xe2\x86\x93 sent below"));
	assert_non_null(strstr(line(m, 3), ">| buf   Accept"));
	ui_rline r = { 0 };
	ui_wire_render(m, 3, &r);
	assert_int_equal(r.spans[0].style, UI_ST_OUT_PAST);
	/* and the write reads in time order: command, connect, TLS, bytes */
	long cmd = find(m, "wb> endheaders");
	assert_int_equal(find(m, "** note  connected"), cmd + 1);
	assert_int_equal(find(m, "TLSv1.3"), cmd + 2);
	assert_int_equal(find(m, ">> sent  GET /x"), cmd + 3);
	assert_int_equal(find(m, ">> sent  Accept"), cmd + 4);
	assert_non_null(strstr(line(m, (size_t)cmd + 5), "end-of-headers"));
	assert_non_null(strstr(line(m, (size_t)cmd + 6),
			       "2 buffered frames (37 bytes) went on the wire"));
	ui_wire_render(m, (size_t)cmd + 4, &r);
	assert_int_equal(r.spans[0].style, UI_ST_OUT_WIRE);
	/* a new layout (resize, hex toggle) keeps the same order */
	ui_wire_layout(m, 90, 0);
	assert_int_equal(find(m, "wb> endheaders"), cmd);
	assert_int_equal(find(m, ">> sent  GET /x"), cmd + 3);
	assert_non_null(strstr(line(m, 1), "sent below"));
	ui_rline_free(&r);
	ui_wire_free(m);
	wb_tap_free(t);
}

/* A refused connect: the buffered lines are dropped after the failure. */
static void test_dropped_after_failure(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 100);
	wb_buf b = WB_BUF_INIT;
	ui_wire_begin(m, 1, "request GET /");
	uint64_t a = wb_tap_add(t, WB_DIR_OUT, WB_FK_REQUEST_LINE,
				WB_FS_BUFFERED, "GET / HTTP/1.1\r\n", 16);
	wb_tap_note(t, WB_FK_WARNING, "connect to 127.0.0.1:1 failed: refused");
	wb_tap_drop(t, a);
	ui_wire_text(m, UI_TX_ERROR, "ConnectionRefusedError: refused");
	ui_wire_end(m);
	assert_non_null(strstr(line(m, 1), ">| buf   GET / HTTP/1.1"));
	assert_non_null(strstr(line(m, 1), "dropped below"));
	assert_int_equal(find(m, "!! warn  connect to"), 2);
	assert_int_equal(find(m, "x| drop  GET / HTTP/1.1"), 3);
	assert_int_equal(find(m, "ConnectionRefusedError"), 4);
	ui_wire_explain(m, 1, &b);
	assert_non_null(strstr(b.p, "buffered:"));
	assert_non_null(strstr(b.p, "dropped below"));
	ui_wire_explain(m, 3, &b);
	assert_non_null(strstr(b.p, "dropped: never sent"));
	wb_buf_free(&b);
	ui_wire_free(m);
	wb_tap_free(t);
}

static void test_dropped_and_styles(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 80);
	uint64_t a = wb_tap_add(t, WB_DIR_OUT, WB_FK_REQUEST_LINE,
				WB_FS_BUFFERED, "GET / HTTP/1.1\r\n", 16);
	ui_rline r = { 0 };
	ui_wire_render(m, 0, &r);
	assert_int_equal(r.spans[0].style, UI_ST_OUT_BUF);
	int glyph = 0;
	for (size_t i = 0; i < r.nspans; i++)
		glyph |= r.spans[i].style == UI_ST_GLYPH;
	assert_true(glyph);
	wb_tap_drop(t, a);
	ui_wire_render(m, 1, &r);
	assert_int_equal(r.spans[0].style, UI_ST_OUT_DROP);
	assert_non_null(strstr(line(m, 1), "x| drop"));
	wb_tap_add(t, WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE,
		   "HTTP/1.1 200 OK\r\n", 17);
	ui_wire_render(m, 2, &r);
	assert_int_equal(r.spans[0].style, UI_ST_IN);
	assert_non_null(strstr(line(m, 2), "<< in    HTTP/1.1 200 OK"));
	wb_tap_note(t, WB_FK_OPEN, "connected to 127.0.0.1:8080 (tcp)");
	assert_non_null(strstr(line(m, 3), "** note  connected to 127.0.0.1"));
	ui_rline_free(&r);
	ui_wire_free(m);
	wb_tap_free(t);
}

static void test_chunk_marks(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 100);
	for (unsigned k = 1; k <= 3; k++) {
		wb_tap_add_ex(t, WB_DIR_IN, WB_FK_CHUNK_SIZE, WB_FS_WIRE, "5\r\n",
			      3, 5, k, NULL);
		wb_tap_add_ex(t, WB_DIR_IN, WB_FK_CHUNK_DATA, WB_FS_WIRE,
			      "aaaaa", 5, -1, k, NULL);
		wb_tap_add_ex(t, WB_DIR_IN, WB_FK_CHUNK_CRLF, WB_FS_WIRE, "\r\n",
			      2, -1, k, NULL);
	}
	wb_tap_add_ex(t, WB_DIR_IN, WB_FK_LAST_CHUNK, WB_FS_WIRE, "0\r\n", 3, 0,
		      0, NULL);
	wb_tap_add(t, WB_DIR_IN, WB_FK_TRAILER, WB_FS_WIRE, "X-Sum: 1\r\n", 10);
	wb_tap_add_ex(t, WB_DIR_OUT, WB_FK_CHUNK_SIZE, WB_FS_WIRE, "1a\r\n", 4,
		      26, 1, NULL);
	assert_int_equal(ui_wire_count(m), 12);
	assert_non_null(strstr(line(m, 0), "5\xe2\x90\x8d\xe2\x90\x8a  chunk-size = 5, chunk #1"));
	assert_non_null(strstr(line(m, 1), "aaaaa  chunk-data, chunk #1, 5 bytes"));
	assert_non_null(strstr(line(m, 5), "chunk-crlf, chunk #2"));
	assert_non_null(strstr(line(m, 6), "chunk-size = 5, chunk #3"));
	assert_non_null(strstr(line(m, 9), "last-chunk = 0"));
	assert_non_null(strstr(line(m, 10), "trailer"));
	assert_non_null(strstr(line(m, 11), ">> sent  1a\xe2\x90\x8d\xe2\x90\x8a  chunk-size = 26"));
	ui_rline r = { 0 };
	ui_wire_render(m, 0, &r);
	assert_int_equal(r.spans[r.nspans - 1].style, UI_ST_CHUNK);
	ui_rline_free(&r);
	ui_wire_free(m);
	wb_tap_free(t);
}

static void test_wrap_and_lf(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 40);
	char body[300];
	memset(body, 'x', sizeof body);
	body[10] = '\n';
	wb_tap_add(t, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE, body, sizeof body);
	size_t n = ui_wire_count(m), bytes = 0;
	assert_true(n >= 300 / 32);
	for (size_t i = 0; i < n; i++) {
		const wline *l = ui_wire_line(m, i);
		assert_true(ui_text_cols(line(m, i), strlen(line(m, i))) <= 40 ||
			    i == 0);
		bytes += l->len;
	}
	assert_int_equal(bytes, 300);
	assert_int_equal(ui_wire_line(m, 0)->len, 11);
	ui_wire_layout(m, 200, 0);
	assert_int_equal(ui_wire_count(m), 3);
	ui_wire_free(m);
	wb_tap_free(t);
}

static void test_hex_view(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 100);
	ui_wire_begin(m, 1, "request GET /");
	wb_tap_add(t, WB_DIR_OUT, WB_FK_REQUEST_LINE, WB_FS_WIRE,
		   "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", 40);
	ui_wire_layout(m, 100, 1);
	assert_true(ui_wire_hex(m));
	assert_int_equal(ui_wire_count(m), 1 + 1 + 3);
	assert_non_null(strstr(line(m, 1), "request-line"));
	assert_non_null(strstr(line(m, 1), "(40 bytes)"));
	assert_non_null(strstr(line(m, 2), "0000  47 45 54 20 2f"));
	assert_non_null(strstr(line(m, 2), "GET / HTTP/1.1.."));
	assert_non_null(strstr(line(m, 4), "0020  38 30 38 30 0d 0a 0d 0a"));
	ui_wire_layout(m, 60, 1);
	assert_int_equal(ui_wire_count(m), 1 + 1 + 5);
	ui_wire_layout(m, 100, 0); /* one line per CRLF-ended line */
	assert_int_equal(ui_wire_count(m), 1 + 3);
	ui_wire_free(m);
	wb_tap_free(t);
}

static void test_relayout_keeps_order(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 100);
	ui_wire_text(m, UI_TX_INFO, "type: request GET /chunked\nthen getresponse");
	ui_wire_begin(m, 1, "one");
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "1", 1);
	ui_wire_begin(m, 2, "two");
	ui_wire_text(m, UI_TX_ERROR, "CannotSendHeader: no");
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "2", 1);
	ui_wire_layout(m, 90, 0);
	assert_int_equal(ui_wire_count(m), 7);
	assert_non_null(strstr(line(m, 0), "type: request GET /chunked"));
	assert_non_null(strstr(line(m, 1), "then getresponse"));
	assert_string_equal(line(m, 2), "wb> one");
	assert_non_null(strstr(line(m, 3), "sent  1"));
	assert_string_equal(line(m, 4), "wb> two");
	assert_string_equal(line(m, 5), "  \xe2\x9c\x97 CannotSendHeader: no");
	assert_non_null(strstr(line(m, 6), "sent  2"));
	ui_wire_free(m);
	wb_tap_free(t);
}

/* The lesson of the line under the cursor, for frames and texts. */
static void test_explain_lines(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 100);
	wb_buf b = WB_BUF_INIT;
	ui_wire_begin(m, 1, "putrequest GET /x");
	wb_tap_add(t, WB_DIR_OUT, WB_FK_REQUEST_LINE, WB_FS_BUFFERED,
		   "GET /x HTTP/1.1\r\n", 17);
	wb_tap_add(t, WB_DIR_OUT, WB_FK_HEADER, WB_FS_BUFFERED,
		   "Accept-Encoding: identity\r\n", 27);
	ui_wire_explain(m, 0, &b);
	assert_non_null(strstr(b.p, "a command you ran"));
	ui_wire_explain(m, 1, &b);
	assert_non_null(strstr(b.p, "request line: method SP request-target"));
	assert_non_null(strstr(b.p, "buffered: putheader"));
	ui_wire_explain(m, 2, &b);
	assert_non_null(strstr(b.p, "skip_accept_encoding"));
	ui_wire_explain(m, 99, &b);
	assert_int_equal(b.n, 0);
	wb_buf_free(&b);
	ui_wire_free(m);
	wb_tap_free(t);
}

/* Texts (help, results) wrap at words, never inside one. */
static void test_text_wraps_at_words(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 40);
	ui_wire_text(m, UI_TX_RESULT, "chunk DATA - sends one chunk of an "
				      "encode_chunked body: its size in hex");
	assert_int_equal(ui_wire_count(m), 2);
	assert_string_equal(line(m, 0), "  = chunk DATA - sends one chunk of an");
	assert_string_equal(line(m, 1), "    encode_chunked body: its size in hex");
	ui_wire_free(m);
	wb_tap_free(t);
}

static void test_eviction_bounded(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(64 * 1024);
	ui_wire *m = ui_wire_new(t, 80);
	char big[4096];
	memset(big, 'b', sizeof big);
	for (int i = 0; i < 500; i++) {
		ui_wire_begin(m, (unsigned)i + 1, "read 4096");
		wb_tap_add(t, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE, big, sizeof big);
	}
	size_t n = ui_wire_count(m);
	assert_true(n < 2000);
	assert_true(ui_wire_take_pruned(m) > 0);
	assert_non_null(strstr(line(m, 0), "earlier frames evicted"));
	assert_true(find(m, "wb> read 4096") > 0);
	assert_non_null(strstr(line(m, n - 1), "bbbb"));
	ui_wire_set_limits(m, 100, 8);
	assert_true(ui_wire_count(m) <= 101);
	for (int i = 0; i < 50; i++)
		ui_wire_text(m, UI_TX_RESULT, "= 1 bytes");
	assert_true(ui_wire_count(m) <= 101);
	assert_true(m->tcount <= 8);
	ui_wire_free(m);
	wb_tap_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glyphs),
		cmocka_unit_test(test_buffered_then_wire),
		cmocka_unit_test(test_dropped_and_styles),
		cmocka_unit_test(test_chunk_marks),
		cmocka_unit_test(test_wrap_and_lf),
		cmocka_unit_test(test_hex_view),
		cmocka_unit_test(test_relayout_keeps_order),
		cmocka_unit_test(test_eviction_bounded),
		cmocka_unit_test(test_explain_lines),
		cmocka_unit_test(test_dropped_after_failure),
		cmocka_unit_test(test_text_wraps_at_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
