#define _GNU_SOURCE
/* sinksrc.c - the benchmark's own peer for multi-GiB transfers, one
 * connection at a time, keep-alive:
 *   GET /chunked/N     N bytes as a chunked body in 64 KiB chunks
 *   PUT or POST ...    reads a chunked or Content-Length body and answers
 *                      200 with the body "received=N\n" (N data bytes);
 *                      "Expect: 100-continue" gets its 100 first
 * Usage: sinksrc PORTFILE - listens on a free 127.0.0.1 port, writes the
 * port to PORTFILE and serves until killed. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static char buf[1 << 18];
static size_t have, pos;

/* Makes at least one more byte available; 0 at EOF or error. */
static int more(int fd)
{
	if (pos == have)
		pos = have = 0;
	if (have == sizeof buf) {
		memmove(buf, buf + pos, have - pos);
		have -= pos;
		pos = 0;
	}
	ssize_t r = recv(fd, buf + have, sizeof buf - have, 0);
	if (r <= 0)
		return 0;
	have += (size_t)r;
	return 1;
}

/* Reads a line ending in LF into line (NUL-terminated, CRLF dropped). */
static int get_line(int fd, char *line, size_t cap)
{
	size_t n = 0;
	for (;;) {
		while (pos < have) {
			char c = buf[pos++];
			if (c == '\n') {
				if (n && line[n - 1] == '\r')
					n--;
				line[n] = '\0';
				return 1;
			}
			if (n + 1 < cap)
				line[n++] = c;
		}
		if (!more(fd))
			return 0;
	}
}

/* Drops n body bytes; returns 0 if the peer went away first. */
static int skip(int fd, unsigned long long n)
{
	while (n) {
		if (pos == have && !more(fd))
			return 0;
		size_t take = have - pos < n ? have - pos : (size_t)n;
		pos += take;
		n -= take;
	}
	return 1;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return 0;
		p += w;
		n -= (size_t)w;
	}
	return 1;
}

static int read_chunked(int fd, unsigned long long *total)
{
	char line[256];
	for (;;) {
		if (!get_line(fd, line, sizeof line))
			return 0;
		unsigned long long n = strtoull(line, NULL, 16);
		if (n == 0)
			break;
		if (!skip(fd, n) || !get_line(fd, line, sizeof line))
			return 0;
		*total += n;
	}
	do { /* trailers up to the empty line */
		if (!get_line(fd, line, sizeof line))
			return 0;
	} while (line[0]);
	return 1;
}

static int answer_upload(int fd, unsigned long long got)
{
	char body[64], head[128];
	int bn = snprintf(body, sizeof body, "received=%llu\n", got);
	int hn = snprintf(head, sizeof head,
			  "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", bn);
	return send_all(fd, head, (size_t)hn) && send_all(fd, body, (size_t)bn);
}

static int send_chunked(int fd, unsigned long long n)
{
	static char frame[16 + CHUNK + 2];
	static const char head[] = "HTTP/1.1 200 OK\r\n"
				   "Transfer-Encoding: chunked\r\n\r\n";
	if (!send_all(fd, head, sizeof head - 1))
		return 0;
	int fl = snprintf(frame, 16, "%X\r\n", CHUNK);
	memset(frame + fl, 'x', CHUNK);
	memcpy(frame + fl + CHUNK, "\r\n", 2);
	for (; n >= CHUNK; n -= CHUNK)
		if (!send_all(fd, frame, (size_t)fl + CHUNK + 2))
			return 0;
	char tail[32];
	if (n) {
		int tl = snprintf(tail, sizeof tail, "%llX\r\n", n);
		if (!send_all(fd, tail, (size_t)tl) ||
		    !send_all(fd, frame + fl, (size_t)n) ||
		    !send_all(fd, "\r\n", 2))
			return 0;
	}
	return send_all(fd, "0\r\n\r\n", 5);
}

/* One request; 0 when the connection is done. */
static int serve_one(int fd)
{
	char line[1024], method[16] = "", path[512] = "";
	if (!get_line(fd, line, sizeof line) ||
	    sscanf(line, "%15s %511s", method, path) != 2)
		return 0;
	int chunked = 0, expect = 0;
	unsigned long long length = 0;
	for (;;) {
		if (!get_line(fd, line, sizeof line))
			return 0;
		if (!line[0])
			break;
		if (!strncasecmp(line, "Transfer-Encoding:", 18) &&
		    strcasestr(line, "chunked"))
			chunked = 1;
		else if (!strncasecmp(line, "Content-Length:", 15))
			length = strtoull(line + 15, NULL, 10);
		else if (!strncasecmp(line, "Expect:", 7) &&
			 strcasestr(line, "100-continue"))
			expect = 1;
	}
	if (expect && !send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n", 25))
		return 0;
	if (!strcmp(method, "GET") && !strncmp(path, "/chunked/", 9))
		return send_chunked(fd, strtoull(path + 9, NULL, 10));
	unsigned long long got = length;
	if (chunked) {
		got = 0;
		if (!read_chunked(fd, &got))
			return 0;
	} else if (!skip(fd, length)) {
		return 0;
	}
	return answer_upload(fd, got);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: sinksrc PORTFILE\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = { .sin_family = AF_INET };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t al = sizeof a;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(ls, (struct sockaddr *)&a, sizeof a) < 0 || listen(ls, 16) < 0 ||
	    getsockname(ls, (struct sockaddr *)&a, &al) < 0) {
		perror("sinksrc");
		return 1;
	}
	FILE *pf = fopen(argv[1], "w");
	if (!pf)
		return 1;
	fprintf(pf, "%d\n", ntohs(a.sin_port));
	fclose(pf);
	for (;;) {
		int fd = accept(ls, NULL, NULL);
		if (fd < 0)
			continue;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		pos = have = 0;
		while (serve_one(fd))
			;
		close(fd);
	}
}
