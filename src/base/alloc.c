/* alloc.c - the core's allocator: counts every failure (see alloc.h). */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static _Thread_local unsigned long failures;

static void *counted(void *p)
{
	if (!p)
		failures++;
	return p;
}

void *wb_malloc(size_t n)
{
	return counted(malloc(n));
}

void *wb_calloc(size_t k, size_t n)
{
	return counted(calloc(k, n));
}

void *wb_realloc(void *p, size_t n)
{
	return counted(realloc(p, n));
}

char *wb_strdup(const char *s)
{
	return counted(strdup(s));
}

char *wb_strndup(const char *s, size_t n)
{
	return counted(strndup(s, n));
}

unsigned long wb_alloc_failures(void)
{
	return failures;
}

void wb_alloc_failed(void)
{
	failures++;
}
