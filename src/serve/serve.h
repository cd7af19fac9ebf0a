/* serve.h - the built-in demo server behind `wirebench --serve [PORT]`.
 *
 * A small but real HTTP/1.1 origin server on the loopback interface, for
 * teaching, `make run`, integration tests and benchmarks. One process per
 * connection; responses carry no Date so transcripts are reproducible. */
#ifndef WB_SERVE_H
#define WB_SERVE_H

#include <stdint.h>
#include <stdio.h>

/* Runs the demo server on 127.0.0.1:port (port 0 = any free port) until
 * SIGINT or SIGTERM; it never listens elsewhere. Prints "wirebench demo
 * server listening on http://127.0.0.1:PORT/" (flushed) to out once
 * listening. Returns 0 on a clean stop, 1 when it cannot listen (message
 * on err). */
int wb_serve_run(uint16_t port, FILE *out, FILE *err);

#endif
