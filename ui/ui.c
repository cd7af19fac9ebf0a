/* ui.c - the curses workbench: set-up, the one poll loop over the terminal,
 * a signal self-pipe and what the running command waits for, the
 * interpreter's hooks, and ui_done(). A command runs as a task that parks
 * on each network wait (task.h); the loop resumes it. Signal handlers only
 * set flags (and the cancel flag the network waits watch). */
#include "ui.h"
#include "lang/connstate.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "sessions.h"
#include "task.h"
#include "view/bar_view.h"
#include "view/cmdline.h"
#include "model/glyph.h"
#include "view/help.h"
#include "view/resp_view.h"
#include "view/theme.h"
#include "view/wire_view.h"

#define TYPEAHEAD 256
#define TASK_STACK (4u << 20) /* virtual; OpenSSL's handshake is the deepest */

static ui_app g; /* one workbench per process: the signal handlers need it */
static volatile sig_atomic_t sig_term, sig_int, sig_winch, active;
static volatile sig_atomic_t *cancel_flag;
static int sig_pipe[2] = { -1, -1 };
static int pending_keys[TYPEAHEAD];
static size_t npending_keys;
static int search_mode;
static WINDOW *help_win;
static ui_task *task;     /* the running command */
static char *task_line;   /* its line, owned until it ends */
static wb_wait want;      /* what the parked task waits for */
static wb_err want_result;
static wb_err task_result; /* what the command returned */
static int key_wanted;     /* the parked task waits for a key, not the net */
static int key_got;        /* the key it gets, -1 when the workbench ends */

static const int crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
static struct sigaction crash_old[sizeof crash_sigs / sizeof crash_sigs[0]];

/* Restores the terminal; safe to call again, from atexit and signals. */
static void ui_done(void)
{
	if (!active)
		return;
	active = 0;
	ui_cmdline_done();
	endwin();
}

double ui_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- signals -------------------------------------------------------- */

static void wake(void)
{
	int saved = errno;
	if (sig_pipe[1] >= 0 && write(sig_pipe[1], "x", 1) < 0)
		errno = saved;
	errno = saved;
}

static void on_term(int sig)
{
	(void)sig;
	sig_term = 1;
	if (cancel_flag)
		*cancel_flag = 1;
	wake();
}

static void on_int(int sig)
{
	(void)sig;
	sig_int = 1;
	if (cancel_flag && g.busy)
		*cancel_flag = 1;
	wake();
}

static void on_winch(int sig)
{
	(void)sig;
	sig_winch = 1;
	wake();
}

/* Takes a pending SIGWINCH: resizes curses to the terminal, lays out. */
static void take_winch(ui_app *a)
{
	struct winsize ws;
	if (!sig_winch)
		return;
	sig_winch = 0;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	ui_layout(a);
}

static void on_crash(int sig)
{
	ui_done();
	for (size_t i = 0; i < sizeof crash_sigs / sizeof crash_sigs[0]; i++)
		if (crash_sigs[i] == sig)
			sigaction(sig, &crash_old[i], NULL);
	raise(sig);
}

static void signals_init(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	if (pipe(sig_pipe) == 0) {
		fcntl(sig_pipe[0], F_SETFL, O_NONBLOCK);
		fcntl(sig_pipe[1], F_SETFL, O_NONBLOCK);
	}
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_winch; /* ours, not curses': the poll loop owns it */
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_crash;
	for (size_t i = 0; i < sizeof crash_sigs / sizeof crash_sigs[0]; i++)
		sigaction(crash_sigs[i], &sa, &crash_old[i]);
}

/* Back to the default actions once the loop is over: a SIGHUP from a
 * closing terminal while the process exits must end it, not run a handler
 * that touches globals being torn down (which deadlocked LeakSanitizer's
 * exit check under tmux kill-server). */
static void signals_done(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	for (size_t i = 0; i < sizeof crash_sigs / sizeof crash_sigs[0]; i++)
		sigaction(crash_sigs[i], &crash_old[i], NULL);
}

static void drain_pipe(void)
{
	char buf[64];
	while (sig_pipe[0] >= 0 && read(sig_pipe[0], buf, sizeof buf) > 0)
		;
}

/* ---- interpreter hooks ---------------------------------------------- */

