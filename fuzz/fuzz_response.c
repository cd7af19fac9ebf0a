/* libFuzzer target: any bytes as a server's answer to a GET (or HEAD),
 * read with every body call. The first input byte picks the method, the
 * piece size the transport hands out and the read pattern. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"

#include "net/memtransport.h"
#include "http/response.h"

static wb_err sink(void *arg, const char *p, size_t n)
{
	(void)arg;
	(void)p;
	(void)n;
	return WB_OK;
}

static void read_all(wb_resp *r, unsigned pattern)
{
	uint64_t got;
	wb_buf msg = WB_BUF_INIT;
	for (int i = 0; i < 64 && !wb_resp_isclosed(r); i++) {
		wb_err e;
		switch ((pattern + (unsigned)i) % 4) {
		case 0: e = wb_resp_read(r, 7, sink, NULL, &got, &msg); break;
		case 1: e = wb_resp_read1(r, 5, sink, NULL, &got, &msg); break;
		case 2: e = wb_resp_readline(r, -1, sink, NULL, &got, &msg); break;
		default: e = wb_resp_peek(r, 3, sink, NULL, &got, &msg); break;
		}
		wb_buf_clear(&msg);
		if (e)
			break;
	}
	wb_resp_read(r, -1, sink, NULL, &got, &msg);
	wb_buf_free(&msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned ctl = data[0];
	wb_mem_script *s = wb_mem_new();
	wb_tap *tap = wb_tap_new(1 << 16);
	wb_mem_add(s, data + 1, size - 1);
	wb_mem_set_piece(s, 1 + (ctl >> 4));
	wb_transport *t = NULL;
	wb_buf msg = WB_BUF_INIT;
	if (wb_mem_connect(s, "h", 80, NULL, &t, &msg) == WB_OK) {
		wb_resp *r = NULL;
		if (wb_resp_begin(t, (ctl & 1) ? "HEAD" : "GET", ctl & 2, tap, &r,
				  &msg) == WB_OK) {
			read_all(r, ctl >> 2);
			wb_resp_free(r);
		}
		t->ops->close(t);
	}
	wb_buf_free(&msg);
	wb_tap_free(tap);
	wb_mem_free(s);
	return 0;
}
