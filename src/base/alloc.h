/* alloc.h - the core's allocator and its one failure policy.
 *
 * Every allocation of the core goes through these (or through wb_buf and
 * wb_grow, which use them), so every failure is counted. A function that can
 * return WB_E_NOMEM does; one that cannot (a tap frame, a debug line, a
 * note) carries on without the thing it could not allocate. Either way the
 * interpreter compares the count before and after each command and reports
 * MemoryError for any failure inside it (see wb_interp_alloc_mark), and the
 * front ends end with a clear message when their own code runs out. */
#ifndef WB_ALLOC_H
#define WB_ALLOC_H

#include <stddef.h>

/* As malloc, calloc, realloc, strdup and strndup; a NULL result is
 * counted. */
void *wb_malloc(size_t n);
void *wb_calloc(size_t k, size_t n);
void *wb_realloc(void *p, size_t n);
char *wb_strdup(const char *s);
char *wb_strndup(const char *s, size_t n);
/* How many allocations have failed so far in this thread. */
unsigned long wb_alloc_failures(void);
/* Counts one failed allocation (a size too large to ask for). */
void wb_alloc_failed(void);

#endif
