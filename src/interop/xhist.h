/* xhist.h - what export needs beyond the tap's frames: when each frame
 * was recorded and went on the wire (HAR timings), the origin each
 * request was sent to.
 *
 * It listens to the tap; the interpreter tells it the origin at each
 * `open`. Memory is bounded: times are kept for the
 * frames the tap still holds (at most the newest 65,536; older ones read
 * as unknown). */
#ifndef WB_XHIST_H
#define WB_XHIST_H

#include "wire/tap.h"

typedef struct wb_xhist wb_xhist;

/* Returns a history listening to tap, or NULL. */
wb_xhist *wb_xhist_new(wb_tap *tap);
void wb_xhist_free(wb_xhist *h);
/* The origin ("http://host:port") later requests go to. */
void wb_xhist_set_origin(wb_xhist *h, const char *origin);
/* Times frames by *now (seconds, never 0) instead of the monotonic clock
 * while now is not NULL: a recording replayed into the tap keeps its own
 * times. */
void wb_xhist_set_clock(wb_xhist *h, const double *now);

/* Times of frame id in seconds (monotonic) when it was recorded and when
 * it went on the wire; 0 when unknown. */
void wb_xhist_times(const wb_xhist *h, uint64_t id, double *t_new,
		    double *t_wire);
/* The wall-clock time (seconds since the epoch) matching monotonic t. */
double wb_xhist_wall(const wb_xhist *h, double t);
/* The origin in effect when request line frame id was recorded (the one
 * set last before it), or NULL. */
const char *wb_xhist_origin(const wb_xhist *h, uint64_t id);
const wb_tap *wb_xhist_tap(const wb_xhist *h);

#endif
