/* bar_model.c - the bottom bar's text and the exchange timings. */
#include "bar_model.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void ui_timing_init(ui_timing *t)
{
	*t = (ui_timing){ .connect = -1, .ttfb = -1, .transfer = -1 };
}

void ui_timing_open(ui_timing *t, uint64_t out, uint64_t in)
{
	ui_timing_init(t);
	t->base_out = out;
	t->base_in = in;
}

void ui_timing_begin(ui_timing *t, double now)
{
	t->t_cmd = now;
	t->transfer_done = t->transfer > 0 ? t->transfer : 0;
}

/* The first bytes of a new request: the previous response's timings no
 * longer describe what is on screen. */
static void new_exchange(ui_timing *t, const wb_frame *f)
{
	t->ttfb = t->transfer = -1;
	t->transfer_done = 0;
	if (!t->fresh)
		t->connect = -1; /* a reused connection: nothing to time */
	if (f->kind != WB_FK_CONNECT_REQUEST)
		t->fresh = 0;    /* the tunnel's request keeps the connect */
}

static int is_connect_note(const wb_frame *f)
{
	return f->kind == WB_FK_OPEN && f->note &&
	       strncmp(f->note, "connected", 9) == 0;
}

void ui_timing_frame(ui_timing *t, wb_tap_event ev, const wb_frame *f,
		     double now)
{
	if (ev == WB_TAP_DROPPED)
		return;
	if (is_connect_note(f)) {
		t->connect = now - t->t_cmd;
		t->fresh = 1;
	}
	if (f->dir == WB_DIR_OUT && f->state == WB_FS_WIRE) {
		if (!t->awaiting)
			new_exchange(t, f);
		t->t_out = now;
		t->awaiting = 1;
	} else if (f->dir == WB_DIR_IN) {
		if (t->awaiting) {
			/* from the send, or from the command that waited for the
			 * reply when the user typed it later */
			t->ttfb = now - (t->t_out > t->t_cmd ? t->t_out : t->t_cmd);
			t->t_first_in = now;
			t->transfer_done = 0;
			t->awaiting = 0;
		}
		/* this command's share, from its start or the first byte */
		double from = t->t_first_in > t->t_cmd ? t->t_first_in : t->t_cmd;
		t->transfer = t->transfer_done + (now - from);
	}
}

static void add_bytes(wb_buf *out, uint64_t n)
{
	if (n < 10000)
		wb_buf_printf(out, "%" PRIu64 " B", n);
	else if (n < 10000ull * 1024)
		wb_buf_printf(out, "%" PRIu64 " KiB", n / 1024);
	else
		wb_buf_printf(out, "%" PRIu64 " MiB", n >> 20);
}

static void add_time(wb_buf *out, const char *name, double s)
{
	if (s < 0)
		return;
	if (s < 1)
		wb_buf_printf(out, " %s %.1fms", name, s * 1000);
	else
		wb_buf_printf(out, " %s %.2fs", name, s);
}

void ui_bar_format(wb_buf *out, const ui_bar_info *si)
{
	static const char *sep = " \xe2\x94\x82 "; /* │ */
	wb_buf_clear(out);
	if (si->busy) /* first: the one thing that must not be cut off */
		wb_buf_printf(out, " waiting: %s (Ctrl-C cancels)%s", si->busy,
			      sep);
	if (si->replay)
		wb_buf_printf(out, " replay: %zu difference%s%s", si->diffs,
			      si->diffs == 1 ? "" : "s", sep);
	if (si->offline) {
		wb_buf_printf(out, " offline: %s [recorded, no network]",
			      si->url ? si->url : "nothing opened yet");
	} else if (!si->url) {
		wb_buf_adds(out, " no connection (open URL)");
	} else {
		const char *scheme = si->https ? "https" : "http";
		if (si->tunnel)
			wb_buf_printf(out, " %s://%s:%ld via CONNECT proxy %s:%ld",
				      scheme, si->target, si->target_port,
				      si->host ? si->host : "?", si->port);
		else if (si->target)
			wb_buf_printf(out, " %s via proxy %s:%ld", si->target,
				      si->host ? si->host : "?", si->port);
		else
			wb_buf_printf(out, " %s://%s:%ld", scheme,
				      si->host ? si->host : "?", si->port);
		if (si->insecure)
			wb_buf_adds(out, " !! TLS VERIFY OFF");
		wb_buf_printf(out, " [%s]", si->transport ? si->transport
							  : "no socket");
	}
	wb_buf_adds(out, sep);
	wb_buf_adds(out, si->state ? si->state : "Idle");
	wb_buf_adds(out, sep);
	if (si->will_close >= 0) {
		wb_buf_adds(out, si->will_close ? "will-close" : "keep-alive");
		wb_buf_adds(out, sep);
	}
	wb_buf_adds(out, "out ");
	add_bytes(out, si->out - (si->out >= si->tm->base_out ? si->tm->base_out : 0));
	wb_buf_adds(out, " in ");
	add_bytes(out, si->in - (si->in >= si->tm->base_in ? si->tm->base_in : 0));
	wb_buf_adds(out, sep);
	add_time(out, "connect", si->tm->connect);
	add_time(out, "ttfb", si->tm->ttfb);
	add_time(out, "xfer", si->tm->transfer);
}

