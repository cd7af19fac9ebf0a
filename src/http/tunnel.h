/* tunnel.h - set_tunnel() and the CONNECT exchange of http.client 3.11. */
#ifndef WB_TUNNEL_H
#define WB_TUNNEL_H

#include "base/buf.h"
#include "wire/tap.h"
#include "net/transport.h"

struct wb_header;

typedef struct wb_tunnel {
	int set;
	wb_buf host;       /* text, brackets removed */
	long port;
	wb_buf port_text;  /* str(int(port)) */
	wb_buf headers;    /* "Name: value\r\n" lines, Latin-1, unvalidated */
} wb_tunnel;

/* Records the tunnel target ("host[:port]") and headers. Refuses CR or LF
 * in header names and values (http.client would send them unchecked). */
wb_err wb_tunnel_set(wb_tunnel *tn, const char *hostport, long default_port,
		     const struct wb_header *headers, size_t n, wb_buf *msg);
int wb_tunnel_is_set(const wb_tunnel *tn);
void wb_tunnel_clear(wb_tunnel *tn);
/* Sends the CONNECT request in one write and reads the proxy's answer.
 * OSError "Tunnel connection failed: 407 Proxy Authentication Required"
 * for any status but 200 (the caller then closes the connection). */
wb_err wb_tunnel_exchange(wb_tunnel *tn, wb_transport *t, int debuglevel,
			  wb_tap *tap, wb_buf *msg);

#endif
