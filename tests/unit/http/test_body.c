/* Body objects as http.client sees them: Python's repr() of each kind
 * (what debug output prints; the expected texts are Python 3.11's), and the
 * pieces each kind is sent in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/body.h"

static void assert_repr(const wb_body *b, const char *want)
{
	wb_buf out = WB_BUF_INIT;
	assert_int_equal(wb_body_repr(b, &out), WB_OK);
	assert_string_equal(out.p, want);
	wb_buf_free(&out);
}

static void reprs(void **state)
{
	(void)state;
	wb_body none = { .kind = WB_BODY_NONE };
	assert_repr(&none, "None");
	wb_body text = { .kind = WB_BODY_TEXT, .p = "a\tb", .n = 3 };
	assert_repr(&text, "'a\\tb'");
	wb_body bytes = { .kind = WB_BODY_BYTES, .p = "\0a'", .n = 3 };
	assert_repr(&bytes, "b\"\\x00a'\"");
	wb_body bin = { .kind = WB_BODY_FILE, .name = "dir/x.bin" };
	assert_repr(&bin, "<_io.BufferedReader name='dir/x.bin'>");
	wb_body txt = { .kind = WB_BODY_FILE, .name = "t.txt",
			.encoding = "latin-1" };
	assert_repr(&txt, "<_io.TextIOWrapper name='t.txt' mode='r' "
			  "encoding='latin-1'>");
	wb_piece pieces[2] = { { "a", 1 }, { "", 0 } };
	wb_body list = { .kind = WB_BODY_PIECES, .pieces = pieces,
			 .npieces = 2 };
	assert_repr(&list, "[b'a', b'']");
}

/* None sends nothing; str and bytes go as one piece. */
static void pieces_of_each_kind(void **state)
{
	(void)state;
	const char *p;
	size_t n;
	wb_body_iter it;
	wb_body none = { .kind = WB_BODY_NONE };
	wb_body_iter_init(&it, &none, 8192);
	assert_int_equal(wb_body_iter_next(&it, &p, &n), 0);
	wb_body_iter_done(&it);
	wb_body text = { .kind = WB_BODY_TEXT, .p = "abc", .n = 3 };
	wb_body_iter_init(&it, &text, 1);
	assert_int_equal(wb_body_iter_next(&it, &p, &n), 1);
	assert_int_equal(n, 3);
	assert_memory_equal(p, "abc", 3);
	assert_int_equal(wb_body_iter_next(&it, &p, &n), 0);
	wb_body_iter_done(&it);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reprs),
		cmocka_unit_test(pieces_of_each_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
