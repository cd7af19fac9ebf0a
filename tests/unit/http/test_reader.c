/* test_reader.c - io.BufferedReader's read sizes. The expected buffered
 * counts come from Python 3.11's io.BufferedReader(8192) over a raw stream
 * returning at most `piece` bytes per read. */
#include "testutil_resp.h"

#include <stdlib.h>

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

/* A consumer offering a place for large reads: bytes that land there are
 * taken without a copy; others are copied after them. */
typedef struct {
	char span[65536];
	size_t room, used, in_place, copied;
} placer;

static char *offer(void *arg, size_t want, size_t *room)
{
	placer *pl = arg;
	size_t left = pl->room - pl->used;
	*room = want < left ? want : left;
	return pl->span + pl->used;
}

static wb_err take_placed(void *arg, const char *p, size_t n)
{
	placer *pl = arg;
	if (p == pl->span + pl->used)
		pl->in_place += n;
	else
		memcpy(pl->span + pl->used, p, n), pl->copied += n;
	pl->used += n;
	return WB_OK;
}

/* The same bytes read, and the same left buffered, with a place as
 * without; read1 never returns less because the place is small. */
static void test_place(void **state)
{
	static const rcase with[] = {
		{ "read", 20000, 1 << 20, 20000, 4576 },
		{ "read", 20000, 10000, 20000, 6384 },
		{ "read1", 20000, 1 << 20, 20000, 0 },
	};
	static const size_t rooms[] = { 65536, 65536, 10000 };
	/* the direct reads: 16384 at once; 10000 (a piece) then 8192 more
	 * through the buffer; none, the place being too small for read1 */
	static const size_t placed[] = { 16384, 10000, 0 };
	for (size_t k = 0; k < 3; k++) {
		const rcase *c = &with[k];
		wb_buf in = WB_BUF_INIT, msg = WB_BUF_INIT;
		for (int i = 0; i < 43001; i++)
			wb_buf_addc(&in, (char)('a' + i % 26));
		tu_wire w;
		tu_wire_open(&w, in.p, in.n, c->piece);
		wb_rd *r = wb_rd_new(w.t, w.tap);
		placer *pl = calloc(1, sizeof *pl);
		assert_non_null(pl);
		pl->room = rooms[k];
		wb_rd_set_place(r, offer, pl);
		uint64_t got = 0;
		wb_err e = !strcmp(c->op, "read")
				   ? wb_rd_read(r, c->n, take_placed, pl, &got, &msg)
				   : wb_rd_read1(r, c->n, take_placed, pl, &got, &msg);
		assert_int_equal(e, WB_OK);
		assert_int_equal(got, c->got);
		assert_int_equal(wb_rd_buffered(r), c->buffered);
		assert_memory_equal(pl->span, in.p, pl->used);
		assert_int_equal(pl->in_place, placed[k]);
		assert_int_equal(pl->in_place + pl->copied, got);
		wb_rd_free(r);
		free(pl);
		tu_wire_close(&w, 0);
		wb_buf_free(&in);
		wb_buf_free(&msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_eof_note),
		cmocka_unit_test(test_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
