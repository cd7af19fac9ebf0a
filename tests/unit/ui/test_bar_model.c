/* test_ui_status.c - the status line's text (connection, proxy, TLS
 * verification, state, byte counts, timings) and the timings taken from
 * tap events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "../../../ui/model/bar_model.c"

#define SEP " \xe2\x94\x82 " /* " │ " */

#define assert_near(a, b)                                                     \
	do {                                                                  \
		double a_ = (a), b_ = (b);                                    \
		if (a_ - b_ < -1e-9 || a_ - b_ > 1e-9)                        \
			fail_msg("%s = %.9f, not %.9f", #a, a_, b_);          \
	} while (0)


static wb_frame frame(wb_dir dir, wb_fkind kind, wb_fstate st,
		      const char *note)
{
	return (wb_frame){ .dir = dir, .kind = kind, .state = st,
			   .chunk_size = -1, .note = note };
}

/* --- the status line -------------------------------------------------- */

static void test_no_connection(void **st)
{
	(void)st;
	ui_timing tm;
	ui_timing_init(&tm);
	ui_bar_info si = { .will_close = -1, .tm = &tm };
	wb_buf b = WB_BUF_INIT;
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " no connection (open URL)" SEP "Idle" SEP
		      "out 0 B in 0 B");
	assert_null(strstr(b.p, "waiting"));
	assert_null(strstr(b.p, "keep-alive"));
	assert_null(strstr(b.p, "will-close"));
	assert_null(strstr(b.p, "connect "));
	assert_null(strstr(b.p, "ttfb"));
	assert_null(strstr(b.p, "xfer"));
	wb_buf_free(&b);
}

static void test_direct_http(void **st)
{
	(void)st;
	ui_timing tm;
	ui_timing_init(&tm);
	tm.connect = 0.0125;
	tm.ttfb = 0.25;
	tm.transfer = 1.5;
	ui_bar_info si = {
		.url = "http://127.0.0.1:8080/", .transport = "tcp 127.0.0.1:8080",
		.host = "127.0.0.1", .port = 8080, .state = "Request-sent",
		.will_close = 0, .out = 9999, .in = 10000, .tm = &tm,
	};
	wb_buf b = WB_BUF_INIT;
	ui_bar_format(&b, &si);
	assert_string_equal(b.p, " http://127.0.0.1:8080 [tcp 127.0.0.1:8080]"
			    SEP "Request-sent" SEP "keep-alive" SEP
			    "out 9999 B in 9 KiB" SEP
			    " connect 12.5ms ttfb 250.0ms xfer 1.50s");
	assert_null(strstr(b.p, "TLS VERIFY OFF"));
	assert_null(strstr(b.p, "proxy"));
	wb_buf_free(&b);
}

static void test_https_tunnel_insecure(void **st)
{
	(void)st;
	ui_timing tm;
	ui_timing_init(&tm);
	ui_bar_info si = {
		.url = "https://example.com/", .transport = NULL,
		.host = "proxy.local", .port = 3128, .https = 1, .tunnel = 1,
		.target = "example.com", .target_port = 443, .insecure = 1,
		.state = "Idle", .will_close = 1, .out = 0, .in = 0, .tm = &tm,
	};
	wb_buf b = WB_BUF_INIT;
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " https://example.com:443 via CONNECT proxy "
		      "proxy.local:3128 !! TLS VERIFY OFF [no socket]" SEP
		      "Idle" SEP "will-close" SEP "out 0 B in 0 B");
	assert_non_null(strstr(b.p, "via CONNECT proxy"));
	assert_non_null(strstr(b.p, "TLS VERIFY OFF"));

	/* verification on: no warning */
	si.insecure = 0;
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " https://example.com:443 via CONNECT proxy "
		      "proxy.local:3128 [no socket]");
	assert_null(strstr(b.p, "VERIFY"));
	wb_buf_free(&b);
}

