/* resolve_int.h - what the resolver's unit tests need. */
#ifndef WB_RESOLVE_INT_H
#define WB_RESOLVE_INT_H

#include "resolve.h"

/* The function the lookup threads call (getaddrinfo by default); a test
 * makes it block until the test lets it go. NULL restores the default. */
typedef int (*wb_lookup_fn)(const char *host, const char *service,
			    const struct addrinfo *hints,
			    struct addrinfo **res);
void wb_lookup_set_fn(wb_lookup_fn fn);
/* How many lookups are allocated (started and not yet freed). */
int wb_lookup_live(void);

#endif
