/* test_ui_scroll.c - the scroll, follow and search model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "../../../ui/model/scroll.c"

static void test_follow_sticks(void **st)
{
	(void)st;
	ui_scroll s;
	ui_scroll_init(&s);
	ui_scroll_resize(&s, 5, 10);
	assert_int_equal(s.top, 0);
	ui_scroll_resize(&s, 25, 10);
	assert_int_equal(s.top, 15);
	assert_true(s.follow);
	ui_scroll_by(&s, -3);
	assert_false(s.follow);
	assert_int_equal(s.top, 12);
	ui_scroll_resize(&s, 40, 10);
	assert_int_equal(s.top, 12);
	ui_scroll_by(&s, 100);
	assert_true(s.follow);
	assert_int_equal(s.top, 30);
	ui_scroll_resize(&s, 50, 10);
	assert_int_equal(s.top, 40);
	ui_scroll_resize(&s, 50, 20);
	assert_int_equal(s.top, 30);
}

static void test_pages_home_end(void **st)
{
	(void)st;
	ui_scroll s;
	ui_scroll_init(&s);
	ui_scroll_resize(&s, 100, 10);
	ui_scroll_page(&s, -1);
	assert_int_equal(s.top, 81);
	ui_scroll_home(&s);
	assert_int_equal(s.top, 0);
	assert_false(s.follow);
	ui_scroll_by(&s, -5);
	assert_int_equal(s.top, 0);
	ui_scroll_page(&s, 2);
	assert_int_equal(s.top, 18);
	ui_scroll_end(&s);
	assert_int_equal(s.top, 90);
	assert_true(s.follow);
}

static void test_shift_on_eviction(void **st)
{
	(void)st;
	ui_scroll s;
	ui_scroll_init(&s);
	ui_scroll_resize(&s, 100, 10);
	ui_scroll_by(&s, -50);
	s.mark = 45;
	ui_scroll_shift(&s, 30);
	assert_int_equal(s.top, 10);
	assert_int_equal(s.mark, 15);
	assert_int_equal(s.total, 70);
	ui_scroll_shift(&s, 20);
	assert_int_equal(s.top, 0);
	assert_int_equal(s.mark, -1);
}

static void test_show_line(void **st)
{
	(void)st;
	ui_scroll s;
	ui_scroll_init(&s);
	ui_scroll_resize(&s, 100, 9);
	ui_scroll_show(&s, 30);
	assert_int_equal(s.top, 27);
	assert_int_equal(s.mark, 30);
	assert_false(s.follow);
	ui_scroll_show(&s, 32);
	assert_int_equal(s.top, 27);
	ui_scroll_show(&s, 99);
	assert_int_equal(s.top, 91);
	assert_true(s.follow);
	ui_scroll_show(&s, 500);
	assert_int_equal(s.mark, 99);
}

static const char *const lines[] = { "GET / HTTP/1.1", "Host: x", "",
				     "HTTP/1.1 200 OK", "host: y" };

static void text_of(void *arg, size_t i, wb_buf *out)
{
	(void)arg;
	wb_buf_clear(out);
	wb_buf_adds(out, lines[i]);
}

static int is_request(void *arg, size_t i)
{
	(void)arg;
	return lines[i][0] == 'G';
}

static void test_search(void **st)
{
	(void)st;
	assert_int_equal(ui_search(5, -1, 1, "host", text_of, NULL), 1);
	assert_int_equal(ui_search(5, 1, 1, "HOST", text_of, NULL), 4);
	assert_int_equal(ui_search(5, 4, 1, "host", text_of, NULL), 1);
	assert_int_equal(ui_search(5, 1, -1, "host", text_of, NULL), 4);
	assert_int_equal(ui_search(5, -1, -1, "200", text_of, NULL), 3);
	assert_int_equal(ui_search(5, 0, 1, "nothing", text_of, NULL), -1);
	assert_int_equal(ui_search(5, 0, 1, "", text_of, NULL), -1);
	assert_int_equal(ui_search(0, 0, 1, "x", text_of, NULL), -1);
	assert_int_equal(ui_search(5, 0, 1, "GET", text_of, NULL), 0);
}

static void test_seek(void **st)
{
	(void)st;
	assert_int_equal(ui_seek(5, -1, 1, is_request, NULL), 0);
	assert_int_equal(ui_seek(5, 0, 1, is_request, NULL), -1);
	assert_int_equal(ui_seek(5, 4, -1, is_request, NULL), 0);
	assert_int_equal(ui_seek(5, 0, -1, is_request, NULL), -1);
}

static void test_cursor(void **st)
{
	(void)st;
	ui_scroll s;
	ui_scroll_init(&s);
	ui_scroll_resize(&s, 30, 10);
	ui_scroll_cursor(&s, -1); /* first press: the last visible line */
	assert_int_equal(s.mark, 29);
	assert_int_equal(s.top, 20);
	ui_scroll_cursor(&s, -1);
	assert_int_equal(s.mark, 28);
	assert_false(s.follow);
	for (int i = 0; i < 8; i++)
		ui_scroll_cursor(&s, -1);
	assert_int_equal(s.mark, 20);
	assert_int_equal(s.top, 20); /* still in view: no scrolling yet */
	ui_scroll_cursor(&s, -1);
	assert_int_equal(s.mark, 19);
	assert_int_equal(s.top, 19); /* scrolled by just one line */
	ui_scroll_cursor(&s, -100);
	assert_int_equal(s.mark, 0);
	assert_int_equal(s.top, 0);
	ui_scroll_cursor(&s, 12);
	assert_int_equal(s.mark, 12);
	assert_int_equal(s.top, 3);
	ui_scroll_cursor(&s, 100);
	assert_int_equal(s.mark, 29);
	assert_true(s.follow);
	ui_scroll_init(&s);
	ui_scroll_resize(&s, 30, 10);
	s.top = 5;
	s.follow = 0;
	ui_scroll_cursor(&s, 1); /* down from no mark: the first visible line */
	assert_int_equal(s.mark, 5);
	ui_scroll_init(&s);
	ui_scroll_cursor(&s, 1); /* empty list: nothing to mark */
	assert_int_equal(s.mark, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_follow_sticks),
		cmocka_unit_test(test_pages_home_end),
		cmocka_unit_test(test_shift_on_eviction),
		cmocka_unit_test(test_show_line),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_cursor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
