/* tap.c - bounded frame store and listener fan-out. */
#include "tap.h"
#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define MAX_LISTENERS 8
#define BLOCK_SIZE (64 * 1024)

/* Frames live in blocks; the oldest block is evicted whole, so storing a
 * frame costs no malloc and eviction is one free per 64 KiB. */
typedef struct block {
	struct block *next;
	size_t used, cap, nframes;
	max_align_t mem[];
} block;

typedef struct {
	wb_tap_listener fn;
	void *arg;
	int full; /* wants whole frames, not the retained prefix */
} listener;

struct wb_tap {
	wb_frame **ring;  /* circular array of retained frames */
	size_t ring_cap;
	size_t head;      /* index of the oldest */
	size_t count;
	block *first, *last;
	size_t bytes;     /* memory held by blocks */
	size_t cap;
	size_t frame_cap;
	uint64_t next_id;
	uint64_t oldest_buffered; /* id of the oldest buffered frame, or 0 */
	unsigned cmd;
	listener ls[MAX_LISTENERS];
	int nls;          /* ls[nls..] are unused: notify stops there */
	wb_tap_stats st;
};

static const char *const kind_names[] = {
#define WB_FK_NAME(sym, name) name,
	WB_FRAME_KINDS(WB_FK_NAME)
#undef WB_FK_NAME
};

const char *wb_fkind_name(wb_fkind k)
{
	return (unsigned)k < WB_FK__COUNT ? kind_names[k] : "?";
}

wb_tap *wb_tap_new(size_t cap)
{
	wb_tap *t = wb_calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->cap = cap > 2 * BLOCK_SIZE ? cap : 2 * BLOCK_SIZE;
	t->frame_cap = t->cap / 2;
	t->next_id = 1;
	return t;
}

void wb_tap_free(wb_tap *t)
{
	if (!t)
		return;
	while (t->first) {
		block *b = t->first;
		t->first = b->next;
		free(b);
	}
	free(t->ring);
	free(t);
}

void wb_tap_set_frame_cap(wb_tap *t, size_t cap)
{
	t->frame_cap = cap;
}

/* An empty entry below nls calls this instead of being checked on every
 * frame: the fan-out is one call per entry, no test. */
static void removed(void *arg, wb_tap_event ev, const wb_frame *f)
{
	(void)arg;
	(void)ev;
	(void)f;
}

static void listen_as(wb_tap *t, wb_tap_listener fn, void *arg, int full)
{
	for (int i = 0; i < MAX_LISTENERS; i++) {
		if (i >= t->nls || t->ls[i].fn == removed) {
			t->ls[i] = (listener){ fn, arg, full };
			if (i >= t->nls)
				t->nls = i + 1;
			return;
		}
	}
}

void wb_tap_listen(wb_tap *t, wb_tap_listener fn, void *arg)
{
	listen_as(t, fn, arg, 0);
}

void wb_tap_listen_full(wb_tap *t, wb_tap_listener fn, void *arg)
{
	listen_as(t, fn, arg, 1);
}

/* Safe during a notify: the entry is emptied, not moved; empty entries at
 * the end no longer count. */
void wb_tap_unlisten(wb_tap *t, wb_tap_listener fn, void *arg)
{
	for (int i = 0; i < t->nls; i++)
		if (t->ls[i].fn == fn && t->ls[i].arg == arg)
			t->ls[i] = (listener){ removed, NULL, 0 };
	while (t->nls && t->ls[t->nls - 1].fn == removed)
		t->nls--;
}

void wb_tap_set_cmd(wb_tap *t, unsigned cmd)
{
	t->cmd = cmd;
}

static void evict_block(wb_tap *t)
{
	block *b = t->first;
	for (size_t i = 0; i < b->nframes; i++) {
		wb_frame *f = t->ring[t->head];
		t->st.evicted_frames++;
		t->st.evicted_bytes += f->len;
		t->head = (t->head + 1) % t->ring_cap;
		t->count--;
	}
	t->first = b->next;
	t->bytes -= sizeof *b + b->cap;
	free(b);
}