/* True when the command line runs `open`. */
static int is_open(const char *line)
{
	line += strspn(line, " \t");
	return strncmp(line, "open", 4) == 0 &&
	       (line[4] == '\0' || line[4] == ' ' || line[4] == '\t');
}

static void on_begin(void *arg, unsigned n, const char *line)
{
	ui_app *a = arg;
	ui_wire_begin(a->live, n, line);
	ui_timing_begin(&a->tm, ui_now());
	a->opening = is_open(line);
}

static void data_text(const wb_result *r, wb_buf *b)
{
	size_t show = r->stored < 64 ? r->stored : 64;
	wb_buf_printf(b, "%llu bytes \"", (unsigned long long)r->bytes);
	ui_glyph_puts(b, r->data, show);
	wb_buf_adds(b, r->bytes > show ? "\"..." : "\"");
}

void ui_result_text(const wb_result *r, wb_buf *b)
{
	wb_buf_clear(b);
	if (r->kind == WB_RES_RESPONSE)
		wb_buf_printf(b, "%d %s  version=%d chunked=%s will_close=%s",
			      wb_resp_status(r->resp), wb_resp_reason(r->resp),
			      wb_resp_version(r->resp),
			      wb_resp_chunked(r->resp) ? "yes" : "no",
			      wb_resp_will_close(r->resp) ? "yes" : "no");
	else if (r->kind == WB_RES_DATA)
		data_text(r, b);
	else if (r->kind == WB_RES_STATE)
		wb_connstate_format(r->conn, b, "| ", ui_glyph_puts);
	else if (r->kind == WB_RES_TEXT || r->kind == WB_RES_REPR)
		wb_buf_adds(b, r->text ? r->text : "");
}

void ui_app_text(ui_app *a, ui_text_kind kind, const char *s)
{
	ui_wire_text(a->live, kind, s);
	if (a->wire != a->live)
		ui_wire_text(a->wire, kind, s);
}

static void on_result(void *arg, const wb_result *r)
{
	ui_app *a = arg;
	wb_buf b = WB_BUF_INIT;
	if (r->kind == WB_RES_RESPONSE) {
		ui_resp_body_reset(&a->body);
	} else if (r->kind == WB_RES_DATA) {
		ui_resp_body_add(&a->body, r->data, r->stored, r->bytes);
	} else if (r->kind == WB_RES_HELP) { /* the overlay lists the table */
		a->help = 1;
		a->help_top = 0;
	}
	ui_result_text(r, &b);
	if (b.n)
		ui_app_text(a, UI_TX_RESULT, b.p);
	wb_buf_free(&b);
	ui_dirty(a, UI_P_RESP);
}

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	ui_app *a = arg;
	wb_buf b = WB_BUF_INIT;
	(void)e;
	wb_buf_printf(&b, "%s: %s", name, msg);
	ui_app_text(a, UI_TX_ERROR, b.p);
	wb_buf_free(&b);
	ui_hint_error(a, name, msg);
}

/* The error `expect error` announced: a result, not a failure. */
static void on_expected(void *arg, const char *name, const char *msg)
{
	ui_app *a = arg;
	wb_buf b = WB_BUF_INIT;
	wb_buf_printf(&b, "raised %s as expected: %s", name, msg);
	ui_app_text(a, UI_TX_RESULT, b.p ? b.p : "");
	wb_buf_free(&b);
}

static void on_end(void *arg, wb_err e)
{
	ui_app *a = arg;
	if (a->opening && e == WB_OK) { /* a new connection: count afresh */
		const wb_tap_stats *st = wb_tap_stats_get(wb_interp_tap(a->in));
		ui_timing_open(&a->tm, st->bytes_out, st->bytes_in);
	}
	a->opening = 0;
	ui_wire_end(a->live);
	ui_dirty(a, UI_P_RESP);
}

double ui_app_now(ui_app *a)
{
	return a->play ? ui_play_now(a->play) : ui_now();
}

void ui_app_on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	ui_app *a = arg;
	ui_timing_frame(&a->tm, ev, f, ui_app_now(a));
	ui_dirty(a, UI_P_WIRE);
}

/* ---- painting and layout -------------------------------------------- */

