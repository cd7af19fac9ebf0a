/* resolve.c - getaddrinfo on a thread, its end signalled through an
 * eventfd the caller polls. */
#include "resolve_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <resolv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "base/alloc.h"

struct wb_lookup {
	pthread_mutex_t mu;
	int owners; /* the caller and the thread; the last one frees */
	int fd;     /* eventfd, readable once done */
	int rc;
	char *host, *service;
	struct addrinfo hints;
	struct addrinfo *res;
	struct sockaddr_in ns; /* test-only name server, when ns.sin_port */
};

static wb_lookup_fn lookup_fn;
static int live;

void wb_lookup_set_fn(wb_lookup_fn fn)
{
	lookup_fn = fn;
}

int wb_lookup_live(void)
{
	return __atomic_load_n(&live, __ATOMIC_SEQ_CST);
}

static void lookup_free(wb_lookup *l)
{
	if (l->res)
		freeaddrinfo(l->res);
	if (l->fd >= 0)
		close(l->fd);
	pthread_mutex_destroy(&l->mu);
	free(l->host);
	free(l->service);
	free(l);
	__atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
}

/* Drops one owner; frees l when it was the last. */
static void let_go(wb_lookup *l)
{
	pthread_mutex_lock(&l->mu);
	int last = --l->owners == 0;
	pthread_mutex_unlock(&l->mu);
	if (last)
		lookup_free(l);
}

/* Test-only (see transport.h): this thread's resolver asks one server.
 * glibc keeps a resolver state per thread and leaves one the program
 * changed alone. */
static void use_nameserver(const struct sockaddr_in *ns)
{
	res_init();
	_res.nscount = 1;
	_res.nsaddr_list[0] = *ns;
}

static void *lookup_main(void *arg)
{
	wb_lookup *l = arg;
	struct addrinfo *res = NULL;
	if (l->ns.sin_port)
		use_nameserver(&l->ns);
	wb_lookup_fn fn = lookup_fn ? lookup_fn : getaddrinfo;
	int rc = fn(l->host, l->service, &l->hints, &res);
	pthread_mutex_lock(&l->mu);
	l->rc = rc;
	l->res = res;
	/* under the lock: a caller that lets go meanwhile closes the fd */
	if (l->owners > 1) {
		uint64_t one = 1;
		ssize_t w = write(l->fd, &one, sizeof one);
		(void)w; /* a fresh eventfd cannot overflow */
	}
	pthread_mutex_unlock(&l->mu);
	let_go(l);
	return NULL;
}

/* WIREBENCH_TEST_NAMESERVER=IPv4:PORT, read once per lookup. */
static void test_nameserver(struct sockaddr_in *ns)
{
	const char *v = getenv("WIREBENCH_TEST_NAMESERVER");
	char ip[INET_ADDRSTRLEN];
	unsigned port;
	if (!v || sscanf(v, "%15[0-9.]:%u", ip, &port) != 2 || !port ||
	    port > 65535 || inet_pton(AF_INET, ip, &ns->sin_addr) != 1)
		return;
	ns->sin_family = AF_INET;
	ns->sin_port = htons((uint16_t)port);
}

/* Starts the thread with every signal blocked: signals go to the caller's
 * thread, whose waits they interrupt. */
static int spawn(wb_lookup *l)
{
	pthread_attr_t attr;
	pthread_t th;
	sigset_t all, old;
	int err = pthread_attr_init(&attr);
	if (err)
		return err;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&th, &attr, lookup_main, l);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	return err;
}

wb_err wb_lookup_start(const char *host, const char *service,
		       const struct addrinfo *hints, wb_lookup **out,
		       wb_buf *msg)
{
	wb_lookup *l = wb_calloc(1, sizeof *l);
	if (!l)
		return WB_E_NOMEM;
	__atomic_add_fetch(&live, 1, __ATOMIC_SEQ_CST);
	l->fd = -1;
	l->owners = 1;
	pthread_mutex_init(&l->mu, NULL);
	l->hints = *hints;
	l->host = wb_strdup(host);
	l->service = wb_strdup(service);
	if (!l->host || !l->service) {
		lookup_free(l);
		return WB_E_NOMEM;
	}
	test_nameserver(&l->ns);
	l->fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	int err = l->fd < 0 ? errno : 0;
	if (!err) {
		l->owners = 2;
		err = spawn(l);
		if (err)
			l->owners = 1;
	}
	if (err) {
		wb_buf_printf(msg, "[Errno %d] %s", err, strerror(err));
		lookup_free(l);
		return WB_E_OS;
	}
	*out = l;
	return WB_OK;
}

int wb_lookup_fd(const wb_lookup *l)
{
	return l->fd;
}

int wb_lookup_take(wb_lookup *l, struct addrinfo **res)
{
	pthread_mutex_lock(&l->mu);
	int rc = l->rc;
	*res = l->res;
	l->res = NULL;
	pthread_mutex_unlock(&l->mu);
	let_go(l);
	return rc;
}

void wb_lookup_cancel(wb_lookup *l)
{
	let_go(l);
}

wb_err wb_resolve(const char *host, unsigned port, const wb_io_opts *io,
		  struct addrinfo **res, wb_buf *msg)
{
	char service[16];
	snprintf(service, sizeof service, "%u", port);
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_family = AF_UNSPEC };
	/* an address needs no lookup: no thread for it */
	struct addrinfo numeric = hints;
	numeric.ai_flags = AI_NUMERICHOST;
	*res = NULL;
	if (getaddrinfo(host, service, &numeric, res) == 0)
		return WB_OK;
	wb_lookup *l;
	wb_err e = wb_lookup_start(host, service, &hints, &l, msg);
	if (e)
		return e;
	wb_wait w = { .fd = wb_lookup_fd(l), .events = POLLIN,
		      .deadline = -1 };
	e = wb_io_wait(&w, io);
	if (e) {
		wb_lookup_cancel(l);
		wb_buf_adds(msg, e == WB_E_CANCELLED ? "cancelled" : "wait failed");
		return e;
	}
	int rc = wb_lookup_take(l, res);
	if (rc == 0)
		return WB_OK;
	wb_buf_printf(msg, "[Errno %d] %s", rc, gai_strerror(rc));
	return WB_E_GAI;
}
