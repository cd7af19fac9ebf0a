/* proxyreply.c - the proxy's answer to CONNECT. */
#include "proxyreply.h"

#include <string.h>

#include "reader.h"
#include "statusline.h"
#include "base/text.h"

#define MAXLINE 65536

static wb_err read_line(wb_rd *r, wb_buf *line, const char *what,
			wb_buf *msg)
{
	uint64_t got = 0;
	wb_buf_clear(line);
	wb_err e = wb_rd_readline(r, MAXLINE + 1, wb_rd_append, line, &got,
				  msg);
	if (e == WB_OK && line->n > MAXLINE) {
		wb_buf_printf(msg, "got more than %d bytes when reading %s",
			      MAXLINE, what);
		return WB_E_LINE_TOO_LONG;
	}
	return e;
}

static wb_err read_status(wb_rd *r, wb_tap *tap, int *code, wb_buf *reason,
			  wb_buf *msg)
{
	wb_buf line = WB_BUF_INIT;
	wb_err e = read_line(r, &line, "status line", msg);
	if (e == WB_OK && line.n == 0) {
		wb_buf_adds(msg, "Remote end closed connection without response");
		e = WB_E_REMOTE_DISCONNECTED;
	}
	wb_status st;
	if (e == WB_OK) {
		wb_tap_add(tap, WB_DIR_IN, WB_FK_STATUS_LINE, WB_FS_WIRE, line.p,
			   line.n);
		e = wb_statusline_parse(line.p, line.n, &st);
		if (e) {
			wb_buf text = WB_BUF_INIT;
			wb_text_from_latin1(&text, line.p, line.n);
			wb_buf_add(msg, text.p, text.n);
			wb_buf_free(&text);
		}
	}
	if (e == WB_OK) {
		*code = st.code;
		wb_text_from_latin1(reason, line.p + st.reason_off,
				    st.reason_len);
		wb_buf_adds(reason, "");
	}
	wb_buf_free(&line);
	return e;
}

/* Header lines are read and dropped, unlimited in number (3.11). */
static wb_err skip_headers(wb_rd *r, int debuglevel, wb_tap *tap,
			   wb_buf *msg)
{
	wb_buf line = WB_BUF_INIT;
	wb_err e;
	while ((e = read_line(r, &line, "header line", msg)) == WB_OK &&
	       line.n) {
		int end = (line.n == 2 && !memcmp(line.p, "\r\n", 2)) ||
			  (line.n == 1 && line.p[0] == '\n');
		wb_tap_add(tap, WB_DIR_IN, end ? WB_FK_END_HEADERS : WB_FK_HEADER,
			   WB_FS_WIRE, line.p, line.n);
		if (end)
			break;
		if (debuglevel > 0) {
			wb_buf d = WB_BUF_INIT;
			wb_buf_adds(&d, "header: ");
			wb_buf_add(&d, line.p, line.n);
			wb_tap_add(tap, WB_DIR_NOTE, WB_FK_DEBUG, WB_FS_WIRE, d.p,
				   d.n);
			wb_buf_free(&d);
		}
	}
	wb_buf_free(&line);
	return e;
}

wb_err wb_proxyreply_read(wb_transport *t, int debuglevel, wb_tap *tap,
			  int *code, wb_buf *reason, wb_buf *msg)
{
	wb_rd *r = wb_rd_new(t, tap);
	if (!r)
		return WB_E_NOMEM;
	wb_err e = read_status(r, tap, code, reason, msg);
	if (e == WB_OK && *code == 200)
		e = skip_headers(r, debuglevel, tap, msg);
	wb_rd_free(r);
	return e;
}