void ui_dirty(ui_app *a, int panel)
{
	a->panels[panel].dirty = 1;
}

static void paint_small(void)
{
	werase(stdscr);
	mvaddstr(0, 0, "terminal too small for wirebench (F10 quits)");
	wnoutrefresh(stdscr);
	doupdate();
}

void ui_paint(ui_app *a)
{
	if (a->too_small) {
		paint_small();
		return;
	}
	if (ui_wire_take_dirty(a->wire))
		ui_dirty(a, UI_P_WIRE);
	ui_dirty(a, UI_P_STATUS); /* bytes and timings move with every frame */
	for (int i = 0; i < UI_P__COUNT; i++) {
		ui_panel *p = &a->panels[i];
		if (!p->dirty || (a->help && (i == UI_P_WIRE || i == UI_P_RESP)))
			continue;
		p->ops->draw(a, p->win);
		wnoutrefresh(p->win);
		p->dirty = 0;
	}
	if (a->help) {
		ui_help_draw(help_win, a->help_top);
		wnoutrefresh(help_win);
	}
	ui_cmdline_draw();
	doupdate();
}

static WINDOW *place(WINDOW *old, int h, int w, int y, int x)
{
	if (old)
		delwin(old);
	return newwin(h > 0 ? h : 1, w > 0 ? w : 1, y, x);
}

void ui_layout(ui_app *a)
{
	int rows = LINES, cols = COLS, rest = rows - 3;
	int side = cols >= 160;
	int wire_h = side ? rest : rest * 3 / 5;
	int wire_w = side ? cols * 3 / 5 : cols;
	a->too_small = rows < 10 || cols < 40;
	ui_panel *p = a->panels;
	p[UI_P_STATUS].win = place(p[UI_P_STATUS].win, 1, cols, 0, 0);
	p[UI_P_WIRE].win = place(p[UI_P_WIRE].win, wire_h, wire_w, 1, 0);
	p[UI_P_RESP].win = side ? place(p[UI_P_RESP].win, rest, cols - wire_w, 1, wire_w)
				: place(p[UI_P_RESP].win, rest - wire_h, cols,
					1 + wire_h, 0);
	p[UI_P_HINT].win = place(p[UI_P_HINT].win, 1, cols, rows - 2, 0);
	help_win = place(help_win, rest, cols, 1, 0);
	a->cmd = place(a->cmd, 1, cols, rows - 1, 0);
	keypad(a->cmd, TRUE);
	nodelay(a->cmd, TRUE);
	ui_wire_layout(a->wire, wire_w, a->hex);
	ui_wire_view_sync(a, wire_h);
	ui_cmdline_resize(a->cmd);
	for (int i = 0; i < UI_P__COUNT; i++)
		p[i].dirty = 1;
	clearok(curscr, TRUE);
}

/* ---- actions -------------------------------------------------------- */

static void line_text(void *arg, size_t i, wb_buf *out)
{
	ui_wire_plain(((ui_app *)arg)->wire, i, out);
}

static int line_is_request(void *arg, size_t i)
{
	return ui_wire_is_request(((ui_app *)arg)->wire, i);
}

static long cursor_line(const ui_app *a)
{
	return a->scroll.mark >= 0 ? a->scroll.mark : (long)a->scroll.top;
}

static void find(ui_app *a, int dir)
{
	long at = ui_search(a->scroll.total, cursor_line(a), dir, a->search,
			    line_text, a);
	if (at >= 0)
		ui_scroll_show(&a->scroll, (size_t)at);
	else if (a->search[0])
		ui_hint_error(a, "search", "no line matches");
	ui_dirty(a, UI_P_WIRE); /* the title shows the search either way */
}

static void seek_request(ui_app *a, int dir)
{
	long from = a->scroll.mark >= 0 ? a->scroll.mark
		    : dir > 0 ? (long)a->scroll.top - 1
			      : (long)(a->scroll.top + a->scroll.height);
	long at = ui_seek(a->scroll.total, from, dir, line_is_request, a);
	if (at >= 0)
		ui_scroll_show(&a->scroll, (size_t)at);
}

static void toggle_hex(ui_app *a)
{
	a->hex = !a->hex;
	ui_wire_layout(a->wire, getmaxx(a->panels[UI_P_WIRE].win), a->hex);
	ui_scroll_end(&a->scroll);
}

