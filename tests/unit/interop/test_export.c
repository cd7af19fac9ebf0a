/* Exports of exchanges a scripted peer answered: what each format says
 * about requests and responses that are unusual on the wire. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lang/interp.h"
#include "net/memtransport.h"

typedef struct run {
	wb_interp *in;
	wb_mem_script *peer;
	wb_buf out, msg;
} run;

static void quiet(void *arg, wb_err e, const char *name, const char *msg)
{
	(void)arg, (void)e, (void)name, (void)msg;
}

/* Runs lines against a peer answering reply on every connection. */
static void start(run *r, const char *reply, const char *const *lines)
{
	static wb_out out = { .error = quiet };
	memset(r, 0, sizeof *r);
	r->peer = wb_mem_new();
	for (int i = 0; i < 4; i++)
		wb_mem_add(r->peer, reply, strlen(reply));
	r->in = wb_interp_new(1 << 20);
	assert_non_null(r->in);
	wb_interp_set_out(r->in, &out);
	assert_int_equal(wb_interp_exec(r->in, "open http://example.com"),
			 WB_OK);
	wb_conn_set_connector(wb_interp_conn(r->in), wb_mem_connect, r->peer);
	for (; *lines; lines++)
		if (wb_interp_exec(r->in, *lines))
			fail_msg("`%s` failed", *lines);
}

static const char *export(run *r, const char *format)
{
	wb_buf_clear(&r->out);
	wb_buf_clear(&r->msg);
	wb_err e = wb_interp_export(r->in, format, 1, &r->out, &r->msg);
	if (e)
		fail_msg("export %s: %s: %s", format, wb_err_name(e),
			 r->msg.p ? r->msg.p : "");
	return r->out.p;
}

static void stop(run *r)
{
	wb_interp_free(r->in);
	wb_mem_free(r->peer);
	wb_buf_free(&r->out);
	wb_buf_free(&r->msg);
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("lacks %s in:\n%s", want, text);
}

/* A peer's field line without a colon is kept (all name, empty value);
 * it once made export har fail with an empty MemoryError. */
static void response_line_without_colon(void **state)
{
	(void)state;
	static const char *const lines[] = { "request GET /x", "getresponse",
					     "read", NULL };
	run r;
	start(&r, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nNoColon\r\n"
		  "X-A: 1\r\n\r\nok", lines);
	const char *har = export(&r, "har");
	has(har, "\"name\": \"NoColon\",\n              \"value\": \"\"");
	has(har, "\"name\": \"X-A\",\n              \"value\": \"1\"");
	has(har, "\"text\": \"ok\"");
	stop(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(response_line_without_colon),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