/* ---- footer ------------------------------------------------------------ */

typedef struct hint {
	const char *text;
	int rank; /* lower leaves first; 9 never */
} hint;

static const hint offline_hints[] = {
	{ "Space/n next", 9 },
	{ "p/Backspace back", 8 },
	{ "Shift-\xe2\x86\x91\xe2\x86\x93 explain", 6 },
	{ "PgUp/PgDn scroll", 2 },
	{ "F2 hex", 1 },
	{ "F1 help", 9 },
	{ "F10 quit", 9 },
};

static const hint replay_hints[] = {
	{ "\xe2\x89\xa0 marks them", 7 },
	{ "Shift-\xe2\x86\x91\xe2\x86\x93 explain", 6 },
	{ "next command: back to the session", 3 },
	{ "F1 help", 9 },
	{ "F10 quit", 9 },
};

static const hint hints[] = {
	{ "F1 help", 9 },
	{ "Tab completes", 4 },
	{ "\xe2\x86\x91/Ctrl-R history", 3 },
	{ "PgUp/PgDn scroll", 2 },
	{ "/ search", 5 },
	{ "Shift-\xe2\x86\x91\xe2\x86\x93 explain", 6 },
	{ "F2 hex", 1 },
	{ "F10 quit", 9 },
};
#define NHINTS_MAX 16
#define HINT_SEP " \xc2\xb7 "

static size_t cols_of(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static size_t footer_cols(const hint *h, size_t n, const int *keep,
			  size_t lead)
{
	size_t cols = lead, shown = lead > 0;
	for (size_t i = 0; i < n; i++)
		if (keep[i]) {
			cols += cols_of(h[i].text) + (shown++ ? 3 : 0);
		}
	return cols;
}

/* The hints that fit after lead (may be empty), least important out
 * first. */
static void footer(wb_buf *out, size_t cols, const char *lead,
		   const hint *h, size_t n)
{
	int keep[NHINTS_MAX];
	size_t lc = cols_of(lead);
	for (size_t i = 0; i < n; i++)
		keep[i] = 1;
	for (int rank = 1; rank < 9 && footer_cols(h, n, keep, lc) > cols; rank++)
		for (size_t i = 0; i < n; i++)
			if (h[i].rank == rank)
				keep[i] = 0;
	wb_buf_clear(out);
	wb_buf_adds(out, lead);
	for (size_t i = 0, shown = lc > 0; i < n; i++)
		if (keep[i]) {
			if (shown++)
				wb_buf_adds(out, HINT_SEP);
			wb_buf_adds(out, h[i].text);
		}
}

void ui_footer_format(wb_buf *out, size_t cols)
{
	footer(out, cols, "", hints, sizeof hints / sizeof hints[0]);
}

void ui_footer_mode(wb_buf *out, size_t cols, ui_foot_mode mode,
		    size_t pos, size_t n)
{
	char lead[96];
	if (mode == UI_FOOT_OFFLINE) {
		snprintf(lead, sizeof lead, "offline: command %zu/%zu", pos, n);
		footer(out, cols, lead, offline_hints,
		       sizeof offline_hints / sizeof offline_hints[0]);
	} else if (mode == UI_FOOT_REPLAY) {
		snprintf(lead, sizeof lead, "replay: %zu difference%s", n,
			 n == 1 ? "" : "s");
		footer(out, cols, lead, replay_hints,
		       sizeof replay_hints / sizeof replay_hints[0]);
	} else {
		ui_footer_format(out, cols);
	}
}
