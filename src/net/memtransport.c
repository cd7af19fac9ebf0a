/* memtransport.c - scripted transport for unit tests. */
#include "memtransport.h"

#include <stdlib.h>
#include <string.h>

#define MEM_MAX 64

typedef struct {
	wb_buf in;
	wb_buf out;
	size_t pos;
	size_t writes; /* send and sendv calls */
	int refuse;
	int hang; /* after the input: time out instead of EOF */
} mem_conn;

struct wb_mem_script {
	mem_conn conns[MEM_MAX];
	size_t n;
	size_t next;
	size_t open;
	size_t piece;
};

typedef struct {
	wb_transport base;
	wb_mem_script *s;
	mem_conn *c;
} mem_transport;

wb_mem_script *wb_mem_new(void)
{
	wb_mem_script *s = wb_calloc(1, sizeof *s);
	if (s)
		s->piece = 1u << 20;
	return s;
}

void wb_mem_free(wb_mem_script *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		wb_buf_free(&s->conns[i].in);
		wb_buf_free(&s->conns[i].out);
	}
	free(s);
}

void wb_mem_add(wb_mem_script *s, const void *in, size_t n)
{
	if (s->n >= MEM_MAX)
		abort();
	wb_buf_add(&s->conns[s->n++].in, in, n);
}

void wb_mem_add_refused(wb_mem_script *s)
{
	wb_mem_add(s, "", 0);
	s->conns[s->n - 1].refuse = 1;
}

void wb_mem_set_hang(wb_mem_script *s, int hang)
{
	s->conns[s->n - 1].hang = hang;
}

void wb_mem_set_piece(wb_mem_script *s, size_t piece)
{
	s->piece = piece ? piece : 1;
}

const wb_buf *wb_mem_sent(const wb_mem_script *s, size_t i)
{
	return i < s->n ? &s->conns[i].out : NULL;
}

size_t wb_mem_connects(const wb_mem_script *s)
{
	return s->next;
}

size_t wb_mem_open(const wb_mem_script *s)
{
	return s->open;
}

static wb_err mem_send(wb_transport *t, const void *p, size_t n)
{
	mem_transport *m = (mem_transport *)t;
	m->c->writes++;
	return wb_buf_add(&m->c->out, p, n);
}

static wb_err mem_sendv(wb_transport *t, const wb_iov *iov, size_t n)
{
	mem_transport *m = (mem_transport *)t;
	m->c->writes++;
	for (size_t i = 0; i < n; i++)
		if (wb_buf_add(&m->c->out, iov[i].p, iov[i].n) != WB_OK)
			return WB_E_NOMEM;
	return WB_OK;
}

size_t wb_mem_writes(const wb_mem_script *s, size_t i)
{
	return i < s->n ? s->conns[i].writes : 0;
}

static wb_err mem_recv(wb_transport *t, void *p, size_t n, size_t *got)
{
	mem_transport *m = (mem_transport *)t;
	mem_conn *c = m->c;
	size_t left = c->in.n - c->pos;
	*got = 0;
	if (left == 0 && c->hang) {
		wb_buf_adds(&t->msg, "timed out");
		return WB_E_TIMEOUT;
	}
	if (n > m->s->piece)
		n = m->s->piece;
	if (n > left)
		n = left;
	memcpy(p, c->in.p + c->pos, n);
	c->pos += n;
	*got = n;
	return WB_OK;
}

static void mem_close(wb_transport *t)
{
	mem_transport *m = (mem_transport *)t;
	m->s->open--;
	wb_buf_free(&t->msg);
	free(m);
}

static const struct wb_transport_ops mem_ops = {
	.name = "mem",
	.send = mem_send,
	.sendv = mem_sendv,
	.recv = mem_recv,
	.close = mem_close,
};

wb_err wb_mem_connect(void *arg, const char *host, unsigned port,
		      const wb_io_opts *io, wb_transport **out, wb_buf *msg)
{
	(void)host;
	(void)port;
	wb_mem_script *s = arg;
	if (s->next >= s->n || s->conns[s->next].refuse) {
		s->next++;
		wb_buf_adds(msg, "[Errno 111] Connection refused");
		return WB_E_CONN_REFUSED;
	}
	mem_transport *m = wb_calloc(1, sizeof *m);
	if (!m)
		return WB_E_NOMEM;
	m->base.ops = &mem_ops;
	m->base.io = io;
	m->s = s;
	m->c = &s->conns[s->next++];
	s->open++;
	*out = &m->base;
	return WB_OK;
}
