/* libFuzzer target: any bytes as a chunked request body for the demo
 * server's decoder (src/serve/serve_chunk.c).
 *
 * The first byte picks where the bytes are cut. Property: fed in pieces,
 * the decoder ends the body at the same byte, or fails at the same byte
 * with the same reason, as when fed whole; it never claims bytes it was
 * not given. Pieces are exact-size copies so ASan sees any overread. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "serve/serve_int.h"

typedef struct result {
	int r;          /* 1 ended, 0 needs more, -1 malformed */
	size_t at;      /* bytes used up to the end or the error */
	const char *why;
} result;

static int feed(wb_serve_chunk *c, const uint8_t *p, size_t n, size_t *used)
{
	char *copy = malloc(n ? n : 1);
	if (!copy)
		abort();
	memcpy(copy, p, n);
	int r = wb_serve_chunk_feed(c, copy, n, used);
	free(copy);
	FUZZ_CHECK(*used <= n);
	FUZZ_CHECK(r >= -1 && r <= 1);
	return r;
}

static result run(const uint8_t *p, size_t n, size_t step)
{
	wb_serve_chunk c;
	wb_serve_chunk_init(&c);
	result res = { 0, 0, NULL };
	size_t off = 0;
	do {
		size_t take = n - off < step ? n - off : step;
		size_t used = 0;
		res.r = feed(&c, p + off, take, &used);
		if (res.r == 0)
			FUZZ_CHECK(used == take);
		off += used;
		if (res.r)
			break;
	} while (off < n);
	res.at = off;
	res.why = res.r < 0 ? c.why : NULL;
	return res;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t step = 1 + data[0] % 37;
	data++, size--;
	result whole = run(data, size, size ? size : 1);
	result split = run(data, size, step);
	FUZZ_CHECK(whole.r == split.r);
	FUZZ_CHECK(whole.at == split.at);
	FUZZ_CHECK(whole.why == split.why);
	return 0;
}
