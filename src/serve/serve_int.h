/* serve_int.h - internals the demo server's files share (see serve.h). */
#ifndef WB_SERVE_INT_H
#define WB_SERVE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "base/buf.h"

/* Limits that keep a hostile client from exhausting memory. */
#define WB_SERVE_LINE_MAX 8192u         /* request line, terminator included */
#define WB_SERVE_HEAD_MAX 65536u        /* request line + fields + blank line */
#define WB_SERVE_CHUNK_LINE_MAX 4096u   /* chunk-size line with extensions */
#define WB_SERVE_TRAILER_MAX 65536u     /* all trailer lines of one body */
#define WB_SERVE_ECHO_MAX (1u << 20)    /* body bytes /echo holds */
#define WB_SERVE_IDLE_SECONDS 300       /* a silent client is dropped after */
#define WB_SERVE_HEAD_MS 10000          /* a started head must end within
					 * (WIREBENCH_HEAD_TIMEOUT seconds) */

typedef struct wb_serve_str {
	const char *p;
	size_t n;
} wb_serve_str;

/* A parsed request head; the strings point into the request line. */
typedef struct wb_serve_req {
	wb_serve_str method, target, path, query;
	size_t line_len;     /* request line without its terminator */
	int minor;           /* HTTP/1.minor */
	int head;            /* method is HEAD: the response has no body */
	int has_length;      /* Content-Length given (length is valid) */
	uint64_t length;
	int chunked;         /* Transfer-Encoding: chunked */
	int close;           /* close after the response */
	int keep_alive_10;   /* HTTP/1.0 client asked for keep-alive */
	int expect_continue; /* Expect: 100-continue */
} wb_serve_req;

/* ---- serve_head.c: request heads (never allocates) ---- */

/* Returns the length of the head at p[0..n) up to and including its blank
 * line, or 0 when more bytes are needed. *scan carries the offset already
 * searched between calls over the same growing buffer (start it at 0). */
size_t wb_serve_head_end(const char *p, size_t n, size_t *scan);
/* For n bytes holding no complete head: returns 414 when the request line
 * already exceeds WB_SERVE_LINE_MAX, 431 when the head exceeds
 * WB_SERVE_HEAD_MAX, else 0 (waiting for more may still succeed). */
int wb_serve_head_too_big(const char *p, size_t n);
/* Parses the complete head p[0..len) into req. Returns 0, or the status to
 * refuse the request with (400, 414, 417, 431, 501, 505); *why gets a
 * static reason. A request line that is accepted fits WB_SERVE_LINE_MAX. */
int wb_serve_head_parse(const char *p, size_t len, wb_serve_req *req,
			const char **why);

/* ---- serve_chunk.c: chunked request bodies (never allocates) ---- */

typedef struct wb_serve_chunk {
	int state;
	uint64_t left;     /* data bytes left in the current chunk */
	size_t line;       /* bytes of the current chunk-size line */
	size_t trailer;    /* bytes of trailer lines so far */
	const char *why;   /* reason after an error */
} wb_serve_chunk;

/* Prepares a decoder for a new body. */
void wb_serve_chunk_init(wb_serve_chunk *c);
/* Feeds raw bytes (framing included). Sets *used to the bytes that belong
 * to the body and returns 1 when the body (trailers included) ended within
 * them, 0 when more bytes are needed, -1 on malformed framing (c->why). */
int wb_serve_chunk_feed(wb_serve_chunk *c, const char *p, size_t n,
			size_t *used);

/* ---- serve_conn.c / serve_resp.c: one connection and its responses ---- */

typedef struct wb_serve_conn {
	int fd;
	char *in;                 /* received bytes not yet consumed */
	size_t in_pos, in_len;
	char line[WB_SERVE_LINE_MAX]; /* the current request line, kept */
	wb_buf body;              /* request kept for /echo */
	wb_buf out;               /* response bytes not yet sent */
	const wb_serve_req *req;  /* the request being answered */
	int failed;               /* a send failed: the peer is gone */
	int close;                /* close after this response */
	int chunked;              /* the body uses chunked coding */
	int no_body;              /* HEAD or a status without content */
	int late;                 /* answered 408: linger only briefly */
} wb_serve_conn;

/* Serves one accepted connection until it closes, then closes fd. Runs in
 * a child with SIGUSR1 blocked: the parent sends it when the server is
 * full, and a connection idle between requests (no byte of a head yet)
 * then closes to make room, as nginx reuses keep-alive connections. */
