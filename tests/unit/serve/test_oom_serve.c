/* Allocation failure in a demo-server connection, proved: one connection
 * with pipelined requests (an Expect: 100-continue upload, an /echo keeping
 * its body, a sized response, a chunked one with a trailer) is served
 * once for every n with the n-th allocation failing (the allocator is
 * wrapped at link time for this binary only, see the Makefile). Each run
 * must end the connection without a crash or a leak, and what it sent must
 * be a prefix of what the run without a failure sends: responses already
 * complete, never a corrupted one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/buf.h"
#include "serve/serve_int.h"

#include "oom_wrap.h"

#define REQUESTS                                                            \
	"PUT /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"         \
	"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"           \
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"  \
	"GET /bytes/5 HTTP/1.1\r\nHost: a\r\n\r\n"                          \
	"GET /chunked?n=2&size=3&trailer=1 HTTP/1.1\r\nHost: a\r\n\r\n"     \
	"GET /status/404 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"

/* Serves the requests on one end of a socket pair, with the n-th
 * allocation failing (n = 0: none); appends what the client end received
 * until the server closed to got. Returns whether the n-th allocation
 * happened. */
static int serve_once(unsigned long n, wb_buf *got)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(write(sv[0], REQUESTS, sizeof REQUESTS - 1),
			 (ssize_t)(sizeof REQUESTS - 1));
	shutdown(sv[0], SHUT_WR);
	arm(n);
	wb_serve_conn_run(sv[1]); /* closes sv[1] */
	int failed = disarm();
	for (int k = 0; k < 1000; k++) {
		char b[4096];
		struct pollfd p = { sv[0], POLLIN, 0 };
		assert_true(poll(&p, 1, 5000) == 1); /* bounded: 5 s */
		ssize_t r = read(sv[0], b, sizeof b);
		/* a server that stops early closes with requests unread:
		 * the client sees a reset after what was sent */
		assert_true(r >= 0 || errno == ECONNRESET);
		if (r <= 0)
			break;
		assert_int_equal(wb_buf_add(got, b, (size_t)r), WB_OK);
	}
	close(sv[0]);
	return failed;
}

static void connection_oom(void **state)
{
	(void)state;
	wb_buf full = WB_BUF_INIT;
	assert_false(serve_once(0, &full));
	/* the run without failures answers everything */
	assert_non_null(strstr(full.p, "HTTP/1.1 100 Continue\r\n\r\n"));
	assert_non_null(strstr(full.p, "X-Checksum: crc32="));
	assert_non_null(strstr(full.p, "HTTP/1.1 404 Not Found\r\n"));
	unsigned long n;
	int shorter = 0;
	for (n = 1; n < 200; n++) {
		wb_buf got = WB_BUF_INIT;
		int failed = serve_once(n, &got);
		assert_true(got.n <= full.n);
		if (got.n)
			assert_memory_equal(got.p, full.p, got.n);
		shorter += got.n < full.n;
		if (!failed) /* no allocation left to fail: all of it */
			assert_int_equal(got.n, full.n);
		wb_buf_free(&got);
		if (!failed)
			break;
	}
	assert_true(n > 1 && n < 200);
	assert_true(shorter > 0); /* failures did cut the answers short */
	wb_buf_free(&full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(connection_oom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
