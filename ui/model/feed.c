/* feed.c - copies of frames on a tap of their own. */
#include "feed.h"

#include <stdlib.h>

#include "base/buf.h"

typedef struct idpair {
	uint64_t src, own;
} idpair;

struct ui_feed {
	wb_tap *tap;
	idpair *ids; /* in source order: sources number frames increasingly */
	size_t n, cap;
};

ui_feed *ui_feed_new(size_t cap)
{
	ui_feed *fd = calloc(1, sizeof *fd);
	if (!fd)
		return NULL;
	fd->tap = wb_tap_new(cap);
	if (!fd->tap) {
		free(fd);
		return NULL;
	}
	return fd;
}

void ui_feed_free(ui_feed *fd)
{
	if (!fd)
		return;
	wb_tap_free(fd->tap);
	free(fd->ids);
	free(fd);
}

wb_tap *ui_feed_tap(ui_feed *fd)
{
	return fd->tap;
}

uint64_t ui_feed_id(const ui_feed *fd, uint64_t src)
{
	size_t lo = 0, hi = fd->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (fd->ids[mid].src < src)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < fd->n && fd->ids[lo].src == src ? fd->ids[lo].own : 0;
}

static void remember(ui_feed *fd, uint64_t src, uint64_t own)
{
	if (fd->n && fd->ids[fd->n - 1].src >= src)
		return; /* out of order: not a source this map can serve */
	idpair *v = wb_grow(fd->ids, &fd->cap, fd->n, sizeof *v);
	if (!v)
		return; /* the frame shows; only its later flush is lost */
	fd->ids = v;
	v[fd->n++] = (idpair){ src, own };
}

void ui_feed_event(ui_feed *fd, wb_tap_event ev, const wb_frame *f)
{
	if (ev == WB_TAP_NEW) {
		uint64_t id = wb_tap_add_ex(fd->tap, f->dir, f->kind, f->state,
					    f->data, f->stored, f->chunk_size,
					    f->chunk_no, f->note);
		if (id)
			remember(fd, f->id, id);
		return;
	}
	uint64_t own = ui_feed_id(fd, f->id);
	if (!own)
		return;
	/* the tap settles every buffered frame up to an id; the source sends
	 * one event per frame in id order, so this settles exactly one */
	if (ev == WB_TAP_FLUSHED)
		wb_tap_flush(fd->tap, own);
	else
		wb_tap_drop(fd->tap, own);
}
