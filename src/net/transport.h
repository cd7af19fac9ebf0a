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

/* One event loop, owned by the front end.
 *
 * The core is straight-line code (http.client's calls), so it does not loop
 * on the network itself. A transport that cannot go on says what it waits
 * for - a descriptor, a direction and a deadline (wb_wait) - and calls
 * wb_io_wait, the only place the core waits. With a waiter in the io
 * settings the wait is the front end's: the TUI runs each command as a task
 * on a stack of its own (ui/task.h); its waiter parks the task with the
 * wb_wait, the TUI's one poll loop polls the terminal, its signal pipe and
 * that descriptor together, and resumes the task once the descriptor is
 * ready, the deadline has passed or the user cancelled - the way curl's
 * connection filters report their pollset to the caller's loop. Without a
 * waiter (batch mode, the REPL) wb_io_wait blocks in poll on the same
 * descriptor; a signal interrupts it and the cancel flag ends the wait.
 * Name resolution is a wait like any other: a resolver thread (resolve.h)
 * makes a descriptor readable when it is done, and a cancelled lookup is
 * left to its thread, which frees it.
 *
 * Test-only: WIREBENCH_TEST_NAMESERVER=127.0.0.1:PORT makes the resolver
 * ask that DNS server (UDP) instead of the system's; the TUI and REPL tests
 * point it at a server that never answers. */

/* What a blocked call waits for. */
typedef struct wb_wait {
	int fd;          /* the descriptor to poll */
	short events;    /* POLLIN or POLLOUT */
	double deadline; /* wb_io_now() seconds, < 0 for none */
} wb_wait;

/* A front end's wait: returns WB_OK once w->fd is ready, WB_E_TIMEOUT
 * after the deadline, WB_E_CANCELLED once the cancel flag is set. */
typedef wb_err (*wb_waiter)(void *arg, const wb_wait *w);

/* Settings a transport reads on every blocking call; owned by the caller,
 * which may change them while the transport lives. */
typedef struct wb_io_opts {
	double timeout;                  /* seconds, < 0 for none */
	volatile sig_atomic_t *cancel;   /* set non-zero to cancel a wait */
	wb_waiter wait;                  /* NULL: block in poll */
	void *wait_arg;
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

/* The TCP connector (arg unused). Sets TCP_NODELAY like http.client. The
 * transport reads io (not NULL) on every call; it must outlive it. */
wb_err wb_tcp_connect(void *arg, const char *host, unsigned port,
		      const wb_io_opts *io, wb_transport **out, wb_buf *msg);

/* The clock of wb_wait deadlines (monotonic seconds). */
double wb_io_now(void);

/* Milliseconds until deadline (wb_io_now() seconds), rounded up, for
 * poll: -1 for none (deadline < 0), 0 once past. */
int wb_io_ms_left(double deadline);

/* Waits for w under the io settings (io may be NULL: wait forever):
 * WB_OK, WB_E_TIMEOUT, WB_E_CANCELLED or WB_E_OS. */
wb_err wb_io_wait(const wb_wait *w, const wb_io_opts *io);

#endif
