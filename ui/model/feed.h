/* feed.h - a display tap fed with copies of frames from elsewhere (a
 * recorded session stepped offline, or the interpreter of a replay), so
 * the wire model shows them exactly as it shows live ones. It keeps the
 * map from the source's frame ids to its own. Plain C. */
#ifndef UI_FEED_H
#define UI_FEED_H

#include <stddef.h>
#include <stdint.h>
#include "wire/tap.h"

typedef struct ui_feed ui_feed;

/* Returns a feed whose tap keeps at most cap bytes, or NULL. */
ui_feed *ui_feed_new(size_t cap);
void ui_feed_free(ui_feed *fd);
/* The tap the copies go to (owned by the feed). */
wb_tap *ui_feed_tap(ui_feed *fd);
/* Repeats event ev of frame f (f->id in the source's numbering) on the
 * tap: a new frame is copied (f->stored bytes), a flush or a drop settles
 * the copy, as the connection settles buffered frames. */
void ui_feed_event(ui_feed *fd, wb_tap_event ev, const wb_frame *f);
/* The tap's id of source frame src, or 0 when it was never fed. */
uint64_t ui_feed_id(const ui_feed *fd, uint64_t src);

#endif
