/* The wire tap: ids, buffered -> wire, drops, bounded memory, listeners. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wire/tap.h"

typedef struct seen {
	int news, flushed, dropped;
	uint64_t last_id;
} seen;

static void listener(void *arg, wb_tap_event ev, const wb_frame *f)
{
	seen *s = arg;
	if (ev == WB_TAP_NEW)
		s->news++;
	else if (ev == WB_TAP_FLUSHED)
		s->flushed++;
	else
		s->dropped++;
	s->last_id = f->id;
}

static void buffered_then_flushed(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 20);
	seen s = { 0 };
	wb_tap_listen(t, listener, &s);
	uint64_t a = wb_tap_add(t, WB_DIR_OUT, WB_FK_REQUEST_LINE,
				WB_FS_BUFFERED, "GET / HTTP/1.1\r\n", 16);
	uint64_t b = wb_tap_add(t, WB_DIR_OUT, WB_FK_HEADER, WB_FS_BUFFERED,
				"X: 1\r\n", 6);
	assert_int_equal(b, a + 1);
	assert_int_equal(wb_tap_stats_get(t)->bytes_out, 0);
	wb_tap_flush(t, a);
	assert_int_equal(wb_tap_find(t, a)->state, WB_FS_WIRE);
	assert_int_equal(wb_tap_find(t, b)->state, WB_FS_BUFFERED);
	assert_int_equal(wb_tap_stats_get(t)->bytes_out, 16);
	wb_tap_drop(t, b);
	assert_int_equal(wb_tap_find(t, b)->state, WB_FS_DROPPED);
	assert_int_equal(wb_tap_stats_get(t)->bytes_out, 16);
	assert_int_equal(s.news, 2);
	assert_int_equal(s.flushed, 1);
	assert_int_equal(s.dropped, 1);
	wb_tap_flush(t, b); /* a dropped frame never goes on the wire */
	assert_int_equal(s.flushed, 1);
	wb_tap_free(t);
}

static void bounded_window(void **state)
{
	(void)state;
	size_t cap = 256 * 1024;
	wb_tap *t = wb_tap_new(cap);
	char body[4096];
	memset(body, 'x', sizeof body);
	for (int i = 0; i < 10000; i++)
		wb_tap_add(t, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE, body, sizeof body);
	const wb_tap_stats *st = wb_tap_stats_get(t);
	assert_int_equal(st->frames, 10000);
	assert_int_equal(st->bytes_in, 10000ull * sizeof body);
	assert_true(st->evicted_frames > 9000);
	assert_int_equal(st->evicted_frames + wb_tap_count(t), 10000);
	assert_true(wb_tap_count(t) * sizeof body <= cap);
	/* the window is the newest frames, in order */
	const wb_frame *last = wb_tap_get(t, wb_tap_count(t) - 1);
	assert_int_equal(last->id, 10000);
	assert_null(wb_tap_find(t, 1));
	assert_ptr_equal(wb_tap_find(t, 10000), last);
	wb_tap_free(t);
}

static void long_frames_keep_a_prefix(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 20);
	wb_tap_set_frame_cap(t, 8);
	uint64_t id = wb_tap_add_ex(t, WB_DIR_OUT, WB_FK_CHUNK_SIZE, WB_FS_WIRE,
				    "0123456789", 10, 10, 3, "a note");
	const wb_frame *f = wb_tap_find(t, id);
	assert_int_equal(f->len, 10);
	assert_int_equal(f->stored, 8);
	assert_memory_equal(f->data, "01234567", 8);
	assert_int_equal(f->chunk_size, 10);
	assert_int_equal(f->chunk_no, 3);
	assert_string_equal(f->note, "a note");
	assert_string_equal(wb_fkind_name(f->kind), "chunk-size");
	wb_tap_free(t);
}

/* Notes are kept whole and stored terminal-safe. */
static void notes_whole_and_safe(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 20);
	char name[2001];
	memset(name, 'n', 2000);
	name[2000] = '\0';
	uint64_t id = wb_tap_note(t, WB_FK_TLS, "peer CN=%s end", name);
	const wb_frame *f = wb_tap_find(t, id);
	assert_non_null(f);
	assert_int_equal(strlen(f->note), 2000 + strlen("peer CN= end"));
	id = wb_tap_note(t, WB_FK_TLS, "CN=%s", "\x1b]0;x\x07\xc2\x9b\xe2\x80\xae");
	assert_string_equal(wb_tap_find(t, id)->note,
			    "CN=\\x1b]0;x\\x07\\x9b\\u202e");
	wb_tap_free(t);
}

typedef struct whole {
	size_t stored;
	char data[16];
} whole;

static void keep_whole(void *arg, wb_tap_event ev, const wb_frame *f)
{
	whole *w = arg;
	if (ev != WB_TAP_NEW)
		return;
	w->stored = f->stored;
	memcpy(w->data, f->data, f->stored < 16 ? f->stored : 16);
}

