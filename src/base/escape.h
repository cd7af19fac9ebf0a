/* escape.h - the transcript's escaped form of bytes, fast.
 *
 * Printable ASCII other than backslash stays as it is; \r \n \t \\ get
 * their C escapes and every other byte \xNN. The transcript of a
 * keep-alive request escapes about a kilobyte, so the scan looks at eight
 * bytes per step and copies printable runs whole. */
#ifndef WB_ESCAPE_H
#define WB_ESCAPE_H

#include <stddef.h>
#include "buf.h"

/* Appends the escaped form of p[0..n) to out; WB_E_NOMEM on failure. */
wb_err wb_escape_add(wb_buf *out, const char *p, size_t n);
/* Length of the leading run of bytes that need no escape. */
size_t wb_escape_plain_run(const char *p, size_t n);
/* Copies the leading run of bytes that need no escape to d and returns
 * its length (scan and copy in one pass). d must have room for n + 16
 * bytes: whole 16-byte blocks are stored before the scan knows where the
 * run ends, so bytes past the run may be overwritten. */
size_t wb_escape_copy_run(char *d, const char *p, size_t n);

#endif
