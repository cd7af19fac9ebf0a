/* tunnel.c - the CONNECT request and the proxy's reply. */
#include "tunnel.h"

#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "hostport.h"
#include "proxyreply.h"
#include "reqhead.h"
#include "base/text.h"

int wb_tunnel_is_set(const wb_tunnel *tn)
{
	return tn->set;
}

void wb_tunnel_clear(wb_tunnel *tn)
{
	wb_buf_free(&tn->host);
	wb_buf_free(&tn->port_text);
	wb_buf_free(&tn->headers);
	tn->set = 0;
}

static wb_err add_header(wb_tunnel *tn, const wb_header *h, wb_buf *msg)
{
	if (strpbrk(h->name, "\r\n") || strpbrk(h->value, "\r\n")) {
		wb_buf_printf(msg, "tunnel header refused: CR or LF in %s "
				   "(http.client would send it unchecked)",
			      h->name);
		return WB_E_VALUE;
	}
	wb_buf line = WB_BUF_INIT;
	wb_buf_printf(&line, "%s: %s\r\n", h->name, h->value);
	wb_err e = wb_text_encode(line.p, line.n, "latin-1", &tn->headers, msg,
				  NULL);
	wb_buf_free(&line);
	return e;
}

/* http.client puts the tunnel host into the CONNECT line unchecked; a CR,
 * LF or other control character would forge headers or a second request.
 * A blank is let through as http.client does (tunnel_unvalidated.wb). */
static wb_err check_host(const char *hostport, wb_buf *msg)
{
	const char *bad = wb_text_find_ctl(hostport, 0x1f, 0x7f);
	return bad ? wb_reqhead_ctl_error(msg, "tunnel host", hostport, bad,
					  "; http.client would send it "
					  "unchecked",
					  WB_E_VALUE)
		   : WB_OK;
}

wb_err wb_tunnel_set(wb_tunnel *tn, const char *hostport, long default_port,
		     const wb_header *headers, size_t n, wb_buf *msg)
{
	wb_tunnel next = { 0 };
	if (check_host(hostport, msg))
		return WB_E_VALUE;
	wb_err e = wb_hostport_parse(hostport, default_port, &next.host,
				     &next.port, &next.port_text, msg);
	wb_buf_adds(&next.headers, "");
	for (size_t i = 0; e == WB_OK && i < n; i++)
		e = add_header(&next, &headers[i], msg);
	if (e) {
		wb_tunnel_clear(&next);
		return e;
	}
	wb_buf_adds(&next.host, "");
	next.set = 1;
	wb_tunnel_clear(tn);
	*tn = next;
	return WB_OK;
}

static wb_err send_connect(wb_tunnel *tn, wb_transport *t, int debuglevel,
			   wb_tap *tap, wb_buf *msg)
{
	wb_buf req = WB_BUF_INIT;
	wb_err e = wb_text_encode(tn->host.p, tn->host.n, "ascii", &req, msg,
				  NULL);
	if (e) {
		wb_buf_free(&req);
		return e;
	}
	wb_buf line = WB_BUF_INIT;
	wb_buf_adds(&line, "CONNECT ");
	wb_buf_add(&line, req.p, req.n);
	wb_buf_addc(&line, ':');
	wb_buf_adds(&line, tn->port_text.p);
	wb_buf_adds(&line, " HTTP/1.0\r\n");
	size_t line_len = line.n;
	wb_buf_add(&line, tn->headers.p, tn->headers.n);
	wb_buf_add(&line, "\r\n", 2);
	if (debuglevel > 0) {
		wb_buf d = WB_BUF_INIT;
		wb_buf_adds(&d, "send: ");
		wb_text_repr_bytes(&d, line.p, line.n);
		wb_tap_add(tap, WB_DIR_NOTE, WB_FK_DEBUG, WB_FS_WIRE, d.p, d.n);
		wb_buf_free(&d);
	}
	e = t->ops->send(t, line.p, line.n);
	if (e == WB_OK) {
		wb_tap_add(tap, WB_DIR_OUT, WB_FK_CONNECT_REQUEST, WB_FS_WIRE,
			   line.p, line_len);
		if (tn->headers.n)
			wb_tap_add(tap, WB_DIR_OUT, WB_FK_HEADER, WB_FS_WIRE,
				   tn->headers.p, tn->headers.n);
		wb_tap_add(tap, WB_DIR_OUT, WB_FK_END_HEADERS, WB_FS_WIRE,
			   "\r\n", 2);
	} else {
		wb_buf_adds(msg, t->msg.p ? t->msg.p : "send failed");
	}
	wb_buf_free(&req);
	wb_buf_free(&line);
	return e;
}

wb_err wb_tunnel_exchange(wb_tunnel *tn, wb_transport *t, int debuglevel,
			  wb_tap *tap, wb_buf *msg)
{
	wb_err e = send_connect(tn, t, debuglevel, tap, msg);
	if (e)
		return e;
	int code = 0;
	wb_buf reason = WB_BUF_INIT;
	e = wb_proxyreply_read(t, debuglevel, tap, &code, &reason, msg);
	if (e == WB_OK && code != 200) {
		wb_buf_printf(msg, "Tunnel connection failed: %d %s", code,
			      reason.p ? reason.p : "");
		e = WB_E_OS;
	} else if (e == WB_OK) {
		wb_tap_note(tap, WB_FK_INFO, "tunnel to %s:%ld open", tn->host.p,
			    tn->port);
	}
	wb_buf_free(&reason);
	return e;
}
