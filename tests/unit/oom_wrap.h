/* oom_wrap.h - arming the failing allocator (failalloc.h) for one run and
 * telling afterwards whether the failure was reached. Included by one
 * file of a test binary whose link wraps malloc & co (see the Makefile). */
#ifndef WB_TEST_OOM_WRAP_H
#define WB_TEST_OOM_WRAP_H

#include "base/alloc.h"
#include "failalloc.h"

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
