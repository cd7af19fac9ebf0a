/* textfile.c - TextIOWrapper.read(n) over a file: chunked reads, an
 * incremental decoder (UTF-8, Latin-1, ASCII) and universal newlines, with
 * CPython 3.11's chunk sizes so errors and blocks fall where Python's do. */
#include "textfile.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define CHUNK_SIZE 8192 /* TextIOWrapper._CHUNK_SIZE */

struct wb_textfile {
	FILE *f;
	wb_codec codec;
	uint32_t *dec;      /* decoded characters not yet returned */
	size_t ndec, used, cap;
	unsigned char pend[4]; /* an incomplete UTF-8 sequence held back */
	size_t npend;
	int pendingcr;      /* IncrementalNewlineDecoder held back a CR */
	double b2cratio;    /* bytes per character of the last chunk */
	wb_buf raw;         /* held-back bytes + the chunk being decoded */
};

/* Python's normalize_encoding: lower case, runs of other characters than
 * letters, digits and '.' become one '_'. */
static void normalise(const char *name, char *out, size_t cap)
{
	size_t n = 0;
	int sep = 0;
	for (const char *p = name; *p && n + 2 < cap; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) || c == '.') {
			if (sep && n)
				out[n++] = '_';
			out[n++] = (char)tolower(c);
			sep = 0;
		} else {
			sep = 1;
		}
	}
	out[n] = '\0';
}

static int among(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(s, *names))
			return 1;
	return 0;
}

wb_codec wb_textfile_codec(const char *name)
{
	static const char *const utf8[] = { "utf_8", "utf8", "u8", "utf",
					    "utf8_ucs2", "utf8_ucs4",
					    "cp65001", NULL };
	static const char *const latin1[] = {
		"latin_1", "latin1", "latin", "l1", "iso8859_1", "iso_8859_1",
		"iso8859", "8859", "cp819", "ibm819", "csisolatin1",
		"iso_8859_1_1987", "iso_ir_100", NULL
	};
	static const char *const ascii[] = {
		"ascii", "us_ascii", "us", "646", "cp367", "ibm367", "csascii",
		"iso646_us", "iso_ir_6", "ansi_x3.4_1968", "ansi_x3_4_1968",
		"ansi_x3.4_1986", "iso_646.irv_1991", NULL
	};
	char key[64];
	if (strlen(name) >= sizeof key)
		return WB_CODEC_NONE;
	normalise(name, key, sizeof key);
	if (among(key, utf8))
		return WB_CODEC_UTF8;
	if (among(key, latin1))
		return WB_CODEC_LATIN1;
	if (among(key, ascii))
		return WB_CODEC_ASCII;
	return WB_CODEC_NONE;
}

wb_textfile *wb_textfile_new(FILE *f, wb_codec codec)
{
	wb_textfile *tf = wb_calloc(1, sizeof *tf);
	if (tf) {
		tf->f = f;
		tf->codec = codec;
	}
	return tf;
}

void wb_textfile_free(wb_textfile *tf)
{
	if (!tf)
		return;
	free(tf->dec);
	wb_buf_free(&tf->raw);
	free(tf);
}

static wb_err push(wb_textfile *tf, uint32_t c)
{
	if (tf->ndec == tf->cap) {
		uint32_t *d = wb_grow(tf->dec, &tf->cap, tf->ndec, sizeof *d);
		if (!d)
			return WB_E_NOMEM;
		tf->dec = d;
	}
	tf->dec[tf->ndec++] = c;
	return WB_OK;
}

static wb_err decode_error(wb_buf *msg, const char *codec,
			   const unsigned char *s, size_t start, size_t end,
			   const char *reason)
{
	if (end - start == 1)
		wb_buf_printf(msg, "'%s' codec can't decode byte 0x%02x in "
			      "position %zu: %s", codec, s[start], start,
			      reason);
	else
		wb_buf_printf(msg, "'%s' codec can't decode bytes in position "
			      "%zu-%zu: %s", codec, start, end - 1, reason);
	return WB_E_UNICODE_DECODE;
}

/* The valid range of the byte after lead byte c in a UTF-8 sequence. */
static void second_range(unsigned c, unsigned *lo, unsigned *hi)
{
	*lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
	*hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
}

/* One UTF-8 sequence at s[i]: *len bytes for *cp; returns 0 when it is
 * valid, 1 when it is cut short by the end of the data (*len bytes seen),
 * -1 when invalid (*len bytes make up the error's range, *reason). */
static int utf8_seq(const unsigned char *s, size_t n, size_t i, size_t *len,
		    uint32_t *cp, const char **reason)
{
	unsigned c = s[i];
	size_t need = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3
		    : c < 0xF5 ? 4 : 0;
	*reason = "invalid start byte";
	*len = 1;
	if (!need)
		return -1;
	uint32_t v = need == 1 ? c : need == 2 ? c & 0x1F : need == 3 ? c & 0x0F
		   : c & 0x07;
	for (size_t k = 1; k < need; k++) {
		if (i + k >= n)
			return 1;
		unsigned lo = 0x80, hi = 0xBF, b = s[i + k];
		if (k == 1)
			second_range(c, &lo, &hi);
		if (b < lo || b > hi) {
			*reason = "invalid continuation byte";
			return -1;
		}
		v = (v << 6) | (b & 0x3F);
		*len = k + 1;
	}
	*len = need;
	*cp = v;
	return 0;
}

