/* cmdline.c - the readline bridge (notes/readline-in-curses.md). */
#include "cmdline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "bar_view.h"
#include "model/complete.h"
#include "model/histpath.h"
#include "model/wire_model.h"
#include "model/glyph.h"
#include "draw.h"
#include "theme.h"

#define QUEUE 256

static ui_app *app;
static WINDOW *win;
static unsigned char queue[QUEUE];
static size_t q_head, q_len;
static char *entered;     /* line handed over by readline */
static int got_line, got_eof, search_mode, entered_search, installed;
static FILE *devnull;
static wb_buf history_path;
static int history_reported; /* a failure to save is shown once */
static wb_buf history_error;  /* why the folder could not be made */

static void history_save(void);
static char *last_line;   /* line the hint was computed for */
static wb_buf shown;      /* ui_cmdline_show: prompt, NUL, text */
static size_t shown_prompt; /* 0: readline's line is shown */

static int cl_getc(FILE *f)
{
	(void)f;
	if (!q_len)
		return EOF;
	int c = queue[q_head];
	q_head = (q_head + 1) % QUEUE;
	q_len--;
	return c;
}

static int cl_avail(void)
{
	return q_len > 0;
}

static void push(const char *s)
{
	for (; *s && q_len < QUEUE; s++)
		queue[(q_head + q_len++) % QUEUE] = (unsigned char)*s;
}

/* Redisplay only marks the row: the loop paints once per turn. */
static void cl_redisplay(void)
{
	if (!last_line || strcmp(last_line, rl_line_buffer)) {
		free(last_line);
		last_line = strdup(rl_line_buffer);
		if (!search_mode)
			ui_hint_update(app, rl_line_buffer);
	}
}

/* `set --secret NAME VALUE` holds a secret in clear: it stays out of the
 * history file. */
static int secret_line(const char *line)
{
	line += strspn(line, " \t");
	if (strncmp(line, "set", 3) || !strchr(" \t", line[3]) || !line[3])
		return 0;
	line += 3 + strspn(line + 3, " \t");
	return !strncmp(line, "--secret", 8);
}

static void cl_on_line(char *line)
{
	if (!line) {
		got_eof = 1;
		return;
	}
	if (*line && !search_mode && !secret_line(line)) {
		HIST_ENTRY *h = history_length ? history_get(history_base +
							     history_length - 1)
					       : NULL;
		if (!h || strcmp(h->line, line)) {
			add_history(line);
			history_save();
		}
	}
	free(entered);
	entered = line;
	entered_search = search_mode;
	got_line = 1;
}

static char *file_gen(const char *text, int state)
{
	char *m = rl_filename_completion_function(text + 1, state);
	if (!m)
		return NULL;
	char *at = malloc(strlen(m) + 2);
	if (at) {
		at[0] = '@';
		strcpy(at + 1, m);
	}
	free(m);
	return at;
}

static const char *cands[128];
static size_t ncands;

static char *table_gen(const char *text, int state)
{
	static size_t i;
	(void)text;
	if (!state)
		i = 0;
	return i < ncands ? strdup(cands[i++]) : NULL;
}

static char **cl_complete(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1;
	if (ui_complete_is_file(rl_line_buffer, (size_t)start)) {
		rl_filename_completion_desired = 1;
		return rl_completion_matches(text, file_gen);
	}
	ncands = ui_complete(rl_line_buffer, (size_t)start, (size_t)end,
			     cands, sizeof cands / sizeof cands[0]);
	return ncands ? rl_completion_matches(text, table_gen) : NULL;
}

static void cl_show_matches(char **matches, int n, int longest)
{
	(void)longest;
	wb_buf_clear(&app->matches);
	wb_buf_adds(&app->matches, "matches:");
	for (int i = 1; i <= n; i++)
		wb_buf_printf(&app->matches, " %s", matches[i]);
	ui_dirty(app, UI_P_HINT);
}

/* Tells the user, once per run, that the history is not being kept. */
static void history_problem(const char *why)
{
	if (history_reported)
		return;
	history_reported = 1;
	wb_buf b = WB_BUF_INIT;
	wb_buf_printf(&b, "history is not saved: %s", why);
	ui_wire_text(app->wire, UI_TX_ERROR, wb_buf_str(&b));
	if (b.n > strlen("history "))
		ui_hint_error(app, "history", b.p + strlen("history "));
	wb_buf_free(&b);
}

static void history_init(void)
{
	using_history();
	stifle_history(1000);
	wb_buf_clear(&history_error); /* shown at the first save, below the
				       * welcome text */
	if (ui_histpath_make(getenv("XDG_STATE_HOME"), getenv("HOME"),
			     &history_path, &history_error) == 0)
		read_history(history_path.p);
}

/* Saved after every line, so a crash or a closed terminal loses nothing. */
static void history_save(void)
{
	if (history_error.n)
		history_problem(history_error.p);
	if (!history_path.n || history_reported)
		return;
	int err = write_history(history_path.p);
	if (err) {
		wb_buf why = WB_BUF_INIT;
		wb_buf_printf(&why, "cannot write %s: %s", history_path.p,
			      strerror(err));
		history_problem(wb_buf_str(&why));
		wb_buf_free(&why);
	}
}