/* Runs a key's action; returns 0 when the key is not bound. */
static int act(ui_app *a, int key)
{
	ui_action ac = ui_key_action(key);
	ui_scroll *s = &a->scroll;
	ui_wire_view_sync(a, getmaxy(a->panels[UI_P_WIRE].win));
	switch (ac) {
	case UI_ACT_NONE: return 0;
	case UI_ACT_HELP: a->help = 1; a->help_top = 0; break;
	case UI_ACT_QUIT: a->quit = 1; break;
	case UI_ACT_HEX: toggle_hex(a); break;
	case UI_ACT_FOLLOW: s->mark = -1; ui_scroll_end(s); break;
	case UI_ACT_SEARCH_NEXT: find(a, 1); break;
	case UI_ACT_SEARCH_PREV: find(a, -1); break;
	case UI_ACT_REQ_NEXT: seek_request(a, 1); break;
	case UI_ACT_REQ_PREV: seek_request(a, -1); break;
	case UI_ACT_PAGE_UP: ui_scroll_page(s, -1); break;
	case UI_ACT_PAGE_DOWN: ui_scroll_page(s, 1); break;
	case UI_ACT_LINE_UP: ui_scroll_cursor(s, -1); break;
	case UI_ACT_LINE_DOWN: ui_scroll_cursor(s, 1); break;
	case UI_ACT_TOP: ui_scroll_home(s); break;
	case UI_ACT_REDRAW: clearok(curscr, TRUE); break;
	}
	ui_dirty(a, UI_P_WIRE);
	return 1;
}

static void mouse(ui_app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	ui_wire_view_sync(a, getmaxy(a->panels[UI_P_WIRE].win));
	if (ev.bstate & BUTTON4_PRESSED)
		ui_scroll_by(&a->scroll, -3);
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_scroll_by(&a->scroll, 3);
	ui_dirty(a, UI_P_WIRE);
}

/* Keys that work while a command waits on the network. */
static int busy_key(ui_app *a, int ch)
{
	if (ch == 3 || ch == 27) {
		*cancel_flag = 1;
	} else if (ch == KEY_F(10)) {
		*cancel_flag = 1;
		a->quit = 1;
	} else if (ch == KEY_RESIZE) {
		ui_layout(a);
	} else if (ch == KEY_MOUSE) {
		mouse(a);
	} else {
		ui_action ac = ui_key_action(ch);
		if (ac < UI_ACT_PAGE_UP || !act(a, ch))
			return 0;
	}
	return 1;
}

/* The interpreter's waiter, on the task's stack: parks the command with
 * what it waits for; the loop polls that with the terminal and resumes the
 * task with the outcome. */
static wb_err on_wait(void *arg, const wb_wait *w)
{
	(void)arg;
	want = *w;
	ui_task_park(task);
	return want_result;
}

void ui_app_attach(ui_app *a, wb_interp *in)
{
	cancel_flag = wb_interp_cancel_flag(in ? in : a->in);
	if (in)
		wb_interp_set_waiter(in, on_wait, a);
}

/* Between replay steps (on the task's stack): parks the command until a
 * key the views do not take; -1 when the workbench is to end. */
int ui_wait_key(ui_app *a)
{
	if (a->quit || sig_term)
		return -1;
	key_wanted = 1;
	ui_task_park(task);
	key_wanted = 0;
	return key_got;
}

/* ---- commands ------------------------------------------------------- */

static void task_main(void *arg)
{
	ui_app *a = arg;
	task_result = wb_interp_exec(a->in, a->busy);
}

static void key(ui_app *a, int ch);

/* The command's end: keys typed while it waited run now, up to the next
 * command that waits. */
static void finish_line(ui_app *a)
{
	a->busy = NULL;
	free(task_line);
	task_line = NULL;
	if (wb_interp_quitting(a->in))
		a->quit = 1;
	if (task_result == WB_OK)
		ui_hint_update(a, "");
	ui_scroll_end(&a->scroll);
	ui_dirty(a, UI_P_WIRE);
	while (npending_keys && !a->quit && !ui_task_parked(task)) {
		int ch = pending_keys[0];
		memmove(pending_keys, pending_keys + 1, --npending_keys * sizeof *pending_keys);
		key(a, ch);
	}
}

