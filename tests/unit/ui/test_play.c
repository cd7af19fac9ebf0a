/* test_play.c - offline playback (ui/model/play.c) through a feed's tap
 * into the wire model: recorded order, flushes settling the right frame,
 * the recorded response, going back; and the marks a replay leaves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../../ui/model/feed.c"
#include "../../../ui/model/glyph.c"
#include "../../../ui/model/play.c"
#include "../../../ui/model/wire_model.c"
#include "../../../ui/model/wire_render.c"
#include "../../../ui/model/wrap.c"
#include "session/format.h"

static const char rec[] =
	"# wirebench session 1\n"
	"open http://127.0.0.1:9/\n"
	"#> 1 note info wire +0 note=\"ready\" \"\"\n"
	"putrequest GET /x\n"
	"#> 2 out request-line buffered +0 \"GET /x HTTP/1.1\\r\\n\"\n"
	"#> 3 out header buffered +0 \"Host: h\\r\\n\"\n"
	"endheaders\n"
	"#> 4 note open wire +0.001 note=\"connected to h (tcp)\" \"\"\n"
	"#^ 2 sent +0.002\n"
	"#^ 3 sent +0.002\n"
	"#> 5 out end-of-headers wire +0.002 \"\\r\\n\"\n"
	"getresponse\n"
	"#> 6 in status-line wire +0.01 \"HTTP/1.1 200 OK\\r\\n\"\n"
	"#> 7 in header wire +0.01 \"X-A: 1\\r\\n\"\n"
	"#> 8 in header wire +0.01 \"Content-Type:  text/plain\\r\\n\"\n"
	"#> 9 in end-of-headers wire +0.01 \"\\r\\n\"\n"
	"#= response +0.01 200 version=11 length=5 chunked=no will_close=no \"OK\"\n"
	"read 3\n"
	"#> 10 in body wire +0 \"hel\"\n"
	"#= data +0 3 \"hel\"\n"
	"putheader X-Late 1\n"
	"#! +0 ValueError \"no\"\n";

static wb_session *load(void)
{
	wb_session *s = NULL;
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_session_parse(rec, strlen(rec), "t.wb", NULL, &s, &msg);
	if (e)
		fail_msg("%s", msg.p);
	wb_buf_free(&msg);
	return s;
}

static char *text(ui_wire *m, size_t i)
{
	static wb_buf b;
	ui_wire_plain(m, i, &b);
	return b.p ? b.p : (char *)"";
}

/* All lines of m, one per row. */
static void snapshot(ui_wire *m, wb_buf *out)
{
	wb_buf_clear(out);
	for (size_t i = 0; i < ui_wire_count(m); i++) {
		wb_buf_adds(out, text(m, i));
		wb_buf_addc(out, '\n');
	}
}

typedef struct seen {
	ui_wire *w;
	wb_buf items;
} seen;

static void on_begin(void *arg, size_t i, const char *line)
{
	seen *s = arg;
	ui_wire_begin(s->w, (unsigned)i + 1, line);
}

static void on_item(void *arg, const wb_sitem *it)
{
	seen *s = arg;
	wb_buf_printf(&s->items, "%d/", (int)it->kind);
}

static void on_end(void *arg, size_t i)
{
	seen *s = arg;
	(void)i;
	ui_wire_end(s->w);
}

