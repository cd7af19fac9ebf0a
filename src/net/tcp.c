/* tcp.c - the TCP transport: the only place that calls socket calls. */
#include "transport.h"

#include <errno.h>
#include <fcntl.h>
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
	double idled;   /* when the idle hook last ran from a busy stream */
} tcp_transport;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

wb_err wb_io_wait(int fd, short events, const wb_io_opts *io)
{
	double deadline = io && io->timeout >= 0 ? now() + io->timeout : -1;
	for (;;) {
		if (io && io->cancel && *io->cancel)
			return WB_E_CANCELLED;
		int slice = 50;
		if (deadline >= 0) {
			double left = deadline - now();
			if (left <= 0)
				return WB_E_TIMEOUT;
			if (left * 1000 < slice)
				slice = (int)(left * 1000) + 1;
		}
		if (!io || (!io->cancel && !io->idle && deadline < 0))
			slice = -1;
		struct pollfd p = { .fd = fd, .events = events };
		int r = poll(&p, 1, slice);
		if (r > 0)
			return WB_OK;
		if (r < 0 && errno != EINTR)
			return WB_E_OS;
		if (io && io->idle)
			io->idle(io->idle_arg);
	}
}

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

static wb_err fail(wb_buf *msg, wb_err e, int err)
{
	if (e == WB_E_TIMEOUT)
		wb_buf_adds(msg, "timed out");
	else if (e == WB_E_CANCELLED)
		wb_buf_adds(msg, "cancelled");
	else
		wb_buf_printf(msg, "[Errno %d] %s", err, strerror(err));
	return e;
}

/* Without an idle hook a blocking call with SO_RCVTIMEO/SO_SNDTIMEO is one
 * system call per read; a signal (Ctrl-C) interrupts it with EINTR. With
 * an idle hook the socket is polled in slices so the caller can redraw. */
static void apply_timeout(tcp_transport *c)
{
	double t = c->base.io ? c->base.io->timeout : -1;
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

static int polled(const wb_transport *t)
{
	return t->io && (t->io->idle || t->io->timeout == 0);
}

/* Decides what a failed call means: retry (-1), or an error. */
static int retry_or_fail(wb_transport *t, int err, short events, wb_err *e)
{
	tcp_transport *c = (tcp_transport *)t;
	if (err == EINTR) {
		if (t->io && t->io->cancel && *t->io->cancel) {
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
	*e = wb_io_wait(c->fd, events, t->io);
	if (*e) {
		fail(&t->msg, *e, 0);
		return 0;
	}
	return -1;
}

static wb_err tcp_send(wb_transport *t, const void *p, size_t n)
{
	tcp_transport *c = (tcp_transport *)t;
	const char *s = p;
	int flags = MSG_NOSIGNAL | (polled(t) ? MSG_DONTWAIT : 0);
	apply_timeout(c);
	while (n > 0) {
		ssize_t w = send(c->fd, s, n, flags);
		if (w >= 0) {
			s += w;
			n -= (size_t)w;
			continue;
		}
		wb_err e;
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

/* Seconds between idle calls while data keeps arriving: a stream that
 * never waits would otherwise never let the front end see a key. */
#define IDLE_EVERY 0.008

/* Runs the idle hook when a stream has kept it from running for a while;
 * WB_E_CANCELLED when the hook asked to stop. */
static wb_err idle_if_due(tcp_transport *c)
{
	const wb_io_opts *io = c->base.io;
	if (!io || !io->idle)
		return WB_OK;
	double t = now();
	if (t - c->idled < IDLE_EVERY)
		return WB_OK;
	c->idled = t;
	io->idle(io->idle_arg);
	if (io->cancel && *io->cancel)
		return fail(&c->base.msg, WB_E_CANCELLED, 0);
	return WB_OK;
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
	if (!flags && t->io && t->io->cancel && *t->io->cancel)
		return fail(&t->msg, WB_E_CANCELLED, 0);
	wb_err ie = idle_if_due(c);
	if (ie)
		return ie;
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

static wb_err connect_one(const struct addrinfo *ai, const wb_io_opts *io,
			  int *fd_out, int *err)
{
	/* non-blocking from the start: the connect is waited for with
	 * the timeout */
	int fd = socket(ai->ai_family,
			ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
			ai->ai_protocol);
	if (fd < 0) {
		*err = errno;
		return errno_to_err(errno);
	}
	wb_err e = WB_OK;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		if (errno != EINPROGRESS) {
			*err = errno;
			e = errno_to_err(errno);
		} else if ((e = wb_io_wait(fd, POLLOUT, io)) == WB_OK) {
			socklen_t len = sizeof *err;
			getsockopt(fd, SOL_SOCKET, SO_ERROR, err, &len);
			if (*err)
				e = errno_to_err(*err);
		}
	}
	if (e) {
		close(fd);
		return e;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	*fd_out = fd;
	return WB_OK;
}

wb_err wb_tcp_connect(void *arg, const char *host, unsigned port,
		      const wb_io_opts *io, wb_transport **out, wb_buf *msg)
{
	(void)arg;
	char service[16];
	snprintf(service, sizeof service, "%u", port);
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_family = AF_UNSPEC };
	struct addrinfo *res = NULL;
	int rc = getaddrinfo(host, service, &hints, &res);
	if (rc != 0) {
		wb_buf_printf(msg, "[Errno %d] %s", rc, gai_strerror(rc));
		return WB_E_GAI;
	}
	wb_err e = WB_E_OS;
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
	int off = 0; /* blocking again: reads wait under SO_RCVTIMEO */
	ioctl(fd, FIONBIO, &off);
	*out = &c->base;
	return WB_OK;
}
