/* libFuzzer target: any bytes as a response header block, fed to the
 * header-field parser (src/http/headers.c) one socket line at a time, as
 * the response reader does (lines end at LF).
 *
 * Properties: every field is readable, a field's name and value lie in
 * the parser's storage; msg.get() returns the first field of that name
 * (ASCII case ignored) and getheader() joins every such value with ", " -
 * both checked against a plain scan of the fields. */
#include <stddef.h>
#include <stdint.h>
#include <strings.h>

#include "fuzz_util.h"
#include "http/headers.h"

static int same_name(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && (an == 0 || strncasecmp(a, b, an) == 0);
}

/* Checks get and join for the name of field k. */
static void check_lookup(const wb_hdrs *h, size_t k)
{
	const char *name, *value;
	size_t nn, vn;
	if (!wb_hdrs_get(h, k, &name, &nn, &value, &vn))
		return;
	if (memchr(name, '\0', nn))
		return; /* lookups take a C string */
	char *key = fuzz_strndup(name, nn);
	wb_buf want = WB_BUF_INIT, got = WB_BUF_INIT;
	if (!key)
		return;
	const char *first = NULL;
	size_t first_n = 0;
	for (size_t i = 0; wb_hdrs_get(h, i, &name, &nn, &value, &vn); i++) {
		if (!same_name(name, nn, key, strlen(key)))
			continue;
		if (!first) {
			first = value;
			first_n = vn;
		} else {
			wb_buf_adds(&want, ", ");
		}
		wb_buf_add(&want, value, vn);
	}
	const char *fv;
	size_t fn;
	FUZZ_CHECK(first != NULL);
	FUZZ_CHECK(wb_hdrs_first(h, key, &fv, &fn) == 1);
	FUZZ_CHECK(fv == first && fn == first_n);
	FUZZ_CHECK(wb_hdrs_join(h, key, &got) == 1);
	FUZZ_CHECK(got.n == want.n);
	FUZZ_CHECK(got.n == 0 || !memcmp(got.p, want.p, got.n));
	wb_buf_free(&want);
	wb_buf_free(&got);
	free(key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wb_hdrs *h = wb_hdrs_new();
	wb_buf note = WB_BUF_INIT;
	if (!h)
		return 0;
	size_t i = 0;
	while (i < size && !wb_hdrs_stopped(h)) {
		const uint8_t *lf = memchr(data + i, '\n', size - i);
		size_t n = lf ? (size_t)(lf - (data + i)) + 1 : size - i;
		/* an exact-size copy: a read past the line is an ASan report */
		char *line = malloc(n);
		if (!line)
			break;
		memcpy(line, data + i, n);
		wb_err e = wb_hdrs_feed(h, line, n, (i & 1) ? &note : NULL);
		free(line);
		if (e)
			break;
		i += n;
	}
	wb_hdrs_end(h);
	size_t count = wb_hdrs_count(h);
	const char *name, *value;
	size_t nn, vn;
	for (size_t k = 0; k < count; k++)
		FUZZ_CHECK(wb_hdrs_get(h, k, &name, &nn, &value, &vn) == 1);
	FUZZ_CHECK(wb_hdrs_get(h, count, &name, &nn, &value, &vn) == 0);
	for (size_t k = 0; k < count && k < 8; k++)
		check_lookup(h, k);
	wb_buf_free(&note);
	wb_hdrs_free(h);
	return 0;
}
