/* closed.h - the closed socket a failed TLS set-up leaves behind.
 *
 * http.client keeps the socket whose wrap_socket failed as the connection's
 * sock: it is detached, so every later call fails with EBADF. */
#ifndef WB_CLOSED_H
#define WB_CLOSED_H

#include "transport.h"

/* A transport whose send and recv fail with OSError [Errno 9]; NULL when
 * out of memory. The caller owns it (close frees it). */
wb_transport *wb_closed_new(const wb_io_opts *io);

#endif