/* A recorder must get every byte even when the window keeps a prefix. */
static void full_listeners_get_every_byte(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 20);
	wb_tap_set_frame_cap(t, 8);
	whole full = { 0 }, part = { 0 };
	wb_tap_listen_full(t, keep_whole, &full);
	wb_tap_listen(t, keep_whole, &part);
	wb_tap_add(t, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE, "0123456789", 10);
	assert_int_equal(full.stored, 10);
	assert_memory_equal(full.data, "0123456789", 10);
	assert_int_equal(part.stored, 8);
	assert_int_equal(wb_tap_get(t, 0)->stored, 8);
	wb_tap_free(t);
}

/* By default a frame is kept whole up to half the tap's byte cap. */
static void default_keeps_whole_frames(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 20);
	static char big[300 * 1024];
	memset(big, 'b', sizeof big);
	wb_tap_add(t, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE, big, sizeof big);
	assert_int_equal(wb_tap_get(t, 0)->stored, sizeof big);
	wb_tap_add(t, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE, big, 100000);
	assert_int_equal(wb_tap_get(t, 1)->stored, 100000);
	wb_tap_free(t);
}

static void stats_count_requests_and_connects(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(0);
	wb_tap_note(t, WB_FK_OPEN, "connected to %s", "h");
	wb_tap_note(t, WB_FK_INFO, "not a connect");
	wb_tap_count_request(t);
	assert_int_equal(wb_tap_stats_get(t)->connects, 1);
	assert_int_equal(wb_tap_stats_get(t)->requests, 1);
	assert_string_equal(wb_tap_get(t, 0)->note, "connected to h");
	wb_tap_free(t);
}

/* A note is never cut, however long its text (a 600-character tunnel host
 * once lost the end of "tunnel to HOST:PORT open"). */
static void long_note_whole(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 20);
	char host[1500];
	memset(host, 'h', sizeof host - 1);
	host[sizeof host - 1] = '\0';
	uint64_t id = wb_tap_note(t, WB_FK_INFO, "tunnel to %s:%d open", host, 443);
	const wb_frame *f = wb_tap_find(t, id);
	assert_non_null(f);
	assert_non_null(f->note);
	assert_int_equal(strlen(f->note), strlen(host) + strlen("tunnel to :443 open"));
	assert_string_equal(f->note + strlen(f->note) - 9, ":443 open");
	wb_tap_free(t);
}

/* A listener that records the order of calls and may remove listeners
 * (itself or another) from inside the call. */
typedef struct order {
	wb_tap *tap;
	char *log;       /* one letter per call appended */
	char name;
	struct order *drop; /* unlistened on the first call, or NULL */
} order;

static void ordered(void *arg, wb_tap_event ev, const wb_frame *f)
{
	(void)ev;
	(void)f;
	order *o = arg;
	size_t n = strlen(o->log);
	o->log[n] = o->name;
	o->log[n + 1] = '\0';
	if (o->drop) {
		wb_tap_unlisten(o->tap, ordered, o->drop);
		o->drop = NULL;
	}
}

/* Emptied entries are skipped without a check on every frame: removing a
 * listener (between frames or from inside a call) stops its calls and
 * keeps the others in order; a new listener takes the first empty entry. */
static void listeners_removed_and_reused(void **state)
{
	(void)state;
	char log[64] = "";
	wb_tap *t = wb_tap_new(1 << 12);
	order a = { t, log, 'a', NULL }, b = { t, log, 'b', NULL },
	      c = { t, log, 'c', NULL }, d = { t, log, 'd', NULL };
	wb_tap_listen(t, ordered, &a);
	wb_tap_listen(t, ordered, &b);
	wb_tap_listen_full(t, ordered, &c);
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "abc");
	wb_tap_unlisten(t, ordered, &b); /* the middle one */
	log[0] = '\0';
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "ac");
	wb_tap_listen(t, ordered, &d); /* takes b's entry */
	log[0] = '\0';
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "adc");
	a.drop = &d; /* a removes d during the frame: d is not called */
	log[0] = '\0';
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "ac");
	c.drop = &c; /* the last one removes itself */
	log[0] = '\0';
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "ac");
	log[0] = '\0';
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "a");
	wb_tap_unlisten(t, ordered, &a);
	log[0] = '\0';
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "");
	wb_tap_listen(t, ordered, &b);
	wb_tap_add(t, WB_DIR_OUT, WB_FK_RAW, WB_FS_WIRE, "x", 1);
	assert_string_equal(log, "b");
	wb_tap_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buffered_then_flushed),
		cmocka_unit_test(bounded_window),
		cmocka_unit_test(long_frames_keep_a_prefix),
		cmocka_unit_test(stats_count_requests_and_connects),
		cmocka_unit_test(notes_whole_and_safe),
		cmocka_unit_test(long_note_whole),
		cmocka_unit_test(full_listeners_get_every_byte),
		cmocka_unit_test(default_keeps_whole_frames),
		cmocka_unit_test(listeners_removed_and_reused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