static void test_plain_proxy_and_https_direct(void **st)
{
	(void)st;
	ui_timing tm;
	ui_timing_init(&tm);
	ui_bar_info si = {
		.url = "http://example.com/", .host = "proxy.local",
		.port = 3128, .target = "http://example.com:80",
		.transport = "tcp 10.0.0.1:3128", .will_close = -1, .tm = &tm,
	};
	wb_buf b = WB_BUF_INIT;
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " http://example.com:80 via proxy proxy.local:3128 "
		      "[tcp 10.0.0.1:3128]" SEP "Idle" SEP "out 0 B");
	assert_null(strstr(b.p, "CONNECT"));

	si = (ui_bar_info){ .url = "https://example.com/",
			       .host = "example.com", .port = 443, .https = 1,
			       .insecure = 1, .will_close = -1, .tm = &tm };
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " https://example.com:443 !! TLS VERIFY OFF "
		      "[no socket]" SEP "Idle");
	wb_buf_free(&b);
}

static void test_busy_first(void **st)
{
	(void)st;
	ui_timing tm;
	ui_timing_init(&tm);
	ui_bar_info si = { .url = "http://h/", .host = "h", .port = 80,
			      .will_close = -1, .tm = &tm,
			      .busy = "getresponse" };
	wb_buf b = WB_BUF_INIT;
	wb_buf_adds(&b, "stale text");
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " waiting: getresponse (Ctrl-C cancels)" SEP);
	assert_non_null(strstr(b.p, "http://h:80 [no socket]"));
	assert_null(strstr(b.p, "stale"));
	wb_buf_free(&b);
}

static void test_byte_units(void **st)
{
	(void)st;
	static const struct {
		uint64_t n;
		const char *text;
	} cases[] = {
		{ 0, "out 0 B in 0 B" },
		{ 9999, "out 9999 B in 9999 B" },
		{ 10000, "out 9 KiB in 9 KiB" },
		{ 10239999, "out 9999 KiB in 9999 KiB" },
		{ 10240000, "out 9 MiB in 9 MiB" },
		{ 5ull << 30, "out 5120 MiB in 5120 MiB" },
	};
	ui_timing tm;
	ui_timing_init(&tm);
	wb_buf b = WB_BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ui_bar_info si = { .will_close = -1, .tm = &tm,
				      .out = cases[i].n, .in = cases[i].n };
		ui_bar_format(&b, &si);
		if (!strstr(b.p, cases[i].text))
			fail_msg("%llu: \"%s\" lacks \"%s\"",
				 (unsigned long long)cases[i].n, b.p,
				 cases[i].text);
	}
	wb_buf_free(&b);
}

/* --- timings ------------------------------------------------------------ */

static void test_timing_init(void **st)
{
	(void)st;
	ui_timing t;
	memset(&t, 0x5a, sizeof t);
	ui_timing_init(&t);
	assert_near(t.connect, -1);
	assert_near(t.ttfb, -1);
	assert_near(t.transfer, -1);
	assert_int_equal(t.awaiting, 0);
}

static void test_timing_exchange(void **st)
{
	(void)st;
	ui_timing t;
	ui_timing_init(&t);
	ui_timing_begin(&t, 10.0);

	wb_frame f = frame(WB_DIR_NOTE, WB_FK_OPEN, WB_FS_WIRE,
			   "connecting to 127.0.0.1:8080");
	ui_timing_frame(&t, WB_TAP_NEW, &f, 10.125);
	assert_near(t.connect, -1);
	f.note = "connected to 127.0.0.1:8080 (tcp)";
	ui_timing_frame(&t, WB_TAP_NEW, &f, 10.25);
	assert_near(t.connect, 0.25);

	/* buffered bytes are not sent yet: no wait for a reply starts */
	f = frame(WB_DIR_OUT, WB_FK_REQUEST_LINE, WB_FS_BUFFERED, NULL);
	ui_timing_frame(&t, WB_TAP_NEW, &f, 10.375);
	assert_int_equal(t.awaiting, 0);
	/* they go on the wire with endheaders */
	f.state = WB_FS_WIRE;
	ui_timing_frame(&t, WB_TAP_FLUSHED, &f, 10.5);
	assert_int_equal(t.awaiting, 1);

	f = frame(WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE, NULL);
	ui_timing_frame(&t, WB_TAP_NEW, &f, 10.75);
	assert_near(t.ttfb, 0.25);
	assert_near(t.transfer, 0);
	assert_int_equal(t.awaiting, 0);
	f.kind = WB_FK_BODY;
	ui_timing_frame(&t, WB_TAP_NEW, &f, 12.0);
	assert_near(t.ttfb, 0.25);
	assert_near(t.transfer, 1.25);
	assert_near(t.connect, 0.25);

	ui_bar_info si = { .will_close = -1, .tm = &t };
	wb_buf b = WB_BUF_INIT;
	ui_bar_format(&b, &si);
	assert_non_null(strstr(b.p, SEP " connect 250.0ms ttfb 250.0ms "
				     "xfer 1.25s"));
	wb_buf_free(&b);
}

