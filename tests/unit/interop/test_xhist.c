/* The export history: frame times kept for the newest frames only, a
 * table that grows with the frames seen, request origins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "interop/xhist.h"

static uint64_t add(wb_tap *t, wb_fkind k, wb_fstate st)
{
	return wb_tap_add(t, WB_DIR_OUT, k, st, "x", 1);
}

static void times_of_recent_frames(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 12);
	wb_xhist *h = wb_xhist_new(t);
	assert_non_null(h);
	double clock = 5.0, a, b;
	wb_xhist_set_clock(h, &clock);
	uint64_t first = add(t, WB_FK_BODY, WB_FS_BUFFERED);
	clock = 6.0;
	wb_tap_flush(t, first);
	wb_xhist_times(h, first, &a, &b);
	assert_true(a == 5.0 && b == 6.0);
	/* past the ring of 65536: the first frame's slot is reused */
	uint64_t last = first;
	for (unsigned i = 0; i < 70000; i++) {
		clock = 10.0 + i;
		last = add(t, WB_FK_BODY, WB_FS_WIRE);
	}
	wb_xhist_times(h, last, &a, &b);
	assert_true(a == 10.0 + 69999 && b == a);
	wb_xhist_times(h, first, &a, &b);
	assert_true(a == 0 && b == 0);
	wb_xhist_times(h, last + 1, &a, &b); /* not yet seen */
	assert_true(a == 0 && b == 0);
	wb_xhist_free(h);
	wb_tap_free(t);
}

static void origins_are_stamped(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 12);
	wb_xhist *h = wb_xhist_new(t);
	assert_non_null(h);
	uint64_t none = add(t, WB_FK_REQUEST_LINE, WB_FS_WIRE);
	wb_xhist_set_origin(h, "http://127.0.0.1:8080");
	uint64_t one = add(t, WB_FK_REQUEST_LINE, WB_FS_WIRE);
	assert_null(wb_xhist_origin(h, none));
	assert_string_equal(wb_xhist_origin(h, one), "http://127.0.0.1:8080");
	wb_xhist_free(h);
	wb_tap_free(t);
}

/* An entry is kept per change of origin: each request line still reads
 * the origin set last before it, whatever came after. */
static void origins_follow_changes(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 12);
	wb_xhist *h = wb_xhist_new(t);
	assert_non_null(h);
	static const char *const set[] = { "http://a:1", "http://a:1",
					   "http://b:2", NULL, "http://a:1" };
	uint64_t ids[5][2];
	for (int i = 0; i < 5; i++) {
		wb_xhist_set_origin(h, set[i]);
		ids[i][0] = add(t, WB_FK_REQUEST_LINE, WB_FS_WIRE);
		add(t, WB_FK_HEADER, WB_FS_WIRE);
		ids[i][1] = add(t, WB_FK_REQUEST_LINE, WB_FS_WIRE);
	}
	for (int i = 0; i < 5; i++) {
		for (int k = 0; k < 2; k++) {
			const char *o = wb_xhist_origin(h, ids[i][k]);
			if (set[i])
				assert_string_equal(o, set[i]);
			else
				assert_null(o);
		}
	}
	wb_xhist_free(h);
	wb_tap_free(t);
}

/* The time table follows the tap's window: every frame the tap holds
 * has its times, and the table does not grow past what the window needs
 * (a ring of a few thousand slots for a small cap, not 65,536). */
static void times_cover_the_window(void **state)
{
	(void)state;
	wb_tap *t = wb_tap_new(1 << 17);
	wb_xhist *h = wb_xhist_new(t);
	assert_non_null(h);
	double clock = 1.0, a, b;
	wb_xhist_set_clock(h, &clock);
	for (unsigned i = 0; i < 50000; i++) {
		clock = 2.0 + i;
		add(t, WB_FK_BODY, WB_FS_WIRE);
	}
	size_t n = wb_tap_count(t);
	assert_true(n > 100 && n < 20000);
	for (size_t i = 0; i < n; i++) {
		const wb_frame *f = wb_tap_get(t, i);
		wb_xhist_times(h, f->id, &a, &b);
		assert_true(a == 2.0 + (double)(f->id - 1) && b == a);
	}
	/* the first frame, long evicted: a ring of 65,536 would still have
	 * it, one sized to the window has reused its slot */
	wb_xhist_times(h, 1, &a, &b);
	assert_true(a == 0 && b == 0);
	wb_xhist_free(h);
	wb_tap_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(times_of_recent_frames),
		cmocka_unit_test(origins_are_stamped),
		cmocka_unit_test(origins_follow_changes),
		cmocka_unit_test(times_cover_the_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
