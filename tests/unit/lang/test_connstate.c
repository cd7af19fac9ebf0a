/* The one renderer of `state`, shared by the transcript, JSON and the TUI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lang/connstate.h"
#include "net/memtransport.h"

static void raw(wb_buf *out, const char *p, size_t n)
{
	wb_buf_addc(out, '[');
	wb_buf_add(out, p, n);
	wb_buf_addc(out, ']');
}

static void fields_and_lines(void **state)
{
	(void)state;
	wb_tap *tap = wb_tap_new(1 << 20);
	wb_mem_script *s = wb_mem_new();
	wb_conn *c = NULL;
	wb_buf m = WB_BUF_INIT, out = WB_BUF_INIT;
	assert_int_equal(wb_conn_new("example.com", 0, tap, &c, &m), WB_OK);
	wb_conn_set_connector(c, wb_mem_connect, s);
	assert_int_equal(wb_connstate_format(c, &out, "| ", raw), WB_OK);
	assert_string_equal(out.p, "state=Idle socket=no pending=no buffered=0 "
				   "response=none");
	assert_int_equal(wb_conn_putrequest(c, "GET", "/", 1, 1), WB_OK);
	wb_buf_clear(&out);
	assert_int_equal(wb_connstate_format(c, &out, "| ", raw), WB_OK);
	assert_string_equal(out.p, "state=Request-started socket=no pending=no "
				   "buffered=1 response=none\n| [GET / HTTP/1.1]");
	const char *ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
	wb_mem_add(s, ok, strlen(ok));
	wb_body none = { .kind = WB_BODY_NONE };
	assert_int_equal(wb_conn_endheaders(c, &none, 0), WB_OK);
	wb_resp *r = NULL;
	assert_int_equal(wb_conn_getresponse(c, &r), WB_OK);
	wb_connstate st;
	wb_connstate_get(c, &st);
	assert_string_equal(st.state, "Idle");
	assert_int_equal(st.socket, 1);
	assert_int_equal(st.response, 0);
	wb_buf_clear(&out);
	wb_connstate_format(c, &out, "| ", raw);
	assert_string_equal(out.p, "state=Idle socket=yes pending=yes buffered=0 "
				   "response=open");
	wb_conn_free(c);
	wb_mem_free(s);
	wb_tap_free(tap);
	wb_buf_free(&m);
	wb_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_and_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
