/* sessions.c - the workbench's session modes: a recording stepped
 * through offline (Space/n next, p/Backspace back) and a `replay` shown
 * while it runs, its differing frames marked. Both show frames through a
 * feed's tap in a wire model of their own; the live one keeps its own. */
#include "sessions.h"

#include <stdio.h>
#include <string.h>

#include "model/glyph.h"
#include "session/format.h"
#include "session/offline.h"
#include "session/replay.h"
#include "view/bar_view.h"
#include "view/cmdline.h"

#define FEED_CAP (4u << 20)

static int wire_width(ui_app *a)
{
	WINDOW *w = a->panels[UI_P_WIRE].win;
	return w ? getmaxx(w) : 80;
}

/* Shows w in the wire panel (w may be the live one). */
static void show_wire(ui_app *a, ui_wire *w)
{
	if (a->wire != a->live && a->wire != w)
		ui_wire_free(a->wire);
	a->wire = w;
	ui_wire_layout(w, wire_width(a), a->hex);
	ui_scroll_init(&a->scroll);
	for (int i = 0; i < UI_P__COUNT; i++)
		ui_dirty(a, i);
}

static int is_open(const char *line)
{
	line += strspn(line, " \t");
	return !strncmp(line, "open", 4) &&
	       (!line[4] || line[4] == ' ' || line[4] == '\t');
}

/* Recorded text, line by line, control bytes as glyphs; the transcript's
 * "  = " and "    " leaders (in recorded state lines) are dropped. */
static void recorded_text(const char *p, size_t n, wb_buf *out)
{
	size_t i = 0;
	while (i < n) {
		size_t k = i;
		while (k < n && p[k] != '\n')
			k++;
		size_t from = i;
		if (k - i >= 4 && (!memcmp(p + i, "  = ", 4) ||
				   !memcmp(p + i, "    ", 4)))
			from += 4;
		if (i)
			wb_buf_addc(out, '\n');
		ui_glyph_puts(out, p + from, k - from);
		i = k + 1;
	}
}

/* ---- offline -------------------------------------------------------- */

static void off_begin(void *arg, size_t i, const char *line)
{
	ui_app *a = arg;
	ui_wire_begin(a->wire, (unsigned)i + 1, line);
	ui_timing_begin(&a->tm, ui_play_now(a->play));
	a->opening = is_open(line);
	ui_cmdline_show("offline> ", line);
}

static void off_result(ui_app *a, const wb_sitem *it)
{
	wb_buf b = WB_BUF_INIT;
	if (it->res == WB_SR_RESPONSE) {
		ui_resp_body_reset(&a->body);
		wb_buf_printf(&b, "%d ", it->status);
		ui_glyph_puts(&b, it->data, it->len);
		wb_buf_printf(&b, "  version=%d chunked=%s will_close=%s",
			      it->version, it->chunked ? "yes" : "no",
			      it->will_close ? "yes" : "no");
	} else if (it->res == WB_SR_DATA) {
		size_t show = it->len < 64 ? it->len : 64;
		ui_resp_body_add(&a->body, it->data, it->len, it->bytes);
		wb_buf_printf(&b, "%llu bytes \"", (unsigned long long)it->bytes);
		ui_glyph_puts(&b, it->data, show);
		wb_buf_adds(&b, it->bytes > show ? "\"..." : "\"");
	} else {
		recorded_text(it->data, it->len, &b);
	}
	if (b.n)
		ui_wire_text(a->wire, UI_TX_RESULT, b.p);
	wb_buf_free(&b);
}

static void off_error(ui_app *a, const wb_sitem *it)
{
	wb_buf b = WB_BUF_INIT, name = WB_BUF_INIT, msg = WB_BUF_INIT;
	const char *nm = it->note ? it->note : "Error";
	ui_glyph_puts(&name, nm, strlen(nm));
	ui_glyph_puts(&msg, it->data, it->len);
	int expected = a->expect[0] && !strcmp(a->expect, nm);
	wb_buf_printf(&b, expected ? "raised %s as expected: %s" : "%s: %s",
		      name.p ? name.p : "", msg.p ? msg.p : "");
	ui_wire_text(a->wire, expected ? UI_TX_RESULT : UI_TX_ERROR,
		     b.p ? b.p : "");
	if (!expected)
		ui_hint_error(a, name.p ? name.p : "", msg.p ? msg.p : "");
	a->opening = 0; /* a failed open starts no new count */
	wb_buf_free(&b);
	wb_buf_free(&name);
	wb_buf_free(&msg);
}

static void off_item(void *arg, const wb_sitem *it)
{
	ui_app *a = arg;
	if (it->kind == WB_SI_RESULT)
		off_result(a, it);
	else if (it->kind == WB_SI_ERROR)
		off_error(a, it);
	else if (it->kind == WB_SI_END)
		ui_wire_text(a->wire, UI_TX_INFO, "end of the recorded run: "
			     "what follows belongs to no command");
}

