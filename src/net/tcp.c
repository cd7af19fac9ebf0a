/* tcp.c - the TCP transport: the only place that calls socket calls. */
#include "transport.h"
#include "resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <stdint.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	wb_transport base;
	int fd;
	double applied; /* timeout set with SO_RCVTIMEO/SO_SNDTIMEO */
	double yielded; /* when a busy stream last gave the loop a turn */
} tcp_transport;

static wb_err errno_to_err(int err)
{
	switch (err) {
	case ECONNREFUSED:
		return WB_E_CONN_REFUSED;
	case ECONNRESET:
		return WB_E_CONN_RESET;
	case EPIPE:
		return WB_E_BROKEN_PIPE;
	case ETIMEDOUT:
		return WB_E_TIMEOUT;
	default:
		return WB_E_OS;
	}
}

/* err is the errno, 0 for a timeout or cancel of our own waits: the
 * kernel's ETIMEDOUT reads "[Errno 110] Connection timed out", a socket
 * timeout "timed out", as in Python. */
static wb_err fail(wb_buf *msg, wb_err e, int err)
{
	if (e == WB_E_TIMEOUT && !err)
		wb_buf_adds(msg, "timed out");
	else if (e == WB_E_CANCELLED)
		wb_buf_adds(msg, "cancelled");
	else
		wb_buf_printf(msg, "[Errno %d] %s", err, strerror(err));
	return e;
}

/* Without a waiter a blocking call with SO_RCVTIMEO/SO_SNDTIMEO is one
 * system call per read; a signal (Ctrl-C) interrupts it with EINTR. With
 * a waiter the socket is non-blocking and each wait is the front end's. */
static void apply_timeout(tcp_transport *c)
{
	double t = c->base.io->timeout;
	if (t == c->applied)
		return;
	struct timeval tv = { 0, 0 };
	if (t > 0) {
		tv.tv_sec = (time_t)t;
		tv.tv_usec = (suseconds_t)((t - (double)tv.tv_sec) * 1e6);
		if (!tv.tv_sec && !tv.tv_usec)
			tv.tv_usec = 1;
	}
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	c->applied = t;
}

/* The deadline of one wait under io's timeout. */
static double deadline(const wb_io_opts *io)
{
	return io->timeout >= 0 ? wb_io_now() + io->timeout : -1;
}

static int polled(const wb_transport *t)
{
	return t->io->wait || t->io->timeout == 0;
}

/* Decides what a failed call means: retry (-1), or an error. */
static int retry_or_fail(wb_transport *t, int err, short events, wb_err *e)
{
	tcp_transport *c = (tcp_transport *)t;
	if (err == EINTR) {
		if (t->io->cancel && *t->io->cancel) {
			*e = fail(&t->msg, WB_E_CANCELLED, 0);
			return 0;
		}
		return -1;
	}
	if (err != EAGAIN && err != EWOULDBLOCK) {
		*e = fail(&t->msg, errno_to_err(err), err);
		return 0;
	}
	if (!polled(t)) {
		*e = fail(&t->msg, WB_E_TIMEOUT, 0);
		return 0;
	}
	*e = wb_io_wait(&(wb_wait){ c->fd, events, deadline(t->io) }, t->io);
	if (*e) {
		fail(&t->msg, *e, 0);
		return 0;
	}
	return -1;
}

/* Seconds between turns a busy stream gives the front end's loop: one
 * whose data keeps arriving never waits, so the loop would never see a
 * key. */
#define YIELD_EVERY 0.008

/* With a waiter, gives the loop a turn when a stream has kept it from one
 * for a while: a wait for the data the read is about to take (or the room
 * a write is about to fill), which the loop ends at once when it is
 * there. WB_E_CANCELLED when the user
 * cancelled meanwhile (or the wait's error). */
static wb_err yield_if_due(tcp_transport *c, short events)
{
	const wb_io_opts *io = c->base.io;
	if (!io->wait)
		return WB_OK;
	double t = wb_io_now();
	if (t - c->yielded < YIELD_EVERY)
		return WB_OK;
	c->yielded = t;
	wb_err e = wb_io_wait(&(wb_wait){ c->fd, events, deadline(io) }, io);
	return e ? fail(&c->base.msg, e, 0) : WB_OK;
}

