/* httpfile_int.h - the parsed form of a .http file, between the parser
 * (httpfile_parse.c) and the command writer (httpfile_import.c).
 *
 * Every text here is a template: ${NAME} is a reference to a variable and
 * $$ stands for a literal $ (wb_quote_tmpl writes it as a word). */
#ifndef WB_HTTPFILE_INT_H
#define WB_HTTPFILE_INT_H

#include "xreq.h"

typedef struct wb_hreq {
	unsigned line;     /* of the request line */
	char *name;        /* # @name, or the text after ###, or NULL */
	wb_buf method, url;
	wb_xfields h;      /* name, "value" (templates) */
	wb_buf body;
	int has_body;
	char *body_file;   /* < path: sent as the file's bytes */
	unsigned body_line;
} wb_hreq;

typedef struct wb_hfile {
	wb_xfields vars;   /* @name = value, in order */
	wb_hreq *r;
	size_t n, cap;
} wb_hfile;

/* Parses text. SyntaxError with msg "line N, column C: ...". Files of
 * `<@ path` bodies are read at dir/wb_hfile_path(base, path). */
wb_err wb_hfile_parse(const char *text, const char *dir, const char *base,
		      wb_hfile *out, wb_buf *msg);
void wb_hfile_free(wb_hfile *f);
/* path relative to base (the .http file's folder) unless absolute; a
 * malloc'd string, or NULL. */
char *wb_hfile_path(const char *base, const char *path);

#endif
