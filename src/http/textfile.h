/* textfile.h - a file opened in text mode, read as Python's TextIOWrapper
 * (open(path, "r", encoding=E)) reads it.
 *
 * http.client sends a text file body block by block: read(blocksize)
 * characters, each block encoded ISO-8859-1. What a block holds, and where
 * a decoding error is reported, depend on how TextIOWrapper reads: 8 KiB
 * (or more, scaled by the last bytes-per-character ratio) from the file at
 * a time, decoded incrementally, universal newlines (CR LF and CR read as
 * LF, a CR at a read's end held back). This module reproduces that, so the
 * blocks, the wire bytes before an error and the error's position match. */
#ifndef WB_TEXTFILE_H
#define WB_TEXTFILE_H

#include <stdio.h>
#include "base/buf.h"

typedef enum {
	WB_CODEC_NONE = -1,
	WB_CODEC_UTF8,
	WB_CODEC_LATIN1,
	WB_CODEC_ASCII
} wb_codec;

/* The codec of a Python encoding name (any letter case, '_' or '-', as
 * Python's aliases: "utf8", "latin1", "iso-8859-1", "us-ascii"...), or
 * WB_CODEC_NONE when wirebench does not know it. */
wb_codec wb_textfile_codec(const char *name);

typedef struct wb_textfile wb_textfile;

/* Reads f (borrowed) decoded with codec. NULL when memory runs out. */
wb_textfile *wb_textfile_new(FILE *f, wb_codec codec);
void wb_textfile_free(wb_textfile *tf);

/* read(n): up to n characters, fewer only at the end of the file. They are
 * appended to out as text (UTF-8, U+0000 as C0 80) and counted in *nchars.
 * Errors: UnicodeDecodeError with Python's message ("'utf-8' codec can't
 * decode byte 0xff in position 3: invalid start byte"), OSError when the
 * file cannot be read. */
wb_err wb_textfile_read(wb_textfile *tf, size_t n, wb_buf *out,
			size_t *nchars, wb_buf *msg);

#endif
