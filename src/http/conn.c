/* conn.c - the HTTPConnection state machine and request framing. */
#include "conn.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostport.h"
#include "reqhead.h"
#include "base/text.h"
#include "net/closed.h"
#include "net/tls.h"
#include "tunnel.h"

/* Who owns the transport and the responses. Decided here and only by the
 * functions named, so read this before changing any of them.
 *
 * t        Owned by the connection while set; only drop_transport() and
 *          keep_response() give it up:
 *          - getresponse, will_close: keep_response() hands t to the
 *            response (wb_resp_own_transport) and the connection forgets it
 *            before closing (http.client: self.sock = None, the response's
 *            fp keeps the socket);
 *          - connect over an open keep-alive response that still reads from
 *            t: drop_transport(c, 1) hands t to that response, so its body
 *            stays readable after the connection moved on;
 *          - close, reset, free, and the connection errors of getresponse:
 *            drop_transport(c, 0) closes t, after closing a response that
 *            borrows it, so no response ever reads a freed transport.
 *          A failed TLS set-up leaves a closed transport in t (net/closed.h),
 *          as http.client keeps the detached socket: later sends say EBADF.
 * resp     The last response getresponse returned; owned by the connection
 *          until the next getresponse replaces it (keep_response), reset or
 *          free. Front ends borrow it until then.
 * pending  http.client's __response slot: NULL or an alias of resp, never
 *          freed through this field. Cleared by close and once the response
 *          is closed (forget_closed_response).
 * resp_borrows  resp reads from t without owning it (a keep-alive response);
 *          cleared whenever t is handed over or closed.
 * On MemoryError nothing moves: a command that fails before handing over
 * leaves t, resp and pending as they were (test_oom checks every allocation
 * of an exchange). */
struct wb_conn {
	wb_tap *tap;
	wb_buf host;           /* text */
	long port, default_port;
	wb_buf port_text;      /* str(int(port)): ports of any size */
	int https;
	wb_buf connect_host;   /* --connect-to, empty when unset */
	long connect_port;
	wb_connector connector;
	void *connector_arg;
	wb_io_opts io;
	size_t blocksize;
	int debuglevel;
	wb_transport *t;
	wb_state state;
	wb_buf method;         /* _method, text */
	wb_buf *lines;         /* _buffer: lines without CRLF */
	size_t nlines, caplines;
	size_t alloclines;     /* lines[0..alloclines) hold memory to reuse */
	wb_buf scratch;        /* a header line being built */
	wb_buf head;           /* the header block being sent */
	wb_buf joined;         /* parts joined for a transport without sendv */
	wb_buf host_value;     /* the Host value of a path-only URL, once
				* computed (it depends only on host, port
				* and tunnel) */
	uint64_t last_buffered;
	wb_resp *resp;         /* last response returned */
	wb_resp *pending;      /* the __response slot (NULL or resp) */
	wb_resp *spare;        /* a replaced response, closed, whose memory
				* the next one reuses (owned) */
	int resp_borrows;      /* resp reads from t without owning it */
	wb_tunnel tunnel;
	wb_tls_config *tls;    /* https: the TLS settings, NULL until set */
	wb_buf proxy_base;     /* "http://host:port" for a plain proxy */
	int chunking;          /* manual chunks allowed */
	unsigned chunks_sent;  /* manual chunks sent in this body */
	int frame_only;        /* https without TLS: previews frame bytes only */
	wb_buf msg;
};

static const char *const state_names[] = { "Idle", "Request-started",
					   "Request-sent" };

const char *wb_conn_state_name(wb_state s)
{
	return state_names[s];
}

