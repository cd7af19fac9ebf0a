/* test_ui_resp_model.c - the response panel's body preview: kept prefix and
 * read count, pretty JSON, hex for binary, visible control bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../../ui/model/glyph.c"
#include "../../../ui/model/resp_model.c"

/* The preview of body (n bytes) for content type ctype, per bytes a hex
 * line; the returned text lives until the next call. */
static wb_buf pv_out;

static const char *preview(const char *body, size_t n, const char *ctype,
			   size_t per)
{
	ui_resp_body b = { WB_BUF_INIT, 0 };
	ui_resp_body_add(&b, body, n, n);
	ui_resp_preview(&b, ctype, per, &pv_out);
	ui_resp_body_free(&b);
	return pv_out.p ? pv_out.p : "";
}

#define PV(lit, ctype, per) preview(lit, sizeof lit - 1, ctype, per)

static int teardown_preview(void **st)
{
	(void)st;
	wb_buf_free(&pv_out);
	return 0;
}

/* --- the kept body and the read count ---------------------------------- */

static void test_body_counts(void **st)
{
	(void)st;
	ui_resp_body b = { WB_BUF_INIT, 0 };
	ui_resp_body_add(&b, "hello", 5, 5);
	/* a read that returned 1000 bytes of which 3 were kept for display */
	ui_resp_body_add(&b, " wo", 3, 1000);
	assert_int_equal(b.read, 1005);
	assert_int_equal(b.head.n, 8);
	assert_string_equal(b.head.p, "hello wo");
	ui_resp_body_reset(&b);
	assert_int_equal(b.read, 0);
	assert_int_equal(b.head.n, 0);
	ui_resp_body_add(&b, "x", 1, 1);
	assert_string_equal(b.head.p, "x");
	assert_int_equal(b.read, 1);
	ui_resp_body_free(&b);
	assert_null(b.head.p);
}

static void test_body_keep_cap(void **st)
{
	(void)st;
	size_t n = UI_RESP_KEEP - 10;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	ui_resp_body b = { WB_BUF_INIT, 0 };
	ui_resp_body_add(&b, big, n, n);
	ui_resp_body_add(&b, "0123456789ABCDEF", 16, 16);
	assert_int_equal(b.head.n, UI_RESP_KEEP);
	assert_memory_equal(b.head.p + n, "0123456789", 10);
	ui_resp_body_add(&b, "more", 4, 4);
	assert_int_equal(b.head.n, UI_RESP_KEEP);
	assert_int_equal(b.read, (uint64_t)n + 20);
	ui_resp_body_free(&b);
	free(big);
}

/* --- JSON ---------------------------------------------------------------- */

static void test_json_indented(void **st)
{
	(void)st;
	assert_string_equal(PV("{\"a\":1,\"b\":[1,2]}", "application/json", 8),
			    "{\n"
			    "  \"a\": 1,\n"
			    "  \"b\": [\n"
			    "    1,\n"
			    "    2\n"
			    "  ]\n"
			    "}");
	/* parameters, case and +json suffixes; members keep their order */
	assert_string_equal(PV("{\"z\":\"x\",\"a\":null}",
			       "Application/JSON; charset=utf-8", 8),
			    "{\n  \"z\": \"x\",\n  \"a\": null\n}");
	assert_string_equal(PV("[true]\r\n", "application/problem+json", 8),
			    "[\n  true\n]");
	/* a bare value is JSON too */
	assert_string_equal(PV("42", "application/json", 8), "42");
}

static void test_json_not_pretty(void **st)
{
	(void)st;
	/* not declared JSON: shown as sent */
	assert_string_equal(PV("{\"a\":1,\"b\":[1,2]}", "text/plain", 8),
			    "{\"a\":1,\"b\":[1,2]}");
	assert_string_equal(PV("{\"a\":1}", NULL, 8), "{\"a\":1}");
	/* declared JSON but only a prefix read so far: raw text */
	assert_string_equal(PV("{\"a\":1,\"b\":[1,", "application/json", 8),
			    "{\"a\":1,\"b\":[1,");
	/* two documents (JSON lines) are not one JSON value */
	assert_string_equal(PV("{\"a\":1}\n{\"b\":2}\n", "application/json", 8),
			    "{\"a\":1}\n{\"b\":2}");
	/* a repeated member would lose its first value when re-encoded: the
	 * body is shown as sent */
	assert_string_equal(PV("{\"a\":1,\"a\":2}", "application/json", 8),
			    "{\"a\":1,\"a\":2}");
}

/* --- binary as hex ------------------------------------------------------- */