static void steps_in_recorded_order(void **st)
{
	(void)st;
	wb_session *s = load();
	ui_play *p = ui_play_new(s, 1 << 20);
	seen sn = { ui_wire_new(ui_play_tap(p), 100), WB_BUF_INIT };
	ui_play_ops ops = { on_begin, on_item, on_end, &sn };
	assert_int_equal(ui_play_count(p), 6);
	assert_null(ui_play_url(p));
	assert_true(ui_play_next(p, &ops)); /* open */
	assert_string_equal(ui_play_url(p), "http://127.0.0.1:9/");
	assert_true(ui_play_next(p, &ops)); /* putrequest: buffered */
	long rl = -1;
	for (size_t i = 0; i < ui_wire_count(sn.w); i++)
		if (strstr(text(sn.w, i), ">| buf   GET /x"))
			rl = (long)i;
	assert_true(rl > 0);
	assert_null(strstr(text(sn.w, (size_t)rl), "sent below"));
	assert_true(ui_play_next(p, &ops)); /* endheaders: connect, flush */
	assert_non_null(strstr(text(sn.w, (size_t)rl), "sent below"));
	wb_buf all = WB_BUF_INIT;
	snapshot(sn.w, &all);
	const char *conn = strstr(all.p, "connected to h");
	const char *sent = strstr(all.p, ">> sent  GET /x");
	const char *host = strstr(all.p, ">> sent  Host: h");
	const char *end = strstr(all.p, ">> sent  \xe2\x90\x8d\xe2\x90\x8a");
	assert_true(conn && sent && host && end);
	assert_true(conn < sent && sent < host && host < end);
	assert_non_null(strstr(all.p, "2 buffered frames (26 bytes) went on"));
	const wb_tap_stats *ts = wb_tap_stats_get(ui_play_tap(p));
	assert_int_equal(ts->bytes_out, 17 + 9 + 2);
	assert_false(ui_play_response(p)->have);
	assert_true(ui_play_next(p, &ops)); /* getresponse */
	const ui_play_resp *r = ui_play_response(p);
	assert_true(r->have);
	assert_int_equal(r->status, 200);
	assert_string_equal(r->reason, "OK");
	assert_int_equal(r->length, 5);
	assert_int_equal(ui_play_nheaders(p), 2);
	const char *k, *v;
	size_t kn, vn;
	ui_play_header(p, 1, &k, &kn, &v, &vn);
	assert_int_equal(kn, 12);
	assert_memory_equal(k, "Content-Type", 12);
	assert_int_equal(vn, 10);
	assert_memory_equal(v, "text/plain", 10);
	assert_true(ui_play_next(p, &ops)); /* read 3 */
	assert_int_equal(ui_play_response(p)->read, 3);
	assert_true(ui_play_now(p) >= 0);
	assert_true(ui_play_next(p, &ops)); /* the error */
	assert_false(ui_play_next(p, &ops));
	assert_int_equal(ui_play_pos(p), 6);
	/* results and the error reached the front end, in order */
	assert_string_equal(sn.items.p, "3/3/4/");
	ui_wire_free(sn.w);
	wb_buf_free(&sn.items);
	wb_buf_free(&all);
	ui_play_free(p);
	wb_session_free(s);
}

/* Back one command = start over and show one fewer: the panel then reads
 * exactly as it did the first time at that point. */
static void back_rebuilds_the_same_panel(void **st)
{
	(void)st;
	wb_session *s = load();
	ui_play *p = ui_play_new(s, 1 << 20);
	seen sn = { ui_wire_new(ui_play_tap(p), 90), WB_BUF_INIT };
	ui_play_ops ops = { on_begin, on_item, on_end, &sn };
	wb_buf at3 = WB_BUF_INIT, again = WB_BUF_INIT;
	for (int i = 0; i < 3; i++)
		ui_play_next(p, &ops);
	snapshot(sn.w, &at3);
	ui_play_next(p, &ops);
	assert_int_equal(ui_play_pos(p), 4);
	assert_true(ui_play_response(p)->have);
	ui_wire_free(sn.w); /* the panel lets go of the tap first */
	assert_int_equal(ui_play_reset(p), WB_OK);
	assert_int_equal(ui_play_pos(p), 0);
	assert_false(ui_play_response(p)->have);
	assert_null(ui_play_url(p));
	assert_int_equal(wb_tap_count(ui_play_tap(p)), 0);
	sn.w = ui_wire_new(ui_play_tap(p), 90);
	for (int i = 0; i < 3; i++)
		ui_play_next(p, &ops);
	snapshot(sn.w, &again);
	assert_string_equal(again.p, at3.p);
	assert_false(ui_play_response(p)->have);
	ui_wire_free(sn.w);
	wb_buf_free(&sn.items);
	wb_buf_free(&at3);
	wb_buf_free(&again);
	ui_play_free(p);
	wb_session_free(s);
}