static wb_err fail(wb_conn *c, wb_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The message is formatted whole, however long (a URL, a repr). */
static wb_err fail(wb_conn *c, wb_err e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wb_err fe = wb_buf_vreplace(&c->msg, fmt, ap);
	va_end(ap);
	return fe == WB_E_NOMEM ? fe : e;
}

/* A body file that could not be read: the reader's error, or the
 * KeyboardInterrupt that interrupted the read (a FIFO that blocks). */
static wb_err read_failed(wb_conn *c, wb_err e, const char *msg)
{
	if (c->io.cancel && *c->io.cancel && e == WB_E_OS)
		return fail(c, WB_E_CANCELLED, "cancelled");
	return fail(c, e, "%s", msg ? msg : "");
}

static void debug(wb_conn *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void debug(wb_conn *c, const char *fmt, ...)
{
	if (c->debuglevel <= 0)
		return;
	wb_buf line = WB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	wb_buf_vprintf(&line, fmt, ap);
	va_end(ap);
	wb_tap_add(c->tap, WB_DIR_NOTE, WB_FK_DEBUG, WB_FS_WIRE,
		   wb_buf_str(&line), line.n);
	wb_buf_free(&line);
}

static void debug_repr(wb_conn *c, const char *prefix, const wb_body *b)
{
	if (c->debuglevel <= 0)
		return;
	wb_buf r = WB_BUF_INIT;
	wb_buf_adds(&r, prefix);
	wb_body_repr(b, &r);
	debug(c, "%s", r.p);
	wb_buf_free(&r);
}

wb_err wb_conn_new(const char *hostport, int https, wb_tap *tap,
		   wb_conn **out, wb_buf *msg)
{
	wb_conn *c = wb_calloc(1, sizeof *c);
	if (!c)
		return WB_E_NOMEM;
	c->tap = tap;
	c->https = https;
	c->default_port = https ? 443 : 80;
	c->connector = wb_tcp_connect;
	c->io.timeout = -1;
	c->blocksize = 8192;
	wb_err e = wb_hostport_parse(hostport, c->default_port, &c->host,
				     &c->port, &c->port_text, msg);
	if (e == WB_OK)
		e = wb_hostport_validate(c->host.p ? c->host.p : "", msg);
	if (e == WB_OK)
		e = wb_buf_adds(&c->host, "");
	if (e) {
		wb_conn_free(c);
		return e;
	}
	*out = c;
	return WB_OK;
}

static void drop_transport(wb_conn *c, int hand_over)
{
	if (!c->t)
		return;
	if (hand_over && c->resp_borrows && c->resp &&
	    !wb_resp_isclosed(c->resp)) {
		wb_resp_own_transport(c->resp);
	} else {
		c->t->ops->close(c->t);
	}
	c->resp_borrows = 0;
	c->t = NULL;
	wb_tap_note(c->tap, WB_FK_CLOSE, "socket closed");
}

/* Empties the line buffer; the lines' memory is kept for the next
 * request unless a line grew large. */
static void clear_lines(wb_conn *c)
{
	for (size_t i = 0; i < c->nlines; i++) {
		if (c->lines[i].cap > 4096)
			wb_buf_free(&c->lines[i]);
		wb_buf_clear(&c->lines[i]);
	}
	c->nlines = 0;
}

void wb_conn_free(wb_conn *c)
{
	if (!c)
		return;
	wb_conn_close(c);
	wb_resp_free(c->resp);
	wb_resp_free(c->spare);
	for (size_t i = 0; i < c->alloclines; i++)
		wb_buf_free(&c->lines[i]);
	free(c->lines);
	wb_buf_free(&c->scratch);
	wb_buf_free(&c->head);
	wb_buf_free(&c->joined);
	wb_buf_free(&c->host_value);
	wb_buf_free(&c->host);
	wb_buf_free(&c->port_text);
	wb_buf_free(&c->connect_host);
	wb_buf_free(&c->method);
	wb_tunnel_clear(&c->tunnel);
	wb_tls_config_free(c->tls);
	wb_buf_free(&c->proxy_base);
	wb_buf_free(&c->msg);
	free(c);
}

const char *wb_conn_errmsg(const wb_conn *c)
{
	return c->msg.p ? c->msg.p : "";
}

wb_err wb_conn_set_connect_to(wb_conn *c, const char *host, long port)
{
	wb_buf_clear(&c->connect_host);
	c->connect_port = port;
	return wb_buf_adds(&c->connect_host, host);
}

void wb_conn_set_connector(wb_conn *c, wb_connector fn, void *arg)
{
	c->connector = fn;
	c->connector_arg = arg;
}

wb_io_opts *wb_conn_io(wb_conn *c)
{
	return &c->io;
}

void wb_conn_set_blocksize(wb_conn *c, size_t blocksize)
{
	c->blocksize = blocksize ? blocksize : 1;
}

void wb_conn_set_debuglevel(wb_conn *c, int level)
{
	c->debuglevel = level;
}

/* Sends bytes as one send() call; the frames describe its parts. */
typedef struct part {
	wb_fkind kind;
	const char *p;
	size_t n;
	int64_t chunk_size;
	unsigned chunk_no;
} part;

static wb_err open_transport(wb_conn *c)
{
	const char *host = c->connect_host.n ? c->connect_host.p : c->host.p;
	long port = c->connect_host.n ? c->connect_port : c->port;
	wb_buf_clear(&c->msg);
	if (port < 0 || port > 65535)
		return fail(c, WB_E_OVERFLOW,
			    "getsockaddrarg: port must be 0-65535.");
	wb_err e = c->connector(c->connector_arg, host, (unsigned)port, &c->io,
				&c->t, &c->msg);
	if (e) {
		c->t = NULL;
		wb_tap_note(c->tap, WB_FK_WARNING, "connect to %s:%ld failed: %s",
			    host, port, c->msg.p ? c->msg.p : "");
		return e;
	}
	wb_tap_note(c->tap, WB_FK_OPEN, "connected to %s:%ld (%s)", host, port,
		    c->t->ops->name);
	return WB_OK;
}

void wb_conn_set_tls(wb_conn *c, wb_tls_config *cfg)
{
	wb_tls_config_free(c->tls);
	c->tls = cfg;
}

const wb_tls_config *wb_conn_tls(const wb_conn *c)
{
	return c->tls;
}

wb_err wb_conn_set_proxy_base(wb_conn *c, const char *base)
{
	wb_buf_clear(&c->proxy_base);
	return base ? wb_buf_adds(&c->proxy_base, base) : WB_OK;
}

/* HTTPSConnection.connect's wrap_socket: SNI and verified name are the
 * tunnel host when tunnelling. A failure leaves a closed transport. */
static wb_err start_tls(wb_conn *c)
{
	if (!c->tls) {
		wb_tls_opts defaults = { 0 };
		wb_err e = wb_tls_config_new(&defaults, &c->tls, &c->msg);
		if (e)
			return e;
	}
	int tun = wb_tunnel_is_set(&c->tunnel);
	wb_transport *inner = c->t;
	c->t = NULL;
	/* the ssl module encodes server_hostname with the idna codec */
	wb_buf sni = WB_BUF_INIT;
	wb_err e = wb_hostport_encode_idna(tun ? c->tunnel.host.p : c->host.p,
					   &sni, &c->msg);
	if (e == WB_OK) {
		e = wb_tls_wrap(c->tls, inner, sni.p ? sni.p : "", c->tap,
				&c->t, &c->msg);
	} else {
		const wb_io_opts *io = inner->io;
		inner->ops->close(inner);
		c->t = wb_closed_new(io);
	}
	wb_buf_free(&sni);
	return e;
}

wb_err wb_conn_connect(wb_conn *c)
{
	drop_transport(c, 1);
	wb_err e = open_transport(c);
	if (e == WB_OK && wb_tunnel_is_set(&c->tunnel)) {
		e = wb_tunnel_exchange(&c->tunnel, c->t, c->debuglevel, c->tap,
				       &c->msg);
		if (e == WB_E_OS)
			wb_conn_close(c);
	}
	if (e == WB_OK && c->https && !c->frame_only)
		e = start_tls(c);
	return e;
}

void wb_conn_set_frame_only(wb_conn *c, int on)
{
	c->frame_only = on;
}

void wb_conn_close(wb_conn *c)
{
	c->state = WB_STATE_IDLE;
	if (c->pending && c->resp_borrows)
		wb_resp_close(c->pending);
	drop_transport(c, 0);
	if (c->pending)
		wb_resp_close(c->pending);
	c->pending = NULL;
	c->chunking = 0;
}

void wb_conn_reset(wb_conn *c)
{
	wb_conn_close(c);
	if (c->nlines)
		wb_tap_drop(c->tap, c->last_buffered);
	clear_lines(c);
	wb_resp_free(c->resp);
	c->resp = NULL;
}

wb_err wb_conn_set_tunnel(wb_conn *c, const char *hostport,
			  const wb_header *headers, size_t n)
{
	if (c->t)
		return fail(c, WB_E_RUNTIME,
			    "Can't set up tunnel for established connection");
	wb_buf_clear(&c->msg);
	wb_buf_clear(&c->host_value); /* the Host header names the tunnel */
	return wb_tunnel_set(&c->tunnel, hostport, c->default_port, headers, n,
			     &c->msg);
}

/* self._output(line): buffered until endheaders. */
static wb_err put_line(wb_conn *c, wb_fkind kind, const char *p, size_t n)
{
	wb_buf *lines = wb_grow(c->lines, &c->caplines, c->nlines,
				sizeof *c->lines);
	if (!lines)
		return WB_E_NOMEM;
	c->lines = lines;
	if (c->nlines == c->alloclines)
		c->lines[c->alloclines++] = (wb_buf)WB_BUF_INIT;
	wb_buf *line = &c->lines[c->nlines];
	wb_buf_clear(line);
	wb_buf_add(line, p, n);
	if (wb_buf_add(line, "\r\n", 2)) {
		wb_buf_free(line);
		return WB_E_NOMEM;
	}
	line->n -= 2; /* the CRLF is only in the frame */
	c->nlines++;
	c->last_buffered = wb_tap_add(c->tap, WB_DIR_OUT, kind,
				      WB_FS_BUFFERED, line->p, n + 2);
	return WB_OK;
}

static void forget_closed_response(wb_conn *c)
{
	if (c->pending && wb_resp_isclosed(c->pending))
		c->pending = NULL;
}

/* putheader with a value that is already bytes (the automatic headers). */
static wb_err put_bytes_header(wb_conn *c, const char *name, const char *v,
			       size_t n)
{
	wb_buf *line = &c->scratch;
	wb_err e = wb_reqhead_check_value(v, n, &c->msg);
	if (e == WB_OK) {
		wb_buf_clear(line);
		wb_buf_adds(line, name);
		wb_buf_add(line, ": ", 2);
		e = wb_buf_add(line, v, n);
	}
	if (e == WB_OK)
		e = put_line(c, WB_FK_HEADER, line->p, line->n);
	return e;
}

static wb_err put_host(wb_conn *c, const char *url)
{
	wb_buf netloc = WB_BUF_INIT, enc = WB_BUF_INIT, value = WB_BUF_INIT;
	wb_err e = wb_hostport_netloc(url, &netloc, &c->msg);
	if (e == WB_OK && netloc.n) {
		e = wb_hostport_encode(netloc.p, &enc, &c->msg);
		if (e == WB_OK)
			e = wb_hostport_host_from_netloc(enc.p, &value, &c->msg);
	} else if (e == WB_OK && !c->host_value.n) {
		int tun = wb_tunnel_is_set(&c->tunnel);
		long port = tun ? c->tunnel.port : c->port;
		wb_buf_clear(&c->host_value);
		e = wb_hostport_host_value(tun ? c->tunnel.host.p : c->host.p,
					   tun ? c->tunnel.port_text.p
					       : c->port_text.p,
					   port == c->default_port,
					   &c->host_value, &c->msg);
		if (e == WB_OK)
			e = wb_buf_err(&c->host_value);
		if (e) /* nothing half-made is kept for the next request */
			wb_buf_clear(&c->host_value);
	}
	const wb_buf *v = netloc.n ? &value : &c->host_value;
	if (e == WB_OK)
		e = put_bytes_header(c, "Host", v->p, v->n);
	wb_buf_free(&netloc);
	wb_buf_free(&enc);
	wb_buf_free(&value);
	return e;
}

wb_err wb_conn_putrequest(wb_conn *c, const char *method, const char *url,
			  int skip_host, int skip_accept_encoding)
{
	wb_buf_clear(&c->msg);
	forget_closed_response(c);
	if (c->state != WB_STATE_IDLE)
		return fail(c, WB_E_CANNOT_SEND_REQUEST, "%s",
			    state_names[c->state]);
	c->state = WB_STATE_REQ_STARTED;
	c->chunking = 0;
	wb_err e = wb_reqhead_check_method(method, &c->msg);
	if (e)
		return e;
	wb_buf_clear(&c->method);
	wb_buf_adds(&c->method, method);
	if (!*url)
		url = "/";
	wb_buf abs = WB_BUF_INIT; /* a plain proxy wants the absolute form */
	if (c->proxy_base.n && url[0] == '/') {
		if ((e = wb_buf_printf(&abs, "%s%s", c->proxy_base.p, url)))
			return e;
		url = abs.p;
	}
	wb_buf *line = &c->scratch;
	wb_buf_clear(line);
	if ((e = wb_reqhead_check_url(url, &c->msg)) == WB_OK)
		e = wb_reqhead_request_line(method, url, line, &c->msg);
	if (e == WB_OK)
		e = put_line(c, WB_FK_REQUEST_LINE, line->p, line->n);
	if (e == WB_OK && !skip_host)
		e = put_host(c, url);
	if (e == WB_OK && !skip_accept_encoding)
		e = put_bytes_header(c, "Accept-Encoding", "identity", 8);
	wb_buf_free(&abs);
	return e;
}

wb_err wb_conn_putheader(wb_conn *c, const char *name, const char **values,
			 size_t nvalues)
{
	wb_buf_clear(&c->msg);
	if (c->state != WB_STATE_REQ_STARTED)
		return fail(c, WB_E_CANNOT_SEND_HEADER, "%s", "");
	wb_buf line = WB_BUF_INIT;
	wb_err e = wb_reqhead_name(name, strlen(name), &line, &c->msg);
	if (e == WB_OK)
		e = wb_buf_add(&line, ": ", 2);
	for (size_t i = 0; e == WB_OK && i < nvalues; i++) {
		if (i)
			wb_buf_add(&line, "\r\n\t", 3);
		e = wb_reqhead_value(values[i], strlen(values[i]), &line,
				     &c->msg);
	}
	if (e == WB_OK)
		e = put_line(c, WB_FK_HEADER, line.p, line.n);
	wb_buf_free(&line);
	return e;
}

static wb_err ensure_open(wb_conn *c)
{
	if (c->t)
		return WB_OK;
	return wb_conn_connect(c);
}

/* Most parts one write takes: a batch of chunks is three per chunk. */
#define MAX_PARTS (3 * BATCH_CHUNKS + 2)
#define BATCH_CHUNKS 16

/* One write of the parts, joined by the transport (sendmsg) rather than
 * copied; then a frame for each part. */
static wb_err send_parts(wb_conn *c, const part *parts, size_t nparts)
{
	wb_iov iov[MAX_PARTS];
	size_t total = 0;
	for (size_t i = 0; i < nparts; i++) {
		iov[i] = (wb_iov){ parts[i].p, parts[i].n };
		total += parts[i].n;
	}
	wb_err e = WB_OK;
	if (total) {
		wb_buf_clear(&c->t->msg);
		e = wb_transport_sendv(c->t, iov, nparts, &c->joined);
	}
	if (e == WB_E_NOMEM)
		return fail(c, e, "out of memory");
	if (e) {
		fail(c, e, "%s", c->t->msg.p ? c->t->msg.p : "send failed");
		wb_tap_note(c->tap, WB_FK_WARNING, "send of %zu bytes failed: %s",
			    total, c->msg.p);
	} else {
		for (size_t i = 0; i < nparts; i++)
			wb_tap_add_ex(c->tap, WB_DIR_OUT, parts[i].kind,
				      WB_FS_WIRE, parts[i].p, parts[i].n,
				      parts[i].chunk_size, parts[i].chunk_no,
				      NULL);
	}
	return e;
}

/* self.send(data) for bytes: connect if needed, debug line, one write. */
static wb_err send_bytes(wb_conn *c, const part *parts, size_t nparts)
{
	wb_err e = ensure_open(c);
	if (e)
		return e;
	if (c->debuglevel > 0) {
		wb_buf all = WB_BUF_INIT, r = WB_BUF_INIT;
		for (size_t i = 0; i < nparts; i++)
			wb_buf_add(&all, parts[i].p, parts[i].n);
		wb_text_repr_bytes(&r, all.p, all.n);
		debug(c, "send: %s", r.p);
		wb_buf_free(&all);
		wb_buf_free(&r);
	}
	return send_parts(c, parts, nparts);
}

static wb_err send_chunk(wb_conn *c, const char *p, size_t n, unsigned no)
{
	char size[32];
	int len = snprintf(size, sizeof size, "%zX\r\n", n);
	part parts[3] = {
		{ WB_FK_CHUNK_SIZE, size, (size_t)len, (int64_t)n, no },
		{ WB_FK_CHUNK_DATA, p, n, -1, no },
		{ WB_FK_CHUNK_CRLF, "\r\n", 2, -1, no },
	};
	return send_bytes(c, parts, 3);
}

static wb_err send_last_chunk(wb_conn *c, const wb_buf *trailers)
{
	part parts[3] = { { WB_FK_LAST_CHUNK, "0\r\n", 3, 0, 0 } };
	size_t n = 1;
	if (trailers && trailers->n)
		parts[n++] = (part){ WB_FK_TRAILER, trailers->p, trailers->n,
				     -1, 0 };
	parts[n++] = (part){ WB_FK_END_TRAILERS, "\r\n", 2, -1, 0 };
	return send_bytes(c, parts, n);
}

static wb_err send_head(wb_conn *c)
{
	wb_buf head = c->head; /* storage kept between requests */
	wb_buf_clear(&head);
	wb_err e = WB_OK;
	for (size_t i = 0; e == WB_OK && i < c->nlines; i++) {
		e = wb_buf_add(&head, c->lines[i].p, c->lines[i].n);
		if (e == WB_OK)
			e = wb_buf_add(&head, "\r\n", 2);
	}
	if (e || wb_buf_add(&head, "\r\n", 2)) {
		wb_buf_free(&head);
		c->head = head;
		return fail(c, WB_E_NOMEM, "out of memory");
	}
	size_t had = c->nlines;
	uint64_t last = c->last_buffered;
	clear_lines(c); /* http.client empties its buffer before sending */
	e = ensure_open(c);
	if (e == WB_OK && c->debuglevel > 0) {
		wb_buf r = WB_BUF_INIT;
		wb_text_repr_bytes(&r, head.p, head.n);
		debug(c, "send: %s", r.p);
		wb_buf_free(&r);
	}
	if (e == WB_OK) {
		wb_buf_clear(&c->t->msg);
		e = c->t->ops->send(c->t, head.p, head.n);
		if (e)
			fail(c, e, "%s", c->t->msg.p ? c->t->msg.p : "");
	}
	if (e == WB_OK) {
		if (had)
			wb_tap_flush(c->tap, last);
		wb_tap_add(c->tap, WB_DIR_OUT, WB_FK_END_HEADERS, WB_FS_WIRE,
			   "\r\n", 2);
		wb_tap_count_request(c->tap);
	} else if (had) {
		wb_tap_drop(c->tap, last);
	}
	if (head.cap > 65536) /* a huge header block is not kept */
		wb_buf_free(&head);
	c->head = head;
	return e;
}

/* Chunks (or blocks) gathered for one write. */
typedef struct batch {
	part parts[MAX_PARTS];
	size_t off[MAX_PARTS]; /* file data: offset in the held blocks */
	size_t nparts, nchunks, bytes;
	char sizes[BATCH_CHUNKS][24];
} batch;

#define BATCH_BYTES (256 * 1024)

static void batch_piece(batch *bt, const char *p, size_t n, size_t off,
			int chunked, unsigned no)
{
	if (chunked) {
		char *size = bt->sizes[bt->nchunks];
		int len = snprintf(size, sizeof bt->sizes[0], "%zX\r\n", n);
		bt->parts[bt->nparts++] = (part){ WB_FK_CHUNK_SIZE, size,
						  (size_t)len, (int64_t)n, no };
	}
	bt->off[bt->nparts] = off;
	bt->parts[bt->nparts++] = (part){ chunked ? WB_FK_CHUNK_DATA
						  : WB_FK_BODY, p, n, -1,
					  chunked ? no : 0 };
	if (chunked)
		bt->parts[bt->nparts++] = (part){ WB_FK_CHUNK_CRLF, "\r\n", 2,
						  -1, no };
	bt->nchunks++;
	bt->bytes += n;
}

/* Reads pieces until the batch is full; returns the iterator's last result
 * (0 at the end of the body, -1 on a read error), or -2 when Ctrl-C came:
 * a read interrupted after some bytes returns them, and the next read of a
 * stalled file would block again. */
static int batch_fill(batch *bt, wb_body_iter *it, int is_file, int chunked,
		      unsigned *no, const volatile sig_atomic_t *cancel)
{
	const char *p;
	size_t n;
	int r = 1;
	while (bt->nchunks < BATCH_CHUNKS && bt->bytes < BATCH_BYTES &&
	       (r = wb_body_iter_next(it, &p, &n)) > 0) {
		if (cancel && *cancel)
			return -2;
		if (n == 0) /* http.client skips it (and says so when debugging) */
			continue;
		size_t off = is_file ? (size_t)(p - wb_body_iter_held(it)) : 0;
		batch_piece(bt, p, n, off, chunked, ++*no);
	}
	if (is_file) /* the held blocks may have moved while growing */
		for (size_t i = 0; i < bt->nparts; i++)
			if (bt->parts[i].kind == WB_FK_CHUNK_DATA ||
			    bt->parts[i].kind == WB_FK_BODY)
				bt->parts[i].p = wb_body_iter_held(it) +
						 bt->off[i];
	return r;
}

/* The body as http.client sends it, several chunks (or blocks) per write,
 * the last-chunk with the last of them. The bytes are the same; only the
 * write boundaries differ, which http.client does not promise. Used when
 * debug output is off, since with it on every send is a "send:" line. */
static wb_err send_body_batched(wb_conn *c, const wb_body *b, int chunked)
{
	wb_body_iter it;
	wb_body_iter_init(&it, b, c->blocksize);
	int is_file = b->kind == WB_BODY_FILE;
	wb_body_iter_keep(&it, is_file);
	batch *bt = wb_malloc(sizeof *bt);
	wb_err e = bt ? ensure_open(c) : fail(c, WB_E_NOMEM, "out of memory");
	unsigned no = 0;
	int r = 1;
	while (e == WB_OK && r > 0) {
		bt->nparts = bt->nchunks = bt->bytes = 0;
		wb_body_iter_drop(&it);
		/* on a read error the pieces before it still go out, as
		 * http.client sends each before reading the next */
		r = batch_fill(bt, &it, is_file, chunked, &no, c->io.cancel);
		if (r == 0 && chunked) {
			bt->parts[bt->nparts++] = (part){ WB_FK_LAST_CHUNK,
							  "0\r\n", 3, 0, 0 };
			bt->parts[bt->nparts++] = (part){ WB_FK_END_TRAILERS,
							  "\r\n", 2, -1, 0 };
		}
		if (bt->nparts)
			e = send_parts(c, bt->parts, bt->nparts);
	}
	if (e == WB_OK && r == -2)
		e = fail(c, WB_E_CANCELLED, "cancelled");
	else if (e == WB_OK && r < 0)
		e = read_failed(c, it.err, it.msg.p);
	wb_body_iter_done(&it);
	free(bt);
	return e;
}

static wb_err send_body(wb_conn *c, const wb_body *b, int chunked)
{
	/* a text file's blocks are re-encoded in one buffer: one at a time */
	if (c->debuglevel <= 0 && b->kind != WB_BODY_TEXT &&
	    !wb_body_is_text_file(b))
		return send_body_batched(c, b, chunked);
	if (b->kind == WB_BODY_FILE)
		debug(c, "reading a readable");
	if (wb_body_is_text_file(b))
		debug(c, "encoding file using iso-8859-1");
	wb_body_iter it;
	wb_body_iter_init(&it, b, c->blocksize);
	const char *p;
	size_t n;
	unsigned no = 0;
	wb_err e = WB_OK;
	int r;
	while (e == WB_OK && (r = wb_body_iter_next(&it, &p, &n)) > 0) {
		if (n == 0) {
			debug(c, "Zero length chunk ignored");
			continue;
		}
		if (chunked) {
			e = send_chunk(c, p, n, ++no);
		} else {
			part body = { WB_FK_BODY, p, n, -1, 0 };
			e = send_bytes(c, &body, 1);
		}
	}
	if (e == WB_OK && r < 0)
		e = read_failed(c, it.err, it.msg.p);
	wb_body_iter_done(&it);
	if (e == WB_OK && chunked)
		e = send_last_chunk(c, NULL);
	return e;
}

wb_err wb_conn_endheaders(wb_conn *c, const wb_body *body, int encode_chunked)
{
	wb_buf_clear(&c->msg);
	if (c->state != WB_STATE_REQ_STARTED)
		return fail(c, WB_E_CANNOT_SEND_HEADER, "%s", "");
	c->state = WB_STATE_REQ_SENT;
	wb_err e = send_head(c);
	if (e)
		return e;
	if (!body || body->kind == WB_BODY_NONE) {
		c->chunking = encode_chunked;
		c->chunks_sent = 0;
		return WB_OK;
	}
	return send_body(c, body, encode_chunked);
}

static wb_err send_readable(wb_conn *c, const wb_body *b)
{
	debug(c, "sending a readable");
	if (wb_body_is_text_file(b))
		debug(c, "encoding file using iso-8859-1");
	wb_body_iter it;
	wb_body_iter_init(&it, b, c->blocksize);
	const char *p;
	size_t n;
	wb_err e = WB_OK;
	int r;
	while (e == WB_OK && (r = wb_body_iter_next(&it, &p, &n)) > 0) {
		part raw = { WB_FK_RAW, p, n, -1, 0 };
		e = send_parts(c, &raw, 1);
	}
	if (e == WB_OK && r < 0)
		e = read_failed(c, it.err, it.msg.p);
	wb_body_iter_done(&it);
	return e;
}

wb_err wb_conn_send(wb_conn *c, const wb_body *b)
{
	wb_buf_clear(&c->msg);
	wb_err e = ensure_open(c);
	if (e)
		return e;
	debug_repr(c, "send: ", b);
	if (b->kind == WB_BODY_FILE)
		return send_readable(c, b);
	if (b->kind == WB_BODY_PIECES) {
		for (size_t i = 0; e == WB_OK && i < b->npieces; i++) {
			part raw = { WB_FK_RAW, b->pieces[i].p,
				     b->pieces[i].n, -1, 0 };
			e = send_parts(c, &raw, 1);
		}
		return e;
	}
	part raw = { WB_FK_RAW, b->p, b->n, -1, 0 };
	return send_parts(c, &raw, 1);
}

static int has_header(const wb_header *h, size_t n, const char *lower)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(h[i].name, lower) == 0)
			return 1;
	return 0;
}

