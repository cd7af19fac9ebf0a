/* shword.h - splitting a shell command line into words, by the POSIX
 * quoting rules a pasted "Copy as cURL" line uses: blanks separate words,
 * '...' is literal, "..." keeps its text but for \$ \` \" \\ and
 * backslash-newline, $'...' takes ANSI-C escapes (\n \xHH \NNN \uHHHH
 * ...), a backslash outside quotes quotes the next character and
 * backslash-newline joins lines (CR LF as well). `#` at the start of a
 * word begins a comment. Anything that needs a shell to run (variables,
 * command substitution, pipes, redirections) is refused, never guessed. */
#ifndef WB_SHWORD_H
#define WB_SHWORD_H

#include "lines.h"

/* Splits s into words (byte strings; NUL cannot be in a word). On a bad
 * line returns SyntaxError and puts the reason with its line and column
 * (1-based) into msg; out is then left empty. */
wb_err wb_shword_split(const char *s, wb_lines *out, wb_buf *msg);

#endif
