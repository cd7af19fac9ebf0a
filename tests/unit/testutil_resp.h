/* testutil_resp.h - helpers shared by the response-side unit tests (header-only). */
#ifndef WB_TESTUTIL_RESP_H
#define WB_TESTUTIL_RESP_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "net/memtransport.h"
#include "wire/tap.h"

/* A sink appending body bytes to a wb_buf. */
static inline wb_err tu_collect(void *arg, const char *p, size_t n)
{
	return wb_buf_add(arg, p, n);
}

/* A scripted server sending in[0..n) in pieces of `piece` (0: whole). */
typedef struct {
	wb_mem_script *s;
	wb_transport *t;
	wb_tap *tap;
	wb_io_opts io;
} tu_wire;

static inline void tu_wire_open(tu_wire *w, const void *in, size_t n,
				size_t piece)
{
	wb_buf msg = WB_BUF_INIT;
	w->s = wb_mem_new();
	wb_mem_add(w->s, in, n);
	if (piece)
		wb_mem_set_piece(w->s, piece);
	w->io = (wb_io_opts){ .timeout = -1 };
	assert_int_equal(wb_mem_connect(w->s, "h", 80, &w->io, &w->t, &msg),
			 WB_OK);
	w->tap = wb_tap_new((size_t)256 << 20);
	wb_tap_set_frame_cap(w->tap, (size_t)1 << 20);
	wb_buf_free(&msg);
}

/* Closes the transport unless closed is set (a response closed it). */
static inline void tu_wire_close(tu_wire *w, int closed)
{
	if (!closed)
		w->t->ops->close(w->t);
	wb_mem_free(w->s);
	wb_tap_free(w->tap);
}

/* The bytes of every inbound frame, in order, appended to out. */
static inline void tu_tap_in(const wb_tap *tap, wb_buf *out)
{
	for (size_t i = 0; i < wb_tap_count(tap); i++) {
		const wb_frame *f = wb_tap_get(tap, i);
		if (f->dir == WB_DIR_IN)
			wb_buf_add(out, f->data, f->stored);
	}
}

/* Number of frames of kind k; the first one in *first when not NULL. */
static inline size_t tu_count(const wb_tap *tap, wb_fkind k,
			      const wb_frame **first)
{
	size_t n = 0;
	for (size_t i = 0; i < wb_tap_count(tap); i++) {
		const wb_frame *f = wb_tap_get(tap, i);
		if (f->kind != k)
			continue;
		if (!n++ && first)
			*first = f;
	}
	return n;
}

#endif