static int method_expects_body(const char *m)
{
	return !strcasecmp(m, "PATCH") || !strcasecmp(m, "POST") ||
	       !strcasecmp(m, "PUT");
}

/* _get_content_length: returns -1 for None. */
static long long content_length(const wb_body *b, const char *method)
{
	switch (b ? b->kind : WB_BODY_NONE) {
	case WB_BODY_NONE:
		return method_expects_body(method) ? 0 : -1;
	case WB_BODY_BYTES:
		return (long long)b->n;
	case WB_BODY_TEXT:
		return (long long)wb_text_len(b->p, b->n);
	default:
		return -1;
	}
}

static wb_err put_framing(wb_conn *c, const char *method, const wb_body *b,
			  int *encode_chunked)
{
	*encode_chunked = 0;
	long long len = content_length(b, method);
	if (len >= 0) {
		char v[32];
		snprintf(v, sizeof v, "%lld", len);
		const char *vals[1] = { v };
		return wb_conn_putheader(c, "Content-Length", vals, 1);
	}
	if (!b || b->kind == WB_BODY_NONE)
		return WB_OK;
	debug_repr(c, "Unable to determine size of ", b);
	*encode_chunked = 1;
	const char *vals[1] = { "chunked" };
	return wb_conn_putheader(c, "Transfer-Encoding", vals, 1);
}

