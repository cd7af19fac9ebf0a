/* libFuzzer target: any text as a pasted curl command line, through the
 * shell word splitter (src/interop/shword.c) and the curl importer
 * (src/interop/curl_import.c); @file paths point into a folder that does
 * not exist.
 *
 * Properties: on success every line the import writes is a comment or a
 * command the lexer splits without error (no stray quote, no ${...} the
 * user did not write as a variable); on failure nothing is appended and
 * the error has a message. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "interop/curl_import.h"
#include "lang/lex.h"

static void lexes(const char *line)
{
	wb_words w;
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_lex(line, &w, &msg);
	if (e != WB_OK)
		fprintf(stderr, "import wrote a line the lexer refuses: %s\n"
				"  %.*s\n", line, (int)msg.n, msg.p ? msg.p : "");
	FUZZ_CHECK(e == WB_OK);
	wb_lex_free(&w);
	wb_buf_free(&msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	wb_curl_opts o = { data[0] & 1, "/nonexistent/wirebench-fuzz" };
	char *line = fuzz_strndup(data + 1, size - 1);
	if (!line)
		return 0;
	wb_lines out = { 0 };
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_curl_import_line(line, &o, &out, &msg);
	if (e == WB_OK) {
		for (size_t i = 0; i < out.n; i++)
			lexes(out.v[i]);
	} else {
		FUZZ_CHECK(out.n == 0);
		FUZZ_CHECK(msg.n > 0 || e == WB_E_NOMEM);
	}
	wb_lines_free(&out);
	wb_buf_free(&msg);
	free(line);
	return 0;
}
