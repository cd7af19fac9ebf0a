/* b64.h - base64 (RFC 4648, with padding), for Basic credentials and HAR
 * bodies. */
#ifndef WB_B64_H
#define WB_B64_H

#include <stddef.h>
#include "base/buf.h"

wb_err wb_b64_encode(const void *p, size_t n, wb_buf *out);
/* Decodes; ValueError on a character outside the alphabet or bad
 * padding. Blanks are skipped. */
wb_err wb_b64_decode(const char *s, size_t n, wb_buf *out);

#endif
