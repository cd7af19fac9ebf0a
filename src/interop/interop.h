/* interop.h - the formats import and export know, by name. */
#ifndef WB_INTEROP_H
#define WB_INTEROP_H

#include "lines.h"
#include "xchg.h"

typedef struct wb_import_opts {
	int lenient;      /* curl: leave unsupported options out */
	const char *dir;  /* files named in the input are relative to it */
} wb_import_opts;

/* Converts text in format ("curl") to command lines.
 * Everything is checked before anything is appended to out. */
wb_err wb_import(const char *format, const char *text,
		 const wb_import_opts *o, wb_lines *out, wb_buf *msg);

/* Writes exchanges [from, to) of xs in format ("curl"). */
wb_err wb_export(const char *format, const wb_xchgs *xs, size_t from,
		 size_t to, wb_buf *out, wb_buf *msg);

/* Reads a whole file into out; FileNotFoundError/OSError with msg. */
wb_err wb_interop_read_file(const char *dir, const char *path, wb_buf *out,
			    wb_buf *msg);

#endif