static int ring_grow(wb_tap *t)
{
	size_t ncap = t->ring_cap ? t->ring_cap * 2 : 256;
	wb_frame **r = wb_malloc(ncap * sizeof *r);
	if (!r)
		return -1;
	for (size_t i = 0; i < t->count; i++)
		r[i] = t->ring[(t->head + i) % t->ring_cap];
	free(t->ring);
	t->ring = r;
	t->ring_cap = ncap;
	t->head = 0;
	return 0;
}

/* Room for a frame of size bytes in the newest block, evicting the oldest
 * blocks to stay under the cap. NULL when memory runs out. */
static void *frame_alloc(wb_tap *t, size_t size)
{
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (t->count == t->ring_cap && ring_grow(t) < 0)
		return NULL;
	block *b = t->last;
	if (!b || b->used + size > b->cap) {
		size_t cap = size > BLOCK_SIZE ? size : BLOCK_SIZE;
		/* the oldest blocks go before the new one is allocated: the
		 * window ends the same, and memory never holds both */
		while (t->first && t->bytes + sizeof *b + cap > t->cap)
			evict_block(t);
		if (!t->first)
			t->last = NULL;
		b = wb_malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		*b = (block){ .cap = cap };
		if (t->last)
			t->last->next = b;
		else
			t->first = b;
		t->last = b;
		t->bytes += sizeof *b + cap;
	}
	void *p = (char *)b->mem + b->used;
	b->used += size;
	b->nframes++;
	return p;
}

/* whole: the frame with all its bytes, for full listeners (may be f). */
static void notify(wb_tap *t, wb_tap_event ev, const wb_frame *f,
		   const wb_frame *whole)
{
	for (int i = 0; i < t->nls; i++)
		t->ls[i].fn(t->ls[i].arg, ev, t->ls[i].full ? whole : f);
}

static void count_wire(wb_tap *t, const wb_frame *f)
{
	if (f->dir == WB_DIR_OUT)
		t->st.bytes_out += f->len;
	else if (f->dir == WB_DIR_IN)
		t->st.bytes_in += f->len;
}

/* Inlined in both entry points: a frame is one call deep, not three. */
static inline __attribute__((always_inline)) uint64_t
add_frame(wb_tap *t, wb_dir dir, wb_fkind kind, wb_fstate st, const void *p,
	  size_t n, int64_t chunk_size, unsigned chunk_no, const char *note)
{
	size_t keep = n < t->frame_cap ? n : t->frame_cap;
	size_t nlen = note ? strlen(note) + 1 : 0;
	wb_frame *f = frame_alloc(t, sizeof *f + keep + 1 + nlen);
	if (!f)
		return 0;
	char *data = (char *)(f + 1);
	if (keep)
		memcpy(data, p, keep);
	data[keep] = '\0';
	*f = (wb_frame){ .id = t->next_id++, .dir = dir, .kind = kind,
			 .state = st, .cmd = t->cmd, .len = n,
			 .stored = keep, .chunk_size = chunk_size,
			 .chunk_no = chunk_no, .data = data };
	if (note) {
		char *nt = data + keep + 1;
		memcpy(nt, note, nlen);
		f->note = nt;
	}
	t->st.frames++;
	if (st == WB_FS_BUFFERED && !t->oldest_buffered)
		t->oldest_buffered = f->id;
	if (kind == WB_FK_OPEN)
		t->st.connects++;
	if (st == WB_FS_WIRE)
		count_wire(t, f);
	t->ring[(t->head + t->count) % t->ring_cap] = f;
	t->count++;
	if (keep == n) { /* kept whole: every listener gets the frame */
		notify(t, WB_TAP_NEW, f, f);
		return f->id;
	}
	wb_frame whole = *f;
	whole.data = p;
	whole.stored = n;
	notify(t, WB_TAP_NEW, f, &whole);
	return f->id;
}

