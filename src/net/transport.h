/* transport.h - the byte pipe under a connection.
 *
 * A transport is an ops table plus its context. TCP (tcp.c), TLS and tunnels
 * implement it for real networks, memtransport.c for unit tests. Only the
 * tcp transport touches sockets. */
#ifndef WB_TRANSPORT_H
#define WB_TRANSPORT_H

#include <signal.h>
#include <stddef.h>
#include "base/buf.h"

/* Settings a transport reads on every blocking call; owned by the caller,
 * which may change them while the transport lives. */
typedef struct wb_io_opts {
	double timeout;                  /* seconds, < 0 for none */
	volatile sig_atomic_t *cancel;   /* set non-zero to cancel a wait */
	void (*idle)(void *arg);         /* called about every 50 ms of waiting */
	void *idle_arg;
} wb_io_opts;

typedef struct wb_transport wb_transport;

/* One piece of a gathered write. */
typedef struct wb_iov {
	const void *p;
	size_t n;
} wb_iov;

struct wb_transport_ops {
	const char *name;
	/* Writes all n bytes or fails (WB_E_BROKEN_PIPE, WB_E_CONN_RESET...). */
	wb_err (*send)(wb_transport *t, const void *p, size_t n);
	/* Reads at most n bytes; *got == 0 means the peer closed. */
	wb_err (*recv)(wb_transport *t, void *p, size_t n, size_t *got);
	/* Closes the pipe and frees the transport. */
	void (*close)(wb_transport *t);
	/* Optional: a one-line description (e.g. TLS version and cipher). */
	const char *(*describe)(wb_transport *t);
	/* Optional: writes all pieces in order, the same bytes as one send
	 * of them joined, without joining them (tcp: sendmsg). */
	wb_err (*sendv)(wb_transport *t, const wb_iov *iov, size_t n);
	/* Optional: the socket's file descriptor (Python's fileno()). */
	int (*fileno)(wb_transport *t);
};

/* Every transport struct starts with this. */
struct wb_transport {
	const struct wb_transport_ops *ops;
	const wb_io_opts *io;
	wb_buf msg; /* detail of the last error */
};

/* Writes the pieces in order: through sendv when the transport has one,
 * else joined in scratch (the caller's, reused) and sent at once, so that
 * TLS does not cut them into small records. */
wb_err wb_transport_sendv(wb_transport *t, const wb_iov *iov, size_t n,
			  wb_buf *scratch);

/* Opens a transport to host:port. On failure appends a message to msg. */
typedef wb_err (*wb_connector)(void *arg, const char *host, unsigned port,
			       const wb_io_opts *io, wb_transport **out,
			       wb_buf *msg);

/* The TCP connector (arg unused). Sets TCP_NODELAY like http.client. */
wb_err wb_tcp_connect(void *arg, const char *host, unsigned port,
		      const wb_io_opts *io, wb_transport **out, wb_buf *msg);

/* Waits until fd is readable (events POLLIN) or writable (POLLOUT) under the
 * io settings: WB_E_TIMEOUT, WB_E_CANCELLED or WB_OK. */
wb_err wb_io_wait(int fd, short events, const wb_io_opts *io);

#endif