static wb_err encode_text_body(wb_conn *c, const wb_body *b, wb_buf *out)
{
	size_t bad[2];
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_text_encode(b->p, b->n, "latin-1", out, &msg, bad);
	if (e == WB_E_UNICODE_ENCODE) {
		char *colon = strstr(msg.p, ": ordinal");
		wb_buf_clear(&c->msg);
		wb_buf_add(&c->msg, msg.p, (size_t)(colon - msg.p));
		wb_buf_adds(&c->msg, ": Body (");
		wb_text_repr_range(&c->msg, b->p, b->n, bad[0], bad[1], 20);
		wb_buf_adds(&c->msg, ") is not valid Latin-1. Use "
				     "body.encode('utf-8') if you want to "
				     "send it encoded in UTF-8.");
	}
	wb_buf_free(&msg);
	return e;
}

wb_err wb_conn_request(wb_conn *c, const char *method, const char *url,
		       const wb_body *body, const wb_header *headers, size_t n,
		       int encode_chunked)
{
	wb_err e = wb_conn_putrequest(c, method, url,
				      has_header(headers, n, "host"),
				      has_header(headers, n, "accept-encoding"));
	if (e)
		return e;
	if (!has_header(headers, n, "content-length")) {
		if (!has_header(headers, n, "transfer-encoding"))
			e = put_framing(c, method, body, &encode_chunked);
	} else {
		encode_chunked = 0;
	}
	for (size_t i = 0; e == WB_OK && i < n; i++) {
		const char *vals[1] = { headers[i].value };
		e = wb_conn_putheader(c, headers[i].name, vals, 1);
	}
	if (e)
		return e;
	if (body && body->kind == WB_BODY_TEXT) {
		wb_buf bytes = WB_BUF_INIT;
		e = encode_text_body(c, body, &bytes);
		wb_body b = { .kind = WB_BODY_BYTES, .p = bytes.p, .n = bytes.n };
		if (e == WB_OK)
			e = wb_conn_endheaders(c, &b, encode_chunked);
		wb_buf_free(&bytes);
		return e;
	}
	return wb_conn_endheaders(c, body, encode_chunked);
}