static void test_nul_is_hex(void **st)
{
	(void)st;
	assert_string_equal(PV("ab\0cd\n", "text/plain", 8),
			    "0000  61 62 00 63 64 0a        ab.cd.");
	/* 16 per line, a second line at offset 0x10 */
	assert_string_equal(PV("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\xff",
			       "image/png", 16),
			    "0000  89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52"
			    "  .PNG........IHDR\n"
			    "0010  00 00 01 ff                                    "
			    "  ....");
	/* per 0 means 8 */
	assert_string_equal(PV("\0\x01\x02\x03\x04\x05\x06\x07\x08", NULL, 0),
			    "0000  00 01 02 03 04 05 06 07  ........\n"
			    "0008  08                       .");
	/* JSON declared but binary: hex, not an error */
	assert_string_equal(PV("{\0}", "application/json", 8),
			    "0000  7b 00 7d                 {.}");
}

static void test_is_binary(void **st)
{
	(void)st;
	assert_false(ui_resp_is_binary("", 0));
	assert_false(ui_resp_is_binary("plain text\r\n", 12));
	assert_false(ui_resp_is_binary("caf\xc3\xa9 \xe2\x94\x82 \xf0\x9f\x98\x80", 14));
	/* a sequence cut by the end of the kept bytes is still text */
	assert_false(ui_resp_is_binary("caf\xc3", 4));
	assert_false(ui_resp_is_binary("abcd\xe2\x94", 6));
	assert_false(ui_resp_is_binary("abcd\xf0\x9f\x98", 7));
	assert_true(ui_resp_is_binary("a\0b", 3));
	assert_true(ui_resp_is_binary("\0", 1));
	assert_true(ui_resp_is_binary("abcd\xff" "efgh", 9));
	assert_true(ui_resp_is_binary("\xc0\xaf" "abcd", 6)); /* overlong */
	assert_true(ui_resp_is_binary("\xe2\x28\xa1" "abcd", 7));
	/* near the end: not the start of a cut sequence */
	assert_true(ui_resp_is_binary("ab\xff\0", 4));
	assert_true(ui_resp_is_binary("\xff\xfe\0", 3));
	assert_true(ui_resp_is_binary("abc\xff", 4));
	assert_true(ui_resp_is_binary("abc\xc3" "a", 5));
	assert_true(ui_resp_is_binary("abc\xe2\x94" "a", 7));
}

/* --- text ---------------------------------------------------------------- */

static void test_text_lines(void **st)
{
	(void)st;
	assert_string_equal(PV("line 1\r\nline\t2\r\n\n\n", "text/plain", 8),
			    "line 1\xe2\x90\x8d\nline\xe2\x90\x89" "2\xe2\x90\x8d");
	assert_string_equal(PV("bell\x07 del\x7f esc\x1b[0m", "text/plain", 8),
			    "bell\\x07 del\\x7f esc\\x1b[0m");
	assert_string_equal(PV("caf\xc3\xa9 \xe2\x94\x82", "text/html", 8),
			    "caf\xc3\xa9 \xe2\x94\x82");
	/* a cut sequence at the end is made visible byte by byte */
	assert_string_equal(PV("ok \xe2\x94", "text/plain", 8), "ok \\xe2\\x94");
	assert_string_equal(PV("", "application/json", 8), "");
}

static void test_preview_replaces_output(void **st)
{
	(void)st;
	ui_resp_body b = { WB_BUF_INIT, 0 };
	wb_buf out = WB_BUF_INIT;
	wb_buf_adds(&out, "old preview");
	ui_resp_preview(&b, "text/plain", 8, &out);
	assert_int_equal(out.n, 0);
	ui_resp_body_add(&b, "{\"k\":", 5, 5);
	ui_resp_preview(&b, "application/json", 8, &out);
	assert_string_equal(out.p, "{\"k\":");
	ui_resp_body_add(&b, "[]}", 3, 3);
	ui_resp_preview(&b, "application/json", 8, &out);
	assert_string_equal(out.p, "{\n  \"k\": []\n}");
	ui_resp_body_reset(&b);
	ui_resp_preview(&b, "application/json", 8, &out);
	assert_string_equal(out.p, "");
	ui_resp_body_free(&b);
	wb_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_counts),
		cmocka_unit_test(test_body_keep_cap),
		cmocka_unit_test(test_json_indented),
		cmocka_unit_test(test_json_not_pretty),
		cmocka_unit_test(test_nul_is_hex),
		cmocka_unit_test(test_is_binary),
		cmocka_unit_test(test_text_lines),
		cmocka_unit_test(test_preview_replaces_output),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_preview);
}
