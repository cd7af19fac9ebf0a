/* jsonmem.c - noting jansson's failed allocations. */
#include "jsonmem.h"

#include <jansson.h>

static json_malloc_t outer_malloc;
static json_free_t outer_free;
static int failed;

static void *noting_malloc(size_t n)
{
	void *p = outer_malloc(n);
	failed |= !p;
	return p;
}

void wb_jsonmem_begin(void)
{
	json_get_alloc_funcs(&outer_malloc, &outer_free);
	json_set_alloc_funcs(noting_malloc, outer_free);
	failed = 0;
}

int wb_jsonmem_end(void)
{
	json_set_alloc_funcs(outer_malloc, outer_free);
	return failed;
}