/* A response that is no longer the current one: kept as the spare when
 * it is closed (freeing it would record nothing either), else freed. */
static void retire_response(wb_conn *c, wb_resp *old)
{
	if (!c->spare && wb_resp_isclosed(old)) {
		c->spare = old;
		return;
	}
	wb_resp_free(old);
}

static void keep_response(wb_conn *c, wb_resp *r)
{
	if (c->resp && c->resp != r)
		retire_response(c, c->resp);
	c->resp = r;
	c->resp_borrows = 0;
	if (wb_resp_will_close(r)) {
		wb_resp_own_transport(r);
		c->t = NULL; /* the socket now belongs to the response */
		wb_conn_close(c);
	} else {
		c->pending = r;
		c->resp_borrows = 1;
	}
}

wb_err wb_conn_getresponse(wb_conn *c, wb_resp **out)
{
	wb_buf_clear(&c->msg);
	forget_closed_response(c);
	if (c->state != WB_STATE_REQ_SENT || c->pending)
		return fail(c, WB_E_RESPONSE_NOT_READY, "%s",
			    state_names[c->state]);
	if (!c->t)
		return fail(c, WB_E_ATTRIBUTE,
			    "'NoneType' object has no attribute 'makefile'");
	wb_resp *r = NULL, *spare = c->spare;
	c->spare = NULL;
	wb_err e = wb_resp_begin_reuse(spare, c->t,
				       c->method.p ? c->method.p : "",
				       c->debuglevel, c->tap, &r, &c->msg);
	if (e) {
		if (wb_err_is_connection_error(e))
			wb_conn_close(c);
		return e;
	}
	c->state = WB_STATE_IDLE;
	c->chunking = 0;
	keep_response(c, r);
	*out = r;
	return WB_OK;
}

