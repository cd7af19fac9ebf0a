/* resolve.h - name resolution that never blocks the caller's loop.
 *
 * getaddrinfo has no timeout and no cancel, so it runs on a thread of its
 * own; the thread makes a descriptor readable when it is done, which the
 * caller waits for like any other wait (wb_io_wait). A lookup has two
 * owners, the caller and its thread: whichever lets go last frees it, so a
 * cancelled lookup's result is discarded by its thread, never leaked. */
#ifndef WB_RESOLVE_H
#define WB_RESOLVE_H

#include <netdb.h>

#include "transport.h"

typedef struct wb_lookup wb_lookup;

/* Starts getaddrinfo(host, service, hints) on a new thread; *out is the
 * caller's until wb_lookup_take or wb_lookup_cancel. WB_E_NOMEM, or
 * WB_E_OS with a message in msg. */
wb_err wb_lookup_start(const char *host, const char *service,
		       const struct addrinfo *hints, wb_lookup **out,
		       wb_buf *msg);
/* The descriptor that becomes readable (POLLIN) once the lookup is done. */
int wb_lookup_fd(const wb_lookup *l);
/* Once done: getaddrinfo's code; *res is the caller's (freeaddrinfo).
 * Frees l. */
int wb_lookup_take(wb_lookup *l, struct addrinfo **res);
/* Lets go of l, done or not: a running thread discards its result and
 * frees l when getaddrinfo returns. */
void wb_lookup_cancel(wb_lookup *l);

/* Resolves host:port for a TCP socket as Python's create_connection does
 * (getaddrinfo with SOCK_STREAM), waiting under io. WB_OK with *res the
 * caller's; WB_E_GAI with Python's message; WB_E_CANCELLED; WB_E_NOMEM;
 * WB_E_OS. The io timeout does not apply (Python's does not either). */
wb_err wb_resolve(const char *host, unsigned port, const wb_io_opts *io,
		  struct addrinfo **res, wb_buf *msg);

#endif
