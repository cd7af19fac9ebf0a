/* curlclient.c - N keep-alive GETs with one libcurl easy handle.
 * Usage: curlclient URL N */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

static size_t drop(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	*(size_t *)arg += size * n;
	return size * n;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: curlclient URL N\n");
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *h = curl_easy_init();
	size_t bytes = 0;
	curl_easy_setopt(h, CURLOPT_URL, argv[1]);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, drop);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &bytes);
	long count = atol(argv[2]), connects = 0;
	for (long i = 0; i < count; i++) {
		if (curl_easy_perform(h) != CURLE_OK) {
			fprintf(stderr, "curlclient: failed at request %ld\n", i);
			return 1;
		}
		long c = 0;
		curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &c);
		connects += c;
	}
	curl_easy_cleanup(h);
	curl_global_cleanup();
	printf("requests=%ld connects=%ld bytes=%zu\n", count, connects, bytes);
	return 0;
}
