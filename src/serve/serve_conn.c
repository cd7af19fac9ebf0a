/* serve_conn.c - one demo-server connection: reading request heads and
 * bodies (Content-Length or chunked, streamed in bounded memory), HTTP/1.1
 * persistence and pipelining, 100-continue, and refusing bad requests. */
#include "serve_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

/* Room for a maximal head plus body bytes that arrive with it. */
#define IN_CAP (WB_SERVE_HEAD_MAX + 65536u)

enum { GONE = -1 }; /* the peer left: close without answering */

#define LINGER_MS 2000     /* how long a closing connection drains the peer */
#define LATE_LINGER_MS 200 /* after a 408: a slow client keeps no slot */

static long head_ms = WB_SERVE_HEAD_MS;
static volatile sig_atomic_t reclaim; /* the server is full (SIGUSR1) */

void wb_serve_conn_set_head_ms(long ms)
{
	head_ms = ms;
}

static void on_reclaim(int sig)
{
	(void)sig;
	reclaim = 1;
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Reads more bytes after those not yet consumed. Returns the count, 0 at
 * EOF, -1 on error; responses are flushed first so that a client waiting
 * for them (pipelining, 100-continue) is never kept waiting. */
static ssize_t fill(wb_serve_conn *c)
{
	wb_serve_flush(c);
	if (c->failed)
		return -1;
	if (c->in_pos) { /* at most a partial head moves */
		memmove(c->in, c->in + c->in_pos, c->in_len - c->in_pos);
		c->in_len -= c->in_pos;
		c->in_pos = 0;
	}
	/* never full here: a head is refused at WB_SERVE_HEAD_MAX, half of
	 * IN_CAP, and bodies are consumed as they come (a full buffer
	 * would read 0 bytes: EOF) */
	ssize_t r = wb_serve_net_recv(c->fd, c->in + c->in_len,
				      IN_CAP - c->in_len);
	if (r > 0)
		c->in_len += (size_t)r;
	return r;
}

/* Answers a request that cannot be served and marks the connection for
 * closing: after a framing error the next message cannot be found. */
static int refuse(wb_serve_conn *c, int code, const char *why)
{
	char text[256];
	snprintf(text, sizeof text, "%d %s: %s\n", code, wb_serve_reason(code),
		 why);
	c->close = 1;
	c->req = NULL;
	wb_serve_text(c, code, text);
	return 0;
}

/* Skips the empty lines a client may send before a request line. Returns
 * 0 when more bytes are needed to decide. */
static int skip_blank_lines(wb_serve_conn *c)
{
	while (c->in_pos < c->in_len) {
		char ch = c->in[c->in_pos];
		if (ch == '\n') {
			c->in_pos++;
		} else if (ch == '\r') {
			if (c->in_pos + 1 == c->in_len)
				return 0;
			if (c->in[c->in_pos + 1] != '\n')
				return 1; /* a bare CR: the parser refuses it */
			c->in_pos += 2;
		} else {
			return 1;
		}
	}
	return 0;
}

/* Waits for the next bytes of a head. A head that has started must be
 * complete by `deadline` (0: none yet); before its first byte the wait is
 * given up when the server needs the slot. Returns as fill(), or GONE. */
static ssize_t fill_head(wb_serve_conn *c, long deadline)
{
	wb_serve_flush(c);
	for (;;) {
		if (c->failed || (!deadline && reclaim))
			return GONE;
		long left = deadline ? deadline - now_ms() : -1;
		if (deadline && left <= 0) {
			c->late = 1;
			refuse(c, 408, "request head not complete in time");
			return GONE;
		}
		int r = wb_serve_net_wait(c->fd, left);
		if (r > 0)
			return fill(c);
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

/* Waits for a complete head. Returns its length, 0 at a clean EOF between
 * requests, GONE when the peer left or the head was refused. */
static ssize_t read_head(wb_serve_conn *c)
{
	size_t scan = 0;
	long deadline = 0;
	for (;;) {
		if (skip_blank_lines(c)) {
			const char *p = c->in + c->in_pos;
			size_t n = c->in_len - c->in_pos;
			size_t len = wb_serve_head_end(p, n, &scan);
			if (len)
				return (ssize_t)len;
			int code = wb_serve_head_too_big(p, n);
			if (code) {
				refuse(c, code, code == 414
					? "request line longer than 8192 bytes"
					: "request head longer than 65536 bytes");
				return GONE;
			}
		}
		if (!deadline && c->in_len > c->in_pos)
			deadline = now_ms() + head_ms;
		if (fill_head(c, deadline) <= 0)
			return GONE;
	}
}

/* Consumes the body: into c->body when keep, otherwise dropped. Returns 0,
 * a status to refuse the request with, or GONE. */
static int read_body(wb_serve_conn *c, const wb_serve_req *r, int keep,
		     const char **why)
{
	uint64_t left = r->has_length ? r->length : 0;
	size_t cap = c->body.n + WB_SERVE_ECHO_MAX;
	wb_serve_chunk dec;
	wb_serve_chunk_init(&dec);
	for (;;) {
		size_t n = c->in_len - c->in_pos, used = n;
		int done = 0;
		if (r->chunked) {
			done = wb_serve_chunk_feed(&dec, c->in + c->in_pos, n, &used);
			if (done < 0) {
				*why = dec.why;
				return 400;
			}
		} else {
			used = n < left ? n : (size_t)left;
			left -= used;
			done = left == 0;
		}
		if (keep && c->body.n + used > cap) {
			*why = "/echo keeps at most 1 MiB of body";
			return 413;
		}
		if (keep && wb_buf_add(&c->body, c->in + c->in_pos, used))
			return GONE;
		c->in_pos += used;
		if (done)
			return 0;
		if (fill(c) <= 0)
			return GONE;
	}
}

/* Points s into the copy when it points into the line being copied (it
 * may point at a literal such as the "/" of "http://host"). */
static void rebase(wb_serve_str *s, const char *from, size_t n, char *to)
{
	uintptr_t p = (uintptr_t)s->p, lo = (uintptr_t)from;
	if (p >= lo && p <= lo + n)
		s->p = to + (p - lo);
}

/* Copies the request line out of the input buffer, which reading the body
 * may overwrite, and points req at the copy. */
static void keep_line(wb_serve_conn *c, wb_serve_req *r)
{
	const char *from = r->method.p;
	memcpy(c->line, from, r->line_len);
	rebase(&r->method, from, r->line_len, c->line);
	rebase(&r->target, from, r->line_len, c->line);
	rebase(&r->path, from, r->line_len, c->line);
	rebase(&r->query, from, r->line_len, c->line);
}

/* Serves one request whose head is at the input position. Returns 1 to
 * keep the connection for another request. */
static int serve_one(wb_serve_conn *c, size_t head_len)
{
	wb_serve_req req;
	const char *why = NULL;
	const char *head = c->in + c->in_pos;
	int code = wb_serve_head_parse(head, head_len, &req, &why);
	if (code)
		return refuse(c, code, why);
	keep_line(c, &req);
	wb_serve_str arg;
	const wb_serve_route *rt = wb_serve_route_find(req.path, &arg);
	wb_buf_clear(&c->body);
	if (rt->keeps_body && wb_buf_add(&c->body, head, head_len))
		return 0;
	c->in_pos += head_len;
	c->close = req.close;
	if (rt->keeps_body && req.has_length && req.length > WB_SERVE_ECHO_MAX)
		return refuse(c, 413, "/echo keeps at most 1 MiB of body");
	int has_body = req.chunked || (req.has_length && req.length);
	if (req.expect_continue && req.minor >= 1 && has_body)
		wb_buf_adds(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
	code = read_body(c, &req, rt->keeps_body, &why);
	if (code == GONE)
		return 0;
	if (code)
		return refuse(c, code, why);
	c->req = &req;
	rt->serve(c, &req, arg);
	c->req = NULL;
	if (c->body.cap > 2 * WB_SERVE_HEAD_MAX)
		wb_buf_free(&c->body); /* a big echo should not pin memory */
	return !c->close && !c->failed;
}

void wb_serve_conn_run(int fd)
{
	struct sigaction sa = { .sa_handler = on_reclaim }; /* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	wb_serve_conn *c = calloc(1, sizeof *c);
	char *in = malloc(IN_CAP);
	if (c && in) {
		c->fd = fd;
		c->in = in;
		for (;;) {
			ssize_t head = read_head(c);
			if (head <= 0 || !serve_one(c, (size_t)head))
				break;
		}
		wb_serve_flush(c);
	}
	if (c && c->close && !c->failed)
		wb_serve_net_linger_close(fd, c->late ? LATE_LINGER_MS : LINGER_MS);
	else
		close(fd);
	if (c) {
		wb_buf_free(&c->body);
		wb_buf_free(&c->out);
	}
	free(in);
	free(c);
}
