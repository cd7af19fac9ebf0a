/* jsonmem.h - whether jansson lost an allocation.
 *
 * jansson does not report every allocation that fails: while it reads,
 * one is reported as a syntax error, and while it writes some are
 * skipped. Between begin and end its allocations go through a wrapper
 * that notes a failure, so that import and export can say MemoryError.
 * The allocator is process-wide: only one thread may use jansson then. */
#ifndef WB_JSONMEM_H
#define WB_JSONMEM_H

void wb_jsonmem_begin(void);
/* Restores jansson's allocator; returns 1 when an allocation failed since
 * begin. */
int wb_jsonmem_end(void);

#endif