/* Starts the command in line (taking it) as the task; it runs until its
 * first network wait or its end. */
static void run_line(ui_app *a, char *line)
{
	if (ui_task_parked(task)) { /* cannot be: keys wait while it is */
		free(line);
		return;
	}
	char *s = line + strspn(line, " \t");
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	ui_replay_leave(a); /* a new command: the session's panel again */
	task_line = line;
	a->busy = s;
	ui_paint(a);
	if (ui_task_start(task, task_main, a) == 0)
		finish_line(a);
}

/* Runs the parked task on with the outcome of its wait. */
static void resume(ui_app *a, wb_err outcome)
{
	want_result = outcome;
	if (ui_task_resume(task) == 0)
		finish_line(a);
}

static void take_line(ui_app *a)
{
	int eof, search;
	char *line = ui_cmdline_take(&eof, &search);
	if (eof)
		a->quit = 1;
	if (!line)
		return;
	if (search) {
		snprintf(a->search, sizeof a->search, "%s", line);
		search_mode = 0;
		ui_cmdline_search_mode(0);
		ui_offline_cmdline(a);
		a->scroll.mark = -1;
		find(a, -1);
		free(line);
	} else {
		run_line(a, line);
	}
}

/* Scrolls the help overlay; returns 0 for keys that close it. */
static int help_scroll(ui_app *a, int ch)
{
	size_t page = getmaxy(help_win) > 2 ? (size_t)getmaxy(help_win) - 2 : 1;
	size_t rows = ui_help_rows(getmaxx(help_win));
	size_t max = rows > page + 1 ? rows - page - 1 : 0;
	size_t top = a->help_top;
	switch (ch) {
	case KEY_UP: top = top ? top - 1 : 0; break;
	case KEY_DOWN: top++; break;
	case KEY_PPAGE: top = top > page ? top - page : 0; break;
	case KEY_NPAGE: top += page; break;
	case KEY_HOME: top = 0; break;
	case KEY_END: top = max; break;
	default: return 0;
	}
	a->help_top = top < max ? top : max;
	return 1;
}

static void help_key(ui_app *a, int ch)
{
	if (ch == KEY_RESIZE) {
		ui_layout(a);
		return;
	}
	if (help_scroll(a, ch))
		return;
	a->help = 0;
	for (int i = 0; i < UI_P__COUNT; i++)
		ui_dirty(a, i);
}

static void key(ui_app *a, int ch)
{
	if (a->help) {
		help_key(a, ch);
		return;
	}
	if (a->play && !search_mode) { /* offline: keys step; only a
					* search is typed */
		if (ch == KEY_RESIZE) {
			ui_layout(a);
		} else if (ch == KEY_MOUSE) {
			mouse(a);
		} else if (ch == '/') {
			search_mode = 1;
			ui_cmdline_show(NULL, NULL);
			ui_cmdline_search_mode(1);
		} else if (!ui_sessions_key(a, ch)) {
			act(a, ch);
		}
		return;
	}
	if (ch == KEY_RESIZE) {
		ui_layout(a);
	} else if (ch == KEY_MOUSE) {
		mouse(a);
	} else if (ch == 3 || (ch == 27 && search_mode)) {
		search_mode = 0;
		ui_cmdline_search_mode(0);
		ui_cmdline_clear();
		ui_offline_cmdline(a);
	} else if (ch == '/' && ui_cmdline_empty() && !search_mode) {
		search_mode = 1;
		ui_cmdline_search_mode(1);
	} else if (!act(a, ch)) {
		ui_cmdline_feed(ch);
	}
	take_line(a);
}

/* ---- set-up and loop ------------------------------------------------ */

