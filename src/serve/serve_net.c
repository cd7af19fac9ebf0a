/* serve_net.c - the demo server's sockets: listening, accepting, blocking
 * sends and receives with an idle limit, and closing politely. The client
 * side has its own transport (tcp.c); this is the only serve file that
 * makes socket calls. */
#include "serve_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>


int wb_serve_net_listen(uint16_t port, unsigned *bound)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	int one = 1;
	socklen_t len = sizeof sa;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(fd, 128) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	*bound = ntohs(sa.sin_port);
	return fd;
}

int wb_serve_net_accept(int lfd)
{
	int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return -1;
	int one = 1;
	struct timeval tv = { .tv_sec = WB_SERVE_IDLE_SECONDS };
	/* Small responses go out at once; the buffer already batches them. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	return fd;
}

int wb_serve_net_send(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int wb_serve_net_send2(int fd, const void *a, size_t an, const void *b,
			size_t bn)
{
	/* sendmsg only reads them; iovec has no const */
	struct iovec v[2] = { { (void *)(uintptr_t)a, an },
			      { (void *)(uintptr_t)b, bn } };
	int i = 0;
	while (i < 2) {
		struct msghdr m = { .msg_iov = v + i, .msg_iovlen = (size_t)(2 - i) };
		ssize_t w = sendmsg(fd, &m, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		for (size_t left = (size_t)w; i < 2 && left;) {
			size_t take = left < v[i].iov_len ? left : v[i].iov_len;
			v[i].iov_base = (char *)v[i].iov_base + take;
			v[i].iov_len -= take;
			left -= take;
			if (!v[i].iov_len)
				i++;
		}
		while (i < 2 && !v[i].iov_len)
			i++;
	}
	return 0;
}

ssize_t wb_serve_net_recv(int fd, void *p, size_t n)
{
	for (;;) {
		ssize_t r = recv(fd, p, n, 0);
		if (r >= 0 || errno != EINTR)
			return r < 0 ? -1 : r;
	}
}

int wb_serve_net_wait(int fd, long ms)
{
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	sigset_t open;
	sigprocmask(SIG_SETMASK, NULL, &open);
	sigdelset(&open, SIGUSR1);
	int r = ppoll(&pf, 1, ms < 0 ? NULL : &ts, &open);
	return r > 0 ? 1 : r;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

void wb_serve_net_linger_close(int fd, long ms)
{
	char sink[16384];
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	shutdown(fd, SHUT_WR);
	for (;;) {
		long left = ms - ms_since(&t0);
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		if (left <= 0 || poll(&pf, 1, (int)left) <= 0)
			break;
		if (recv(fd, sink, sizeof sink, MSG_DONTWAIT) <= 0)
			break;
	}
	close(fd);
}

void wb_serve_net_busy(int fd)
{
	static const char msg[] =
		"HTTP/1.1 503 Service Unavailable\r\n"
		"Server: wirebench-demo\r\n"
		"Content-Type: text/plain; charset=utf-8\r\n"
		"Content-Length: 21\r\n"
		"Connection: close\r\n"
		"\r\n"
		"too many connections\n";
	if (send(fd, msg, sizeof msg - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		errno = 0; /* the peer is gone already; nothing to tell it */
	close(fd);
}
