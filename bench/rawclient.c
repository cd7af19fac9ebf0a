#define _GNU_SOURCE
/* rawclient.c - the physical limit: N keep-alive GETs over one socket with
 * a pre-framed request and the smallest possible response parsing
 * (Content-Length bodies only). Usage: rawclient HOST PORT PATH N */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char buf[1 << 16];
static size_t have;

/* Reads until one whole response is buffered, then drops it. */
static int read_response(int fd)
{
	for (;;) {
		char *end = memmem(buf, have, "\r\n\r\n", 4);
		if (end) {
			char *cl = memmem(buf, (size_t)(end - buf), "Content-Length:", 15);
			size_t len = cl ? strtoul(cl + 15, NULL, 10) : 0;
			size_t total = (size_t)(end + 4 - buf) + len;
			if (have >= total) {
				memmove(buf, buf + total, have - total);
				have -= total;
				return 0;
			}
		}
		ssize_t r = recv(fd, buf + have, sizeof buf - have, 0);
		if (r <= 0)
			return -1;
		have += (size_t)r;
	}
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: rawclient HOST PORT PATH N\n");
		return 2;
	}
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)atoi(argv[2])) };
	inet_pton(AF_INET, argv[1], &a.sin_addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		perror("connect");
		return 1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	char req[512];
	int n = snprintf(req, sizeof req,
			 "GET %s HTTP/1.1\r\nHost: %s:%s\r\n"
			 "Accept-Encoding: identity\r\n\r\n",
			 argv[3], argv[1], argv[2]);
	long count = atol(argv[4]);
	for (long i = 0; i < count; i++) {
		if (send(fd, req, (size_t)n, 0) != n || read_response(fd) < 0) {
			fprintf(stderr, "rawclient: failed at request %ld\n", i);
			return 1;
		}
	}
	close(fd);
	printf("requests=%ld\n", count);
	return 0;
}