static void welcome(ui_app *a, const char *url)
{
	static const char *const lines[] = {
		"wirebench: one HTTP/1.1 connection driven with Python "
		"http.client's calls; every byte it frames shows here.",
		"type:  request GET /chunked?n=3&size=5   then  getresponse  "
		"and  read",
		"or step:  putrequest GET /chunked?n=3&size=5 \xe2\x86\x92 "
		"putheader Accept text/plain \xe2\x86\x92 endheaders \xe2\x86\x92 "
		"getresponse \xe2\x86\x92 read",
		"upload in chunks:  putrequest POST /echo \xe2\x86\x92 putheader "
		"Transfer-Encoding chunked \xe2\x86\x92 endheaders encode_chunked "
		"\xe2\x86\x92 chunk hello \xe2\x86\x92 endchunks \xe2\x86\x92 "
		"getresponse \xe2\x86\x92 read",
		">| buf = buffered in the connection, >> sent = on the wire, "
		"<< in = received.  F1 help, Tab completes, F10 quits.",
	};
	if (!url || !is_open(url))
		ui_wire_text(a->live, UI_TX_INFO,
			     "no server yet: type  open http://127.0.0.1:8080/  "
			     "(wirebench --serve runs the demo server)");
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		ui_wire_text(a->live, UI_TX_INFO, lines[i]);
}

