/* serve_routes.c - the demo server's endpoints. Every endpoint accepts any
 * method; HEAD gets the same head without a body. Numbers in paths and
 * queries are decimal; out-of-range values get 400 with the limit. */
#include "serve_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define TEXT "text/plain; charset=utf-8"
#define MAX_BYTES (1ull << 40)

static const char index_text[] =
	"wirebench demo server - endpoints (any method; HEAD gets headers only)\n"
	"\n"
	"  /                        this list\n"
	"  /echo                    the exact request bytes received (request line,\n"
	"                           fields, raw body with any chunk framing);\n"
	"                           bodies over 1 MiB get 413\n"
	"  /chunked?n=3&size=10     n chunks of size bytes (a..z), chunked coding;\n"
	"                           &trailer=1 adds the trailer X-Checksum: crc32=...\n"
	"  /status/NNN              that status (100-599); 1xx come as an interim\n"
	"                           response before a final 200 (101 then closes)\n"
	"  /close                   answers, then closes the connection\n"
	"  /slow?n=5&delay=200      n small chunks, one every delay milliseconds\n"
	"  /headers/N               N extra fields X-Header-1: 1 ... (N <= 1000)\n"
	"  /bytes/N                 N bytes (a..z) with Content-Length (N <= 2^40);\n"
	"                           ?chunked=1 uses chunked coding instead\n"
	"  /malformed/KIND          a broken response, then close: status (bad\n"
	"                           code), version (not HTTP/), chunk (bad chunk\n"
	"                           size), short (body shorter than its length),\n"
	"                           empty (no response at all)\n"
	"\n"
	"Request bodies may use Content-Length or chunked coding; Expect:\n"
	"100-continue is honoured. Heads over 64 KiB get 431.\n";

/* Parses a decimal number of at most 13 digits (2^40 has 13). */
static int parse_num(const char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (!n || n > 13)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	*out = v;
	return 0;
}

/* Looks key up in the query (last occurrence wins). Returns 0 with *out set
 * (def when absent), or -1 when the value is not a number in [min, max]. */
static int query_num(wb_serve_str q, const char *key, uint64_t def,
		     uint64_t min, uint64_t max, uint64_t *out)
{
	size_t klen = strlen(key), i = 0;
	*out = def;
	while (i < q.n) {
		const char *amp = memchr(q.p + i, '&', q.n - i);
		size_t end = amp ? (size_t)(amp - q.p) : q.n;
		if (end - i > klen && q.p[i + klen] == '=' &&
		    memcmp(q.p + i, key, klen) == 0 &&
		    parse_num(q.p + i + klen + 1, end - i - klen - 1, out))
			return -1;
		i = end + 1;
	}
	return *out < min || *out > max ? -1 : 0;
}

static void bad_param(wb_serve_conn *c, const char *what)
{
	char text[256];
	snprintf(text, sizeof text, "400 Bad Request: %s\n", what);
	wb_serve_text(c, 400, text);
}

static void serve_index(wb_serve_conn *c, const wb_serve_req *r,
			wb_serve_str arg)
{
	wb_serve_text(c, 200, index_text);
}

static void serve_echo(wb_serve_conn *c, const wb_serve_req *r,
		       wb_serve_str arg)
{
	wb_serve_status(c, 200);
	wb_serve_head_sized(c, TEXT, c->body.n);
	wb_serve_data(c, c->body.p, c->body.n);
}

/* CRC-32 as zlib.crc32 computes it, so a Python client can check it. */
static uint32_t crc32_update(uint32_t crc, const char *p, size_t n)
{
	static uint32_t table[256];
	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t v = i;
			for (int k = 0; k < 8; k++)
				v = v & 1 ? 0xEDB88320u ^ (v >> 1) : v >> 1;
			table[i] = v;
		}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ (unsigned char)*p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t pattern_crc(uint64_t off, uint64_t n, uint32_t crc)
{
	size_t blk;
	const char *p = wb_serve_pattern_block(&blk);
	while (n) {
		size_t piece = n < blk ? (size_t)n : blk;
		crc = crc32_update(crc, p + off % 26, piece);
		off += piece;
		n -= piece;
	}
	return crc;
}