/* Notes are display text that may quote peer bytes (a reason phrase, a
 * certificate name): they are stored terminal-safe, so no consumer can
 * show them raw. */
uint64_t wb_tap_add_ex(wb_tap *t, wb_dir dir, wb_fkind kind, wb_fstate st,
		       const void *p, size_t n, int64_t chunk_size,
		       unsigned chunk_no, const char *note)
{
	wb_buf safe = WB_BUF_INIT;
	if (note && !wb_text_is_safe(note, strlen(note), 0)) {
		if (wb_text_safe(&safe, note, strlen(note), 0) != WB_OK) {
			wb_buf_free(&safe);
			return 0;
		}
		note = safe.p;
	}
	uint64_t id = add_frame(t, dir, kind, st, p, n, chunk_size, chunk_no,
				note);
	if (safe.p)
		wb_buf_free(&safe);
	return id;
}

uint64_t wb_tap_add(wb_tap *t, wb_dir dir, wb_fkind kind, wb_fstate st,
		    const void *p, size_t n)
{
	return add_frame(t, dir, kind, st, p, n, -1, 0, NULL);
}

/* Notes are formatted whole: a long certificate subject or host name is
 * never cut. */
uint64_t wb_tap_note(wb_tap *t, wb_fkind kind, const char *fmt, ...)
{
	wb_buf text = WB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	wb_buf_vprintf(&text, fmt, ap);
	va_end(ap);
	uint64_t id = wb_tap_add_ex(t, WB_DIR_NOTE, kind, WB_FS_WIRE, NULL, 0,
				    -1, 0, wb_buf_str(&text));
	wb_buf_free(&text);
	return id;
}

/* Moves buffered frames with id <= last to state st. Only the frames from
 * the oldest buffered one on are visited: flushing stays O(request), not
 * O(window). */
static void settle(wb_tap *t, uint64_t last, wb_fstate st, wb_tap_event ev)
{
	if (!t->oldest_buffered || !t->count)
		return;
	uint64_t first = wb_tap_get(t, 0)->id;
	size_t i = t->oldest_buffered > first
			   ? (size_t)(t->oldest_buffered - first) : 0;
	t->oldest_buffered = 0;
	for (; i < t->count; i++) {
		wb_frame *f = t->ring[(t->head + i) % t->ring_cap];
		if (f->state != WB_FS_BUFFERED)
			continue;
		if (f->id > last) {
			if (!t->oldest_buffered)
				t->oldest_buffered = f->id;
			continue;
		}
		f->state = st;
		if (st == WB_FS_WIRE)
			count_wire(t, f);
		notify(t, ev, f, f);
	}
}

void wb_tap_flush(wb_tap *t, uint64_t last)
{
	settle(t, last, WB_FS_WIRE, WB_TAP_FLUSHED);
}

void wb_tap_count_request(wb_tap *t)
{
	t->st.requests++;
}

size_t wb_tap_count(const wb_tap *t)
{
	return t->count;
}

const wb_frame *wb_tap_get(const wb_tap *t, size_t i)
{
	if (i >= t->count)
		return NULL;
	return t->ring[(t->head + i) % t->ring_cap];
}

const wb_frame *wb_tap_find(const wb_tap *t, uint64_t id)
{
	if (!t->count)
		return NULL;
	const wb_frame *first = wb_tap_get(t, 0);
	if (id < first->id)
		return NULL;
	/* ids are consecutive in the window */
	return wb_tap_get(t, (size_t)(id - first->id));
}

const wb_tap_stats *wb_tap_stats_get(const wb_tap *t)
{
	return &t->st;
}

void wb_tap_drop(wb_tap *t, uint64_t last)
{
	settle(t, last, WB_FS_DROPPED, WB_TAP_DROPPED);
}

void wb_tap_count_in(wb_tap *t, uint64_t n)
{
	t->st.bytes_in += n;
}
