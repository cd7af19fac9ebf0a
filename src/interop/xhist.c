/* xhist.c - frame times, request origins and command lines. */
#include "xhist.h"
#include "base/alloc.h"

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
	ftime *times;      /* indexed by id; a ring once it holds MAX_TIMES */
	size_t ntimes;     /* grows with the ids seen, up to MAX_TIMES */
	forigin *orig;     /* one entry per change of origin, ids ascending */
	size_t norig, orig_cap;
	char *origin;      /* owned by orig[norig - 1] once stamped */
	int stamped;       /* origin is the newest entry's */
	wb_buf script;     /* command lines, each ended by a NUL */
	size_t nscript;    /* lines in script */
	wb_lines lines;    /* copies of the first lines.n of them */
	size_t lines_off;  /* where the first line not in lines starts */
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

/* The slot of frame id, or NULL. The table starts empty and doubles as ids
 * pass its end, so a short exchange costs a few hundred bytes instead of
 * the whole ring (a fresh interpreter per fuzz input, a batch of three
 * requests). When it cannot grow, the frame's times are not kept. */
static size_t index_of(const wb_xhist *h, uint64_t id)
{
	if (h->ntimes == MAX_TIMES)
		return (size_t)(id % MAX_TIMES);
	return id < h->ntimes ? (size_t)id : (size_t)-1;
}

static ftime *slot(wb_xhist *h, uint64_t id, int grow)
{
	size_t i = index_of(h, id);
	if (i != (size_t)-1)
		return &h->times[i];
	if (!grow)
		return NULL;
	size_t n = h->ntimes ? h->ntimes : 64;
	while (n <= id && n < MAX_TIMES)
		n *= 2;
	ftime *t = wb_realloc(h->times, n * sizeof *t);
	if (!t)
		return NULL;
	memset(t + h->ntimes, 0, (n - h->ntimes) * sizeof *t);
	h->times = t;
	h->ntimes = n;
	return slot(h, id, 0);
}

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_xhist *h = arg;
	ftime *t = h->ntimes == MAX_TIMES /* the usual case, made short */
			   ? &h->times[f->id & (MAX_TIMES - 1)]
			   : slot(h, f->id, ev == WB_TAP_NEW);
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
	wb_buf_free(&h->script);
	wb_lines_free(&h->lines);
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

/* Lines are appended to one buffer: a copy per command line in its own
 * allocation cost more than running most commands. */
void wb_xhist_command(wb_xhist *h, unsigned n, const char *line)
{
	(void)n;
	if (wb_buf_add(&h->script, line, strlen(line) + 1) == WB_OK)
		h->nscript++; /* on failure the export lacks it */
}

void wb_xhist_times(const wb_xhist *h, uint64_t id, double *t_new,
		    double *t_wire)
{
	size_t i = index_of(h, id);
	const ftime *t = i != (size_t)-1 ? &h->times[i] : NULL;
	int kept = t && t->id == id;
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

const wb_lines *wb_xhist_lines(wb_xhist *h)
{
	while (h->lines.n < h->nscript) {
		const char *line = h->script.p + h->lines_off;
		if (wb_lines_add(&h->lines, line))
			break; /* the list stops short */
		h->lines_off += strlen(line) + 1;
	}
	return &h->lines;
}

const wb_tap *wb_xhist_tap(const wb_xhist *h)
{
	return h->tap;
}
