/* serve.h - the built-in demo server behind `wirebench --serve [PORT]`.
 *
 * A small but real HTTP/1.1 origin server on the loopback interface, for
 * teaching, `make run`, integration tests and benchmarks. One process per
 * connection; responses carry no Date so transcripts are reproducible. */
#ifndef WB_SERVE_H
#define WB_SERVE_H

#include <stdio.h>

/* Runs the demo server on host:port (port 0 = any free port) until SIGINT or
 * SIGTERM. Prints "wirebench demo server listening on http://HOST:PORT/"
 * (flushed) to out once listening. Returns 0 on a clean stop, 1 on error
 * (message on err). */
int wb_serve_run(const char *host, unsigned port, FILE *out, FILE *err);

#endif
