/* lines.h - a list of text lines (the commands an import produces, the
 * lines of an export). The list owns its strings. */
#ifndef WB_LINES_H
#define WB_LINES_H

#include <stddef.h>
#include "base/buf.h"

typedef struct wb_lines {
	char **v;
	size_t n, cap;
} wb_lines;

/* Appends a copy of s (NUL-terminated). */
wb_err wb_lines_add(wb_lines *l, const char *s);
/* Appends a copy of a buffer's text. */
wb_err wb_lines_addb(wb_lines *l, const wb_buf *b);
/* Adds one line made as printf would. */
wb_err wb_lines_addf(wb_lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends every line of src (copies). */
wb_err wb_lines_extend(wb_lines *l, const wb_lines *src);
/* Appends the lines joined with "\n", each ended by "\n". */
wb_err wb_lines_join(const wb_lines *l, wb_buf *out);
void wb_lines_free(wb_lines *l);

#endif
