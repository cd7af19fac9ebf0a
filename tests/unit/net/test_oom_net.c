/* Allocation failure in the transports, proved: each operation runs once
 * for every n with the n-th allocation of the core failing (the allocator
 * is wrapped at link time for this binary only, see the Makefile). Every
 * run must end in a result or MemoryError (WB_E_NOMEM, or a failure the
 * allocator counted for the interpreter to report), leak nothing (the
 * sanitizer build and valgrind check), leave no resolver lookup behind,
 * and the run without a failure must do the whole job. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/alloc.h"
#include "net/closed.h"
#include "net/memtransport.h"
#include "net/resolve_int.h"
#include "net/tls.h"
#include "wire/tap.h"

#include "oom_wrap.h"

/* A result under a failed allocation: MemoryError, or success with the
 * failure counted (a message or note the operation went on without). */
static void assert_nomem_or_counted(wb_err e)
{
	if (e != WB_E_NOMEM) {
		assert_int_equal(e, WB_OK);
		assert_true(wb_alloc_failures() > failures_before);
	}
}

#define MAX_N 200 /* far more allocations than any operation here makes */

/* ---- TCP connect, through the resolver thread or not -------------------- */

static int listen_any(unsigned *port)
{
	int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = { .sin_family = AF_INET };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t al = sizeof a;
	assert_true(ls >= 0);
	assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(ls, 64), 0);
	assert_int_equal(getsockname(ls, (struct sockaddr *)&a, &al), 0);
	*port = ntohs(a.sin_port);
	return ls;
}

static void drain_accepts(int ls)
{
	for (int k = 0; k < 64; k++) {
		int fd = accept(ls, NULL, NULL);
		if (fd < 0)
			return;
		close(fd);
	}
}

/* Lookups a failed connect let go of are freed by their thread. */
static void assert_no_lookup_left(void)
{
	for (int i = 0; i < 5000 && wb_lookup_live(); i++)
		usleep(1000);
	assert_int_equal(wb_lookup_live(), 0);
}

static void tcp_connect_oom(void **state)
{
	(void)state;
	unsigned port;
	int ls = listen_any(&port);
	const char *hosts[] = { "localhost", "127.0.0.1" };
	for (int h = 0; h < 2; h++) {
		unsigned long n;
		for (n = 1; n < MAX_N; n++) {
			wb_io_opts io = { .timeout = 5 };
			wb_transport *t = NULL;
			wb_buf msg = WB_BUF_INIT;
			arm(n);
			wb_err e = wb_tcp_connect(NULL, hosts[h], port, &io, &t,
						  &msg);
			int failed = disarm();
			if (failed) {
				assert_nomem_or_counted(e);
			} else {
				assert_int_equal(e, WB_OK);
				assert_string_equal(t->ops->name, "tcp");
			}
			assert_true((e == WB_OK) == (t != NULL));
			if (t)
				t->ops->close(t);
			wb_buf_free(&msg);
			drain_accepts(ls);
			assert_no_lookup_left();
			if (!failed)
				break;
		}
		assert_true(n > 1 && n < MAX_N); /* it allocated, and finished */
	}
	close(ls);
}

/* ---- TLS: the configuration, and a handshake the peer answers in plain
 * text ------------------------------------------------------------------- */

static void tls_config_oom(void **state)
{
	(void)state;
	wb_tls_opts o = { .keylog = "/dev/null" };
	unsigned long n;
	for (n = 1; n < MAX_N; n++) {
		wb_tls_config *cfg = NULL;
		wb_buf msg = WB_BUF_INIT;
		arm(n);
		wb_err e = wb_tls_config_new(&o, &cfg, &msg);
		int failed = disarm();
		if (failed)
			assert_nomem_or_counted(e);
		else
			assert_int_equal(e, WB_OK);
		assert_true((e == WB_OK) == (cfg != NULL));
		wb_tls_config_free(cfg);
		wb_buf_free(&msg);
		if (!failed)
			break;
	}
	assert_true(n > 1 && n < MAX_N);
}

#define PLAIN "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"

static void tls_handshake_oom(void **state)
{
	(void)state;
	wb_tls_opts o = { 0 };
	wb_tls_config *cfg = NULL;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_tls_config_new(&o, &cfg, &msg), WB_OK);
	unsigned long n;
	for (n = 1; n < MAX_N; n++) {
		wb_io_opts io = { .timeout = 5 };
		wb_mem_script *s = wb_mem_new();
		wb_tap *tap = wb_tap_new(1 << 20);
		wb_transport *inner = NULL, *out = NULL;
		assert_non_null(s);
		assert_non_null(tap);
		wb_mem_add(s, PLAIN, sizeof PLAIN - 1);
		assert_int_equal(wb_mem_connect(s, "localhost", 443, &io, &inner,
						&msg),
				 WB_OK);
		wb_buf_clear(&msg);
		arm(n);
		wb_err e = wb_tls_wrap(cfg, inner, "localhost", tap, &out, &msg);
		int failed = disarm();
		if (e != WB_E_NOMEM || !failed) {
			/* the peer's answer, in Python's words */
			assert_int_equal(e, WB_E_SSL);
			assert_string_equal(msg.p, "[SSL: WRONG_VERSION_NUMBER] "
						   "wrong version number");
		}
		if (!failed) /* the closed socket http.client keeps */
			assert_string_equal(out->ops->name, "closed");
		if (out)
			out->ops->close(out);
		assert_int_equal(wb_mem_open(s), 0); /* inner closed */
		wb_tap_free(tap);
		wb_mem_free(s);
		wb_buf_clear(&msg);
		if (!failed)
			break;
	}
	assert_true(n > 1 && n < MAX_N);
	wb_tls_config_free(cfg);
	wb_buf_free(&msg);
}

/* ---- a gathered write joined in scratch (a transport without sendv) ---- */

static void sendv_join_oom(void **state)
{
	(void)state;
	static char big[(1 << 20) + 10];
	wb_iov iov[2] = { { "head ", 5 }, { big, sizeof big } };
	unsigned long n;
	for (n = 1; n < MAX_N; n++) {
		wb_transport *t = wb_closed_new(NULL);
		wb_buf scratch = WB_BUF_INIT;
		assert_non_null(t);
		arm(n);
		wb_err e = wb_transport_sendv(t, iov, 2, &scratch);
		int failed = disarm();
		if (failed && e != WB_E_NOMEM) {
			/* the socket's error, its message the failure */
			assert_int_equal(e, WB_E_OS);
			assert_true(wb_alloc_failures() > failures_before);
		} else if (!failed) { /* the joined bytes reached the socket */
			assert_int_equal(e, WB_E_OS);
			assert_string_equal(t->msg.p, "[Errno 9] Bad file "
						      "descriptor");
			/* a scratch buffer over 1 MiB is not kept */
			assert_int_equal(scratch.cap, 0);
		}
		wb_buf_free(&scratch);
		t->ops->close(t);
		if (!failed)
			break;
	}
	assert_true(n > 1 && n < MAX_N);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tcp_connect_oom),
		cmocka_unit_test(tls_config_oom),
		cmocka_unit_test(tls_handshake_oom),
		cmocka_unit_test(sendv_join_oom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
