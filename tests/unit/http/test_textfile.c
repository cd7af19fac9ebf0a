/* test_textfile.c - TextIOWrapper.read(n) over a file: universal newlines
 * whatever the block and chunk boundaries, and decoding errors with the
 * positions and messages Python 3.11 reports (taken from
 * io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding=E)). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "http/textfile.h"

static FILE *file_of(const char *p, size_t n)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	rewind(f);
	return f;
}

/* Reads the whole file n characters at a time; fails on an error. */
static void read_all(const wb_buf *in, size_t n, wb_buf *out)
{
	FILE *f = file_of(in->p, in->n);
	wb_textfile *tf = wb_textfile_new(f, WB_CODEC_UTF8);
	wb_buf msg = WB_BUF_INIT;
	for (int guard = 0; guard < 100000; guard++) {
		size_t before = out->n, chars;
		assert_int_equal(wb_textfile_read(tf, n, out, &chars, &msg),
				 WB_OK);
		if (!chars)
			break;
		/* ASCII here: one byte per character */
		assert_int_equal(out->n - before, chars);
		if (chars < n) /* short only at the end */
			assert_int_equal(wb_textfile_read(tf, n, out, &chars,
							  &msg), WB_OK);
	}
	wb_textfile_free(tf);
	wb_buf_free(&msg);
	fclose(f);
}

/* CR LF and lone CR read as LF wherever the 8 KiB chunks and the blocks
 * cut them, a CR at the very end included. */
static void newlines(void **state)
{
	(void)state;
	static const size_t sizes[] = { 1, 2, 3, 4095, 8191, 8192, 8193,
					20000 };
	wb_buf in = WB_BUF_INIT, want = WB_BUF_INIT;
	for (int i = 0; i < 8191; i++)
		wb_buf_addc(&in, 'a');
	wb_buf_adds(&in, "\r\nb\r\rc\r\n\r");
	for (int i = 0; i < 9000; i++)
		wb_buf_adds(&in, i % 7 ? "x" : "\r\n");
	wb_buf_adds(&in, "\r");
	for (size_t i = 0; i < in.n; i++) {
		if (in.p[i] == '\r' && i + 1 < in.n && in.p[i + 1] == '\n')
			continue;
		wb_buf_addc(&want, in.p[i] == '\r' ? '\n' : in.p[i]);
	}
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		wb_buf out = WB_BUF_INIT;
		read_all(&in, sizes[k], &out);
		assert_int_equal(out.n, want.n);
		assert_memory_equal(out.p, want.p, want.n);
		wb_buf_free(&out);
	}
	wb_buf_free(&in);
	wb_buf_free(&want);
}

static void expect_error(const char *p, size_t n, wb_codec codec,
			 const char *message)
{
	FILE *f = file_of(p, n);
	wb_textfile *tf = wb_textfile_new(f, codec);
	wb_buf out = WB_BUF_INIT, msg = WB_BUF_INIT;
	wb_err e = WB_OK;
	size_t chars = 1;
	for (int guard = 0; guard < 10000 && e == WB_OK && chars; guard++)
		e = wb_textfile_read(tf, 3, &out, &chars, &msg);
	assert_int_equal(e, WB_E_UNICODE_DECODE);
	assert_string_equal(msg.p, message);
	wb_textfile_free(tf);
	wb_buf_free(&out);
	wb_buf_free(&msg);
	fclose(f);
}

#define ERR(lit, codec, message) expect_error(lit, sizeof lit - 1, codec, message)

static void decode_errors(void **state)
{
	(void)state;
	ERR("ab\xff", WB_CODEC_UTF8, "'utf-8' codec can't decode byte 0xff in "
	    "position 2: invalid start byte");
	ERR("\xe2\x41", WB_CODEC_UTF8, "'utf-8' codec can't decode byte 0xe2 "
	    "in position 0: invalid continuation byte");
	ERR("\xe2\x98\x41", WB_CODEC_UTF8, "'utf-8' codec can't decode bytes "
	    "in position 0-1: invalid continuation byte");
	ERR("\xf0\x9f\x98", WB_CODEC_UTF8, "'utf-8' codec can't decode bytes "
	    "in position 0-2: unexpected end of data");
	ERR("\xed\xa0\x80", WB_CODEC_UTF8, "'utf-8' codec can't decode byte "
	    "0xed in position 0: invalid continuation byte");
	ERR("\xf4\x90\x80\x80", WB_CODEC_UTF8, "'utf-8' codec can't decode "
	    "byte 0xf4 in position 0: invalid continuation byte");
	ERR("\xc0\x80", WB_CODEC_UTF8, "'utf-8' codec can't decode byte 0xc0 "
	    "in position 0: invalid start byte");
	ERR("\xe0\x80", WB_CODEC_UTF8, "'utf-8' codec can't decode byte 0xe0 "
	    "in position 0: invalid continuation byte");
	ERR("ok\xe2", WB_CODEC_UTF8, "'utf-8' codec can't decode byte 0xe2 in "
	    "position 0: unexpected end of data");
	ERR("a\x80", WB_CODEC_ASCII, "'ascii' codec can't decode byte 0x80 in "
	    "position 1: ordinal not in range(128)");
	/* the second 8 KiB chunk starts with the held-back first byte of é */
	wb_buf in = WB_BUF_INIT;
	for (int i = 0; i < 8191; i++)
		wb_buf_addc(&in, 'a');
	wb_buf_adds(&in, "\xc3\xa9");
	for (int i = 0; i < 100; i++)
		wb_buf_addc(&in, 'x');
	wb_buf_adds(&in, "\xff");
	expect_error(in.p, in.n, WB_CODEC_UTF8, "'utf-8' codec can't decode "
		     "byte 0xff in position 102: invalid start byte");
	wb_buf_free(&in);
}

static void codec_names(void **state)
{
	(void)state;
	assert_int_equal(wb_textfile_codec("UTF-8"), WB_CODEC_UTF8);
	assert_int_equal(wb_textfile_codec("utf8"), WB_CODEC_UTF8);
	assert_int_equal(wb_textfile_codec("ISO-8859-1"), WB_CODEC_LATIN1);
	assert_int_equal(wb_textfile_codec("latin_1"), WB_CODEC_LATIN1);
	assert_int_equal(wb_textfile_codec("US-ASCII"), WB_CODEC_ASCII);
	assert_int_equal(wb_textfile_codec("cp1252"), WB_CODEC_NONE);
	assert_int_equal(wb_textfile_codec(""), WB_CODEC_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(newlines),
		cmocka_unit_test(decode_errors),
		cmocka_unit_test(codec_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