void ui_cmdline_init(ui_app *a, WINDOW *w)
{
	app = a;
	win = w;
	devnull = fopen("/dev/null", "w");
	rl_readline_name = "wirebench";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	rl_getc_function = cl_getc;
	rl_input_available_hook = cl_avail;
	rl_redisplay_function = cl_redisplay;
	rl_attempted_completion_function = cl_complete;
	rl_completion_display_matches_hook = cl_show_matches;
	rl_completer_word_break_characters = " \t";
	rl_outstream = devnull ? devnull : stderr;
	history_init();
	rl_callback_handler_install("wb> ", cl_on_line);
	installed = 1;
	ui_cmdline_resize(w);
}

void ui_cmdline_resize(WINDOW *w)
{
	win = w;
	rl_set_screen_size(1, getmaxx(w));
}

void ui_cmdline_feed(int key)
{
	static const struct { int key; const char *seq; } map[] = {
		{ KEY_UP, "\033[A" },    { KEY_DOWN, "\033[B" },
		{ KEY_RIGHT, "\033[C" }, { KEY_LEFT, "\033[D" },
		{ KEY_HOME, "\033[H" },  { KEY_END, "\033[F" },
		{ KEY_DC, "\033[3~" },   { KEY_IC, "\033[2~" },
		{ KEY_BACKSPACE, "\177" }, { KEY_ENTER, "\r" },
	};
	char one[2] = { (char)key, 0 };
	if (key >= 0 && key < 256) {
		if (key == 0)
			return;
		push(one);
	} else if (key == UI_CMDLINE_PUMP) {
		/* only run what is queued (type-ahead during a command) */
	} else {
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (map[i].key == key)
				push(map[i].seq);
	}
	while (q_len && !got_line && !got_eof)
		rl_callback_read_char();
}

char *ui_cmdline_take(int *eof, int *search)
{
	*eof = got_eof;
	*search = entered_search;
	got_eof = 0;
	if (!got_line)
		return NULL;
	got_line = 0;
	char *l = entered;
	entered = NULL;
	return l;
}

int ui_cmdline_empty(void)
{
	return !rl_line_buffer || !rl_line_buffer[0];
}

void ui_cmdline_clear(void)
{
	rl_callback_sigcleanup();
	rl_free_line_state();
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	rl_done = 0;
	q_len = 0;
	cl_redisplay();
}

void ui_cmdline_search_mode(int on)
{
	search_mode = on;
	rl_set_prompt(on ? "/" : "wb> ");
	rl_replace_line("", 0);
	rl_point = 0;
}

/* Columns of the first n bytes of s (UTF-8, wide characters count 2). */
static int width_of(const char *s, size_t n)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int cols = 0;
	for (size_t i = 0; i < n;) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, n - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			k = 1;
			wc = L'?';
		}
		int w = wcwidth(wc);
		cols += w > 0 ? w : 0;
		i += k;
	}
	return cols;
}

void ui_cmdline_show(const char *prompt, const char *text)
{
	wb_buf_clear(&shown);
	shown_prompt = 0;
	if (!prompt || wb_buf_adds(&shown, prompt) || wb_buf_addc(&shown, '\0'))
		return;
	shown_prompt = shown.n;
	ui_glyph_puts(&shown, text, strlen(text));
}

static void draw_shown(void)
{
	int cols = getmaxx(win);
	wmove(win, 0, 0);
	int pw = ui_draw_text(win, shown.p, shown_prompt - 1, cols, A_BOLD);
	ui_draw_text(win, shown.p + shown_prompt, shown.n - shown_prompt,
		     cols - pw, A_NORMAL);
	wclrtoeol(win);
	wnoutrefresh(win);
}

void ui_cmdline_draw(void)
{
	if (shown_prompt) {
		draw_shown();
		return;
	}
	const char *prompt = rl_display_prompt ? rl_display_prompt : "wb> ";
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	int cols = getmaxx(win);
	int pw = width_of(prompt, strlen(prompt));
	int cur = width_of(line, (size_t)rl_point);
	size_t skip = 0; /* scroll horizontally to keep the cursor shown */
	while (pw + cur - width_of(line, skip) >= cols - 1 && line[skip]) {
		skip++;
		while ((line[skip] & 0xc0) == 0x80)
			skip++;
	}
	wmove(win, 0, 0);
	ui_draw_text(win, prompt, strlen(prompt), cols, A_BOLD);
	ui_draw_text(win, line + skip, strlen(line + skip), cols - pw,
		     A_NORMAL);
	wclrtoeol(win);
	wmove(win, 0, pw + cur - width_of(line, skip));
	wnoutrefresh(win);
}

void ui_cmdline_done(void)
{
	if (!installed)
		return;
	installed = 0;
	rl_callback_handler_remove();
	if (history_path.n && !history_reported)
		write_history(history_path.p);
	wb_buf_free(&history_path);
	wb_buf_free(&history_error);
	free(entered);
	entered = NULL;
	free(last_line);
	last_line = NULL;
	wb_buf_free(&shown);
	shown_prompt = 0;
	if (devnull)
		fclose(devnull);
	devnull = NULL;
	clear_history();
}
