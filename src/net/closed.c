/* closed.c - the closed socket a failed TLS set-up leaves behind. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "closed.h"

static wb_err closed_fail(wb_transport *t)
{
	wb_buf_clear(&t->msg);
	wb_buf_printf(&t->msg, "[Errno %d] %s", EBADF, strerror(EBADF));
	return WB_E_OS;
}

static wb_err closed_send(wb_transport *t, const void *p, size_t n)
{
	(void)p, (void)n;
	return closed_fail(t);
}

static wb_err closed_recv(wb_transport *t, void *p, size_t n, size_t *got)
{
	(void)p, (void)n;
	*got = 0;
	return closed_fail(t);
}

static void closed_close(wb_transport *t)
{
	wb_buf_free(&t->msg);
	free(t);
}

static const char *closed_describe(wb_transport *t)
{
	(void)t;
	return "closed socket (TLS handshake failed)";
}

static const struct wb_transport_ops closed_ops = {
	.name = "closed",
	.send = closed_send,
	.recv = closed_recv,
	.close = closed_close,
	.describe = closed_describe,
};

wb_transport *wb_closed_new(const wb_io_opts *io)
{
	wb_transport *t = wb_calloc(1, sizeof *t);
	if (t) {
		t->ops = &closed_ops;
		t->io = io;
	}
	return t;
}
