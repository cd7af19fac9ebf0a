/* The TCP transport over real loopback sockets.
 *
 * Its gathered write: with more data than the socket buffers hold and the
 * transport in polled mode (a waiter, as the TUI uses), sendmsg writes part
 * of the pieces at a time; what arrives must be every piece, in order,
 * exactly once. The waiter is the reader: it drains the peer while the
 * writer waits.
 *
 * Its failures in Python's words: a timeout, a cancel (Ctrl-C) before or
 * during a call, a signal that is not a cancel (the call goes on), a write
 * to a reset connection, a front end's wait that fails, and no descriptor
 * left for the socket or the resolver. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
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


/* A transport connected to a fresh listener, and the accepted peer. */
typedef struct {
	int ls, peer;
	wb_transport *t;
	wb_buf msg;
} pair;

static void pair_open(pair *p, const wb_io_opts *io)
{
	unsigned port;
	p->ls = listen_any(&port);
	p->msg = (wb_buf)WB_BUF_INIT;
	p->t = NULL;
	assert_int_equal(wb_tcp_connect(NULL, "127.0.0.1", port, io, &p->t,
					&p->msg),
			 WB_OK);
	p->peer = accept(p->ls, NULL, NULL);
	assert_true(p->peer >= 0);
	struct timeval five = { .tv_sec = 5 };
	setsockopt(p->peer, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
}

static void pair_close(pair *p)
{
	p->t->ops->close(p->t);
	close(p->peer);
	close(p->ls);
	wb_buf_free(&p->msg);
}

/* The error a call left on the transport. */
static void assert_failed(wb_transport *t, wb_err got, wb_err want,
			  const char *text)
{
	assert_int_equal(got, want);
	assert_string_equal(t->msg.p, text);
}

/* A timeout under a microsecond still times out (not "no timeout"), and
 * the connection stays usable: what arrives later is read. */
static void tiny_timeout_then_data(void **state)
{
	(void)state;
	wb_io_opts io = { .timeout = 5 };
	pair p;
	pair_open(&p, &io);
	io.timeout = 1e-7;
	char b[8];
	size_t got = 99;
	assert_failed(p.t, p.t->ops->recv(p.t, b, sizeof b, &got),
		      WB_E_TIMEOUT, "timed out");
	assert_int_equal(got, 0);
	io.timeout = 5;
	assert_int_equal(send(p.peer, "ok", 2, 0), 2);
	assert_int_equal(p.t->ops->recv(p.t, b, sizeof b, &got), WB_OK);
	assert_int_equal(got, 2);
	assert_memory_equal(b, "ok", 2);
	pair_close(&p);
}

static int alarm_peer = -1, alarm_listener = -1, alarm_drop = -1;
static volatile sig_atomic_t alarm_cancel_flag, *alarm_cancel;

/* SIGALRM: either the user's Ctrl-C (sets the cancel flag) or a signal
 * that is none of the transport's business, after which the peer sends
 * (or the listener makes room for one more connection). */
static void on_alarm(int sig)
{
	(void)sig;
	if (alarm_cancel)
		*alarm_cancel = 1;
	else if (alarm_listener >= 0) {
		/* the filler still waiting gives up; one queued is taken */
		close(alarm_drop);
		close(accept(alarm_listener, NULL, NULL));
	}
	else
		(void)!send(alarm_peer, "x", 1, MSG_NOSIGNAL);
}

static void alarm_in(long ms)
{
	struct sigaction sa = { .sa_handler = on_alarm }; /* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { .it_value = { 0, ms * 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

/* A signal interrupts a blocking read: without a cancel the read goes on
 * and returns what arrives; with one it ends as KeyboardInterrupt. */
static void signal_during_read(void **state)
{
	(void)state;
	alarm_cancel_flag = 0;
	wb_io_opts io = { .timeout = 5, .cancel = &alarm_cancel_flag };
	pair p;
	pair_open(&p, &io);
	char b[8];
	size_t got = 0;
	alarm_peer = p.peer;
	alarm_cancel = NULL;
	alarm_in(50);
	assert_int_equal(p.t->ops->recv(p.t, b, sizeof b, &got), WB_OK);
	assert_int_equal(got, 1);
	assert_int_equal(b[0], 'x');
	alarm_cancel = &alarm_cancel_flag;
	alarm_in(50);
	assert_failed(p.t, p.t->ops->recv(p.t, b, sizeof b, &got),
		      WB_E_CANCELLED, "cancelled");
	signal(SIGALRM, SIG_DFL);
	pair_close(&p);
}

/* Fills the accept queue of listener ls (port) so that the next connect
 * to it waits: the kernel drops SYNs while the queue is full. Returns the
 * number of filler sockets written to fill (at most 8). */
static int fill_queue(unsigned port, int *fill)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int n = 0;
	for (; n < 8; n++) {
		fill[n] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		int rc = connect(fill[n], (struct sockaddr *)&a, sizeof a);
		struct pollfd pf = { .fd = fill[n], .events = POLLOUT };
		if (rc < 0 && poll(&pf, 1, 200) == 0)
			return n + 1; /* this one waits: the queue is full */
	}
	return n;
}

/* Without a timeout or a front end's loop the connect blocks, as Python's
 * does: a signal that is not a cancel lets it go on to its end (here, once
 * the listener takes a connection and the SYN is sent again); with a
 * cancel it ends as KeyboardInterrupt. */
static void signal_during_blocking_connect(void **state)
{
	(void)state;
	unsigned port;
	int ls = listen_any(&port), fill[8];
	int nfill = fill_queue(port, fill);
	alarm_cancel_flag = 0;
	wb_io_opts io = { .timeout = -1, .cancel = &alarm_cancel_flag };
	wb_transport *t = NULL;
	wb_buf msg = WB_BUF_INIT;
	alarm_cancel = &alarm_cancel_flag;
	alarm_in(100);
	assert_int_equal(wb_tcp_connect(NULL, "127.0.0.1", port, &io, &t,
					&msg),
			 WB_E_CANCELLED);
	assert_null(t);
	alarm_cancel_flag = 0;
	alarm_cancel = NULL;
	alarm_listener = ls;
	alarm_drop = fill[nfill - 1];
	alarm_in(100);
	wb_buf_clear(&msg);
	assert_int_equal(wb_tcp_connect(NULL, "127.0.0.1", port, &io, &t,
					&msg),
			 WB_OK);
	alarm_listener = -1;
	signal(SIGALRM, SIG_DFL);
	assert_non_null(t);
	assert_int_equal(t->ops->send(t, "x", 1), WB_OK);
	t->ops->close(t);
	for (int i = 0; i < nfill - 1; i++)
		close(fill[i]);
	close(ls);
	wb_buf_free(&msg);
}

/* The kernel gives up on a peer that takes nothing (TCP_USER_TIMEOUT over
 * a zero window): TimeoutError with the errno's text, as Python's
 * "[Errno 110] Connection timed out", not a socket timeout's "timed out".
 * The transport's own timeout (5 s) bounds the test. */
static void kernel_timeout_on_write(void **state)
{
	(void)state;
	wb_io_opts io = { .timeout = 5 };
	pair p;
	pair_open(&p, &io);
	unsigned port;
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	assert_int_equal(getsockname(p.ls, (struct sockaddr *)&a, &al), 0);
	port = ntohs(a.sin_port);
	int cfd = client_fd(port, p.peer), small = 4096, ms = 300;
	assert_true(cfd >= 0);
	setsockopt(p.peer, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
	setsockopt(cfd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
	setsockopt(cfd, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, sizeof ms);
	static char block[1 << 16];
	wb_err e = WB_OK;
	for (int k = 0; k < 256 && e == WB_OK; k++) /* 16 MiB at most */
		e = p.t->ops->send(p.t, block, sizeof block);
	assert_failed(p.t, e, WB_E_TIMEOUT, "[Errno 110] Connection timed out");
	pair_close(&p);
}

/* A cancel that came before a write: nothing is sent. */
static void cancel_before_write(void **state)
{
	(void)state;
	volatile sig_atomic_t cancel = 0;
	wb_io_opts io = { .timeout = 5, .cancel = &cancel };
	pair p;
	pair_open(&p, &io);
	cancel = 1;
	wb_iov iov[2] = { { "GET ", 4 }, { "/ HTTP/1.1\r\n", 12 } };
	assert_failed(p.t, p.t->ops->send(p.t, "abc", 3), WB_E_CANCELLED,
		      "cancelled");
	wb_buf_clear(&p.t->msg);
	assert_failed(p.t, p.t->ops->sendv(p.t, iov, 2), WB_E_CANCELLED,
		      "cancelled");
	char b[8];
	assert_int_equal(recv(p.peer, b, sizeof b, MSG_DONTWAIT), -1);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	pair_close(&p);
}

/* Writes to a connection the peer reset: ConnectionResetError, or
 * BrokenPipeError once the reset was seen, never a signal. */
static void write_after_reset(void **state)
{
	(void)state;
	for (int use_sendv = 0; use_sendv < 2; use_sendv++) {
		wb_io_opts io = { .timeout = 5 };
		pair p;
		pair_open(&p, &io);
		struct linger lg = { 1, 0 };
		setsockopt(p.peer, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
		close(p.peer);
		p.peer = -1;
		static char block[1 << 16];
		wb_iov iov[2] = { { block, sizeof block }, { "z", 1 } };
		wb_err e = WB_OK;
		for (int k = 0; k < 100 && e == WB_OK; k++)
			e = use_sendv ? p.t->ops->sendv(p.t, iov, 2)
				      : p.t->ops->send(p.t, block, sizeof block);
		if (e == WB_E_CONN_RESET)
			assert_string_equal(p.t->msg.p, "[Errno 104] Connection "
							"reset by peer");
		else
			assert_failed(p.t, e, WB_E_BROKEN_PIPE,
				      "[Errno 32] Broken pipe");
		pair_close(&p);
	}
}

typedef struct {
	wb_err ret;  /* what the front end's wait answers */
	int calls;
} fake_loop;

static wb_err fake_wait(void *arg, const wb_wait *w)
{
	fake_loop *f = arg;
	(void)w;
	f->calls++;
	return f->ret;
}

/* With a waiter the waits are the front end's: its timeout or cancel ends
 * the read with Python's text, and the read takes what is there after a
 * wait the loop let through. */
static void waiter_ends_read(void **state)
{
	(void)state;
	fake_loop f = { .ret = WB_OK };
	wb_io_opts io = { .timeout = 5, .wait = fake_wait, .wait_arg = &f };
	pair p;
	pair_open(&p, &io);
	char b[8];
	size_t got = 0;
	assert_int_equal(send(p.peer, "ab", 2, 0), 2);
	for (int k = 0; k < 200 && got == 0; k++) {
		wb_err e = p.t->ops->recv(p.t, b, sizeof b, &got);
		assert_true(e == WB_OK || e == WB_E_TIMEOUT);
		if (got == 0)
			usleep(1000); /* the bytes are still on their way */
	}
	assert_int_equal(got, 2);
	f.ret = WB_E_TIMEOUT;
	int before = f.calls;
	assert_failed(p.t, p.t->ops->recv(p.t, b, sizeof b, &got),
		      WB_E_TIMEOUT, "timed out");
	assert_true(f.calls > before);
	f.ret = WB_E_CANCELLED;
	wb_buf_clear(&p.t->msg);
	assert_failed(p.t, p.t->ops->recv(p.t, b, sizeof b, &got),
		      WB_E_CANCELLED, "cancelled");
	pair_close(&p);
}

/* wb_io_wait without a front end: a cancel or a deadline already past ends
 * it before any poll; a quiet descriptor times out at the deadline. */
static void io_wait_edges(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	volatile sig_atomic_t cancel = 1;
	wb_io_opts io = { .timeout = -1, .cancel = &cancel };
	wb_wait w = { fds[0], POLLIN, -1 };
	assert_int_equal(wb_io_wait(&w, &io), WB_E_CANCELLED);
	cancel = 0;
	w.deadline = wb_io_now() - 1;
	assert_int_equal(wb_io_wait(&w, &io), WB_E_TIMEOUT);
	double t0 = wb_io_now();
	w.deadline = t0 + 0.05;
	assert_int_equal(wb_io_wait(&w, &io), WB_E_TIMEOUT);
	assert_true(wb_io_now() - t0 >= 0.05);
	assert_int_equal(write(fds[1], "r", 1), 1);
	w.deadline = -1;
	assert_int_equal(wb_io_wait(&w, NULL), WB_OK);
	close(fds[0]);
	close(fds[1]);
}

/* No descriptor left: the socket (an address needs no resolver) or the
 * resolver's eventfd (a name) fails with OSError [Errno 24], as Python's
 * socket() does. */
static void no_descriptor_left(void **state)
{
	(void)state;
	unsigned port;
	int ls = listen_any(&port);
	struct rlimit old, tight;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	int top = open("/dev/null", O_RDONLY); /* the lowest free one */
	assert_true(top >= 0);
	close(top);
	tight = old;
	tight.rlim_cur = (rlim_t)top;
	const char *hosts[] = { "127.0.0.1", "localhost" };
	for (int i = 0; i < 2; i++) {
		wb_io_opts io = { .timeout = 5 };
		wb_transport *t = NULL;
		wb_buf msg = WB_BUF_INIT;
		assert_int_equal(setrlimit(RLIMIT_NOFILE, &tight), 0);
		wb_err e = wb_tcp_connect(NULL, hosts[i], port, &io, &t, &msg);
		assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
		assert_int_equal(e, WB_E_OS);
		assert_null(t);
		assert_string_equal(msg.p, "[Errno 24] Too many open files");
		wb_buf_free(&msg);
	}
	close(ls);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sendv_partial_writes),
		cmocka_unit_test(tiny_timeout_then_data),
		cmocka_unit_test(signal_during_read),
		cmocka_unit_test(signal_during_blocking_connect),
		cmocka_unit_test(cancel_before_write),
		cmocka_unit_test(kernel_timeout_on_write),
		cmocka_unit_test(write_after_reset),
		cmocka_unit_test(waiter_ends_read),
		cmocka_unit_test(io_wait_edges),
		cmocka_unit_test(no_descriptor_left),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
