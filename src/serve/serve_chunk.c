/* serve_chunk.c - the chunked transfer coding of request bodies (RFC 9112
 * section 7.1): chunk sizes, extensions, data, trailers. The demo server
 * only needs to know where a body ends - /echo shows the raw framing - so
 * the decoder skips data rather than copying it, and keeps no line. */
#include "serve_int.h"

#include <string.h>

enum {
	S_SIZE0,    /* first hex digit of a chunk size */
	S_SIZE,     /* more hex digits */
	S_SIZE_WS,  /* blanks after the size: only before ';' */
	S_EXT,      /* chunk extension up to the line end */
	S_SIZE_LF,  /* CR seen at the end of the size line */
	S_DATA,
	S_DATA_CR,  /* the CRLF after chunk data */
	S_DATA_LF,
	S_TR_START, /* start of a trailer line or the final blank line */
	S_TR_NAME,
	S_TR_VALUE,
	S_TR_LF,
	S_END_LF,   /* CR of the final blank line seen */
	S_DONE,
};

void wb_serve_chunk_init(wb_serve_chunk *c)
{
	memset(c, 0, sizeof *c);
	c->state = S_SIZE0;
}

static int is_tchar(unsigned char ch)
{
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9'))
		return 1;
	return ch && strchr("!#$%&'*+-.^_`|~", ch) != NULL;
}

static int fail(wb_serve_chunk *c, const char *why)
{
	c->why = why;
	return -1;
}

/* The size line ended: data follows, or the trailer section. */
static void size_done(wb_serve_chunk *c)
{
	c->line = 0;
	c->state = c->left ? S_DATA : S_TR_START;
}

/* One byte of the chunk-size line. */
static int size_byte(wb_serve_chunk *c, char ch)
{
	if (++c->line > WB_SERVE_CHUNK_LINE_MAX)
		return fail(c, "chunk-size line too long");
	int h = wb_hexval(ch);
	switch (c->state) {
	case S_SIZE0:
	case S_SIZE:
		if (h >= 0) {
			if (c->left > (UINT64_MAX >> 4))
				return fail(c, "chunk size too large");
			c->left = c->left * 16 + (uint64_t)h;
			c->state = S_SIZE;
			return 0;
		}
		if (c->state == S_SIZE0)
			return fail(c, "chunk size is not hexadecimal");
		break;
	case S_SIZE_WS:
		if (ch == ' ' || ch == '\t' || ch == ';')
			break;
		return fail(c, "blanks after a chunk size");
	case S_EXT:
		if ((unsigned char)ch < 0x20 && ch != '\t' && ch != '\r' &&
		    ch != '\n')
			return fail(c, "control character in a chunk extension");
		break;
	case S_SIZE_LF:
		if (ch != '\n')
			return fail(c, "CR without LF after a chunk size");
		size_done(c);
		return 0;
	}
	if (ch == ' ' || ch == '\t')
		c->state = c->state == S_EXT ? S_EXT : S_SIZE_WS;
	else if (ch == ';')
		c->state = S_EXT;
	else if (ch == '\r') /* S_SIZE or S_EXT: blanks refused a CR above */
		c->state = S_SIZE_LF;
	else if (ch == '\n')
		size_done(c);
	else if (c->state != S_EXT)
		return fail(c, "malformed chunk-size line");
	return 0;
}

/* One byte of the trailer section. */
static int trailer_byte(wb_serve_chunk *c, char ch)
{
	unsigned char u = (unsigned char)ch;
	if (++c->trailer > WB_SERVE_TRAILER_MAX)
		return fail(c, "trailer section too large");
	switch (c->state) {
	case S_TR_START:
		if (ch == '\r')
			c->state = S_END_LF;
		else if (ch == '\n')
			c->state = S_DONE;
		else if (is_tchar(u))
			c->state = S_TR_NAME;
		else
			return fail(c, "malformed trailer field");
		return 0;
	case S_TR_NAME:
		if (ch == ':')
			c->state = S_TR_VALUE;
		else if (!is_tchar(u))
			return fail(c, "malformed trailer field name");
		return 0;
	case S_TR_VALUE:
		if (ch == '\r')
			c->state = S_TR_LF;
		else if (ch == '\n')
			c->state = S_TR_START;
		else if ((u < 0x20 && ch != '\t') || u == 0x7f)
			return fail(c, "control character in a trailer field");
		return 0;
	default: /* S_TR_LF, S_END_LF: wb_serve_chunk_feed sends no other */
		if (ch != '\n')
			return fail(c, "CR without LF in the trailer section");
		c->state = c->state == S_TR_LF ? S_TR_START : S_DONE;
		return 0;
	}
}

/* One byte of the CRLF that must follow chunk data. */
static int data_end_byte(wb_serve_chunk *c, char ch)
{
	if (c->state == S_DATA_CR && ch == '\r') {
		c->state = S_DATA_LF;
		return 0;
	}
	if (ch != '\n')
		return fail(c, "chunk data not followed by CRLF");
	c->state = S_SIZE0;
	return 0;
}

int wb_serve_chunk_feed(wb_serve_chunk *c, const char *p, size_t n,
			size_t *used)
{
	size_t i = 0;
	int r = 0;
	while (i < n && c->state != S_DONE && r == 0) {
		if (c->state == S_DATA) {
			uint64_t take = n - i < c->left ? n - i : c->left;
			i += (size_t)take;
			c->left -= take;
			if (!c->left)
				c->state = S_DATA_CR;
			continue;
		}
		char ch = p[i++];
		if (c->state <= S_SIZE_LF)
			r = size_byte(c, ch);
		else if (c->state <= S_DATA_LF)
			r = data_end_byte(c, ch);
		else
			r = trailer_byte(c, ch);
	}
	*used = i;
	if (r)
		return -1;
	return c->state == S_DONE;
}
