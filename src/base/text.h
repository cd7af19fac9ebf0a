/* text.h - Python's view of text and bytes.
 *
 * Command words are UTF-8 text standing for Python str values; an invalid
 * UTF-8 byte stands for the code point of the same value (U+0080-U+00FF),
 * and U+0000 is written C0 80 (as in Java's modified UTF-8) so that text
 * stays a C string.
 * This module encodes text the way http.client does (ASCII for the request
 * line, Latin-1 for values and bodies) with Python's error messages, and
 * formats Python repr() of bytes and str for messages and debug output. */
#ifndef WB_TEXT_H
#define WB_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* Decodes the code point at s[*i] and advances *i (n > *i required). */
uint32_t wb_text_next(const char *s, size_t n, size_t *i);
/* Returns the number of code points in s. */
size_t wb_text_len(const char *s, size_t n);
/* Appends the UTF-8 form of code point c. */
wb_err wb_text_put(wb_buf *out, uint32_t c);
/* Appends bytes decoded as Latin-1 (each byte one code point), as UTF-8. */
wb_err wb_text_from_latin1(wb_buf *out, const void *p, size_t n);

/* The first code point of s that is <= max or equal to also, or NULL. */
const char *wb_text_find_ctl(const char *s, uint32_t max, uint32_t also);

/* Encodes text with codec "ascii" (max 0x7F) or "latin-1" (max 0xFF).
 * On an unencodable character returns WB_E_UNICODE_ENCODE, leaves out
 * untouched beyond what was appended, and appends Python's message to msg
 * ("'ascii' codec can't encode character '\xe9' in position 5: ordinal not
 * in range(128)"); *bad gets the character range when not NULL. */
wb_err wb_text_encode(const char *s, size_t n, const char *codec,
		      wb_buf *out, wb_buf *msg, size_t bad[2]);

/* Appends Python repr() of a bytes object: b'..' or b"..". */
wb_err wb_text_repr_bytes(wb_buf *out, const void *p, size_t n);
/* Appends Python repr() of a str given as text. */
wb_err wb_text_repr(wb_buf *out, const char *s, size_t n);
/* Appends Python repr() of the one character at `at` in the C string
 * (the whole character, never one byte of its internal form). */
wb_err wb_text_repr_char(wb_buf *out, const char *at);
/* As wb_text_repr for code points [start,end) of s, cut to max chars as %.Nr. */
wb_err wb_text_repr_range(wb_buf *out, const char *s, size_t n, size_t start,
			  size_t end, size_t max);

/* Length of the leading run of ASCII bytes (the same in UTF-8, Latin-1
 * and ASCII, so encoders copy it whole). */
size_t wb_text_ascii_run(const char *s, size_t n);
/* Terminal-safe text (the one policy for every output path).
 * Appends the text s with every character a terminal could act on made a
 * visible escape, and returns WB_OK or WB_E_NOMEM:
 *   C0 controls and DEL        \r \n \t, else \xNN
 *   C1 controls U+0080-U+009F  \xNN, whether given as a stray byte or
 *                              as UTF-8 (C2 80-C2 9F)
 *   bidi controls U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069,
 *   line/paragraph separators U+2028, U+2029   \uNNNN
 * A stray byte A0-FF stands for its code point (as everywhere in this
 * module) and comes out as UTF-8, so the result is always valid UTF-8.
 * Backslashes are kept: this is for messages, not for a byte-exact form.
 * WB_SAFE_KEEP_NL keeps LF as a line break (multi-line text). */
#define WB_SAFE_KEEP_NL 1u
wb_err wb_text_safe(wb_buf *out, const char *s, size_t n, unsigned flags);
/* True when the code point would be escaped by wb_text_safe. */
int wb_text_unsafe_cp(uint32_t c);
/* True when wb_text_safe(s, n, flags) would change nothing. */
int wb_text_is_safe(const char *s, size_t n, unsigned flags);

#endif