wb_resp *wb_conn_response(const wb_conn *c)
{
	return c->resp;
}

wb_err wb_conn_chunk(wb_conn *c, const char *p, size_t n)
{
	wb_buf_clear(&c->msg);
	if (!c->chunking || c->state != WB_STATE_REQ_SENT)
		return fail(c, WB_E_USAGE,
			    "no chunked body is open: start one with "
			    "'endheaders encode_chunked' (no body)");
	if (n == 0)
		return fail(c, WB_E_VALUE,
			    "an empty chunk would be the last-chunk; use "
			    "endchunks to end the body");
	return send_chunk(c, p, n, ++c->chunks_sent);
}

static wb_err build_trailers(wb_conn *c, const char **trailers, size_t n,
			     wb_buf *out)
{
	wb_err e = WB_OK;
	for (size_t i = 0; e == WB_OK && i < n; i++) {
		const char *colon = strchr(trailers[i], ':');
		if (!colon)
			return fail(c, WB_E_VALUE,
				    "trailer must be 'Name: value': %s",
				    trailers[i]);
		const char *v = colon + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		e = wb_reqhead_name(trailers[i], (size_t)(colon - trailers[i]),
				    out, &c->msg);
		if (e == WB_OK)
			e = wb_buf_add(out, ": ", 2);
		if (e == WB_OK)
			e = wb_reqhead_value(v, strlen(v), out, &c->msg);
		if (e == WB_OK)
			e = wb_buf_add(out, "\r\n", 2);
	}
	return e;
}

