/* b64.c - base64. */
#include "b64.h"

#include <string.h>

static const char abc[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

wb_err wb_b64_encode(const void *p, size_t n, wb_buf *out)
{
	const unsigned char *s = p;
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char q[4] = { abc[v >> 18], abc[(v >> 12) & 63],
			      i + 1 < n ? abc[(v >> 6) & 63] : '=',
			      i + 2 < n ? abc[v & 63] : '=' };
		e = wb_buf_add(out, q, 4);
	}
	return e ? e : wb_buf_add(out, "", 0);
}

wb_err wb_b64_decode(const char *s, size_t n, wb_buf *out)
{
	unsigned v = 0;
	int bits = 0, pad = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')
			continue;
		if (ch == '=') {
			pad++;
			continue;
		}
		const char *at = ch ? strchr(abc, ch) : NULL;
		if (!at || pad)
			return WB_E_VALUE;
		v = (v << 6) | (unsigned)(at - abc);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (wb_buf_addc(out, (char)((v >> bits) & 0xff)))
				return WB_E_NOMEM;
		}
	}
	if (pad > 2 || bits >= 6)
		return WB_E_VALUE;
	return wb_buf_add(out, "", 0);
}
