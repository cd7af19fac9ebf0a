/* proxyreply.h - reading a proxy's answer to CONNECT as http.client 3.11
 * does: the status line with the response parser's rules (no 100
 * skipping, no "reply:" debug line), then header lines read and discarded
 * up to an empty line or EOF, unlimited in number, 65536 octets each. */
#ifndef WB_PROXYREPLY_H
#define WB_PROXYREPLY_H

#include "base/buf.h"
#include "wire/tap.h"
#include "net/transport.h"

/* Reads the reply; *code and reason (text, whitespace stripped) describe
 * its status line. Errors: RemoteDisconnected, BadStatusLine, LineTooLong. */
wb_err wb_proxyreply_read(wb_transport *t, int debuglevel, wb_tap *tap,
			  int *code, wb_buf *reason, wb_buf *msg);

#endif