static void off_end(void *arg, size_t i)
{
	ui_app *a = arg;
	if (a->opening) {
		const wb_tap_stats *st = wb_tap_stats_get(ui_play_tap(a->play));
		ui_timing_open(&a->tm, st->bytes_out, st->bytes_in);
	}
	a->opening = 0;
	ui_wire_end(a->wire);
	const wb_scmd *c = wb_session_cmd(a->offline, i);
	wb_offline_announced(c->line, a->expect, sizeof a->expect);
}

static ui_play_ops off_ops = { off_begin, off_item, off_end, NULL };

/* A fresh panel over the player's (new) tap. */
static int offline_panel(ui_app *a)
{
	ui_wire *w = ui_wire_new(ui_play_tap(a->play), wire_width(a));
	if (!w)
		return -1;
	wb_tap_listen(ui_play_tap(a->play), ui_app_on_frame, a);
	show_wire(a, w);
	char s[200];
	snprintf(s, sizeof s, "offline: %zu recorded commands, no network. "
		 "Space or n shows the next one with the frames it recorded, "
		 "p or Backspace goes back.", ui_play_count(a->play));
	ui_wire_text(w, UI_TX_INFO, s);
	return 0;
}

int ui_offline_open(ui_app *a, const char *path, wb_buf *msg)
{
	wb_buf why = WB_BUF_INIT;
	wb_err e = wb_session_load(path, &a->offline, &why);
	if (e) {
		wb_buf_printf(msg, "%s: %s", wb_err_name(e), why.p ? why.p : "");
		wb_buf_free(&why);
		return -1;
	}
	off_ops.arg = a;
	a->play = ui_play_new(a->offline, FEED_CAP);
	if (!a->play) {
		wb_buf_adds(msg, "out of memory");
		return -1;
	}
	return 0;
}

void ui_offline_start(ui_app *a)
{
	if (offline_panel(a) < 0)
		ui_hint_error(a, "MemoryError", "cannot show the recording");
	ui_cmdline_show("offline> ", "(Space shows the first command)");
}

void ui_offline_cmdline(ui_app *a)
{
	size_t pos = a->play ? ui_play_pos(a->play) : 0;
	if (!a->play)
		return;
	if (pos)
		ui_cmdline_show("offline> ",
				wb_session_cmd(a->offline, pos - 1)->line);
	else
		ui_cmdline_show("offline> ", "(Space shows the first command)");
}

static void offline_next(ui_app *a)
{
	if (!ui_play_next(a->play, &off_ops)) {
		ui_hint_error(a, "end", "that was the last recorded command "
			      "(p goes back)");
		return;
	}
	ui_scroll_end(&a->scroll);
}

/* Shows the first k commands again, from an empty panel. */
static void offline_goto(ui_app *a, size_t k)
{
	show_wire(a, a->live); /* the panel lets go of the tap the reset frees */
	if (ui_play_reset(a->play) || offline_panel(a) < 0) {
		ui_hint_error(a, "MemoryError", "cannot go back");
		return;
	}
	ui_timing_init(&a->tm);
	ui_resp_body_reset(&a->body);
	a->expect[0] = '\0';
	wb_buf_clear(&a->hint);
	a->hint_error = 0;
	while (ui_play_pos(a->play) < k && ui_play_next(a->play, &off_ops))
		;
	ui_offline_cmdline(a);
	ui_scroll_end(&a->scroll);
}

int ui_sessions_key(ui_app *a, int ch)
{
	if (!a->play)
		return 0;
	if (ch == ' ' || ch == 'n') {
		wb_buf_clear(&a->hint);
		a->hint_error = 0;
		offline_next(a);
	} else if (ch == 'p' || ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (ui_play_pos(a->play))
			offline_goto(a, ui_play_pos(a->play) - 1);
	} else if (ch == 'q') {
		a->quit = 1;
	} else {
		return 0;
	}
	for (int i = 0; i < UI_P__COUNT; i++)
		ui_dirty(a, i);
	return 1;
}

/* ---- replay --------------------------------------------------------- */

void ui_replay_leave(ui_app *a)
{
	if (!a->replay)
		return;
	show_wire(a, a->live);
	ui_feed_free(a->replay);
	a->replay = NULL;
	a->diffs = 0;
	ui_scroll_end(&a->scroll);
}

static void replay_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	ui_app *a = arg;
	if (a->replay)
		ui_feed_event(a->replay, ev, f);
	ui_dirty(a, UI_P_WIRE);
}

static void r_begin(void *arg, unsigned n, const char *line)
{
	ui_app *a = arg;
	if (a->replay)
		ui_wire_begin(a->wire, n, line);
}

