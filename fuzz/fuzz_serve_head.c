/* libFuzzer target: any bytes as what a client sends the demo server,
 * through its request-head scanner and parser (src/serve/serve_head.c).
 *
 * The first byte picks how the bytes arrive. Property: the resumable end
 * scan finds the same head end whether the buffer grows in pieces (the
 * scan offset carried between calls, as serve_conn.c does) or is there
 * whole, and says "need more" for every shorter prefix. Then the head is
 * parsed; an accepted request's strings lie inside the head. Every buffer
 * is an exact-size copy, so a read past the bytes given is an ASan report. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "serve/serve_int.h"

static size_t end_of(const uint8_t *p, size_t n, size_t *scan)
{
	char *copy = malloc(n ? n : 1);
	if (!copy)
		abort();
	memcpy(copy, p, n);
	size_t end = wb_serve_head_end(copy, n, scan);
	FUZZ_CHECK(*scan <= n);
	free(copy);
	return end;
}

static void in_head(wb_serve_str s, const char *p, size_t len)
{
	FUZZ_CHECK(s.n == 0 || (s.p >= p && s.p + s.n <= p + len));
}

static void parse(const uint8_t *data, size_t len)
{
	char *head = malloc(len);
	if (!head)
		return;
	memcpy(head, data, len);
	wb_serve_req req;
	const char *why = NULL;
	int code = wb_serve_head_parse(head, len, &req, &why);
	if (code == 0) {
		in_head(req.method, head, len);
		in_head(req.target, head, len);
		/* an absolute-form target without a path stands for "/" */
		if (!(req.path.n == 1 && req.path.p[0] == '/'))
			in_head(req.path, head, len);
		in_head(req.query, head, len);
		FUZZ_CHECK(req.line_len < WB_SERVE_LINE_MAX);
		FUZZ_CHECK(req.method.n > 0 && req.target.n > 0);
		FUZZ_CHECK(req.minor >= 0 && req.minor <= 9);
		FUZZ_CHECK(!(req.has_length && req.chunked));
	} else {
		FUZZ_CHECK(code >= 400 && code <= 599 && why != NULL);
	}
	free(head);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t step = 1 + data[0] % 61;
	data++, size--;
	size_t scan = 0;
	size_t whole = end_of(data, size, &scan);
	size_t split = 0;
	scan = 0;
	for (size_t n = step < size ? step : size;; n += step) {
		if (n > size)
			n = size;
		split = end_of(data, n, &scan);
		if (whole && n < whole)
			FUZZ_CHECK(split == 0);
		if (split || n == size)
			break;
	}
	FUZZ_CHECK(split == whole);
	if (whole) {
		FUZZ_CHECK(whole <= size);
		parse(data, whole);
	} else {
		char *copy = malloc(size ? size : 1);
		if (!copy)
			return 0;
		memcpy(copy, data, size);
		int big = wb_serve_head_too_big(copy, size);
		FUZZ_CHECK(big == 0 || big == 414 || big == 431);
		free(copy);
	}
	return 0;
}
