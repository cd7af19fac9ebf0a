/* play.h - stepping through a recorded session with no network (the
 * workbench's offline mode): command by command, its recorded frames go
 * through a feed's tap in the recorded order, as the live tap delivers
 * them, and its results and errors to the front end. It also keeps what
 * the response panel and the status bar show: the recorded response, the
 * URL opened. Going back rebuilds from the start. Plain C. */
#ifndef UI_PLAY_H
#define UI_PLAY_H

#include <stddef.h>
#include <stdint.h>
#include "feed.h"
#include "session/session.h"

/* What the front end is told while a command is shown. */
typedef struct ui_play_ops {
	void (*begin)(void *arg, size_t i, const char *line);
	/* RESULT, ERROR and END items, in order with the frames */
	void (*item)(void *arg, const wb_sitem *it);
	void (*end)(void *arg, size_t i);
	void *arg;
} ui_play_ops;

typedef struct ui_play ui_play;

/* Returns a player over s (borrowed: it must outlive the player) whose
 * tap keeps at most cap bytes, positioned before the first command; or
 * NULL when memory runs out. */
ui_play *ui_play_new(const wb_session *s, size_t cap);
void ui_play_free(ui_play *p);

/* Commands shown so far, and in all. */
size_t ui_play_pos(const ui_play *p);
size_t ui_play_count(const ui_play *p);
/* The tap holding the frames shown; a reset replaces it. */
wb_tap *ui_play_tap(ui_play *p);
/* Shows the next command through the tap and ops (may be NULL). Returns
 * 0 when every command was shown already. */
int ui_play_next(ui_play *p, const ui_play_ops *ops);
/* Forgets what was shown: an empty new tap, position 0. Returns WB_OK or
 * WB_E_NOMEM (the old state is then kept). */
wb_err ui_play_reset(ui_play *p);
/* Session time (seconds) of the item being shown, for timings. */
double ui_play_now(const ui_play *p);

/* The URL of the last `open` shown, or NULL. */
const char *ui_play_url(const ui_play *p);

/* The recorded response shown last (have 0: none yet). Header lines are
 * those of its head, as received. */
typedef struct ui_play_resp {
	int have, status, version, chunked, will_close;
	int64_t length;     /* -1: None */
	const char *reason; /* into the session */
	uint64_t read;      /* body bytes the recorded reads returned */
} ui_play_resp;
const ui_play_resp *ui_play_response(const ui_play *p);
size_t ui_play_nheaders(const ui_play *p);
/* Header i split at its colon, value without leading blanks or the line
 * end (pointers into the session). */
void ui_play_header(const ui_play *p, size_t i, const char **name,
		    size_t *nn, const char **value, size_t *vn);

#endif