static void locale_init(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static int app_init(ui_app *a)
{
	memset(a, 0, sizeof *a);
	a->in = wb_interp_new(4u << 20);
	if (!a->in)
		return -1;
	wb_out out = { .begin = on_begin, .result = on_result,
		       .error = on_error, .end = on_end,
		       .expected = on_expected, .arg = a };
	wb_interp_set_out(a->in, &out);
	wb_interp_set_waiter(a->in, on_wait, a);
	task = ui_task_new(TASK_STACK);
	if (!task)
		return -1;
	cancel_flag = wb_interp_cancel_flag(a->in);
	a->wire = a->live = ui_wire_new(wb_interp_tap(a->in), 80);
	if (!a->wire)
		return -1;
	wb_tap_listen(wb_interp_tap(a->in), ui_app_on_frame, a);
	ui_replay_install(a);
	ui_scroll_init(&a->scroll);
	ui_timing_init(&a->tm);
	a->panels[UI_P_STATUS].ops = &ui_bar_view_ops;
	a->panels[UI_P_WIRE].ops = &ui_wire_view_ops;
	a->panels[UI_P_RESP].ops = &ui_resp_view_ops;
	a->panels[UI_P_HINT].ops = &ui_hint_view_ops;
	return 0;
}

static void app_free(ui_app *a)
{
	for (int i = 0; i < UI_P__COUNT; i++)
		if (a->panels[i].win)
			delwin(a->panels[i].win);
	if (a->cmd)
		delwin(a->cmd);
	if (help_win)
		delwin(help_win);
	ui_sessions_free(a);
	ui_wire_free(a->live);
	wb_interp_free(a->in);
	ui_task_free(task);
	task = NULL;
	ui_resp_body_free(&a->body);
	wb_buf_free(&a->hint);
	wb_buf_free(&a->matches);
}

static void curses_init(void)
{
	initscr();
	raw(); /* Ctrl-C arrives as a key: clear the line or cancel a wait */
	noecho();
	nonl();
	set_escdelay(25);
	ui_theme_init();
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	active = 1;
}

/* The front end's half of the allocation policy: the core reports
 * MemoryError for its own failures (counted up to the interpreter's mark);
 * any failure beyond it was the workbench's own drawing or models, which
 * would leave the screen wrong, so the workbench ends with a message. */
static void check_memory(ui_app *a)
{
	if (wb_alloc_failures() == wb_interp_alloc_mark(a->in))
		return;
	ui_done();
	fputs("wirebench: out of memory\n", stderr);
	exit(1);
}

/* A key for a command waiting for one: the views take theirs; returns 1
 * for a key the command gets. */
static int step_key(ui_app *a, int ch)
{
	if (a->help)
		help_key(a, ch);
	else if (ch == KEY_RESIZE)
		ui_layout(a);
	else if (ch == KEY_MOUSE)
		mouse(a);
	else if (!act(a, ch))
		return 1;
	return 0;
}

/* A key: the command line's when no command runs; the command's when it
 * waits for one; while it waits on the network, only the keys that work
 * then, the others kept for after it. */
static void take_key(ui_app *a, int ch)
{
	if (!ui_task_parked(task)) {
		key(a, ch);
	} else if (key_wanted) {
		if (step_key(a, ch)) {
			key_got = ch;
			resume(a, WB_OK);
		}
	} else if (!busy_key(a, ch) && npending_keys < TYPEAHEAD) {
		pending_keys[npending_keys++] = ch;
	}
}

/* The parked task's outcome after a poll, or -1 while it still waits. */
static int outcome(const struct pollfd *net)
{
	if (*cancel_flag)
		return WB_E_CANCELLED;
	if (net->revents)
		return WB_OK;
	if (want.deadline >= 0 && wb_io_now() >= want.deadline)
		return WB_E_TIMEOUT;
	return -1;
}

/* Milliseconds the poll may sleep: the clock's redraw, or less when the
 * task's deadline is nearer (0 once it passed or the user cancelled). */
static int poll_ms(int net)
{
	int ms = 1000;
	if (!net)
		return ms;
	if (*cancel_flag)
		return 0;
	if (want.deadline >= 0) {
		double left = want.deadline - wb_io_now();
		if (left * 1000 < ms)
			ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
	}
	return ms;
}

/* Signals while the command is parked: SIGTERM cancels it and ends the
 * workbench; one waiting for a key gets Ctrl-C, or -1 at the end. */
static void parked_signals(ui_app *a)
{
	if (sig_term) {
		*cancel_flag = 1;
		a->quit = 1;
	}
	if (key_wanted && (a->quit || sig_int)) {
		key_got = a->quit ? -1 : 3;
		sig_int = 0;
		resume(a, WB_OK);
	}
}

/* One turn of the loop: paint, poll the terminal, the signal pipe and what
 * the parked command waits for, then take keys and resume the command. */
static void turn(ui_app *a)
{
	if (ui_task_parked(task)) {
		parked_signals(a);
	} else {
		check_memory(a);
		if (sig_int) { /* from kill -INT: behaves as Ctrl-C */
			sig_int = 0;
			key(a, 3);
		}
	}
	ui_paint(a);
	struct pollfd p[3] = { { 0, POLLIN, 0 }, { sig_pipe[0], POLLIN, 0 },
			       { -1, 0, 0 } };
	int net = ui_task_parked(task) && !key_wanted;
	if (net)
		p[2] = (struct pollfd){ want.fd, want.events, 0 };
	poll(p, 3, poll_ms(net));
	drain_pipe();
	take_winch(a);
	int ch;
	while (!a->quit && (ch = wgetch(a->cmd)) != ERR)
		take_key(a, ch);
	int r = net ? outcome(&p[2]) : -1;
	if (r >= 0)
		resume(a, (wb_err)r);
}

/* The only loop; it ends once quit is asked and no command is parked. */
static void loop(ui_app *a)
{
	while (ui_task_parked(task) || (!a->quit && !sig_term))
		turn(a);
}

/* Loads the offline session or runs the first command. */
static int start(ui_app *a, const wb_ui_opts *o)
{
	if (o->offline) {
		ui_offline_start(a);
		return 0;
	}
	welcome(a, o->first);
	/* before the command: one that parks (replay --step) sets its own */
	ui_hint_update(a, "");
	if (o->first) {
		char *cmd = strdup(o->first);
		if (cmd)
			run_line(a, cmd); /* the task owns it */
	}
	return 0;
}

int wb_ui_run(const wb_ui_opts *o)
{
	ui_app *a = &g;
	locale_init();
	if (app_init(a) < 0) {
		fputs("wirebench: out of memory\n", stderr);
		app_free(a);
		return 1;
	}
	wb_buf msg = WB_BUF_INIT;
	if (wb_interp_define(a->in, o->defs, o->ndefs, &msg) ||
	    (o->offline && ui_offline_open(a, o->offline, &msg))) {
		fprintf(stderr, "wirebench: %s\n", msg.p ? msg.p : "out of memory");
		wb_buf_free(&msg);
		app_free(a);
		return 2;
	}
	int rc = o->setup && !o->offline ? o->setup(a->in, o->arg) : 0;
	if (rc) {
		app_free(a);
		return rc;
	}
	atexit(ui_done);
	curses_init();
	signals_init(); /* after initscr: SIGWINCH is ours */
	ui_layout(a);
	ui_cmdline_init(a, a->cmd);
	start(a, o);
	loop(a);
	ui_done();
	signals_done();
	app_free(a);
	return 0;
}