static void serve_chunked(wb_serve_conn *c, const wb_serve_req *r,
			  wb_serve_str arg)
{
	uint64_t n, size, trailer;
	if (query_num(r->query, "n", 3, 0, 100000, &n) ||
	    query_num(r->query, "size", 10, 1, 1 << 20, &size) ||
	    query_num(r->query, "trailer", 0, 0, 1, &trailer))
		return bad_param(c, "n is 0-100000, size 1-1048576, trailer 0 or 1");
	wb_serve_status(c, 200);
	if (trailer && r->minor >= 1)
		wb_serve_field(c, "Trailer", "X-Checksum");
	wb_serve_head_stream(c, TEXT);
	for (uint64_t i = 0; i < n && !c->failed && !c->no_body; i++) {
		wb_serve_chunk_open(c, size);
		wb_serve_pattern(c, i * size, size);
		wb_serve_chunk_close(c);
	}
	char tr[64] = "";
	if (trailer && c->chunked && !c->no_body)
		snprintf(tr, sizeof tr, "X-Checksum: crc32=%08x\r\n",
			 (unsigned)pattern_crc(0, n * size, 0));
	wb_serve_stream_end(c, tr);
}

/* Fields some statuses need to be meaningful. */
static void status_fields(wb_serve_conn *c, int code)
{
	if (code == 301 || code == 302 || code == 303 || code == 307 ||
	    code == 308)
		wb_serve_field(c, "Location", "/");
	else if (code == 401)
		wb_serve_field(c, "WWW-Authenticate", "Basic realm=\"wirebench-demo\"");
	else if (code == 405)
		wb_serve_field(c, "Allow", "GET, HEAD");
	else if (code == 407)
		wb_serve_field(c, "Proxy-Authenticate",
			       "Basic realm=\"wirebench-demo\"");
}

/* A 1xx is interim: the final response follows, except after 101, when
 * the connection would speak another protocol - so it ends there. */
static void serve_interim(wb_serve_conn *c, const wb_serve_req *r, int code)
{
	char text[64];
	if (r->minor >= 1) { /* HTTP/1.0 clients never get 1xx */
		wb_serve_interim(c, code);
		if (code == 101) {
			c->close = 1;
			return;
		}
	}
	snprintf(text, sizeof text, "final response after an interim %d\n",
		 code);
	wb_serve_text(c, 200, text);
}

static void serve_status(wb_serve_conn *c, const wb_serve_req *r,
			 wb_serve_str arg)
{
	uint64_t code;
	if (arg.n != 3 || parse_num(arg.p, arg.n, &code) || code < 100 ||
	    code > 599)
		return bad_param(c, "status must be three digits, 100-599");
	if (code < 200)
		return serve_interim(c, r, (int)code);
	wb_serve_status(c, (int)code);
	status_fields(c, (int)code);
	if (code == 204 || code == 304) { /* no content, no Content-Length */
		c->no_body = 1;
		wb_serve_head_bare(c);
		return;
	}
	char text[96] = "";
	if (code != 205) /* Reset Content has no content either */
		snprintf(text, sizeof text, "%d %s\n", (int)code,
			 wb_serve_reason((int)code));
	wb_serve_head_sized(c, TEXT, strlen(text));
	wb_serve_data(c, text, strlen(text));
}

static void serve_close(wb_serve_conn *c, const wb_serve_req *r,
			wb_serve_str arg)
{
	c->close = 1;
	wb_serve_text(c, 200, "this connection closes after this response\n");
}

