/* The TCP transport's gathered write over a real loopback socket: with more
 * data than the socket buffers hold and the transport in polled mode (a
 * waiter, as the TUI uses), sendmsg writes part of the pieces at a time;
 * what arrives must be every piece, in order, exactly once. The waiter is
 * the reader: it drains the peer while the writer waits. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "net/transport.h"

typedef struct {
	int fd;
	wb_buf got;
	unsigned waits;
	size_t limit;                /* more than this arrived: stop the writer */
	volatile sig_atomic_t stop;
} peer;

static void drain(void *arg)
{
	peer *pr = arg;
	static char tmp[1 << 16];
	ssize_t r;
	for (int k = 0; k < 1024 &&
			(r = recv(pr->fd, tmp, sizeof tmp, MSG_DONTWAIT)) > 0;
	     k++)
		wb_buf_add(&pr->got, tmp, (size_t)r);
	pr->waits++;
	if (pr->got.n > pr->limit) /* bytes sent twice: fail, do not spin */
		pr->stop = 1;
}

/* The waiter, as a front end's loop: the reader's turn, then back once
 * the socket is ready (or a while has passed: the writer waits again). */
static wb_err drain_wait(void *arg, const wb_wait *w)
{
	peer *pr = arg;
	drain(pr);
	if (pr->stop)
		return WB_E_CANCELLED;
	struct pollfd p = { .fd = w->fd, .events = w->events };
	poll(&p, 1, 100);
	return WB_OK;
}

static int listen_any(unsigned *port)
{
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t al = sizeof a;
	assert_true(ls >= 0);
	assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(ls, 1), 0);
	assert_int_equal(getsockname(ls, (struct sockaddr *)&a, &al), 0);
	*port = ntohs(a.sin_port);
	return ls;
}

/* The client end of the connection to port: the transport's socket, whose
 * send buffer the test makes small. */
static int client_fd(unsigned port, int not_this)
{
	for (int fd = 3; fd < 1024; fd++) {
		struct sockaddr_in a;
		socklen_t al = sizeof a;
		if (fd != not_this &&
		    getpeername(fd, (struct sockaddr *)&a, &al) == 0 &&
		    a.sin_family == AF_INET && ntohs(a.sin_port) == port)
			return fd;
	}
	return -1;
}

static void sendv_partial_writes(void **state)
{
	(void)state;
	unsigned port;
	int ls = listen_any(&port);
	peer pr = { .fd = -1, .got = WB_BUF_INIT };
	wb_io_opts io = { .timeout = 5, .cancel = &pr.stop, .wait = drain_wait,
			  .wait_arg = &pr };
	wb_transport *t = NULL;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_tcp_connect(NULL, "127.0.0.1", port, &io, &t, &msg),
			 WB_OK);
	pr.fd = accept(ls, NULL, NULL);
	assert_true(pr.fd >= 0);
	struct timeval five = { .tv_sec = 5 }; /* a lost byte fails, not hangs */
	setsockopt(pr.fd, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
	int cfd = client_fd(port, pr.fd), small = 8192;
	assert_true(cfd >= 0);
	setsockopt(cfd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
	/* 24 windows of a patterned block, up to 200 KB each: each write of
	 * a 16 KB send buffer stops inside a piece, often twice in one */
	static char data[1 << 18];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)(i * 7 + i / 251);
	wb_iov iov[24];
	wb_buf want = WB_BUF_INIT;
	for (int i = 0; i < 24; i++) {
		size_t off = (size_t)i * 9973 % 50000;
		size_t n = (size_t)(i * 104729) % 200000 + (i % 3 ? 1 : 0);
		iov[i] = (wb_iov){ data + off, n };
		wb_buf_add(&want, data + off, n);
	}
	pr.limit = want.n;
	assert_non_null(t->ops->sendv);
	assert_int_equal(t->ops->sendv(t, iov, 24), WB_OK);
	/* what is still in flight */
	for (int k = 0; k < 10000 && pr.got.n < want.n; k++) {
		char tmp[65536];
		ssize_t r = recv(pr.fd, tmp, sizeof tmp, 0);
		if (r <= 0)
			break;
		wb_buf_add(&pr.got, tmp, (size_t)r);
	}
	assert_int_equal(pr.got.n, want.n);
	assert_memory_equal(pr.got.p, want.p, want.n);
	assert_true(pr.waits > 0); /* the writes were partial: it waited */
	t->ops->close(t);
	close(pr.fd);
	close(ls);
	wb_buf_free(&pr.got);
	wb_buf_free(&want);
	wb_buf_free(&msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sendv_partial_writes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