static void feed_maps_ids(void **st)
{
	(void)st;
	ui_feed *fd = ui_feed_new(1 << 20);
	wb_frame a = { .id = 10, .dir = WB_DIR_OUT, .kind = WB_FK_HEADER,
		       .state = WB_FS_BUFFERED, .len = 3, .stored = 3,
		       .chunk_size = -1, .data = "A\r\n" };
	wb_frame b = a;
	b.id = 12;
	b.data = "B\r\n";
	ui_feed_event(fd, WB_TAP_NEW, &a);
	ui_feed_event(fd, WB_TAP_NEW, &b);
	uint64_t ia = ui_feed_id(fd, 10), ib = ui_feed_id(fd, 12);
	assert_true(ia && ib && ia != ib);
	assert_int_equal(ui_feed_id(fd, 11), 0);
	ui_feed_event(fd, WB_TAP_FLUSHED, &a); /* settles a only */
	wb_tap *t = ui_feed_tap(fd);
	assert_int_equal(wb_tap_find(t, ia)->state, WB_FS_WIRE);
	assert_int_equal(wb_tap_find(t, ib)->state, WB_FS_BUFFERED);
	ui_feed_event(fd, WB_TAP_DROPPED, &b);
	assert_int_equal(wb_tap_find(t, ib)->state, WB_FS_DROPPED);
	assert_memory_equal(wb_tap_find(t, ib)->data, "B\r\n", 3);
	assert_int_equal(wb_tap_stats_get(t)->bytes_out, 3);
	ui_feed_free(fd);
}

static void marks_show_and_explain(void **st)
{
	(void)st;
	wb_tap *t = wb_tap_new(1 << 20);
	ui_wire *m = ui_wire_new(t, 100);
	ui_wire_begin(m, 1, "getresponse");
	wb_tap_add(t, WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE,
		   "HTTP/1.1 200 OK\r\n", 17);
	uint64_t h = wb_tap_add(t, WB_DIR_IN, WB_FK_HEADER, WB_FS_WIRE,
				"X-V: 2\r\n", 8);
	ui_wire_end(m);
	ui_wire_begin(m, 2, "read");
	ui_wire_end(m);
	assert_int_equal(ui_wire_nmarks(m), 0);
	for (size_t i = 0; i < ui_wire_count(m); i++)
		assert_false(ui_wire_marked(m, i));
	ui_wire_mark(m, 1, h, "command 1 (getresponse): header X-V: \"1\" -> \"2\"");
	ui_wire_mark(m, 2, 0, "command 2 (read): body length 3 -> 0");
	ui_wire_mark(m, 1, h, "a second difference on the same frame");
	assert_int_equal(ui_wire_nmarks(m), 2);
	size_t marked = 0;
	wb_buf ex = WB_BUF_INIT;
	for (size_t i = 0; i < ui_wire_count(m); i++) {
		if (!ui_wire_marked(m, i))
			continue;
		marked++;
		assert_non_null(strstr(text(m, i), "\xe2\x89\xa0 differs"));
		ui_wire_explain(m, i, &ex);
		assert_memory_equal(ex.p, "\xe2\x89\xa0 differs from the recording: command ", 35);
		if (strstr(text(m, i), "X-V"))
			assert_non_null(strstr(ex.p, "header X-V: \"1\" -> \"2\" \xc2\xb7 "));
		else
			assert_string_equal(text(m, i), "wb> read  \xe2\x89\xa0 differs");
	}
	assert_int_equal(marked, 2);
	/* the annotation has its room: the header's line is not wrapped */
	ui_wire_layout(m, 40, 0);
	long hl = -1;
	for (size_t i = 0; i < ui_wire_count(m); i++)
		if (strstr(text(m, i), "X-V: 2"))
			hl = (long)i;
	assert_true(hl >= 0 && strstr(text(m, (size_t)hl), "differs"));
	wb_buf_free(&ex);
	ui_wire_free(m);
	wb_tap_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(steps_in_recorded_order),
		cmocka_unit_test(back_rebuilds_the_same_panel),
		cmocka_unit_test(feed_maps_ids),
		cmocka_unit_test(marks_show_and_explain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
