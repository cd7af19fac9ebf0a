/* iowait.c - the one place the core waits (see transport.h). */
#include "transport.h"

#include <errno.h>
#include <poll.h>
#include <time.h>

double wb_io_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cancelled(const wb_io_opts *io)
{
	return io && io->cancel && *io->cancel;
}

int wb_io_ms_left(double deadline)
{
	if (deadline < 0)
		return -1;
	double left = deadline - wb_io_now();
	return left <= 0 ? 0 : (int)(left * 1000) + 1;
}

wb_err wb_io_wait(const wb_wait *w, const wb_io_opts *io)
{
	if (cancelled(io))
		return WB_E_CANCELLED;
	if (w->deadline >= 0 && wb_io_ms_left(w->deadline) == 0)
		return WB_E_TIMEOUT;
	if (io && io->wait)
		return io->wait(io->wait_arg, w);
	for (;;) { /* one poll per wait: a signal ends it (EINTR) */
		int ms = wb_io_ms_left(w->deadline);
		if (ms == 0)
			return WB_E_TIMEOUT;
		struct pollfd p = { .fd = w->fd, .events = w->events };
		int r = poll(&p, 1, ms);
		if (r > 0)
			return WB_OK;
		if (r < 0 && errno != EINTR)
			return WB_E_OS;
		if (cancelled(io))
			return WB_E_CANCELLED;
	}
}
