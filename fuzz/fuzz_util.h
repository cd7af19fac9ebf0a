/* fuzz_util.h - helpers the libFuzzer targets share. */
#ifndef WB_FUZZ_UTIL_H
#define WB_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What libFuzzer calls: each input, and once before the first. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken property is a finding: report it and abort so libFuzzer saves
 * the input as a crash. */
#define FUZZ_CHECK(cond)                                                    \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: property failed: %s\n",     \
				__FILE__, __LINE__, #cond);                 \
			abort();                                            \
		}                                                           \
	} while (0)

/* Copies n bytes into a fresh NUL-terminated string (NULL when out of
 * memory, which a target treats as "skip this input"). */
static inline char *fuzz_strndup(const void *p, size_t n)
{
	char *s = malloc(n + 1);
	if (s) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

#endif
