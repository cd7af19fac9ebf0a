/* failalloc.h - the allocator of the allocation-failure tests: the n-th
 * allocation of the core fails (malloc, calloc, realloc, strdup and
 * strndup are wrapped at link time for test_oom only, see the Makefile;
 * jansson is routed through them too). Include it in one file of a test
 * binary. */
#ifndef WB_FAILALLOC_H
#define WB_FAILALLOC_H

#include <jansson.h>
#include <stdlib.h>

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

static unsigned long allocs;   /* allocations counted while armed */
static unsigned long fail_at;  /* the one that fails (1-based), 0: none */
static int armed;

static int should_fail(void)
{
	if (!armed)
		return 0;
	return ++allocs == fail_at;
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

/* With on, jansson's allocations (HAR) count like the core's own. */
static void failalloc_json(int on)
{
	json_set_alloc_funcs(on ? __wrap_malloc : __real_malloc, free);
}

#endif
