/* lex.h - splitting a command line into words.
 *
 * Words split on blanks like a shell. Double-quoted words take C escapes
 * (\r \n \t \\ \" \xNN and \uNNNN, the code points U+00NN and U+NNNN,
 * stored as UTF-8); single quotes take the text literally; `#` at the start of a
 * word begins a comment. A word remembers whether any part was quoted:
 * keywords and @file are only recognised in unquoted words.
 * ${NAME} (and ${env:NAME}) expands through a lookup, in unquoted and
 * double-quoted text, never in single quotes; \$ is a literal $. */
#ifndef WB_LEX_H
#define WB_LEX_H

#include <stddef.h>
#include "base/buf.h"

typedef struct wb_word {
	char *s;     /* UTF-8 text, NUL-terminated (may contain NUL) */
	size_t n;
	int quoted;
} wb_word;

typedef struct wb_words {
	wb_word *w;
	size_t n;
	char *arena; /* the text of every word, NUL-separated */
	size_t arena_cap, w_cap; /* storage wb_lex_vars_reuse may reuse */
} wb_words;

/* Appends the value of variable name (n bytes, e.g. "HOST" or "env:HOME")
 * to out, or returns an error with its message in msg. */
typedef wb_err (*wb_lex_lookup)(void *arg, const char *name, size_t n,
				wb_buf *out, wb_buf *msg);

/* Splits line into words. SyntaxError (message in msg) on an unterminated
 * quote or a bad escape. The caller frees with wb_lex_free. ${...} is an
 * error (NameError) since there is no lookup. */
wb_err wb_lex(const char *line, wb_words *out, wb_buf *msg);
/* As wb_lex, expanding ${NAME} through lookup; its error is returned. */
wb_err wb_lex_vars(const char *line, wb_lex_lookup lookup, void *arg,
		   wb_words *out, wb_buf *msg);
/* As wb_lex_vars, reusing the storage of out, which holds an earlier
 * result or is zeroed; on error out is emptied and its storage freed. */
wb_err wb_lex_vars_reuse(const char *line, wb_lex_lookup lookup, void *arg,
			 wb_words *out, wb_buf *msg);
void wb_lex_free(wb_words *w);
/* True when word i exists, is unquoted and equals s. */
int wb_lex_is(const wb_words *w, size_t i, const char *s);

#endif
