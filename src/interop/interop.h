/* interop.h - the formats import and export know, by name. */
#ifndef WB_INTEROP_H
#define WB_INTEROP_H

#include "lines.h"
#include "xchg.h"
#include "xreq.h"

typedef struct wb_import_opts {
	int lenient;      /* curl: leave unsupported options out */
	const char *dir;  /* files named in the input are relative to it */
	const char *base; /* .http: the input file's folder, relative to dir */
	int expect;       /* HAR: recorded responses become expectations */
} wb_import_opts;

/* OK when format is one of "curl", "http", "har"; else UsageError with
 * "unknown WHAT format 'F' (curl, http, har)" in msg (what: "import" or
 * "export"). Checked before any input is read. */
wb_err wb_interop_format(const char *what, const char *format, wb_buf *msg);

/* Converts text in format ("curl", "http", "har") to command lines.
 * Everything is checked before anything is appended to out. */
wb_err wb_import(const char *format, const char *text,
		 const wb_import_opts *o, wb_lines *out, wb_buf *msg);

/* Files an export writes beside its own (the .http bodies it cannot
 * hold inline). */
typedef struct wb_xfile {
	char *name; /* a name in the export's folder */
	wb_buf bytes;
} wb_xfile;

typedef struct wb_xfiles {
	wb_xfile *v;
	size_t n, cap;
} wb_xfiles;

void wb_xfiles_free(wb_xfiles *f);

typedef struct wb_export_opts {
	const wb_xfields *vars; /* the session's variables (name, value) */
	const char *side;       /* name of the export's file, or NULL: side
				 * files are called SIDE.N.body */
	wb_xfiles *files;       /* side files are appended here */
} wb_export_opts;

/* Writes exchanges [from, to) of xs in format ("curl", "http", "har"). */
wb_err wb_export(const char *format, const wb_xchgs *xs, size_t from,
		 size_t to, const wb_export_opts *o, wb_buf *out, wb_buf *msg);

/* Reads a whole file into out; FileNotFoundError/OSError with msg. */
wb_err wb_interop_read_file(const char *dir, const char *path, wb_buf *out,
			    wb_buf *msg);

#endif