static void test_timing_dropped_ignored(void **st)
{
	(void)st;
	ui_timing t;
	ui_timing_init(&t);
	ui_timing_begin(&t, 1.0);
	wb_frame f = frame(WB_DIR_OUT, WB_FK_HEADER, WB_FS_WIRE, NULL);
	ui_timing_frame(&t, WB_TAP_DROPPED, &f, 2.0);
	assert_int_equal(t.awaiting, 0);
	f = frame(WB_DIR_NOTE, WB_FK_OPEN, WB_FS_WIRE, "connected to x:1 (tcp)");
	ui_timing_frame(&t, WB_TAP_DROPPED, &f, 2.0);
	assert_near(t.connect, -1);
	/* a note that is not about opening does not set connect */
	f = frame(WB_DIR_NOTE, WB_FK_INFO, WB_FS_WIRE, "connected to x:1 (tcp)");
	ui_timing_frame(&t, WB_TAP_NEW, &f, 2.0);
	assert_near(t.connect, -1);
	assert_near(t.ttfb, -1);
	assert_near(t.transfer, -1);
}

/* The request went out, the user typed getresponse later: the time to the
 * first byte counts from that command, not from the send. */
static void test_timing_late_getresponse(void **st)
{
	(void)st;
	ui_timing t;
	ui_timing_init(&t);
	ui_timing_begin(&t, 100.0);
	wb_frame out = frame(WB_DIR_OUT, WB_FK_END_HEADERS, WB_FS_WIRE, NULL);
	ui_timing_frame(&t, WB_TAP_NEW, &out, 100.5);
	ui_timing_begin(&t, 130.0);
	wb_frame in = frame(WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE, NULL);
	ui_timing_frame(&t, WB_TAP_NEW, &in, 130.125);
	assert_near(t.ttfb, 0.125);

	/* the next request on the same connection, answered while waiting */
	ui_timing_begin(&t, 200.0);
	ui_timing_frame(&t, WB_TAP_NEW, &out, 200.25);
	ui_timing_frame(&t, WB_TAP_NEW, &in, 200.75);
	assert_near(t.ttfb, 0.5);
	assert_near(t.transfer, 0);
}

/* getresponse, six seconds of thinking, read: xfer is what the network
 * did in the two commands, not the wait between them. */