static void r_result(void *arg, const wb_result *r)
{
	ui_app *a = arg;
	wb_buf b = WB_BUF_INIT;
	ui_result_text(r, &b);
	if (a->replay && b.n)
		ui_wire_text(a->wire, UI_TX_RESULT, b.p);
	wb_buf_free(&b);
}

static void r_error(void *arg, wb_err e, const char *name, const char *msg)
{
	ui_app *a = arg;
	wb_buf b = WB_BUF_INIT;
	(void)e;
	wb_buf_printf(&b, "%s: %s", name, msg);
	if (a->replay)
		ui_wire_text(a->wire, UI_TX_ERROR, b.p ? b.p : "");
	wb_buf_free(&b);
}

static void r_expected(void *arg, const char *name, const char *msg)
{
	ui_app *a = arg;
	wb_buf b = WB_BUF_INIT;
	wb_buf_printf(&b, "raised %s as expected: %s", name, msg);
	if (a->replay)
		ui_wire_text(a->wire, UI_TX_RESULT, b.p ? b.p : "");
	wb_buf_free(&b);
}

static void r_end(void *arg, wb_err e)
{
	ui_app *a = arg;
	(void)e;
	if (a->replay)
		ui_wire_end(a->wire);
}

static void replay_start(void *arg, wb_interp *rin, size_t n)
{
	ui_app *a = arg;
	ui_replay_leave(a);
	a->replay = ui_feed_new(FEED_CAP);
	ui_wire *w = a->replay ? ui_wire_new(ui_feed_tap(a->replay),
					     wire_width(a)) : NULL;
	if (!w) { /* the replay still runs; its report still shows */
		ui_feed_free(a->replay);
		a->replay = NULL;
		ui_hint_error(a, "MemoryError", "cannot show the replay");
	} else {
		show_wire(a, w);
		char s[200];
		snprintf(s, sizeof s, "replay: %zu recorded commands run again "
			 "on a fresh connection; frames that differ from the "
			 "recording are marked \xe2\x89\xa0", n);
		ui_wire_text(w, UI_TX_INFO, s);
	}
	wb_tap_listen_full(wb_interp_tap(rin), replay_frame, a);
	wb_out out = { .begin = r_begin, .result = r_result, .error = r_error,
		       .end = r_end, .expected = r_expected, .arg = a };
	wb_interp_set_out(rin, &out);
	ui_app_attach(a, rin);
}

/* Before each command of replay --step: the command waits on the command
 * line until Space or n runs it; Esc, Ctrl-C or q stop the replay. */
static int replay_step(void *arg, size_t i, const char *line)
{
	ui_app *a = arg;
	const char *busy = a->busy; /* nothing waits on the network now */
	a->busy = NULL;
	a->stepping = 1;
	ui_cmdline_show("replay> ", line);
	wb_buf_clear(&a->hint);
	a->hint_error = 0;
	wb_buf_printf(&a->hint, "step: command %zu is next; Space or n runs "
		      "it, Esc stops the replay", i + 1);
	ui_dirty(a, UI_P_HINT);
	int stop = 0;
	for (;;) {
		int ch = ui_wait_key(a);
		if (ch == ' ' || ch == 'n')
			break;
		if (ch == 27 || ch == 3 || ch == 'q' || ch < 0) {
			stop = 1;
			break;
		}
	}
	a->stepping = 0;
	a->busy = busy;
	wb_buf_clear(&a->hint);
	ui_dirty(a, UI_P_HINT);
	ui_cmdline_show(NULL, NULL);
	return stop;
}

static void replay_done(void *arg, int rc, const wb_diff_marks *marks,
			const wb_buf *report)
{
	ui_app *a = arg;
	(void)rc;
	ui_app_attach(a, NULL);
	if (!a->replay)
		return;
	wb_buf why = WB_BUF_INIT;
	for (size_t i = 0; i < marks->n; i++) {
		const wb_diff_mark *m = &marks->v[i];
		uint64_t id = m->id ? ui_feed_id(a->replay, m->id) : 0;
		wb_buf_clear(&why);
		wb_buf_add(&why, report->p + m->off, m->len);
		ui_wire_mark(a->wire, (unsigned)m->cmd + 1, id,
			     why.p ? why.p : "");
	}
	wb_buf_free(&why);
	a->diffs = marks->n;
	ui_scroll_end(&a->scroll);
	ui_dirty(a, UI_P_WIRE);
}

static wb_replay_view view = { replay_start, replay_step, replay_done, NULL };

void ui_replay_install(ui_app *a)
{
	view.arg = a;
	wb_interp_set_replay_view(a->in, &view);
}

void ui_sessions_free(ui_app *a)
{
	if (a->wire != a->live)
		ui_wire_free(a->wire);
	a->wire = a->live;
	ui_feed_free(a->replay);
	a->replay = NULL;
	ui_play_free(a->play);
	a->play = NULL;
	wb_session_free(a->offline);
	a->offline = NULL;
}
