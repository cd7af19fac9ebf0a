/* nameprep.h - why Python's idna codec refuses a label. */
#ifndef WB_NAMEPREP_H
#define WB_NAMEPREP_H

#include <stddef.h>
#include "base/buf.h"

/* Appends to msg the reason encodings.idna.ToASCII gives for refusing the
 * non-ASCII UTF-8 label (n bytes) that libidn refused: a prohibited
 * character, a BIDI rule, the ACE prefix, or else its length. */
void wb_nameprep_why(const char *label, size_t n, wb_buf *msg);

#endif
