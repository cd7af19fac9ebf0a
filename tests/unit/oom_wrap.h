/* oom_wrap.h - the failing allocator of the allocation-failure tests.
 *
 * Included by one file of a test binary whose link wraps malloc, calloc,
 * realloc, strdup and strndup (see OOM_WRAP in the Makefile): while armed,
 * the fail_at-th allocation of the core returns NULL. */
#ifndef WB_TEST_OOM_WRAP_H
#define WB_TEST_OOM_WRAP_H

#include <stddef.h>

#include "base/alloc.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static unsigned long allocs;  /* allocations counted while armed */
static unsigned long fail_at; /* the one that fails (1-based) */
static int armed;

static int should_fail(void)
{
	return armed && ++allocs == fail_at;
}

void *__wrap_malloc(size_t n)
{
	return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
	return should_fail() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
	return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return should_fail() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return should_fail() ? NULL : __real_strndup(s, n);
}

static unsigned long failures_before;

static void arm(unsigned long n)
{
	allocs = 0;
	fail_at = n;
	failures_before = wb_alloc_failures();
	armed = 1;
}

/* Disarms; returns whether the n-th allocation happened (and failed);
 * n = 0 fails none. */
static int disarm(void)
{
	armed = 0;
	return fail_at && allocs >= fail_at;
}

#endif
