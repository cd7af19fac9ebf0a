/* libFuzzer target: any line through the command-language lexer. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include <string.h>

#include "lang/lex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[4096];
	if (size >= sizeof line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	wb_words w;
	wb_buf msg = WB_BUF_INIT;
	if (wb_lex(line, &w, &msg) == WB_OK)
		wb_lex_free(&w);
	wb_buf_free(&msg);
	return 0;
}
