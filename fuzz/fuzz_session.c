/* libFuzzer target: any text as a session file (src/session/loader.c),
 * side files looked up in a folder that does not exist.
 *
 * Property: a session that loads writes out (src/session/writer.c) as text
 * that loads again and writes out the same - what save writes, load reads
 * back unchanged. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "session/format.h"

#define NO_SIDES "/nonexistent/wirebench-fuzz.wb.d"

/* Writes s out; returns its text in out. */
static void write_out(const wb_session *s, wb_buf *out)
{
	wb_side_list sides = { 0 };
	wb_err e = wb_session_format(s, NULL, out, &sides);
	FUZZ_CHECK(e == WB_OK || e == WB_E_NOMEM);
	wb_side_list_free(&sides);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy: a read past the text is an ASan report */
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	wb_session *s = NULL, *again = NULL;
	wb_buf msg = WB_BUF_INIT, first = WB_BUF_INIT, second = WB_BUF_INIT;
	wb_err e = wb_session_parse(text, size, "fuzz", NO_SIDES, &s, &msg);
	if (e != WB_OK) {
		FUZZ_CHECK(s == NULL);
		FUZZ_CHECK(msg.n > 0);
		goto out;
	}
	write_out(s, &first);
	wb_buf_clear(&msg);
	e = wb_session_parse(first.p ? first.p : "", first.n, "again", NO_SIDES,
			     &again, &msg);
	if (e != WB_OK)
		fprintf(stderr, "written session does not load: %.*s\n",
			(int)msg.n, msg.p ? msg.p : "");
	FUZZ_CHECK(e == WB_OK);
	write_out(again, &second);
	FUZZ_CHECK(first.n == second.n);
	FUZZ_CHECK(!first.n || !memcmp(first.p, second.p, first.n));
out:
	wb_session_free(s);
	wb_session_free(again);
	wb_buf_free(&msg);
	wb_buf_free(&first);
	wb_buf_free(&second);
	free(text);
	return 0;
}