/* utf_8_decode(data, final): the data is tf->raw; what an incomplete
 * sequence at the end holds back goes to tf->pend. */
static wb_err decode_utf8(wb_textfile *tf, int final, wb_buf *msg)
{
	const unsigned char *s = (const unsigned char *)tf->raw.p;
	size_t n = tf->raw.n, i = 0;
	tf->npend = 0;
	while (i < n) {
		size_t len;
		uint32_t cp;
		const char *reason;
		int r = utf8_seq(s, n, i, &len, &cp, &reason);
		if (r > 0 && !final) {
			memcpy(tf->pend, s + i, n - i);
			tf->npend = n - i;
			return WB_OK;
		}
		if (r)
			return decode_error(msg, "utf-8", s, i, i + len,
					    r > 0 ? "unexpected end of data"
						  : reason);
		wb_err e = push(tf, cp);
		if (e)
			return e;
		i += len;
	}
	return WB_OK;
}

static wb_err decode_bytes(wb_textfile *tf, int final, wb_buf *msg)
{
	if (tf->codec == WB_CODEC_UTF8)
		return decode_utf8(tf, final, msg);
	const unsigned char *s = (const unsigned char *)tf->raw.p;
	for (size_t i = 0; i < tf->raw.n; i++) {
		if (tf->codec == WB_CODEC_ASCII && s[i] > 0x7F)
			return decode_error(msg, "ascii", s, i, i + 1,
					    "ordinal not in range(128)");
		wb_err e = push(tf, s[i]);
		if (e)
			return e;
	}
	return WB_OK;
}

/* IncrementalNewlineDecoder(translate=True) over what was just decoded. */
static wb_err newlines(wb_textfile *tf, int final)
{
	if (tf->pendingcr && (final || tf->ndec)) {
		wb_err e = push(tf, 0); /* room for one more */
		if (e)
			return e;
		memmove(tf->dec + 1, tf->dec, (tf->ndec - 1) * sizeof *tf->dec);
		tf->dec[0] = '\r';
		tf->pendingcr = 0;
	}
	if (!final && tf->ndec && tf->dec[tf->ndec - 1] == '\r') {
		tf->ndec--;
		tf->pendingcr = 1;
	}
	size_t out = 0;
	for (size_t i = 0; i < tf->ndec; i++) {
		uint32_t c = tf->dec[i];
		if (c == '\r' && i + 1 < tf->ndec && tf->dec[i + 1] == '\n')
			continue; /* the LF that follows is kept */
		tf->dec[out++] = c == '\r' ? '\n' : c;
	}
	tf->ndec = out;
	return WB_OK;
}

/* Reads up to want bytes (fewer only at the end of the file). */
static wb_err fill(wb_textfile *tf, size_t want, size_t *got, wb_buf *msg)
{
	wb_err e = wb_buf_reserve(&tf->raw, want);
	if (e)
		return e;
	*got = fread(tf->raw.p + tf->raw.n, 1, want, tf->f);
	tf->raw.n += *got;
	tf->raw.p[tf->raw.n] = '\0';
	if (*got < want && ferror(tf->f)) {
		wb_buf_printf(msg, "[Errno %d] %s", errno, strerror(errno));
		return WB_E_OS;
	}
	return WB_OK;
}

/* textiowrapper_read_chunk(size_hint): *more is 0 at the end of the file. */
static wb_err read_chunk(wb_textfile *tf, size_t hint, int *more, wb_buf *msg)
{
	double ratio = tf->b2cratio > 1.0 ? tf->b2cratio : 1.0;
	size_t size = (size_t)(ratio * (double)hint);
	size_t nbytes;
	if (size < CHUNK_SIZE)
		size = CHUNK_SIZE;
	wb_buf_clear(&tf->raw);
	wb_err e = wb_buf_add(&tf->raw, tf->pend, tf->npend);
	if (e == WB_OK)
		e = fill(tf, size, &nbytes, msg);
	if (e)
		return e;
	int final = nbytes == 0;
	tf->ndec = tf->used = 0;
	if ((e = decode_bytes(tf, final, msg)) || (e = newlines(tf, final)))
		return e;
	tf->b2cratio = tf->ndec ? (double)nbytes / (double)tf->ndec : 0.0;
	*more = !final || tf->ndec > 0;
	return WB_OK;
}

/* Moves up to n decoded characters to out. */
static wb_err take(wb_textfile *tf, size_t n, wb_buf *out, size_t *took)
{
	size_t avail = tf->ndec - tf->used;
	*took = n < avail ? n : avail;
	for (size_t i = 0; i < *took; i++) {
		wb_err e = wb_text_put(out, tf->dec[tf->used + i]);
		if (e)
			return e;
	}
	tf->used += *took;
	return WB_OK;
}

wb_err wb_textfile_read(wb_textfile *tf, size_t n, wb_buf *out,
			size_t *nchars, wb_buf *msg)
{
	size_t took;
	wb_err e = take(tf, n, out, &took);
	size_t remaining = n - took;
	*nchars = took;
	while (e == WB_OK && remaining > 0) {
		int more;
		if ((e = read_chunk(tf, remaining, &more, msg)) || !more)
			break;
		e = take(tf, remaining, out, &took);
		remaining -= took;
		*nchars += took;
	}
	return e;
}
