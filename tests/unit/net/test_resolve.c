/* The resolver thread: results, and every way a caller lets go of a lookup
 * (cancelled while running, done but never taken, cancelled by a signal or
 * by the front end's waiter). Run under ASan+UBSan, LeakSanitizer reports a
 * result a cancelled lookup failed to free, ASan a thread touching a lookup
 * its caller freed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "net/resolve_int.h"

static int gate[2] = { -1, -1 };
static int entered;

/* Blocks until the test writes a byte to the gate, then answers with a
 * real (allocated) result, so a discarded one that is not freed leaks. */
static int gated_lookup(const char *host, const char *service,
			const struct addrinfo *hints, struct addrinfo **res)
{
	(void)host;
	__atomic_add_fetch(&entered, 1, __ATOMIC_SEQ_CST);
	char c;
	if (read(gate[0], &c, 1) != 1)
		return EAI_SYSTEM;
	if (c == 'n')
		return EAI_NONAME;
	struct addrinfo h = *hints;
	h.ai_flags = AI_NUMERICHOST;
	return getaddrinfo("127.0.0.1", service, &h, res);
}

static int setup(void **state)
{
	(void)state;
	entered = 0;
	if (pipe(gate))
		return -1;
	wb_lookup_set_fn(gated_lookup);
	return 0;
}

/* Lets every thread still at the gate go, and waits (bounded) until no
 * lookup is left: each was freed by whichever owner let go last. */
static int teardown(void **state)
{
	(void)state;
	close(gate[1]); /* a thread still reading sees EOF */
	for (int i = 0; i < 5000 && wb_lookup_live(); i++)
		usleep(1000);
	close(gate[0]);
	wb_lookup_set_fn(NULL);
	return wb_lookup_live() == 0 ? 0 : -1;
}

static void let_go(char c)
{
	assert_int_equal(write(gate[1], &c, 1), 1);
}

/* Bounded: until n threads have entered the lookup function. */
static void wait_entered(int n)
{
	for (int i = 0; i < 5000 && __atomic_load_n(&entered, __ATOMIC_SEQ_CST) < n; i++)
		usleep(1000);
	assert_int_equal(__atomic_load_n(&entered, __ATOMIC_SEQ_CST), n);
}

static void wait_live(int n)
{
	for (int i = 0; i < 5000 && wb_lookup_live() != n; i++)
		usleep(1000);
	assert_int_equal(wb_lookup_live(), n);
}

static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, ms) == 1;
}

static const struct addrinfo stream = { .ai_socktype = SOCK_STREAM };

static void start(wb_lookup **l)
{
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_lookup_start("name.test", "80", &stream, l, &msg),
			 WB_OK);
	wb_buf_free(&msg);
}

static void done_is_readable_and_taken(void **state)
{
	(void)state;
	wb_lookup *l;
	start(&l);
	wait_entered(1);
	assert_false(readable(wb_lookup_fd(l), 0));
	let_go('y');
	assert_true(readable(wb_lookup_fd(l), 5000));
	struct addrinfo *res = NULL;
	assert_int_equal(wb_lookup_take(l, &res), 0);
	assert_non_null(res);
	assert_int_equal(res->ai_family, AF_INET);
	freeaddrinfo(res);
	wait_live(0);
}

static void cancelled_while_running_is_freed_by_its_thread(void **state)
{
	(void)state;
	wb_lookup *l;
	start(&l);
	wait_entered(1);
	wb_lookup_cancel(l); /* the caller is gone; the thread still runs */
	assert_int_equal(wb_lookup_live(), 1);
	let_go('y'); /* its result has no taker: the thread frees it */
	wait_live(0);
}

static void done_but_never_taken_is_freed_on_cancel(void **state)
{
	(void)state;
	wb_lookup *l;
	start(&l);
	let_go('y');
	assert_true(readable(wb_lookup_fd(l), 5000));
	wait_live(1);
	wb_lookup_cancel(l);
	wait_live(0);
}

