/* memtransport.h - a scripted in-memory transport for unit tests and for
 * previews (lang/preview.c).
 *
 * A script holds the server side of successive connections: each connect()
 * takes the next entry, whose input is handed to the client in pieces of at
 * most `piece` bytes; everything the client sends is recorded. */
#ifndef WB_MEMTRANSPORT_H
#define WB_MEMTRANSPORT_H

#include "transport.h"

typedef struct wb_mem_script wb_mem_script;

/* Returns a new empty script, or NULL. */
wb_mem_script *wb_mem_new(void);
void wb_mem_free(wb_mem_script *s);
/* Adds a connection whose server sends `in` (n bytes) then closes. With
 * refuse set, connecting fails with ConnectionRefusedError. With hang set,
 * reading past the input times out instead of seeing EOF. */
void wb_mem_add(wb_mem_script *s, const void *in, size_t n);
void wb_mem_add_refused(wb_mem_script *s);
void wb_mem_set_hang(wb_mem_script *s, int hang);
/* Largest piece one recv returns (default 1 << 20). */
void wb_mem_set_piece(wb_mem_script *s, size_t piece);
/* Bytes the client sent on connection i (0-based), NULL if none. */
const wb_buf *wb_mem_sent(const wb_mem_script *s, size_t i);
/* Number of writes (send or sendv calls) made on connection i. */
size_t wb_mem_writes(const wb_mem_script *s, size_t i);
/* Number of connect() calls made so far. */
size_t wb_mem_connects(const wb_mem_script *s);
/* Number of connections currently open. */
size_t wb_mem_open(const wb_mem_script *s);
/* The connector to hand to wb_conn_set_connector (arg = the script). */
wb_err wb_mem_connect(void *arg, const char *host, unsigned port,
		      const wb_io_opts *io, wb_transport **out, wb_buf *msg);

#endif
