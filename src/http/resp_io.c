/* resp_io.c - the rest of HTTPResponse's 3.11 API: readinto, the
 * attributes as Python repr()s, and the io.BufferedIOBase methods it
 * inherits (what they return or raise, open and after close()). */
#include <inttypes.h>
#include <string.h>

#include "base/text.h"
#include "response_int.h"

wb_err wb_resp_readinto(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
			uint64_t *nread, wb_buf *msg)
{
	/* readinto(b) makes the same reads as read(len(b)): the buffered
	 * reader fills b until it is full or the body ends, and chunked
	 * bodies report the same partial count on IncompleteRead. */
	return wb_resp_read(r, n < 0 ? 0 : n, sink, arg, nread, msg);
}

wb_err wb_resp_readinto1(wb_resp *r, int64_t n, wb_sink_fn sink, void *arg,
			 uint64_t *nread, wb_buf *msg)
{
	return wb_resp_read1(r, n < 0 ? 0 : n, sink, arg, nread, msg);
}

int wb_resp_closed(const wb_resp *r)
{
	return r->closed;
}

static wb_err repr_latin1(wb_buf *out, const char *p, size_t n)
{
	wb_buf text = WB_BUF_INIT;
	wb_err e = wb_text_from_latin1(&text, p, n);
	if (e == WB_OK)
		e = wb_text_repr(out, text.p ? text.p : "", text.n);
	wb_buf_free(&text);
	return e;
}

static wb_err message_repr(const wb_resp *r, wb_buf *out)
{
	const char *name, *value;
	size_t nn, vn;
	wb_err e = wb_buf_adds(out, "HTTPMessage([");
	for (size_t i = 0; e == WB_OK &&
			   wb_resp_header(r, i, &name, &nn, &value, &vn); i++) {
		wb_buf_adds(out, i ? ", (" : "(");
		repr_latin1(out, name, nn);
		wb_buf_adds(out, ", ");
		repr_latin1(out, value, vn);
		e = wb_buf_addc(out, ')');
	}
	return e ? e : wb_buf_adds(out, "])");
}

static int fileno_of(const wb_resp *r)
{
	return r->t && r->t->ops->fileno ? r->t->ops->fileno(r->t) : -1;
}

static wb_err no_attribute(const char *obj, const char *name, wb_buf *msg)
{
	wb_buf_printf(msg, "'%s' object has no attribute '%s'", obj, name);
	return WB_E_ATTRIBUTE;
}

static const char *py_bool(int v)
{
	return v ? "True" : "False";
}

/* chunk_left is the string 'UNKNOWN' unless the body is chunked. */
static wb_err chunk_left_repr(const wb_resp *r, wb_buf *out)
{
	int64_t left;
	int has = r->ck ? wb_chunk_left(r->ck, &left)
			: (left = r->chunk_left, r->has_chunk_left);
	if (!r->chunked)
		return wb_buf_adds(out, "'UNKNOWN'");
	if (!has)
		return wb_buf_adds(out, "None");
	return wb_buf_printf(out, "%" PRId64, left);
}

const char *const wb_resp_attr_names[] = {
	"status", "reason", "version", "code", "chunked", "chunk_left",
	"length", "will_close", "debuglevel", "closed", "fp", "msg",
	"headers", NULL
};

wb_err wb_resp_attr(const wb_resp *r, const char *name, wb_buf *out,
		    wb_buf *msg)
{
	if (!strcmp(name, "status") || !strcmp(name, "code"))
		return wb_buf_printf(out, "%d", r->status);
	if (!strcmp(name, "reason"))
		return wb_text_repr(out, wb_resp_reason(r), strlen(wb_resp_reason(r)));
	if (!strcmp(name, "version"))
		return wb_buf_printf(out, "%d", r->version);
	if (!strcmp(name, "chunked"))
		return wb_buf_adds(out, py_bool(r->chunked));
	if (!strcmp(name, "chunk_left"))
		return chunk_left_repr(r, out);
	if (!strcmp(name, "length"))
		return r->length < 0 ? wb_buf_adds(out, "None")
				     : wb_buf_printf(out, "%" PRId64, r->length);
	if (!strcmp(name, "will_close"))
		return wb_buf_adds(out, py_bool(r->will_close));
	if (!strcmp(name, "debuglevel"))
		return wb_buf_printf(out, "%d", r->debug);
	if (!strcmp(name, "closed"))
		return wb_buf_adds(out, py_bool(r->closed));
	if (!strcmp(name, "fp"))
		return r->rd ? wb_buf_printf(out, "<_io.BufferedReader name=%d>",
					     fileno_of(r))
			     : wb_buf_adds(out, "None");
	if (!strcmp(name, "msg") || !strcmp(name, "headers"))
		return message_repr(r, out);
	return no_attribute("HTTPResponse", name, msg);
}

static wb_err closed_file(const wb_resp *r, wb_buf *msg)
{
	if (!r->closed)
		return WB_OK;
	wb_buf_adds(msg, "I/O operation on closed file.");
	return WB_E_VALUE;
}

static wb_err unsupported(const char *what, wb_buf *msg)
{
	wb_buf_adds(msg, what);
	return WB_E_UNSUPPORTED;
}

/* The methods without arguments. */
static wb_err call0(wb_resp *r, const char *m, wb_buf *out, wb_buf *msg)
{
	wb_err e;
	if (!strcmp(m, "close")) {
		wb_resp_close(r);
		return wb_buf_adds(out, "None");
	}
	if (!strcmp(m, "fileno"))
		return r->rd ? wb_buf_printf(out, "%d", fileno_of(r))
			     : no_attribute("NoneType", "fileno", msg);
	if (!strcmp(m, "getcode"))
		return wb_buf_printf(out, "%d", r->status);
	if (!strcmp(m, "info"))
		return message_repr(r, out);
	if (!strcmp(m, "geturl")) /* only urllib sets url */
		return no_attribute("HTTPResponse", "url", msg);
	if (!strcmp(m, "begin")) /* the headers are there: returns at once */
		return wb_buf_adds(out, "None");
	if (!strcmp(m, "readable"))
		return wb_buf_adds(out, "True");
	if (!strcmp(m, "seekable") || !strcmp(m, "writable"))
		return wb_buf_adds(out, "False");
	if (!strcmp(m, "flush") || !strcmp(m, "isatty"))
		return (e = closed_file(r, msg)) ? e
		       : wb_buf_adds(out, m[0] == 'f' ? "None" : "False");
	if (!strcmp(m, "tell")) /* IOBase.tell() is seek(0, 1) */
		return unsupported("seek", msg);
	if (!strcmp(m, "detach") || !strcmp(m, "truncate") ||
	    !strcmp(m, "seek"))
		return unsupported(m, msg);
	return WB_E_USAGE;
}

wb_err wb_resp_call(wb_resp *r, const char *name, const char *const *args,
		    size_t nargs, wb_buf *out, wb_buf *msg)
{
	(void)args;
	if (!strcmp(name, "writelines")) { /* checks closed, then writes */
		wb_err e = closed_file(r, msg);
		if (e)
			return e;
		return nargs ? unsupported("write", msg) : wb_buf_adds(out, "None");
	}
	if (!strcmp(name, "write"))
		return nargs == 1 ? unsupported("write", msg) : WB_E_USAGE;
	if ((!strcmp(name, "seek") && nargs >= 1 && nargs <= 2) ||
	    (!strcmp(name, "truncate") && nargs <= 1))
		return unsupported(name, msg);
	if (nargs)
		return WB_E_USAGE;
	return call0(r, name, out, msg);
}