static void test_timing_think_time(void **st)
{
	(void)st;
	ui_timing t;
	ui_timing_init(&t);
	wb_frame out = frame(WB_DIR_OUT, WB_FK_END_HEADERS, WB_FS_WIRE, NULL);
	wb_frame in = frame(WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE, NULL);
	ui_timing_begin(&t, 0.0);
	ui_timing_frame(&t, WB_TAP_NEW, &out, 0.0);
	ui_timing_begin(&t, 1.0); /* getresponse */
	ui_timing_frame(&t, WB_TAP_NEW, &in, 1.25);
	in.kind = WB_FK_HEADER;
	ui_timing_frame(&t, WB_TAP_NEW, &in, 1.375);
	assert_near(t.ttfb, 0.25);
	assert_near(t.transfer, 0.125);
	ui_timing_begin(&t, 7.5); /* read, after six seconds of thinking */
	in.kind = WB_FK_BODY;
	ui_timing_frame(&t, WB_TAP_NEW, &in, 7.5);
	ui_timing_frame(&t, WB_TAP_NEW, &in, 7.625);
	assert_near(t.transfer, 0.25);
	ui_timing_begin(&t, 20.0); /* a read of a slow body: network time */
	ui_timing_frame(&t, WB_TAP_NEW, &in, 22.0);
	assert_near(t.transfer, 2.25);

	/* the next request starts a new exchange on the reused connection */
	t.connect = 0.5;
	ui_timing_begin(&t, 30.0);
	ui_timing_frame(&t, WB_TAP_NEW, &out, 30.0);
	assert_near(t.ttfb, -1);
	assert_near(t.transfer, -1);
	assert_near(t.connect, -1);
	/* a new connection keeps its connect time for its first request */
	wb_frame c = frame(WB_DIR_NOTE, WB_FK_OPEN, WB_FS_WIRE,
			   "connected to x:1 (tcp)");
	in.kind = WB_FK_STATUS_LINE;
	ui_timing_frame(&t, WB_TAP_NEW, &in, 30.5);
	ui_timing_begin(&t, 40.0);
	ui_timing_frame(&t, WB_TAP_NEW, &c, 40.125);
	ui_timing_frame(&t, WB_TAP_NEW, &out, 40.25);
	assert_near(t.connect, 0.125);
	assert_near(t.ttfb, -1);
}

/* The footer keeps "F10 quit" at any width, dropping lesser hints. */
static void test_footer_fits(void **st)
{
	(void)st;
	wb_buf b = WB_BUF_INIT;
	static const size_t widths[] = { 200, 100, 80, 60, 40, 20 };
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		ui_footer_format(&b, widths[i]);
		size_t cols = 0;
		for (size_t k = 0; k < b.n; k++)
			cols += ((unsigned char)b.p[k] & 0xc0) != 0x80;
		assert_non_null(strstr(b.p, "F1 help"));
		assert_non_null(strstr(b.p, "F10 quit"));
		if (widths[i] >= 20)
			assert_true(cols <= widths[i]);
	}
	ui_footer_format(&b, 200);
	assert_non_null(strstr(b.p, "F2 hex"));
	assert_non_null(strstr(b.p, "PgUp/PgDn scroll"));
	ui_footer_format(&b, 80);
	assert_null(strstr(b.p, "F2 hex")); /* the least needed went first */
	assert_non_null(strstr(b.p, "Tab completes"));
	ui_footer_format(&b, 20);
	assert_string_equal(b.p, "F1 help \xc2\xb7 F10 quit");
	wb_buf_free(&b);
}

/* Offline and replay footers lead with where the user is. */
static void test_footer_modes(void **st)
{
	(void)st;
	wb_buf b = WB_BUF_INIT;
	ui_footer_mode(&b, 200, UI_FOOT_OFFLINE, 3, 14);
	assert_prefix(b.p, "offline: command 3/14 \xc2\xb7 Space/n next \xc2\xb7 "
		      "p/Backspace back");
	assert_non_null(strstr(b.p, "F10 quit"));
	ui_footer_mode(&b, 40, UI_FOOT_OFFLINE, 3, 14);
	assert_prefix(b.p, "offline: command 3/14 \xc2\xb7 Space/n next");
	assert_null(strstr(b.p, "F2 hex"));
	assert_non_null(strstr(b.p, "F10 quit"));
	ui_footer_mode(&b, 200, UI_FOOT_REPLAY, 0, 1);
	assert_prefix(b.p, "replay: 1 difference \xc2\xb7 \xe2\x89\xa0 marks them");
	ui_footer_mode(&b, 200, UI_FOOT_REPLAY, 0, 2);
	assert_prefix(b.p, "replay: 2 differences");
	ui_footer_mode(&b, 80, UI_FOOT_LIVE, 0, 0);
	wb_buf live = WB_BUF_INIT;
	ui_footer_format(&live, 80);
	assert_string_equal(b.p, live.p);
	wb_buf_free(&live);
	wb_buf_free(&b);
}

