/* keystroke.c - what one key press costs the workbench's preview: the core
 * computing what the typed line would frame (lang/preview.h) plus the model
 * drawing it (ui/model/preview.c), for http and https. Prints the mean
 * microseconds per key press of each. Run: make bench-keystroke */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/preview.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The states of a line as it is typed, one key at a time. */
static const char typed[] = "putheader X-Trace abc def";

static double per_key(const char *url, int rounds)
{
	wb_buf out = WB_BUF_INIT;
	char line[sizeof typed];
	unsigned keys = 0;
	double t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t n = 1; n < sizeof typed; n++, keys++) {
			memcpy(line, typed, n);
			line[n] = '\0';
			ui_preview(line, url, NULL, &out);
		}
	double us = (now() - t0) * 1e6 / keys;
	wb_buf_free(&out);
	return us;
}

int main(void)
{
	const char *urls[] = { "http://example.com/", "https://example.com/" };
	for (size_t i = 0; i < 2; i++) {
		per_key(urls[i], 1); /* warm up */
		printf("%-22s %8.1f us per key press (preview of \"%s\")\n",
		       urls[i], per_key(urls[i], 40), typed);
	}
	return 0;
}