/* Data that keeps flowing never blocks, so a wait alone would never see
 * Ctrl-C: every send checks the cancel flag, after giving the front end's
 * loop its turn (where the TUI reads Esc). */
static wb_err check_cancel(tcp_transport *c, short events)
{
	const wb_io_opts *io = c->base.io;
	wb_err e = yield_if_due(c, events);
	if (e)
		return e;
	if (io->cancel && *io->cancel)
		return fail(&c->base.msg, WB_E_CANCELLED, 0);
	return WB_OK;
}

static wb_err tcp_send(wb_transport *t, const void *p, size_t n)
{
	tcp_transport *c = (tcp_transport *)t;
	const char *s = p;
	int flags = MSG_NOSIGNAL | (polled(t) ? MSG_DONTWAIT : 0);
	apply_timeout(c);
	while (n > 0) {
		wb_err e = check_cancel(c, POLLOUT);
		if (e)
			return e;
		ssize_t w = send(c->fd, s, n, flags);
		if (w >= 0) {
			s += w;
			n -= (size_t)w;
			continue;
		}
		if (!retry_or_fail(t, errno, POLLOUT, &e))
			return e;
	}
	return WB_OK;
}

/* Pieces per sendmsg call (IOV_MAX is 1024 on Linux). */
#define TCP_IOV_MAX 64

/* Fills v from iov[*i] on, skipping `off` bytes of the first piece; returns
 * how many entries it used. */
static int fill_iov(struct iovec *v, const wb_iov *iov, size_t n, size_t i,
		    size_t off)
{
	int k = 0;
	for (; i < n && k < TCP_IOV_MAX; i++, off = 0) {
		if (iov[i].n == off)
			continue;
		/* sendmsg only reads the pieces; iovec has no const */
		v[k].iov_base = (void *)(uintptr_t)((const char *)iov[i].p + off);
		v[k++].iov_len = iov[i].n - off;
	}
	return k;
}

static wb_err tcp_sendv(wb_transport *t, const wb_iov *iov, size_t n)
{
	tcp_transport *c = (tcp_transport *)t;
	int flags = MSG_NOSIGNAL | (polled(t) ? MSG_DONTWAIT : 0);
	size_t i = 0, off = 0; /* the next byte to write: iov[i].p + off */
	apply_timeout(c);
	for (;;) {
		struct iovec v[TCP_IOV_MAX];
		struct msghdr m = { .msg_iov = v };
		m.msg_iovlen = (size_t)fill_iov(v, iov, n, i, off);
		if (!m.msg_iovlen)
			return WB_OK;
		wb_err ce = check_cancel(c, POLLOUT);
		if (ce)
			return ce;
		ssize_t w = sendmsg(c->fd, &m, flags);
		if (w < 0) {
			wb_err e;
			if (!retry_or_fail(t, errno, POLLOUT, &e))
				return e;
			continue;
		}
		size_t left = (size_t)w;
		while (i < n && left >= iov[i].n - off) {
			left -= iov[i].n - off;
			i++;
			off = 0;
		}
		off += left;
	}
}

static wb_err tcp_recv(wb_transport *t, void *p, size_t n, size_t *got)
{
	tcp_transport *c = (tcp_transport *)t;
	int flags = polled(t) ? MSG_DONTWAIT : 0;
	apply_timeout(c);
	*got = 0;
	/* a blocking recv sees only a Ctrl-C that interrupts it: one that came
	 * since the command started is taken here (Python raises it at the
	 * next bytecode, before the read) */
	if (!flags && t->io->cancel && *t->io->cancel)
		return fail(&t->msg, WB_E_CANCELLED, 0);
	wb_err ye = yield_if_due(c, POLLIN);
	if (ye)
		return ye;
	for (;;) {
		ssize_t r = recv(c->fd, p, n, flags);
		if (r >= 0) {
			*got = (size_t)r;
			return WB_OK;
		}
		wb_err e;
		if (!retry_or_fail(t, errno, POLLIN, &e))
			return e;
	}
}