void wb_serve_conn_run(int fd);
/* How long a request head may take from its first byte (408 after). */
void wb_serve_conn_set_head_ms(long ms);

/* Starts a response: status line and Server field. */
void wb_serve_status(wb_serve_conn *c, int code);
/* Appends a whole interim (1xx) response. */
void wb_serve_interim(wb_serve_conn *c, int code);
/* Appends one header field; value is printf-formatted. */
void wb_serve_field(wb_serve_conn *c, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Ends the head of a body of len bytes (Content-Type, Content-Length). */
void wb_serve_head_sized(wb_serve_conn *c, const char *type, uint64_t len);
/* Ends the head of a body of unknown length: chunked for HTTP/1.1, ended by
 * closing the connection for HTTP/1.0. */
void wb_serve_head_stream(wb_serve_conn *c, const char *type);
/* Ends a head without Content-Type or framing fields (1xx, 204, 304). */
void wb_serve_head_bare(wb_serve_conn *c);
/* Appends body bytes (dropped for HEAD); large ones go out directly. */
void wb_serve_data(wb_serve_conn *c, const void *p, size_t n);
/* Appends n bytes of the a..z pattern starting at body offset off. */
void wb_serve_pattern(wb_serve_conn *c, uint64_t off, uint64_t n);
/* Opens a chunk of n bytes (no-op unless the body is chunked). */
void wb_serve_chunk_open(wb_serve_conn *c, uint64_t n);
/* Closes the current chunk. */
void wb_serve_chunk_close(wb_serve_conn *c);
/* Ends a streamed body: last chunk, then the trailer lines (each ending in
 * CRLF, may be NULL) and the blank line. */
void wb_serve_stream_end(wb_serve_conn *c, const char *trailers);
/* A whole small text/plain response. */
void wb_serve_text(wb_serve_conn *c, int code, const char *text);
/* Sends what is buffered; marks the connection failed when the peer left. */
void wb_serve_flush(wb_serve_conn *c);
/* Returns the standard reason phrase of code, "" when it has none. */
const char *wb_serve_reason(int code);
/* Returns the pattern block (byte i is 'a' + i % 26) and its length in
 * *n, a multiple of 26; 26 more bytes follow it for unaligned starts. */
const char *wb_serve_pattern_block(size_t *n);

/* ---- serve_routes.c: the endpoints ---- */

typedef struct wb_serve_route {
	const char *path;   /* exact path, or a prefix when it ends in '/' */
	int keeps_body;     /* the handler needs the raw request in c->body */
	void (*serve)(wb_serve_conn *c, const wb_serve_req *r, wb_serve_str arg);
} wb_serve_route;

/* Returns the route for a path (a 404 route when none matches); *arg gets
 * the part of the path after a prefix route. */
const wb_serve_route *wb_serve_route_find(wb_serve_str path,
					  wb_serve_str *arg);

/* ---- serve_net.c: the only serve file with socket calls ---- */

/* Returns a listening non-blocking socket on 127.0.0.1:port, or -1 (errno
 * set); *bound gets the port actually bound. */
int wb_serve_net_listen(uint16_t port, unsigned *bound);
/* Returns an accepted connection with its options set, or -1 (errno). */
int wb_serve_net_accept(int lfd);
/* Sends all n bytes. Returns 0, or -1 when the peer is gone or stalled. */
int wb_serve_net_send(int fd, const void *p, size_t n);
/* Sends a then b in as few writes as the socket allows (sendmsg). */
int wb_serve_net_send2(int fd, const void *a, size_t an, const void *b,
		       size_t bn);
/* Receives up to n bytes. Returns the count, 0 at EOF, -1 on error or idle
 * timeout. */
ssize_t wb_serve_net_recv(int fd, void *p, size_t n);
/* Waits until fd is readable: 1, 0 when ms (-1: no limit) passed, -1 when
 * a signal arrived (SIGUSR1 is let in only while waiting) or on error. */
int wb_serve_net_wait(int fd, long ms);
/* Closes after a final response: stops sending, then drains what the peer
 * still sends for a moment so it reads the response instead of a reset. */
void wb_serve_net_linger_close(int fd, long ms);
/* Answers 503 without blocking and closes: the server is at capacity. */
void wb_serve_net_busy(int fd);

#endif
