/* test_reader.c - io.BufferedReader's read sizes. The expected buffered
 * counts come from Python 3.11's io.BufferedReader(8192) over a raw stream
 * returning at most `piece` bytes per read. */
#include "testutil_resp.h"

#include "http/reader.h"

typedef struct {
	const char *op;
	int64_t n;
	size_t piece, got, buffered;
} rcase;

static void run(const rcase *c)
{
	wb_buf in = WB_BUF_INIT, out = WB_BUF_INIT, msg = WB_BUF_INIT;
	for (int i = 0; i < 3000; i++)
		wb_buf_addc(&in, 'a');
	wb_buf_addc(&in, '\n');
	for (int i = 0; i < 40000; i++)
		wb_buf_addc(&in, 'b');
	tu_wire w;
	tu_wire_open(&w, in.p, in.n, c->piece);
	wb_rd *r = wb_rd_new(w.t, w.tap);
	uint64_t got = 0;
	const char *p;
	size_t pn;
	wb_err e;
	if (!strcmp(c->op, "read"))
		e = wb_rd_read(r, c->n, tu_collect, &out, &got, &msg);
	else if (!strcmp(c->op, "readline"))
		e = wb_rd_readline(r, c->n, tu_collect, &out, &got, &msg);
	else if (!strcmp(c->op, "read1"))
		e = wb_rd_read1(r, c->n, tu_collect, &out, &got, &msg);
	else
		e = wb_rd_peek(r, &p, &pn, &msg), got = pn;
	assert_int_equal(e, WB_OK);
	assert_int_equal(got, c->got);
	assert_int_equal(wb_rd_buffered(r), c->buffered);
	assert_memory_equal(out.p ? out.p : "", in.p, out.n);
	wb_rd_free(r);
	/* what stayed buffered is recorded as discarded */
	const wb_frame *f = NULL;
	assert_int_equal(tu_count(w.tap, WB_FK_DISCARDED, &f), c->buffered ? 1 : 0);
	if (f)
		assert_int_equal(f->len, c->buffered);
	tu_wire_close(&w, 0);
	wb_buf_free(&in);
	wb_buf_free(&out);
	wb_buf_free(&msg);
}

static void test_sizes(void **state)
{
	static const rcase cases[] = {
		{ "read", 5000, 5000, 5000, 0 },
		{ "read", 5000, 3000, 5000, 1000 },
		{ "read", 20000, 10000, 20000, 6384 },
		{ "read", 20000, 1 << 20, 20000, 4576 },
		{ "readline", 65537, 3000, 3001, 2999 },
		{ "readline", 10, 1 << 20, 10, 8182 },
		{ "read1", 100, 50, 50, 0 },
		{ "read1", -1, 1 << 20, 8192, 0 },
		{ "peek", 0, 30000, 8192, 8192 },
		{ "read", -1, 1 << 20, 43001, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run(&cases[i]);
}

static void test_eof_note(void **state)
{
	tu_wire w;
	wb_buf out = WB_BUF_INIT, msg = WB_BUF_INIT;
	uint64_t got;
	tu_wire_open(&w, "ab", 2, 1);
	wb_rd *r = wb_rd_new(w.t, w.tap);
	assert_int_equal(wb_rd_read(r, 5, tu_collect, &out, &got, &msg), WB_OK);
	assert_int_equal(got, 2);
	assert_int_equal(tu_count(w.tap, WB_FK_EOF_, NULL), 1);
	wb_rd_free(r);
	tu_wire_close(&w, 0);
	wb_buf_free(&out);
	wb_buf_free(&msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_eof_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
