/* libFuzzer target: any bytes as a chunked body, decoded by the response's
 * chunk decoder (src/http/chunkdec.c) through the buffered reader.
 *
 * The first byte picks the piece size the transport hands out and the read
 * pattern. Property: read() to the end gives the same bytes, the same error
 * and the same close flag whether the transport delivers the body whole or
 * in small pieces (http.client reads through a BufferedReader, so how the
 * socket splits the bytes must not change what the caller gets); the same
 * holds for a loop of read(amt). read1/peek mixes run for coverage only. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "http/chunkdec.h"
#include "net/memtransport.h"

typedef struct outcome {
	wb_buf data;
	wb_err err;
	int close;
	uint64_t last_nread;
} outcome;

static wb_err keep(void *arg, const char *p, size_t n)
{
	return wb_buf_add(arg, p, n);
}

/* One decode of body with the transport's pieces of piece bytes; mode 0:
 * read(-1), 1: read(amt) until empty or error, 2: mixed calls. */
static void decode(const uint8_t *body, size_t n, size_t piece, int mode,
		   unsigned amt, outcome *o)
{
	*o = (outcome){ WB_BUF_INIT, WB_OK, 0, 0 };
	wb_mem_script *s = wb_mem_new();
	wb_tap *tap = NULL; /* frames are not the property here */
	wb_transport *t = NULL;
	wb_buf msg = WB_BUF_INIT;
	if (!s)
		goto out;
	wb_mem_add(s, body, n);
	wb_mem_set_piece(s, piece);
	if (wb_mem_connect(s, "h", 80, NULL, &t, &msg) != WB_OK)
		goto out;
	wb_rd *rd = wb_rd_new(t, tap);
	wb_chunk *c = rd ? wb_chunk_new(rd, tap) : NULL;
	for (int i = 0; c && i < 256 && !o->close && !o->err; i++) {
		uint64_t got = 0;
		const char *p;
		size_t pn;
		wb_buf_clear(&msg);
		if (mode == 0) {
			o->err = wb_chunk_read(c, -1, keep, &o->data, &got,
					       &o->close, &msg);
			break;
		}
		if (mode == 1 || (i + amt) % 3 == 0) {
			o->err = wb_chunk_read(c, amt, keep, &o->data, &got,
					       &o->close, &msg);
			if (o->err == WB_OK && got == 0)
				break;
		} else if ((i + amt) % 3 == 1) {
			o->err = wb_chunk_read1(c, amt, keep, &o->data, &got,
						&o->close, &msg);
		} else {
			o->err = wb_chunk_peek(c, &p, &pn, &o->close, &msg);
			if (o->err == WB_OK && pn)
				FUZZ_CHECK(p != NULL);
		}
		o->last_nread = got;
	}
	wb_chunk_free(c);
	wb_rd_free(rd);
	t->ops->close(t);
out:
	wb_buf_free(&msg);
	wb_tap_free(tap);
	wb_mem_free(s);
}

static void same(const outcome *a, const outcome *b)
{
	FUZZ_CHECK(a->err == b->err);
	FUZZ_CHECK(a->close == b->close);
	FUZZ_CHECK(a->data.n == b->data.n);
	FUZZ_CHECK(a->data.n == 0 || !memcmp(a->data.p, b->data.p, a->data.n));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned ctl = data[0];
	size_t piece = 1 + (ctl & 15);
	unsigned amt = 1 + (ctl >> 4) * 3;
	outcome whole, split;
	for (int mode = 0; mode < 2; mode++) {
		decode(data + 1, size - 1, 1 << 20, mode, amt, &whole);
		decode(data + 1, size - 1, piece, mode, amt, &split);
		same(&whole, &split);
		wb_buf_free(&whole.data);
		wb_buf_free(&split.data);
	}
	decode(data + 1, size - 1, piece, 2, amt, &split);
	wb_buf_free(&split.data);
	return 0;
}
