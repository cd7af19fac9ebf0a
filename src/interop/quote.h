/* quote.h - writing byte strings as words: for wirebench's command
 * language (so the lexer gives back exactly those bytes, as Latin-1 text)
 * and for a POSIX shell (so sh gives curl exactly those bytes). */
#ifndef WB_QUOTE_H
#define WB_QUOTE_H

#include <stddef.h>
#include "base/buf.h"

/* Appends a command-language word standing for the bytes p[0..n): bare
 * when that reads back the same, else "..." with \r \n \t \\ \" \$ \xNN
 * (so that no ${NAME} in the bytes expands).
 * Bytes >= 0x80 become \xNN, i.e. the Latin-1 character of that byte, so
 * that putheader, endheaders and send put the same byte on the wire. */
wb_err wb_quote_cmd(wb_buf *out, const char *p, size_t n);
/* Appends a command-language word for the template p[0..n): ${NAME}
 * stays a variable reference, $$ stands for one literal $, every other
 * byte reads back as itself (as in wb_quote_cmd). */
wb_err wb_quote_tmpl(wb_buf *out, const char *p, size_t n);
/* Appends a POSIX shell word for p[0..n) (no NUL): bare when safe, else
 * '...' (with '\'' for a quote). */
wb_err wb_quote_sh(wb_buf *out, const char *p, size_t n);
/* Appends a printf(1) format that writes the bytes p[0..n) (any byte,
 * NUL included): octal escapes, %% and \\ escaped. */
wb_err wb_quote_printf(wb_buf *out, const char *p, size_t n);

#endif
