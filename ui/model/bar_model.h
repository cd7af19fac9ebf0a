/* bar_model.h - the bottom bar's model: connection facts and the timings of
 * the last exchange, formatted as one line. Plain C. */
#ifndef UI_BAR_MODEL_H
#define UI_BAR_MODEL_H

#include <stdint.h>
#include "base/buf.h"
#include "wire/tap.h"

/* Timings of the current exchange, measured from tap events (seconds;
 * < 0 when not measured). They time what the network did while commands
 * ran, never the user's think time between commands:
 *   connect   from the command to "connected" (-1 on a reused connection)
 *   ttfb      from the send (or the later command that waited) to the
 *             first byte of the response
 *   transfer  from the first response byte to the last one read, summed
 *             over the commands that read the response
 * A new request starts a new exchange; the byte counters count from the
 * last `open`. */
typedef struct ui_timing {
	double t_cmd, t_out, t_first_in;
	double connect, ttfb, transfer;
	double transfer_done; /* transfer in the commands before this one */
	int awaiting;         /* request bytes sent, no reply byte yet */
	int fresh;            /* connected since the last exchange began */
	uint64_t base_out, base_in; /* tap byte counts at the last open */
} ui_timing;

void ui_timing_init(ui_timing *t);
/* A successful `open`: timings start over and the byte counters count
 * from the tap's totals out and in. */
void ui_timing_open(ui_timing *t, uint64_t out, uint64_t in);
/* A command starts at time now. */
void ui_timing_begin(ui_timing *t, double now);
/* Feeds a tap event seen at time now. */
void ui_timing_frame(ui_timing *t, wb_tap_event ev, const wb_frame *f,
		     double now);

typedef struct ui_bar_info {
	const char *url;       /* NULL before open */
	const char *transport; /* "tcp 127.0.0.1:8080", TLS details, or NULL */
	const char *host;
	long port;
	int https;
	int tunnel;            /* set_tunnel in use */
	const char *target;    /* tunnel host, or a plain proxy's origin */
	long target_port;      /* tunnel port (unused for a plain proxy) */
	int insecure;          /* TLS verification turned off */
	const char *state;     /* http.client state name */
	int will_close;        /* -1: no response yet */
	uint64_t out, in;      /* tap totals; shown from tm's open baseline */
	const ui_timing *tm;
	const char *busy;      /* command waiting on the network, or NULL */
	int offline;           /* a recording stepped through: url is the
				* one it opened, nothing is connected */
	int replay;            /* a replay is shown, with diffs differences */
	size_t diffs;
} ui_bar_info;

/* Formats the status line into out (cleared first). */
void ui_bar_format(wb_buf *out, const ui_bar_info *si);
/* The idle footer (key hints) for a row of cols columns, into out (cleared
 * first): the least important hints are left out first; "F1 help" and
 * "F10 quit" always stay. */
void ui_footer_format(wb_buf *out, size_t cols);

typedef enum { UI_FOOT_LIVE, UI_FOOT_OFFLINE, UI_FOOT_REPLAY } ui_foot_mode;
/* The footer of a mode: offline leads with "offline: command POS/N" and
 * the stepping keys; a replay shown leads with its count of differences
 * (n). The lead, "F1 help" and "F10 quit" always stay. */
void ui_footer_mode(wb_buf *out, size_t cols, ui_foot_mode mode,
		    size_t pos, size_t n);

#endif
