/* xhist.c - frame times and request origins. */
#include "xhist.h"
#include "base/alloc.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_TIMES 65536 /* frames whose times are kept (a power of two) */

typedef struct ftime {
	uint64_t id;
	double t_new, t_wire;
} ftime;

/* The origin of request lines from id on (until the next entry). */
typedef struct forigin {
	uint64_t id;
	char *origin;
} forigin;

struct wb_xhist {
	wb_tap *tap;
	ftime *times;      /* a ring indexed by id mod ntimes */
	size_t ntimes;     /* a power of two: grows with the tap's window */
	uint64_t next_check; /* the frame id at which to look at it again */
	forigin *orig;     /* one entry per change of origin, ids ascending */
	size_t norig, orig_cap;
	char *origin;      /* owned by orig[norig - 1] once stamped */
	int stamped;       /* origin is the newest entry's */
	double wall0, mono0;
	const double *clock; /* a recording's times, or NULL */
};

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A request line's origin is the one set last: an entry is added only
 * when it changed, so a run of requests to one origin costs nothing. */
static void stamp_origin(wb_xhist *h, uint64_t id)
{
	if (h->stamped)
		return;
	forigin *o = wb_grow(h->orig, &h->orig_cap, h->norig, sizeof *o);
	if (!o)
		return; /* the export then names no origin for it */
	h->orig = o;
	o[h->norig].id = id;
	o[h->norig].origin = h->origin;
	h->norig++;
	h->stamped = 1;
}

/* Times are only ever asked for frames the tap still holds (export reads
 * the tap's window), so the table is a ring just large enough for them:
 * it starts small and doubles while the tap holds more frames than it has
 * slots, up to MAX_TIMES. A short exchange costs a few hundred bytes, a
 * long run of small requests the tap's window (about 16,000 frames at the
 * default 1 MiB cap) instead of 65,536 slots. When it cannot grow, the
 * oldest frames' times read as unknown. */
static int grow(wb_xhist *h, size_t want)
{
	size_t n = h->ntimes ? h->ntimes : 64;
	while (n < want && n < MAX_TIMES)
		n *= 2;
	if (n == h->ntimes)
		return 0;
	ftime *t = wb_calloc(n, sizeof *t);
	if (!t)
		return -1;
	for (size_t i = 0; i < h->ntimes; i++) /* ids distinct mod n too */
		if (h->times[i].id)
			t[h->times[i].id & (n - 1)] = h->times[i];
	free(h->times);
	h->times = t;
	h->ntimes = n;
	return 0;
}

/* The slot of frame id (NULL while the table is empty); on a new frame
 * the ring first grows to cover every frame the tap holds. The tap holds
 * at most one frame more per new frame, so after a look at its count the
 * next look is due only when the slots to spare could have run out. */
static ftime *slot(wb_xhist *h, uint64_t id, int is_new)
{
	if (is_new && id >= h->next_check) {
		size_t held = wb_tap_count(h->tap);
		if (!h->ntimes || (h->ntimes < MAX_TIMES && held > h->ntimes))
			grow(h, held);
		h->next_check = id + 1 + (h->ntimes > held ? h->ntimes - held : 0);
	}
	return h->ntimes ? &h->times[id & (h->ntimes - 1)] : NULL;
}

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_xhist *h = arg;
	ftime *t = slot(h, f->id, ev == WB_TAP_NEW);
	if (!t)
		return;
	double now = h->clock ? *h->clock : mono();
	if (ev == WB_TAP_NEW) {
		*t = (ftime){ f->id, now, f->state == WB_FS_WIRE ? now : 0 };
		if (f->kind == WB_FK_REQUEST_LINE && f->dir == WB_DIR_OUT)
			stamp_origin(h, f->id);
	} else if (ev == WB_TAP_FLUSHED && t->id == f->id) {
		t->t_wire = now;
	}
}

wb_xhist *wb_xhist_new(wb_tap *tap)
{
	wb_xhist *h = wb_calloc(1, sizeof *h);
	if (!h)
		return NULL;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	h->wall0 = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	h->mono0 = mono();
	h->tap = tap;
	wb_tap_listen(tap, on_frame, h);
	return h;
}

void wb_xhist_free(wb_xhist *h)
{
	if (!h)
		return;
	wb_tap_unlisten(h->tap, on_frame, h);
	for (size_t i = 0; i < h->norig; i++)
		free(h->orig[i].origin);
	free(h->orig);
	if (!h->stamped)
		free(h->origin);
	free(h->times);
	free(h);
}

void wb_xhist_set_origin(wb_xhist *h, const char *origin)
{
	if (origin && h->origin ? !strcmp(origin, h->origin)
				: !origin && !h->origin)
		return; /* the same origin again (an `open` per request) */
	char *c = origin ? wb_strdup(origin) : NULL; /* NULL: none named */
	if (!h->stamped)
		free(h->origin);
	h->origin = c;
	h->stamped = 0;
}

void wb_xhist_set_clock(wb_xhist *h, const double *now)
{
	h->clock = now;
	if (now) /* a recording's times count from when it is read */
		h->mono0 = 0;
}

void wb_xhist_times(const wb_xhist *h, uint64_t id, double *t_new,
		    double *t_wire)
{
	const ftime *t = h->ntimes ? &h->times[id & (h->ntimes - 1)] : NULL;
	int kept = t && id && t->id == id;
	*t_new = kept ? t->t_new : 0;
	*t_wire = kept ? t->t_wire : 0;
}

double wb_xhist_wall(const wb_xhist *h, double t)
{
	return h->wall0 + (t - h->mono0);
}

const char *wb_xhist_origin(const wb_xhist *h, uint64_t id)
{
	for (size_t i = h->norig; i-- > 0;)
		if (h->orig[i].id <= id)
			return h->orig[i].origin;
	return NULL;
}

const wb_tap *wb_xhist_tap(const wb_xhist *h)
{
	return h->tap;
}