static void tcp_close(wb_transport *t)
{
	tcp_transport *c = (tcp_transport *)t;
	close(c->fd);
	wb_buf_free(&t->msg);
	free(c);
}

static int tcp_fileno(wb_transport *t)
{
	return ((tcp_transport *)t)->fd;
}

static const struct wb_transport_ops tcp_ops = {
	.name = "tcp",
	.fileno = tcp_fileno,
	.send = tcp_send,
	.recv = tcp_recv,
	.close = tcp_close,
	.sendv = tcp_sendv,
};

/* Blocking, as Python's socket without a timeout, when nothing needs to
 * run while the connect waits (no deadline, no front end's loop): three
 * system calls fewer per connection (poll, getsockopt, ioctl). Otherwise
 * non-blocking from the start, the connect waited for with the timeout. */
static int blocking_connect(const wb_io_opts *io)
{
	return !io->wait && io->timeout < 0;
}

/* What a connect that did not succeed at once means: EINPROGRESS (or a
 * signal that did not cancel: the connect goes on in the kernel) is
 * waited for. */
static wb_err connect_pending(int fd, const wb_io_opts *io, int *err)
{
	int why = errno;
	if (why == EINTR && io->cancel && *io->cancel)
		return WB_E_CANCELLED;
	if (why != EINPROGRESS && why != EINTR) {
		*err = why;
		return errno_to_err(why);
	}
	wb_err e = wb_io_wait(&(wb_wait){ fd, POLLOUT, deadline(io) }, io);
	if (e == WB_OK) {
		socklen_t len = sizeof *err;
		getsockopt(fd, SOL_SOCKET, SO_ERROR, err, &len);
		if (*err)
			e = errno_to_err(*err);
	}
	return e;
}

static wb_err connect_one(const struct addrinfo *ai, const wb_io_opts *io,
			  int *fd_out, int *err)
{
	int nb = blocking_connect(io) ? 0 : SOCK_NONBLOCK;
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | nb,
			ai->ai_protocol);
	if (fd < 0) {
		*err = errno;
		return errno_to_err(errno);
	}
	wb_err e = WB_OK;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0)
		e = connect_pending(fd, io, err);
	if (e) {
		close(fd);
		return e;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (nb) { /* blocking again: reads wait under SO_RCVTIMEO */
		int off = 0;
		ioctl(fd, FIONBIO, &off);
	}
	*fd_out = fd;
	return WB_OK;
}

/* socket.settimeout(): Python keeps a timeout as int64 nanoseconds, rounded
 * up, and refuses what does not fit (inf, 1e30, 9223372036.854776) with
 * OverflowError, after name resolution and before any connect. */
static wb_err check_timeout(const wb_io_opts *io, wb_buf *msg)
{
	if (io->timeout < 0 || ceil(io->timeout * 1e9) < 0x1p63)
		return WB_OK;
	wb_buf_adds(msg, "timestamp out of range for platform time_t");
	return WB_E_OVERFLOW;
}

wb_err wb_tcp_connect(void *arg, const char *host, unsigned port,
		      const wb_io_opts *io, wb_transport **out, wb_buf *msg)
{
	(void)arg;
	struct addrinfo *res = NULL;
	wb_err e = wb_resolve(host, port, io, &res, msg);
	if (e)
		return e;
	e = check_timeout(io, msg);
	if (e) {
		freeaddrinfo(res);
		return e;
	}
	e = WB_E_OS;
	int fd = -1, err = 0;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		e = connect_one(ai, io, &fd, &err);
		if (e == WB_OK || e == WB_E_TIMEOUT || e == WB_E_CANCELLED)
			break;
	}
	freeaddrinfo(res);
	if (e)
		return fail(msg, e, err);
	tcp_transport *c = wb_calloc(1, sizeof *c);
	if (!c) {
		close(fd);
		return WB_E_NOMEM;
	}
	c->base.ops = &tcp_ops;
	c->base.io = io;
	c->fd = fd;
	c->applied = -1;
	*out = &c->base;
	return WB_OK;
}