wb_err wb_conn_endchunks(wb_conn *c, const char **trailers, size_t n)
{
	wb_buf_clear(&c->msg);
	if (!c->chunking || c->state != WB_STATE_REQ_SENT)
		return fail(c, WB_E_USAGE,
			    "no chunked body is open: start one with "
			    "'endheaders encode_chunked' (no body)");
	wb_buf t = WB_BUF_INIT;
	wb_err e = build_trailers(c, trailers, n, &t);
	if (e == WB_OK)
		e = send_last_chunk(c, &t);
	if (e == WB_OK)
		c->chunking = 0;
	wb_buf_free(&t);
	return e;
}

wb_state wb_conn_state(const wb_conn *c)
{
	return c->state;
}

int wb_conn_has_socket(const wb_conn *c)
{
	return c->t != NULL;
}

int wb_conn_has_pending(const wb_conn *c)
{
	return c->pending != NULL;
}

int wb_conn_chunking(const wb_conn *c)
{
	return c->chunking;
}

size_t wb_conn_nbuffered(const wb_conn *c)
{
	return c->nlines;
}

const wb_buf *wb_conn_buffered(const wb_conn *c, size_t i)
{
	return i < c->nlines ? &c->lines[i] : NULL;
}

const char *wb_conn_host(const wb_conn *c)
{
	return c->host.p;
}

long wb_conn_port(const wb_conn *c)
{
	return c->port;
}

int wb_conn_https(const wb_conn *c)
{
	return c->https;
}

const char *wb_conn_tunnel_host(const wb_conn *c, long *port)
{
	if (!wb_tunnel_is_set(&c->tunnel))
		return NULL;
	*port = c->tunnel.port;
	return c->tunnel.host.p;
}

const char *wb_conn_proxy_base(const wb_conn *c)
{
	return c->proxy_base.n ? c->proxy_base.p : NULL;
}

const char *wb_conn_transport_name(const wb_conn *c)
{
	if (!c->t)
		return NULL;
	if (c->t->ops->describe)
		return c->t->ops->describe(c->t);
	return c->t->ops->name;
}
