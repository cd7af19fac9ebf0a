/* testutil.h - assertions shared by the cmocka tests (include after
 * <cmocka.h>). */
#ifndef WB_TESTUTIL_H
#define WB_TESTUTIL_H

#include <string.h>

/* Fails unless string s starts with prefix. */
#define assert_prefix(s, prefix)                                              \
	do {                                                                  \
		const char *s_ = (s), *p_ = (prefix);                         \
		if (strncmp(s_, p_, strlen(p_)) != 0)                         \
			fail_msg("\"%s\" does not start with \"%s\"", s_, p_); \
	} while (0)

#endif
