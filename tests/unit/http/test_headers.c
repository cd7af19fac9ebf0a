/* test_headers.c - email-parser header rules (8.3), as Python 3.11 parses
 * them (checked with http.client.parse_headers). */
#include "testutil_resp.h"

#include <stdio.h>

#include "http/headers.h"

static wb_hdrs *feed(const char *lines[], size_t n, size_t *notes)
{
	wb_hdrs *h = wb_hdrs_new();
	*notes = 0;
	for (size_t i = 0; i < n; i++) {
		wb_buf note = WB_BUF_INIT;
		assert_int_equal(wb_hdrs_feed(h, lines[i], strlen(lines[i]), &note),
				 WB_OK);
		*notes += note.n > 0;
		wb_buf_free(&note);
	}
	wb_hdrs_end(h);
	return h;
}

static void expect(const wb_hdrs *h, size_t i, const char *name,
		   const char *value)
{
	const char *nm, *v;
	size_t nl, vl;
	assert_true(wb_hdrs_get(h, i, &nm, &nl, &v, &vl));
	assert_int_equal(nl, strlen(name));
	assert_memory_equal(nm, name, nl);
	assert_int_equal(vl, strlen(value));
	assert_memory_equal(v, value, vl);
}

static void test_values(void **state)
{
	const char *l[] = { "X: a \r\n", "Y:\tb\t\r\n", "Z:\r\n", "  folded\r\n",
			    "\tmore\r\n", "\r\n" };
	size_t notes;
	wb_hdrs *h = feed(l, 6, &notes);
	assert_int_equal(wb_hdrs_count(h), 3);
	expect(h, 0, "X", "a ");
	expect(h, 1, "Y", "b\t");
	expect(h, 2, "Z", "\r\n  folded\r\n\tmore");
	assert_int_equal(notes, 2);
	wb_hdrs_free(h);
}

static void test_bare_cr_and_stop(void **state)
{
	const char *l[] = { "X: a\rb: c\r\n", "A: 1\r\n", "Garbage line\r\n",
			    "Content-Length: 1\r\n", "\r\n" };
	size_t notes;
	wb_hdrs *h = feed(l, 5, &notes);
	assert_int_equal(wb_hdrs_count(h), 3);
	expect(h, 0, "X", "a");
	expect(h, 1, "b", "c");
	assert_true(wb_hdrs_stopped(h));
	const char *v;
	size_t vl;
	assert_false(wb_hdrs_first(h, "content-length", &v, &vl));
	assert_int_equal(notes, 4); /* bare CR, garbage, ignored, ignored */
	wb_hdrs_free(h);

	const char *l2[] = { "X: a\r\r\n", "Y: b\r\n", "\r\n" };
	h = feed(l2, 3, &notes);
	assert_int_equal(wb_hdrs_count(h), 1);
	expect(h, 0, "X", "a");
	wb_hdrs_free(h);
}

/* The usual line (one CRLF at its end) is recognised 16 bytes a step with
 * an overlapping last block: a CR anywhere before the end, at every
 * length and offset, still gets its note and splits the line. */
static void test_bare_cr_every_offset(void **state)
{
	(void)state;
	char line[80];
	for (size_t n = 4; n <= sizeof line; n++) {
		for (size_t cr = 0; cr <= n - 2; cr++) {
			memset(line, 'v', n);
			memcpy(line, "A:", 2);
			line[n - 2] = '\r';
			line[n - 1] = '\n';
			if (cr < n - 2)
				line[cr] = '\r';
			wb_hdrs *h = wb_hdrs_new();
			wb_buf note = WB_BUF_INIT;
			assert_non_null(h);
			assert_int_equal(wb_hdrs_feed(h, line, n, &note), WB_OK);
			int noted = note.p && strstr(note.p, "bare CR") != NULL;
			assert_int_equal(noted, cr < n - 2);
			if (cr == n - 2) { /* whole value, no note */
				wb_hdrs_end(h);
				const char *v;
				size_t vl;
				assert_true(wb_hdrs_first(h, "a", &v, &vl));
				assert_int_equal(vl, n - 4);
			}
			wb_buf_free(&note);
			wb_hdrs_free(h);
		}
	}
}

