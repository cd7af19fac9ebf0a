/* curlclient.c - the benchmark's workloads with one libcurl easy handle.
 * Usage: curlclient MODE URL N [FILE|CAFILE]
 *   get      N GETs (keep-alive; with CAFILE over https)
 *   close    N GETs with "Connection: close"
 *   put      PUT of FILE, chunked, 64 KiB upload buffer
 *   down     one GET, body dropped
 * Prints "requests= connects= bytes=" and, for put, the response body. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	unsigned long long bytes;
	int echo;
} sink;

static size_t drop(char *p, size_t size, size_t n, void *arg)
{
	sink *s = arg;
	s->bytes += size * n;
	if (s->echo)
		fwrite(p, size, n, stdout);
	return size * n;
}

static size_t from_file(char *p, size_t size, size_t n, void *arg)
{
	return fread(p, size, n, arg);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: curlclient MODE URL N [FILE|CAFILE]\n");
		return 2;
	}
	const char *mode = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *h = curl_easy_init();
	sink s = { 0, 0 };
	struct curl_slist *hdrs = NULL;
	FILE *in = NULL;
	curl_easy_setopt(h, CURLOPT_URL, argv[2]);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, drop);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 64L * 1024);
	if (!strcmp(mode, "get") && argc > 4)
		curl_easy_setopt(h, CURLOPT_CAINFO, argv[4]);
	if (!strcmp(mode, "close"))
		hdrs = curl_slist_append(hdrs, "Connection: close");
	if (!strcmp(mode, "put")) {
		if (argc < 5 || !(in = fopen(argv[4], "rb")))
			return 2;
		s.echo = 1;
		hdrs = curl_slist_append(hdrs, "Transfer-Encoding: chunked");
		curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(h, CURLOPT_READFUNCTION, from_file);
		curl_easy_setopt(h, CURLOPT_READDATA, in);
		curl_easy_setopt(h, CURLOPT_UPLOAD_BUFFERSIZE, 64L * 1024);
	}
	if (hdrs)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	long count = atol(argv[3]), connects = 0;
	for (long i = 0; i < count; i++) {
		CURLcode rc = curl_easy_perform(h);
		if (rc != CURLE_OK) {
			fprintf(stderr, "curlclient: failed at request %ld: %s\n",
				i, curl_easy_strerror(rc));
			return 1;
		}
		long c = 0;
		curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &c);
		connects += c;
	}
	if (in)
		fclose(in);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(h);
	curl_global_cleanup();
	printf("\nrequests=%ld connects=%ld bytes=%llu\n", count, connects,
	       s.bytes);
	return 0;
}
