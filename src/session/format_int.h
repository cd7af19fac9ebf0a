/* format_int.h - names and helpers shared by the writer and the loader. */
#ifndef WB_SESSION_FORMAT_INT_H
#define WB_SESSION_FORMAT_INT_H

#include "format.h"

#define WB_SESSION_MAGIC "# wirebench session "
/* Raw bytes per data line before a continuation line starts. */
#define WB_SESSION_LINE_BYTES 1024

const char *wb_sfmt_dir(wb_dir d);
const char *wb_sfmt_state(wb_fstate s);
const char *wb_sfmt_res(wb_sres r);
/* Index of name in the names of kind (dir, state, res, frame kind), or -1. */
int wb_sfmt_find_dir(const char *s);
int wb_sfmt_find_state(const char *s);
int wb_sfmt_find_res(const char *s);
int wb_sfmt_find_kind(const char *s);

#endif
