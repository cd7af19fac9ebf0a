/* body.h - the body forms http.client accepts, as wirebench passes them:
 * text (a Python str), bytes, a file object opened in binary mode, and an
 * iterable of bytes pieces. */
#ifndef WB_BODY_H
#define WB_BODY_H

#include <stdio.h>
#include "base/buf.h"

typedef enum {
	WB_BODY_NONE,   /* None */
	WB_BODY_TEXT,   /* str: UTF-8 text in p/n */
	WB_BODY_BYTES,  /* bytes in p/n */
	WB_BODY_FILE,   /* file: file, name (for repr); text mode when
			 * encoding is set (Python's TextIOWrapper) */
	WB_BODY_PIECES  /* list of bytes */
} wb_body_kind;

typedef struct wb_piece {
	const char *p;
	size_t n;
} wb_piece;

typedef struct wb_body {
	wb_body_kind kind;
	const char *p;
	size_t n;
	FILE *file;
	const char *name;
	const char *encoding; /* NULL: binary; else as given to open() */
	const wb_piece *pieces;
	size_t npieces;
} wb_body;

/* Appends Python repr() of the body object (as debug output shows it). */
wb_err wb_body_repr(const wb_body *b, wb_buf *out);

/* True for a file opened in text mode: http.client encodes its blocks. */
int wb_body_is_text_file(const wb_body *b);

/* Walks the pieces http.client would send for a body: bytes as one piece,
 * a binary file in blocksize reads, a text file in reads of blocksize
 * characters each encoded ISO-8859-1, pieces one by one. */
typedef struct wb_body_iter {
	const wb_body *b;
	size_t blocksize;
	size_t next;
	wb_buf block;
	int keep;
	struct wb_textfile *tf; /* the text-mode reader, made at first use */
	wb_buf text;
	wb_err err; /* why the last next() returned -1 */
	wb_buf msg;
} wb_body_iter;

void wb_body_iter_init(wb_body_iter *it, const wb_body *b, size_t blocksize);
/* Gives the next piece (may be empty); returns 0 when there is none, -1 on
 * an error: it->err and it->msg say which (OSError, UnicodeDecodeError,
 * UnicodeEncodeError with Python's message). */
int wb_body_iter_next(wb_body_iter *it, const char **p, size_t *n);
void wb_body_iter_done(wb_body_iter *it);
/* Binary file bodies: with keep on, each block read is stored after the ones
 * before it (until wb_body_iter_drop) instead of replacing them, so that
 * several can be sent at once. The storage may move as it grows: keep
 * offsets from wb_body_iter_held() and turn them into pointers after the
 * last read. */
void wb_body_iter_keep(wb_body_iter *it, int on);
void wb_body_iter_drop(wb_body_iter *it);
const char *wb_body_iter_held(const wb_body_iter *it);

#endif