/* The framing fields noted while lines are fed read the same as the
 * lookups by name: first field, duplicates, any case, continuation lines,
 * names that only look alike, dropped lines, and a reset between blocks. */
static void framing_keys_match_lookups(void **state)
{
	(void)state;
	static const char *const names[WB_HK__COUNT] = {
		"transfer-encoding", "content-length", "connection",
		"keep-alive", "proxy-connection"
	};
	const char *block[] = {
		"Content-length: 5\r\n", "CONNECTION: keep-alive\r\n",
		"Keep-Alive: timeout=5\r\n", "content-lengtH: 7\r\n",
		"Transfer-Encodinx: chunked\r\n", "Content-Lengthy: 9\r\n",
		"Conte-length: 1\r\n", "Proxy-Connection: close\r\n",
		" folded\r\n", "keep-alivf: 1\r\n", "cONNECTION: close\r\n",
		":x: dropped\r\n", "TRANSFER-ENCODING: gzip\r\n",
		"transfer-encoding: chunked\r\n", "Not a field\r\n",
		"Content-Length: 3\r\n", "\r\n"
	};
	size_t nb = sizeof block / sizeof block[0];
	wb_hdrs *h = wb_hdrs_new();
	assert_non_null(h);
	for (size_t upto = 0; upto <= nb; upto++) {
		wb_hdrs_reset(h);
		for (size_t i = 0; i < upto; i++)
			assert_int_equal(wb_hdrs_feed(h, block[i],
						      strlen(block[i]), NULL),
					 WB_OK);
		wb_hdrs_end(h);
		for (int k = 0; k < WB_HK__COUNT; k++) {
			const char *v1 = NULL, *v2 = NULL;
			size_t n1 = 0, n2 = 0;
			int f1 = wb_hdrs_first(h, names[k], &v1, &n1);
			int f2 = wb_hdrs_first_key(h, (wb_hkey)k, &v2, &n2);
			assert_int_equal(f1, f2);
			if (f1) {
				assert_ptr_equal(v1, v2);
				assert_int_equal(n1, n2);
			}
			assert_int_equal(wb_hdrs_count_name(h, names[k]),
					 wb_hdrs_count_key(h, (wb_hkey)k));
		}
	}
	/* the whole block: what it was built to show */
	const char *v;
	size_t n;
	assert_int_equal(wb_hdrs_count_key(h, WB_HK_CONTENT_LENGTH), 2);
	assert_true(wb_hdrs_first_key(h, WB_HK_CONTENT_LENGTH, &v, &n));
	assert_int_equal(n, 1);
	assert_memory_equal(v, "5", 1);
	assert_true(wb_hdrs_first_key(h, WB_HK_PROXY_CONNECTION, &v, &n));
	assert_int_equal(n, strlen("close\r\n folded"));
	assert_int_equal(wb_hdrs_count_key(h, WB_HK_CONNECTION), 2);
	assert_int_equal(wb_hdrs_count_key(h, WB_HK_KEEP_ALIVE), 1);
	assert_int_equal(wb_hdrs_count_key(h, WB_HK_TRANSFER_ENCODING), 2);
	wb_hdrs_free(h);
}

/* A value loses all its trailing CR and LF bytes: one CRLF by a short
 * path, any other mix (an obs-fold's, a bare CR's) by the general one. */