/* Offline: the recording's URL and no connection; a replay shown: its
 * differences counted first. */
static void test_offline_and_replay_bar(void **st)
{
	(void)st;
	ui_timing tm;
	ui_timing_init(&tm);
	ui_bar_info si = { .url = "http://h:1/", .offline = 1, .will_close = 0,
			   .state = "recorded", .out = 20, .in = 30, .tm = &tm };
	wb_buf b = WB_BUF_INIT;
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " offline: http://h:1/ [recorded, no network]" SEP
		      "recorded" SEP "keep-alive" SEP "out 20 B in 30 B");
	si.offline = 0;
	si.url = NULL;
	si.replay = 1;
	si.diffs = 1;
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " replay: 1 difference" SEP " no connection");
	si.diffs = 0;
	ui_bar_format(&b, &si);
	assert_prefix(b.p, " replay: 0 differences" SEP);
	wb_buf_free(&b);
}

/* `open` starts the counters and the timings over. */
static void test_open_resets(void **st)
{
	(void)st;
	ui_timing t;
	ui_timing_init(&t);
	t.ttfb = 1;
	t.transfer = 2;
	ui_timing_open(&t, 1000, 5000);
	assert_near(t.ttfb, -1);
	assert_near(t.transfer, -1);
	ui_bar_info si = { .url = "http://x/", .will_close = -1, .tm = &t,
			   .out = 1100, .in = 5300 };
	wb_buf b = WB_BUF_INIT;
	ui_bar_format(&b, &si);
	assert_non_null(strstr(b.p, "out 100 B in 300 B"));
	assert_null(strstr(b.p, "ttfb"));
	wb_buf_free(&b);
}

/* Timings fed through a real tap: the flush of buffered frames counts as
 * the send. */
typedef struct tap_clock {
	ui_timing *t;
	double now;
} tap_clock;

static void on_tap(void *arg, wb_tap_event ev, const wb_frame *f)
{
	tap_clock *c = arg;
	ui_timing_frame(c->t, ev, f, c->now);
}

static void test_timing_from_tap(void **st)
{
	(void)st;
	ui_timing t;
	ui_timing_init(&t);
	tap_clock c = { .t = &t };
	wb_tap *tap = wb_tap_new(1 << 16);
	assert_non_null(tap);
	wb_tap_listen(tap, on_tap, &c);
	ui_timing_begin(&t, 0.0);
	c.now = 0.5;
	wb_tap_note(tap, WB_FK_OPEN, "connected to %s:%d (%s)", "10.0.0.1", 80,
		    "tcp");
	c.now = 1.0;
	uint64_t id = wb_tap_add(tap, WB_DIR_OUT, WB_FK_REQUEST_LINE,
				 WB_FS_BUFFERED, "GET / HTTP/1.1\r\n", 16);
	assert_int_equal(t.awaiting, 0);
	c.now = 2.0;
	wb_tap_flush(tap, id);
	assert_int_equal(t.awaiting, 1);
	c.now = 2.5;
	wb_tap_add(tap, WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE,
		   "HTTP/1.1 200 OK\r\n", 17);
	assert_near(t.connect, 0.5);
	assert_near(t.ttfb, 0.5);
	wb_tap_free(tap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_connection),
		cmocka_unit_test(test_footer_modes),
		cmocka_unit_test(test_offline_and_replay_bar),
		cmocka_unit_test(test_direct_http),
		cmocka_unit_test(test_https_tunnel_insecure),
		cmocka_unit_test(test_plain_proxy_and_https_direct),
		cmocka_unit_test(test_busy_first),
		cmocka_unit_test(test_byte_units),
		cmocka_unit_test(test_timing_init),
		cmocka_unit_test(test_timing_exchange),
		cmocka_unit_test(test_timing_dropped_ignored),
		cmocka_unit_test(test_timing_late_getresponse),
		cmocka_unit_test(test_timing_think_time),
		cmocka_unit_test(test_open_resets),
		cmocka_unit_test(test_footer_fits),
		cmocka_unit_test(test_timing_from_tap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
