/* test_request_hdrs.c - `request ... -H` headers: a usual line keeps them
 * on the stack, a long one allocates; both put the same bytes on the wire,
 * in order, a repeated name keeping its first place and its last value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lang/interp.h"
#include "net/memtransport.h"

static void headers_on_the_wire(void **state)
{
	(void)state;
	wb_mem_script *s = wb_mem_new();
	assert_non_null(s);
	for (unsigned k = 0; k <= 12; k++) /* a connection per request */
		wb_mem_add(s, "", 0);
	wb_interp *in = wb_interp_new(1 << 16);
	assert_non_null(in);
	assert_int_equal(wb_interp_exec(in, "open http://example.com"), WB_OK);
	wb_conn_set_connector(wb_interp_conn(in), wb_mem_connect, s);
	for (unsigned k = 0; k <= 12; k++) { /* 3 + 2k words */
		char line[512], want[1024];
		int n = snprintf(line, sizeof line, "request GET /k%u", k);
		int m = snprintf(want, sizeof want,
				 "GET /k%u HTTP/1.1\r\nHost: example.com\r\n"
				 "Accept-Encoding: identity\r\n", k);
		for (unsigned i = 0; i < k; i++) {
			/* the third repeats the first: last value, first place */
			unsigned name = i == 2 ? 0 : i;
			n += snprintf(line + n, sizeof line - (size_t)n,
				      " -H \"X-H%u: v%u\"", name, i);
			if (i != 2)
				m += snprintf(want + m, sizeof want - (size_t)m,
					      "X-H%u: v%u\r\n", i,
					      i == 0 && k > 2 ? 2 : i);
		}
		m += snprintf(want + m, sizeof want - (size_t)m, "\r\n");
		assert_int_equal(wb_interp_exec(in, line), WB_OK);
		const wb_buf *sent = wb_mem_sent(s, k);
		assert_non_null(sent);
		assert_int_equal(sent->n, (size_t)m);
		assert_memory_equal(sent->p, want, (size_t)m);
		assert_int_equal(wb_interp_exec(in, "close"), WB_OK);
	}
	wb_interp_free(in);
	wb_mem_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(headers_on_the_wire),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
