/* app.h - the workbench's state shared by the curses front end's files:
 * the interpreter, the display models, the windows and their dirty flags. */
#ifndef UI_APP_H
#define UI_APP_H

#include <curses.h>
#include <signal.h>

#include "lang/interp.h"
#include "model/resp_model.h"
#include "model/scroll.h"
#include "model/bar_model.h"
#include "model/feed.h"
#include "model/play.h"
#include "model/wire_model.h"

/* A panel: how to paint it into its window (tig's view ops). */
typedef struct ui_app ui_app;
typedef struct ui_panel_ops {
	const char *name;
	void (*draw)(ui_app *a, WINDOW *w);
} ui_panel_ops;

typedef struct ui_panel {
	const ui_panel_ops *ops;
	WINDOW *win;
	int dirty;
} ui_panel;

enum { UI_P_STATUS, UI_P_WIRE, UI_P_RESP, UI_P_HINT, UI_P__COUNT };

struct ui_app {
	wb_interp *in;
	ui_wire *wire;        /* the wire panel shown: live, offline or replay */
	ui_wire *live;        /* the interpreter's own */
	ui_play *play;        /* offline: the recording stepped through */
	wb_session *offline;  /* its session */
	char expect[128];     /* offline: the error the last command announced */
	ui_feed *replay;      /* the frames of the last replay, while shown */
	size_t diffs;         /* its differences */
	int stepping;         /* replay --step waits for a key */
	ui_scroll scroll;
	ui_resp_body body;
	ui_timing tm;
	ui_panel panels[UI_P__COUNT];
	WINDOW *cmd;          /* the readline row */
	int color;            /* colours in use (not NO_COLOR / mono) */
	int hex;
	int help;             /* help overlay shown */
	size_t help_top;
	int too_small;
	int quit;
	const char *busy;     /* command running, or NULL */
	int opening;          /* the running command is `open` */
	char search[128];
	wb_buf hint;          /* message row: error, preview or usage */
	int hint_error;
	wb_buf matches;       /* completion matches to show, or empty */
};

/* Marks one panel for repainting at the end of the loop turn. */
void ui_dirty(ui_app *a, int panel);
/* Repaints dirty panels and the command line; one doupdate. */
void ui_paint(ui_app *a);
/* Lays out the windows for the current terminal size. */
void ui_layout(ui_app *a);
/* Seconds on a monotonic clock. */
double ui_now(void);
/* The clock timings use: the recording's while offline, else ui_now. */
double ui_app_now(ui_app *a);
/* The tap listener behind the status bar's timings. */
void ui_app_on_frame(void *arg, wb_tap_event ev, const wb_frame *f);
/* A text line in the wire panel shown (and in the live one when a
 * replay is shown: the session keeps its own history). */
void ui_app_text(ui_app *a, ui_text_kind kind, const char *s);
/* Handles a key of the session modes (offline stepping); returns 1 when
 * it was one. */
int ui_sessions_key(ui_app *a, int ch);
/* The text of a result as the wire panel shows it (out cleared first). */
void ui_result_text(const wb_result *r, wb_buf *out);
/* Network waits of interpreter in (a replay's; NULL: the workbench's
 * own again) keep the screen alive and listen to Ctrl-C. */
void ui_app_attach(ui_app *a, wb_interp *in);
/* Waits for keys between replay steps, from the running command: parks it
 * until the one loop gets a key the views do not take, and returns that
 * key (Space, n, Esc...), or -1 when the workbench is to end. */
int ui_wait_key(ui_app *a);

#endif
