#define _GNU_SOURCE
/* rawclient.c - the practical limit: pre-framed requests on a raw socket
 * and the least response parsing each workload needs. With TLS (the
 * "tls" argument) the same over OpenSSL with the given CA file.
 * Usage: rawclient MODE HOST PORT PATH N [FILE|CAFILE]
 *   get      N keep-alive GETs over one connection
 *   close    N GETs, "Connection: close", a new connection each
 *   put      PUT of FILE, chunked in 64 KiB chunks (one writev per chunk)
 *   chunked  GET of a chunked body, decoded and dropped
 *   length   GET of a Content-Length body, read and dropped
 *   tls      N keep-alive GETs over TLS (CAFILE verifies the server)
 * Prints what it did ("requests= connects= bytes=") for verification. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static char buf[1 << 16];
static size_t have;
static SSL *ssl;
static int fd = -1;
static long connects;
static int echo_body; /* print the (small) response body: uploads */

static ssize_t rd(void *p, size_t n)
{
	if (ssl) {
		size_t got = 0;
		return SSL_read_ex(ssl, p, n, &got) ? (ssize_t)got : -1;
	}
	return recv(fd, p, n, 0);
}

static int wr(const void *p, size_t n)
{
	if (ssl) {
		size_t done = 0;
		return SSL_write_ex(ssl, p, n, &done) && done == n ? 0 : -1;
	}
	return send(fd, p, n, MSG_NOSIGNAL) == (ssize_t)n ? 0 : -1;
}

static int fill(void)
{
	ssize_t r = rd(buf + have, sizeof buf - have);
	if (r <= 0)
		return -1;
	have += (size_t)r;
	return 0;
}

static void drop(size_t n)
{
	memmove(buf, buf + n, have - n);
	have -= n;
}

/* Reads the head; returns its length and the Content-Length (-1 if none)
 * and whether the body is chunked. */
static long head(long *length, int *chunked)
{
	for (;;) {
		char *end = memmem(buf, have, "\r\n\r\n", 4);
		if (end) {
			size_t hl = (size_t)(end + 4 - buf);
			char *cl = memmem(buf, hl, "Content-Length:", 15);
			*length = cl ? strtol(cl + 15, NULL, 10) : -1;
			*chunked = memmem(buf, hl, "chunked", 7) != NULL;
			return (long)hl;
		}
		if (fill() < 0)
			return -1;
	}
}

/* Reads and drops a Content-Length body of n bytes. */
static int body(long n)
{
	while ((size_t)n > have) {
		n -= (long)have;
		have = 0;
		if (fill() < 0)
			return -1;
	}
	drop((size_t)n);
	return 0;
}

/* Reads and drops a chunked body; adds its data bytes to *total. */
static int chunked_body(unsigned long long *total)
{
	for (;;) {
		char *nl;
		while (!(nl = memchr(buf, '\n', have)))
			if (fill() < 0)
				return -1;
		unsigned long long n = strtoull(buf, NULL, 16);
		drop((size_t)(nl + 1 - buf));
		if (body((long)n + 2) < 0) /* data and CRLF */
			return -1;
		if (!n)
			return 0;
		*total += n;
	}
}

static int response(unsigned long long *bytes)
{
	long length;
	int chunked;
	long hl = head(&length, &chunked);
	if (hl < 0)
		return -1;
	drop((size_t)hl);
	if (chunked)
		return chunked_body(bytes);
	if (echo_body && length > 0 && (size_t)length < sizeof buf) {
		while (have < (size_t)length)
			if (fill() < 0)
				return -1;
		fwrite(buf, 1, (size_t)length, stdout);
	}
	*bytes += (unsigned long long)(length > 0 ? length : 0);
	return body(length > 0 ? length : 0);
}

static int dial(const char *host, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, host, &a.sin_addr);
	int one = 1;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	connects++;
	have = 0;
	return 0;
}

static int tls_dial(const char *host, int port, const char *cafile)
{
	static SSL_CTX *ctx;
	if (!ctx) {
		ctx = SSL_CTX_new(TLS_client_method());
		SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
		SSL_CTX_set_read_ahead(ctx, 1); /* one read per response */
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
		if (!SSL_CTX_load_verify_locations(ctx, cafile, NULL))
			return -1;
	}
	if (dial(host, port) < 0)
		return -1;
	ssl = SSL_new(ctx);
	SSL_set_fd(ssl, fd);
	SSL_set1_host(ssl, host);
	return SSL_connect(ssl) == 1 ? 0 : -1;
}

static int upload(const char *req, const char *file, unsigned long long *sent)
{
	static char data[64 * 1024];
	int in = open(file, O_RDONLY);
	if (in < 0 || wr(req, strlen(req)) < 0)
		return -1;
	for (;;) {
		ssize_t n = read(in, data, sizeof data);
		if (n < 0)
			return -1;
		char size[32];
		int sl = snprintf(size, sizeof size, "%zX\r\n", (size_t)n);
		struct iovec v[3] = { { size, (size_t)sl }, { data, (size_t)n },
				      { "\r\n", 2 } };
		if (n == 0) /* the last-chunk and the end of the trailers */
			v[1].iov_len = 0;
		size_t want = (size_t)sl + (size_t)n + 2;
		if (writev(fd, v, 3) != (ssize_t)want)
			return -1;
		*sent += (unsigned long long)n;
		if (n == 0)
			break;
	}
	close(in);
	unsigned long long ignored = 0;
	return response(&ignored);
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: rawclient MODE HOST PORT PATH N [FILE]\n");
		return 2;
	}
	const char *mode = argv[1], *host = argv[2], *path = argv[4];
	int port = atoi(argv[3]);
	long count = atol(argv[5]);
	int tls = !strcmp(mode, "tls"), close_each = !strcmp(mode, "close");
	char req[512];
	snprintf(req, sizeof req,
		 !strcmp(mode, "put")
			 ? "PUT %s HTTP/1.1\r\nHost: %s:%s\r\nAccept-Encoding: "
			   "identity\r\nTransfer-Encoding: chunked\r\n\r\n"
			 : close_each
			 ? "GET %s HTTP/1.1\r\nHost: %s:%s\r\nAccept-Encoding: "
			   "identity\r\nConnection: close\r\n\r\n"
			 : "GET %s HTTP/1.1\r\nHost: %s:%s\r\n"
			   "Accept-Encoding: identity\r\n\r\n",
		 path, host, argv[3]);
	unsigned long long bytes = 0;
	if ((tls ? tls_dial(host, port, argv[6]) : dial(host, port)) < 0) {
		perror("rawclient: connect");
		return 1;
	}
	if (!strcmp(mode, "put")) {
		echo_body = 1;
		if (argc < 7 || upload(req, argv[6], &bytes) < 0) {
			fprintf(stderr, "rawclient: upload failed\n");
			return 1;
		}
		printf("requests=1 connects=%ld bytes=%llu\n", connects, bytes);
		return 0;
	}
	for (long i = 0; i < count; i++) {
		if (close_each && i && dial(host, port) < 0)
			return 1;
		if (wr(req, strlen(req)) < 0 || response(&bytes) < 0) {
			fprintf(stderr, "rawclient: failed at request %ld\n", i);
			return 1;
		}
		if (close_each)
			close(fd);
	}
	printf("\nrequests=%ld connects=%ld bytes=%llu\n", count, connects, bytes);
	return 0;
}