static void sleep_ms(uint64_t ms)
{
	struct timespec ts = { .tv_sec = (time_t)(ms / 1000),
			       .tv_nsec = (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

static void serve_slow(wb_serve_conn *c, const wb_serve_req *r,
		       wb_serve_str arg)
{
	uint64_t n, delay;
	if (query_num(r->query, "n", 5, 0, 1000, &n) ||
	    query_num(r->query, "delay", 200, 0, 10000, &delay))
		return bad_param(c, "n is 0-1000, delay 0-10000 (milliseconds)");
	wb_serve_status(c, 200);
	wb_serve_head_stream(c, TEXT);
	wb_serve_flush(c);
	for (uint64_t i = 1; i <= n && !c->failed && !c->no_body; i++) {
		char text[64];
		int len = snprintf(text, sizeof text, "chunk %llu of %llu\n",
				   (unsigned long long)i, (unsigned long long)n);
		sleep_ms(delay);
		wb_serve_chunk_open(c, (uint64_t)len);
		wb_serve_data(c, text, (size_t)len);
		wb_serve_chunk_close(c);
		wb_serve_flush(c);
	}
	wb_serve_stream_end(c, NULL);
}

static void serve_headers(wb_serve_conn *c, const wb_serve_req *r,
			  wb_serve_str arg)
{
	uint64_t n;
	if (parse_num(arg.p, arg.n, &n) || n > 1000)
		return bad_param(c, "N must be 0-1000");
	char text[64];
	snprintf(text, sizeof text, "%llu extra header fields\n",
		 (unsigned long long)n);
	wb_serve_status(c, 200);
	for (uint64_t i = 1; i <= n; i++) {
		char name[32];
		snprintf(name, sizeof name, "X-Header-%llu", (unsigned long long)i);
		wb_serve_field(c, name, "%llu", (unsigned long long)i);
	}
	wb_serve_head_sized(c, TEXT, strlen(text));
	wb_serve_data(c, text, strlen(text));
}

static void serve_bytes(wb_serve_conn *c, const wb_serve_req *r,
			wb_serve_str arg)
{
	uint64_t n, chunked;
	if (parse_num(arg.p, arg.n, &n) || n > MAX_BYTES ||
	    query_num(r->query, "chunked", 0, 0, 1, &chunked))
		return bad_param(c, "N must be 0-1099511627776 (2^40), "
				    "chunked 0 or 1");
	const char *type = "application/octet-stream";
	wb_serve_status(c, 200);
	if (!chunked) {
		wb_serve_head_sized(c, type, n);
		wb_serve_pattern(c, 0, n);
		return;
	}
	size_t blk;
	wb_serve_pattern_block(&blk);
	wb_serve_head_stream(c, type);
	for (uint64_t off = 0; off < n && !c->failed && !c->no_body; off += blk) {
		uint64_t piece = n - off < blk ? n - off : blk;
		wb_serve_chunk_open(c, piece);
		wb_serve_pattern(c, off, piece);
		wb_serve_chunk_close(c);
	}
	wb_serve_stream_end(c, NULL);
}

/* Broken responses for teaching the client's errors; the connection closes
 * after each, as a broken peer's would. */
static const struct {
	const char *kind, *bytes;
} malformed[] = {
	{ "status", "HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n" },
	{ "version", "HTTX/1.1 200 OK\r\nContent-Length: 0\r\n\r\n" },
	{ "chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		   "5\r\nhello\r\nzz\r\nbroken\r\n0\r\n\r\n" },
	{ "short", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
		   "only ten b" },
	{ "empty", "" },
};

static void serve_malformed(wb_serve_conn *c, const wb_serve_req *r,
			    wb_serve_str arg)
{
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		const char *k = malformed[i].kind;
		if (arg.n == strlen(k) && memcmp(arg.p, k, arg.n) == 0) {
			c->close = 1;
			c->no_body = 0; /* raw bytes, whatever the method */
			wb_serve_data(c, malformed[i].bytes,
				      strlen(malformed[i].bytes));
			return;
		}
	}
	bad_param(c, "KIND is status, version, chunk, short or empty");
}

static void serve_options(wb_serve_conn *c, const wb_serve_req *r,
			  wb_serve_str arg)
{
	wb_serve_status(c, 200);
	wb_serve_field(c, "Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH");
	wb_serve_head_sized(c, TEXT, 0);
}

static void serve_missing(wb_serve_conn *c, const wb_serve_req *r,
			  wb_serve_str arg)
{
	wb_serve_text(c, 404, "404 Not Found: no such endpoint; GET / lists them\n");
}

static const wb_serve_route routes[] = {
	{ "/", 0, serve_index },
	{ "/echo", 1, serve_echo },
	{ "/chunked", 0, serve_chunked },
	{ "/status/", 0, serve_status },
	{ "/close", 0, serve_close },
	{ "/slow", 0, serve_slow },
	{ "/headers/", 0, serve_headers },
	{ "/bytes/", 0, serve_bytes },
	{ "/malformed/", 0, serve_malformed },
	{ "*", 0, serve_options },
};

static const wb_serve_route missing = { "", 0, serve_missing };

const wb_serve_route *wb_serve_route_find(wb_serve_str path,
					  wb_serve_str *arg)
{
	*arg = (wb_serve_str){ "", 0 };
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const char *rp = routes[i].path;
		size_t n = strlen(rp);
		int prefix = n > 1 && rp[n - 1] == '/';
		if (prefix ? path.n > n && memcmp(path.p, rp, n) == 0
			   : path.n == n && memcmp(path.p, rp, n) == 0) {
			if (prefix)
				*arg = (wb_serve_str){ path.p + n, path.n - n };
			return &routes[i];
		}
	}
	return &missing;
}
