/* jsonout.c - JSON Lines output built with jansson. */
#include "jsonout.h"
#include "connstate.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/text.h"

struct wb_jsonout {
	FILE *f;
	json_t *cur;     /* the object of the running command */
	json_t *frames;
	json_t *debug;
	json_malloc_t old_malloc; /* jansson's allocator before this output */
	json_free_t old_free;
};

/* Appends code point c as standard UTF-8 (U+0000 as a real NUL, which
 * jansson accepts with a length). */
static void put_cp(wb_buf *u, uint32_t c)
{
	if (c == 0)
		wb_buf_addc(u, '\0');
	else
		wb_text_put(u, c);
}

/* Bytes as a JSON string of Latin-1 code points. */
static json_t *bytes_json(const char *p, size_t n)
{
	wb_buf u = WB_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		put_cp(&u, (unsigned char)p[i]);
	json_t *s = json_stringn(wb_buf_str(&u), u.n);
	wb_buf_free(&u);
	return s;
}

/* Text that may hold invalid UTF-8, as a JSON string (invalid bytes
 * become the code points of the same value, as everywhere else). */
static json_t *text_jsonn(const char *s, size_t n)
{
	wb_buf u = WB_BUF_INIT;
	for (size_t i = 0; i < n;)
		put_cp(&u, wb_text_next(s, n, &i));
	json_t *j = json_stringn(wb_buf_str(&u), u.n);
	wb_buf_free(&u);
	return j;
}

static json_t *text_json(const char *s)
{
	if (!s) /* a text that could not be allocated */
		s = "";
	return text_jsonn(s, strlen(s));
}

static const char *dir_name(wb_dir d)
{
	return d == WB_DIR_OUT ? "out" : d == WB_DIR_IN ? "in" : "note";
}

static const char *state_name(wb_fstate s)
{
	return s == WB_FS_BUFFERED ? "buffered"
	       : s == WB_FS_WIRE   ? "wire"
				   : "dropped";
}

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_jsonout *j = arg;
	if (!j->cur)
		return;
	if (f->kind == WB_FK_DEBUG) {
		json_array_append_new(j->debug,
				      text_jsonn(f->data, f->stored));
		return;
	}
	static const char *const events[] = { "new", "flushed", "dropped" };
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:o,s:b}", "id",
			      (json_int_t)f->id, "dir", dir_name(f->dir), "kind",
			      wb_fkind_name(f->kind), "state",
			      state_name(f->state), "event", events[ev], "len",
			      (json_int_t)f->len, "data",
			      bytes_json(f->data, f->stored), "truncated",
			      f->stored < f->len);
	if (f->kind == WB_FK_CHUNK_SIZE || f->kind == WB_FK_LAST_CHUNK)
		json_object_set_new(o, "chunk_size",
				    json_integer(f->chunk_size));
	if (f->chunk_no)
		json_object_set_new(o, "chunk_no", json_integer(f->chunk_no));
	if (f->note)
		json_object_set_new(o, "note", json_string(f->note));
	json_array_append_new(j->frames, o);
}

static void on_begin(void *arg, unsigned n, const char *line)
{
	wb_jsonout *j = arg;
	json_decref(j->cur);
	j->frames = json_array();
	j->debug = json_array();
	j->cur = json_pack("{s:i,s:o,s:b,s:n,s:o,s:o,s:n}", "n", (int)n,
			   "line", text_json(line), "ok", 1, "error",
			   "debug", j->debug, "frames", j->frames, "result");
}

static json_t *headers_json(wb_resp *r)
{
	json_t *a = json_array();
	const char *name, *value;
	size_t nn, vn;
	for (size_t i = 0; wb_resp_header(r, i, &name, &nn, &value, &vn); i++)
		json_array_append_new(a, json_pack("[o,o]", bytes_json(name, nn),
						   bytes_json(value, vn)));
	return a;
}

static json_t *response_json(wb_resp *r)
{
	int64_t len = wb_resp_length(r);
	return json_pack("{s:i,s:o,s:i,s:o,s:b,s:b,s:o}", "status",
			 wb_resp_status(r), "reason", text_json(wb_resp_reason(r)),
			 "version", wb_resp_version(r), "headers",
			 headers_json(r), "will_close", wb_resp_will_close(r),
			 "chunked", wb_resp_chunked(r), "length",
			 len >= 0 ? json_integer(len) : json_null());
}

