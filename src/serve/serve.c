/* serve.c - the demo server's parent process: listens, forks one child per
 * connection, reaps children as they end, and on SIGINT or SIGTERM stops
 * them all. A process per connection keeps each connection's code plain
 * blocking I/O (a /slow or a 1 GiB /bytes never stalls another client) and
 * its memory bounded by what one connection may use. */
#include "serve.h"
#include "serve_int.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_KIDS 512       /* concurrent connections; more get 503
			    * (WIREBENCH_MAX_CONNECTIONS may lower it) */
#define ACCEPT_BURST 64    /* accepts per wake, so signals are seen */
#define STOP_WAIT_MS 2000  /* grace before stragglers get SIGKILL */
#define RECLAIM_WAIT_MS 200 /* how long a new connection waits for a slot */
#define RECLAIM_EVERY_MS 1000 /* at most one such wait per second */

static volatile sig_atomic_t stop_sig, child_ended;

typedef struct {
	pid_t kids[MAX_KIDS];
	int nkids;
	int max_kids;
	pid_t parent;
	long reclaimed_at; /* when idle children were last asked to close */
	sigset_t old_mask;
	struct sigaction old_int, old_term, old_chld;
} server;

static void on_stop(int sig)
{
	stop_sig = sig;
}

static void on_child(int sig)
{
	child_ended = 1;
}

/* Signals stay blocked except inside ppoll, so none is lost between a
 * check of the flags and the wait. */
static void signals_take(server *s)
{
	struct sigaction sa = { .sa_handler = on_stop };
	sigset_t block;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &s->old_int);
	sigaction(SIGTERM, &sa, &s->old_term);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, &s->old_chld);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGUSR1); /* children inherit it blocked */
	sigprocmask(SIG_BLOCK, &block, &s->old_mask);
	stop_sig = child_ended = 0;
}

static void signals_restore(server *s)
{
	sigaction(SIGINT, &s->old_int, NULL);
	sigaction(SIGTERM, &s->old_term, NULL);
	sigaction(SIGCHLD, &s->old_chld, NULL);
	sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
}

static void reap(server *s)
{
	child_ended = 0;
	for (int i = 0; i < s->nkids;) {
		if (waitpid(s->kids[i], NULL, WNOHANG) == s->kids[i])
			s->kids[i] = s->kids[--s->nkids];
		else
			i++;
	}
}

#ifdef WB_COVERAGE
void __gcov_dump(void);
/* Coverage builds: a child ends in _exit or by SIGTERM, and neither writes
 * the gcov counts, so write them first. */
static void child_exit(void)
{
	__gcov_dump();
	_exit(0);
}

static void on_child_term(int sig)
{
	(void)sig;
	child_exit();
}
#define CHILD_TERM on_child_term
#else
static void child_exit(void)
{
	_exit(0);
}
#define CHILD_TERM SIG_DFL
#endif

/* In the child: default signals, and death when the parent dies. SIGUSR1
 * stays blocked: the connection lets it in only while idle (serve_conn.c). */
static void child_setup(server *s)
{
	sigset_t only_usr1;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, CHILD_TERM);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&only_usr1);
	sigaddset(&only_usr1, SIGUSR1);
	sigprocmask(SIG_SETMASK, &only_usr1, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != s->parent)
		child_exit();
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* At capacity, connections idle between requests are asked to close
 * (SIGUSR1); the new one waits a moment for a slot before it gets 503.
 * Slow heads cannot hold a slot: they get 408 at their deadline. */
static void make_room(server *s)
{
	struct timespec tick = { 0, 5 * 1000000L };
	long t = now_ms();
	reap(s);
	if (s->nkids < s->max_kids || t - s->reclaimed_at < RECLAIM_EVERY_MS)
		return; /* a flood of connections must not stall accepting */
	s->reclaimed_at = t;
	for (int i = 0; i < s->nkids; i++)
		kill(s->kids[i], SIGUSR1);
	for (int ms = 0; s->nkids >= s->max_kids && ms < RECLAIM_WAIT_MS; ms += 5) {
		nanosleep(&tick, NULL);
		reap(s);
	}
}

static void spawn(server *s, int lfd, int fd)
{
	if (s->nkids >= s->max_kids)
		make_room(s);
	pid_t pid = s->nkids < s->max_kids ? fork() : -1;
	if (pid == 0) {
		close(lfd);
		child_setup(s);
		wb_serve_conn_run(fd);
		child_exit(); /* not exit: the parent's atexit handlers are not ours */
	}
	if (pid < 0) {
		wb_serve_net_busy(fd);
		return;
	}
	close(fd);
	s->kids[s->nkids++] = pid;
}

static void accept_some(server *s, int lfd)
{
	for (int i = 0; i < ACCEPT_BURST; i++) {
		int fd = wb_serve_net_accept(lfd);
		if (fd >= 0) {
			spawn(s, lfd, fd);
			continue;
		}
		int e = errno;
		if (e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM) {
			/* The listener stays readable: pause instead of spinning. */
			struct timespec pause = { 0, 50 * 1000000L };
			nanosleep(&pause, NULL);
		}
		if (e != ECONNABORTED && e != EINTR)
			return;
	}
}

static void stop_kids(server *s)
{
	struct timespec tick = { 0, 10 * 1000000L };
	for (int i = 0; i < s->nkids; i++)
		kill(s->kids[i], SIGTERM);
	for (int ms = 0; s->nkids && ms < STOP_WAIT_MS; ms += 10) {
		reap(s);
		if (s->nkids)
			nanosleep(&tick, NULL);
	}
	for (int i = 0; i < s->nkids; i++) {
		kill(s->kids[i], SIGKILL);
		waitpid(s->kids[i], NULL, 0);
	}
	s->nkids = 0;
}

static void serve_loop(server *s, int lfd)
{
	sigset_t open_mask = s->old_mask;
	sigdelset(&open_mask, SIGINT);
	sigdelset(&open_mask, SIGTERM);
	sigdelset(&open_mask, SIGCHLD);
	while (!stop_sig) {
		struct pollfd pf = { .fd = lfd, .events = POLLIN };
		int r = ppoll(&pf, 1, NULL, &open_mask);
		if (child_ended)
			reap(s);
		if (r > 0 && !stop_sig)
			accept_some(s, lfd);
	}
}

/* Limits tests lower to see them at work quickly. */
static void configure(server *s)
{
	const char *ht = getenv("WIREBENCH_HEAD_TIMEOUT");
	const char *mc = getenv("WIREBENCH_MAX_CONNECTIONS");
	double secs = ht ? strtod(ht, NULL) : 0;
	long max = mc ? strtol(mc, NULL, 10) : 0;
	if (secs > 0 && secs < 3600)
		wb_serve_conn_set_head_ms((long)(secs * 1000));
	s->max_kids = max > 0 && max < MAX_KIDS ? (int)max : MAX_KIDS;
}

int wb_serve_run(uint16_t port, FILE *out, FILE *err)
{
	server srv = { 0 };
	server *s = &srv;
	unsigned bound = 0;
	int lfd = wb_serve_net_listen(port, &bound);
	if (lfd < 0) {
		fprintf(err, "wirebench: cannot listen on 127.0.0.1:%u: %s\n",
			(unsigned)port, strerror(errno));
		return 1;
	}
	s->parent = getpid();
	configure(s);
	signals_take(s);
	fprintf(out, "wirebench demo server listening on http://127.0.0.1:%u/\n",
		bound);
	fflush(out);
	serve_loop(s, lfd);
	close(lfd);
	stop_kids(s);
	signals_restore(s);
	return 0;
}
