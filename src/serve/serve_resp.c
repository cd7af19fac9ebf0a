/* serve_resp.c - writing demo-server responses: status line, fields, body
 * framing (Content-Length, chunked, or close-delimited for HTTP/1.0) and
 * buffering. Responses to pipelined requests share one send: the buffer is
 * flushed when it is large, or when the connection is about to wait for
 * input. */
#include "serve_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define OUT_FLUSH 65536u     /* buffered response bytes that trigger a send */
#define DIRECT_MIN 16384u    /* body pieces this large skip the buffer */
#define PATTERN_LEN 65520u   /* a multiple of 26, so blocks join seamlessly */

static char pattern[PATTERN_LEN + 26];

const char *wb_serve_pattern_block(size_t *n)
{
	if (!pattern[0])
		for (size_t i = 0; i < sizeof pattern; i++)
			pattern[i] = (char)('a' + i % 26);
	*n = PATTERN_LEN;
	return pattern;
}

static void put(wb_serve_conn *c, const void *p, size_t n)
{
	if (c->failed)
		return;
	if (wb_buf_add(&c->out, p, n))
		c->failed = 1;
	else if (c->out.n >= OUT_FLUSH)
		wb_serve_flush(c);
}

static void putf(wb_serve_conn *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(wb_serve_conn *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!c->failed && wb_buf_vprintf(&c->out, fmt, ap))
		c->failed = 1;
	va_end(ap);
	if (!c->failed && c->out.n >= OUT_FLUSH)
		wb_serve_flush(c);
}

void wb_serve_flush(wb_serve_conn *c)
{
	if (!c->failed && c->out.n &&
	    wb_serve_net_send(c->fd, c->out.p, c->out.n) != 0)
		c->failed = 1;
	wb_buf_clear(&c->out);
}

void wb_serve_status(wb_serve_conn *c, int code)
{
	c->chunked = 0;
	c->no_body = c->req && c->req->head;
	putf(c, "HTTP/1.1 %03d %s\r\nServer: wirebench-demo\r\n", code,
	     wb_serve_reason(code));
}

void wb_serve_interim(wb_serve_conn *c, int code)
{
	putf(c, "HTTP/1.1 %03d %s\r\nServer: wirebench-demo\r\n\r\n", code,
	     wb_serve_reason(code));
}

void wb_serve_field(wb_serve_conn *c, const char *name, const char *fmt, ...)
{
	va_list ap;
	putf(c, "%s: ", name);
	va_start(ap, fmt);
	if (!c->failed && wb_buf_vprintf(&c->out, fmt, ap))
		c->failed = 1;
	va_end(ap);
	put(c, "\r\n", 2);
}

/* Connection field, then the blank line ending the head. */
static void end_head(wb_serve_conn *c)
{
	if (c->close)
		put(c, "Connection: close\r\n", 19);
	else if (c->req && c->req->keep_alive_10)
		put(c, "Connection: keep-alive\r\n", 24);
	put(c, "\r\n", 2);
}

void wb_serve_head_sized(wb_serve_conn *c, const char *type, uint64_t len)
{
	putf(c, "Content-Type: %s\r\nContent-Length: %llu\r\n", type,
	     (unsigned long long)len);
	end_head(c);
}

void wb_serve_head_stream(wb_serve_conn *c, const char *type)
{
	putf(c, "Content-Type: %s\r\n", type);
	if (c->req && c->req->minor == 0)
		c->close = 1; /* HTTP/1.0 has no chunked coding: EOF ends it */
	else
		c->chunked = 1;
	if (c->chunked)
		put(c, "Transfer-Encoding: chunked\r\n", 28);
	end_head(c);
}

void wb_serve_head_bare(wb_serve_conn *c)
{
	end_head(c);
}

void wb_serve_data(wb_serve_conn *c, const void *p, size_t n)
{
	if (c->no_body || c->failed || !n)
		return;
	if (n < DIRECT_MIN) {
		put(c, p, n);
		return;
	}
	/* what is buffered (the head) and the piece in one write: a
	 * response a client can read whole arrives whole */
	if (!c->failed &&
	    wb_serve_net_send2(c->fd, c->out.p, c->out.n, p, n) != 0)
		c->failed = 1;
	wb_buf_clear(&c->out);
}

void wb_serve_pattern(wb_serve_conn *c, uint64_t off, uint64_t n)
{
	size_t blk;
	const char *p = wb_serve_pattern_block(&blk);
	while (n && !c->failed && !c->no_body) {
		size_t piece = n < blk ? (size_t)n : blk;
		wb_serve_data(c, p + off % 26, piece);
		off += piece;
		n -= piece;
	}
}

void wb_serve_chunk_open(wb_serve_conn *c, uint64_t n)
{
	if (c->chunked && !c->no_body)
		putf(c, "%llx\r\n", (unsigned long long)n);
}

void wb_serve_chunk_close(wb_serve_conn *c)
{
	if (c->chunked && !c->no_body)
		put(c, "\r\n", 2);
}

void wb_serve_stream_end(wb_serve_conn *c, const char *trailers)
{
	if (!c->chunked || c->no_body)
		return;
	put(c, "0\r\n", 3);
	if (trailers)
		put(c, trailers, strlen(trailers));
	put(c, "\r\n", 2);
}

void wb_serve_text(wb_serve_conn *c, int code, const char *text)
{
	size_t n = strlen(text);
	wb_serve_status(c, code);
	wb_serve_head_sized(c, "text/plain; charset=utf-8", n);
	wb_serve_data(c, text, n);
}