static json_t *state_json(const wb_conn *c)
{
	json_t *buf = json_array();
	for (size_t i = 0; i < wb_conn_nbuffered(c); i++) {
		const wb_buf *l = wb_conn_buffered(c, i);
		json_array_append_new(buf, bytes_json(l->p, l->n));
	}
	wb_connstate s;
	wb_connstate_get(c, &s);
	return json_pack("{s:s,s:b,s:b,s:o,s:o}", "state", s.state, "socket",
			 s.socket, "pending", s.pending, "buffer", buf,
			 "response_closed",
			 s.response < 0 ? json_null() : json_boolean(s.response));
}

static void on_result(void *arg, const wb_result *r)
{
	wb_jsonout *j = arg;
	json_t *res = NULL;
	switch (r->kind) {
	case WB_RES_RESPONSE:
		res = response_json(r->resp);
		break;
	case WB_RES_DATA:
		res = json_pack("{s:I,s:o,s:b}", "bytes", (json_int_t)r->bytes,
				"data", bytes_json(r->data, r->stored),
				"truncated", r->stored < r->bytes);
		break;
	case WB_RES_STATE:
		res = state_json(r->conn);
		break;
	case WB_RES_TEXT:
	case WB_RES_HELP:
		res = json_pack("{s:o}", "text", text_json(r->text));
		break;
	case WB_RES_REPR:
		res = json_pack("{s:o}", "repr", text_json(r->text));
		break;
	case WB_RES_NONE:
		return;
	}
	json_object_set_new(j->cur, "result", res);
}

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	wb_jsonout *j = arg;
	(void)e;
	json_object_set_new(j->cur, "ok", json_false());
	json_object_set_new(j->cur, "error",
			    json_pack("{s:s,s:o}", "name", name, "message",
				      text_json(msg)));
}

/* jansson escapes C0 and, with ENSURE_ASCII, all of U+0080 and up, but
 * writes DEL raw: DEL only occurs inside strings, where \u007f is equal. */
static int dump_chunk(const char *p, size_t n, void *arg)
{
	FILE *f = arg;
	for (size_t i = 0; i < n;) {
		size_t run = i;
		while (run < n && p[run] != 0x7f)
			run++;
		if (fwrite(p + i, 1, run - i, f) != run - i)
			return -1;
		if (run < n && fputs("\\u007f", f) < 0)
			return -1;
		i = run + 1;
	}
	return 0;
}

/* The error `expect error` announced: reported, and the command is ok. */
static void on_expected(void *arg, const char *name, const char *msg)
{
	wb_jsonout *j = arg;
	json_object_set_new(j->cur, "expected_error",
			    json_pack("{s:s,s:o}", "name", name, "message",
				      text_json(msg)));
}

/* A command's object that could not be built or written whole is counted
 * as a failed allocation here, after the command's own check (the
 * interpreter calls this once the command is done), so the front end ends
 * with "out of memory: the output is incomplete" instead of leaving a
 * line out of the JSON Lines without a word. */
static void on_end(void *arg, wb_err e)
{
	wb_jsonout *j = arg;
	(void)e;
	if (!j->cur || json_dump_callback(j->cur, dump_chunk, j->f,
					  JSON_COMPACT | JSON_ENSURE_ASCII)) {
		if (!ferror(j->f))
			wb_alloc_failed();
	}
	fputc('\n', j->f);
	fflush(j->f); /* a killed run keeps every finished object */
	json_decref(j->cur);
	j->cur = NULL;
}

/* While the output lives, jansson allocates through the core's allocator,
 * so a failure inside a command is that command's MemoryError. */
wb_jsonout *wb_jsonout_new(FILE *f)
{
	wb_jsonout *j = wb_calloc(1, sizeof *j);
	if (!j)
		return NULL;
	j->f = f;
	json_get_alloc_funcs(&j->old_malloc, &j->old_free);
	json_set_alloc_funcs(wb_malloc, free);
	return j;
}

void wb_jsonout_free(wb_jsonout *j)
{
	if (!j)
		return;
	json_decref(j->cur);
	json_set_alloc_funcs(j->old_malloc, j->old_free);
	free(j);
}

void wb_jsonout_attach(wb_jsonout *j, wb_interp *in)
{
	wb_out out = { .begin = on_begin, .result = on_result,
		       .error = on_error, .end = on_end,
		       .expected = on_expected, .arg = j };
	wb_interp_set_out(in, &out);
	wb_tap_listen_full(wb_interp_tap(in), on_frame, j);
}