static void many_cancelled_lookups(void **state)
{
	(void)state;
	enum { N = 16 };
	for (int i = 0; i < N; i++) {
		wb_lookup *l;
		start(&l);
		wb_lookup_cancel(l);
	}
	wait_entered(N);
	for (int i = 0; i < N; i++)
		let_go('y');
	wait_live(0);
}

/* The front end's waiter is handed the lookup's descriptor; its cancel
 * ends wb_resolve at once, the thread still running. */
static int waited_fd = -2;
static short waited_events;
static double waited_deadline;
static volatile sig_atomic_t waiter_cancel;

static wb_err cancelling_waiter(void *arg, const wb_wait *w)
{
	(void)arg;
	waiter_cancel = 1;
	waited_fd = w->fd;
	waited_events = w->events;
	waited_deadline = w->deadline;
	return WB_E_CANCELLED;
}

static void waiter_cancels_resolve(void **state)
{
	(void)state;
	waiter_cancel = 0;
	wb_io_opts io = { .timeout = 1, .cancel = &waiter_cancel,
			  .wait = cancelling_waiter };
	struct addrinfo *res = NULL;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_resolve("name.test", 80, &io, &res, &msg),
			 WB_E_CANCELLED);
	assert_string_equal(msg.p, "cancelled");
	assert_null(res);
	assert_true(waited_fd >= 0);
	assert_int_equal(waited_events, POLLIN);
	assert_true(waited_deadline < 0); /* Python's timeout is not the lookup's */
	wait_entered(1);
	let_go('y');
	wait_live(0);
	wb_buf_free(&msg);
}

/* Without a waiter (batch mode, the REPL) the wait blocks in poll; a
 * signal that sets the cancel flag ends it. */
static volatile sig_atomic_t alarm_cancel;

static void on_alarm(int sig)
{
	(void)sig;
	alarm_cancel = 1;
}

static void signal_cancels_blocking_resolve(void **state)
{
	(void)state;
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	alarm_cancel = 0;
	/* repeated: one that lands before poll is followed by another */
	struct itimerval it = { .it_value = { 0, 50000 },
				.it_interval = { 0, 50000 } }, off = { 0 };
	setitimer(ITIMER_REAL, &it, NULL);
	wb_io_opts io = { .timeout = -1, .cancel = &alarm_cancel };
	struct addrinfo *res = NULL;
	wb_buf msg = WB_BUF_INIT;
	double t0 = wb_io_now();
	wb_err e = wb_resolve("name.test", 80, &io, &res, &msg);
	setitimer(ITIMER_REAL, &off, NULL);
	assert_int_equal(e, WB_E_CANCELLED);
	assert_true(wb_io_now() - t0 < 4.0);
	sigaction(SIGALRM, &old, NULL);
	let_go('y');
	wait_live(0);
	wb_buf_free(&msg);
}

static void lookup_error_is_pythons(void **state)
{
	(void)state;
	wb_io_opts io = { .timeout = -1 };
	struct addrinfo *res = NULL;
	wb_buf msg = WB_BUF_INIT;
	let_go('n');
	assert_int_equal(wb_resolve("name.test", 80, &io, &res, &msg),
			 WB_E_GAI);
	assert_string_equal(msg.p, "[Errno -2] Name or service not known");
	assert_null(res);
	wait_live(0);
	wb_buf_free(&msg);
}

static void address_needs_no_thread(void **state)
{
	(void)state;
	struct addrinfo *res = NULL;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_resolve("127.0.0.1", 8080, NULL, &res, &msg), WB_OK);
	assert_non_null(res);
	assert_int_equal(entered, 0);
	assert_int_equal(wb_lookup_live(), 0);
	freeaddrinfo(res);
	wb_buf_free(&msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(done_is_readable_and_taken, setup, teardown),
		cmocka_unit_test_setup_teardown(cancelled_while_running_is_freed_by_its_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(done_but_never_taken_is_freed_on_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(many_cancelled_lookups, setup, teardown),
		cmocka_unit_test_setup_teardown(waiter_cancels_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(signal_cancels_blocking_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(lookup_error_is_pythons, setup, teardown),
		cmocka_unit_test_setup_teardown(address_needs_no_thread, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