static void trailing_breaks_stripped(void **state)
{
	(void)state;
	static const char *const ends[] = { "\r\n", "\n", "\r\r\n",
					    "\n\r\n", "\r\n\r\n" };
	static const char *const vals[] = { "", "v", "ab", "a\rb" };
	for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
		for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++) {
			char line[32];
			snprintf(line, sizeof line, "X: %s%s", vals[k], ends[e]);
			wb_hdrs *h = wb_hdrs_new();
			assert_non_null(h);
			wb_hdrs_feed(h, line, strlen(line), NULL);
			wb_hdrs_end(h);
			const char *v;
			size_t vl;
			assert_true(wb_hdrs_first(h, "x", &v, &vl));
			/* a bare CR splits the line: the value ends there */
			const char *cut = strpbrk(vals[k], "\r");
			size_t want = cut ? (size_t)(cut - vals[k])
					  : strlen(vals[k]);
			assert_int_equal(vl, want);
			assert_memory_equal(v, vals[k], want);
			wb_hdrs_free(h);
		}
	}
	/* a folded value keeps its inner line breaks, not its last one */
	const char *l[] = { "X: a\r\n", " b\r\n", "\r\n" };
	size_t notes;
	wb_hdrs *h = feed(l, 3, &notes);
	expect(h, 0, "X", "a\r\n b");
	wb_hdrs_free(h);
}

static void test_dropped_and_lookup(void **state)
{
	const char *l[] = { ": empty\r\n", " lead\r\n", "From nobody\r\n",
			    " cont\r\n", "Set-Cookie: a\r\n", "set-cookie: b\r\n",
			    "\r\n" };
	size_t notes;
	wb_hdrs *h = feed(l, 7, &notes);
	assert_int_equal(wb_hdrs_count(h), 2);
	const char *v;
	size_t vl;
	assert_true(wb_hdrs_first(h, "SET-COOKIE", &v, &vl));
	assert_memory_equal(v, "a", vl);
	wb_buf j = WB_BUF_INIT;
	assert_true(wb_hdrs_join(h, "Set-Cookie", &j));
	assert_string_equal(j.p, "a, b");
	assert_false(wb_hdrs_join(h, "missing", &j));
	wb_buf_free(&j);
	wb_hdrs_free(h);
}

/* A field name is \041-\176 up to the first colon: a byte outside the
 * set anywhere before it (also past the first 16 bytes, where names are
 * checked a block at a time) makes the line no field and stops parsing. */
static void test_name_bytes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"Bad Name: x\r\n", "Del\x7f: x\r\n", "Hi\xe9: x\r\n",
		"A-Very-Long-Field-Name\x7f: x\r\n",
		"A-Very-Long-Field Name: x\r\n",
		"0123456789abcdef\x80: x\r\n", "No colon at all here\r\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *l[] = { "A: 1\r\n", bad[i], "B: 2\r\n", "\r\n" };
		size_t notes;
		wb_hdrs *h = feed(l, 4, &notes);
		assert_int_equal(wb_hdrs_count(h), 1);
		assert_true(wb_hdrs_stopped(h));
		wb_hdrs_free(h);
	}
	const char *ok[] = { "0123456789abcdef~!#$%&'*+-.^_`|:v\r\n",
			     "Name:with:colons: v\r\n",
			     "0123456789abcdef:Bad Value: \x80\r\n", "\r\n" };
	size_t notes;
	wb_hdrs *h = feed(ok, 4, &notes);
	assert_int_equal(wb_hdrs_count(h), 3);
	expect(h, 0, "0123456789abcdef~!#$%&'*+-.^_`|", "v");
	expect(h, 1, "Name", "with:colons: v");
	expect(h, 2, "0123456789abcdef", "Bad Value: \x80");
	assert_int_equal(notes, 0);
	wb_hdrs_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_bare_cr_and_stop),
		cmocka_unit_test(test_bare_cr_every_offset),
		cmocka_unit_test(framing_keys_match_lookups),
		cmocka_unit_test(trailing_breaks_stripped),
		cmocka_unit_test(test_dropped_and_lookup),
		cmocka_unit_test(test_name_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
