/* bar_view.c - status bar and message row. */
#include "bar_view.h"

#include <string.h>

#include "base/text.h"
#include "draw.h"
#include "model/preview.h"
#include "theme.h"
#include "net/tls.h"

/* Offline: what the recording says, up to the command shown. */
static void offline_info(ui_app *a, ui_bar_info *si)
{
	const wb_tap_stats *st = wb_tap_stats_get(ui_play_tap(a->play));
	const ui_play_resp *r = ui_play_response(a->play);
	*si = (ui_bar_info){ .url = ui_play_url(a->play), .offline = 1,
			     .will_close = r->have ? r->will_close : -1,
			     .out = st->bytes_out, .in = st->bytes_in,
			     .tm = &a->tm, .state = "recorded" };
}

static void status_info(ui_app *a, ui_bar_info *si)
{
	if (a->play) {
		offline_info(a, si);
		return;
	}
	wb_conn *c = wb_interp_conn(a->in);
	const wb_tap_stats *st = wb_tap_stats_get(wb_interp_tap(a->in));
	wb_resp *r = c ? wb_conn_response(c) : NULL;
	*si = (ui_bar_info){ .url = wb_interp_url(a->in), .will_close = -1,
				.out = st->bytes_out, .in = st->bytes_in,
				.tm = &a->tm, .busy = a->busy,
				.replay = a->replay != NULL,
				.diffs = a->diffs };
	if (!c)
		return;
	si->host = wb_conn_host(c);
	si->port = wb_conn_port(c);
	si->https = wb_conn_https(c);
	si->transport = wb_conn_transport_name(c);
	si->target = wb_conn_tunnel_host(c, &si->target_port);
	si->tunnel = si->target != NULL;
	if (!si->target)
		si->target = wb_conn_proxy_base(c);
	si->insecure = wb_conn_tls(c) && wb_tls_config_insecure(wb_conn_tls(c));
	si->state = wb_conn_state_name(wb_conn_state(c));
	if (r)
		si->will_close = wb_resp_will_close(r);
}

static void draw_status(ui_app *a, WINDOW *w)
{
	ui_bar_info si;
	wb_buf b = WB_BUF_INIT;
	status_info(a, &si);
	ui_bar_format(&b, &si);
	ui_draw_title(w, 0, b.p, "");
	wb_buf_free(&b);
}

static void draw_hint(ui_app *a, WINDOW *w)
{
	const wb_buf *b = a->matches.n ? &a->matches : &a->hint;
	ui_style st = a->matches.n ? UI_ST_RESULT
		      : a->hint_error ? UI_ST_ERROR : UI_ST_ANNOT;
	wb_buf idle = WB_BUF_INIT;
	if (!b->n && a->play)
		ui_footer_mode(&idle, (size_t)getmaxx(w), UI_FOOT_OFFLINE,
			       ui_play_pos(a->play), ui_play_count(a->play));
	else if (!b->n && a->replay)
		ui_footer_mode(&idle, (size_t)getmaxx(w), UI_FOOT_REPLAY, 0,
			       a->diffs);
	else if (!b->n)
		ui_footer_format(&idle, (size_t)getmaxx(w));
	const char *s = b->n ? b->p : idle.p ? idle.p : "";
	wmove(w, 0, 0);
	ui_draw_text(w, s, strlen(s), getmaxx(w), ui_theme_attr(st));
	wclrtoeol(w);
	wb_buf_free(&idle);
}

void ui_hint_update(ui_app *a, const char *line)
{
	wb_buf_clear(&a->matches);
	a->hint_error = 0;
	ui_preview(line, wb_interp_url(a->in), wb_interp_conn(a->in), &a->hint);
	if (!a->hint.n) {
		char name[32];
		size_t n = strcspn(line + strspn(line, " "), " ");
		const char *w = line + strspn(line, " ");
		for (size_t i = 0; n && n < sizeof name && i < wb_interp_ncmds(); i++) {
			const wb_cmd_info *ci = wb_interp_cmd(i);
			memcpy(name, w, n);
			name[n] = '\0';
			if (!strcmp(ci->name, name))
				wb_buf_printf(&a->hint, "%s \xe2\x80\x94 %s",
					      ci->usage, ci->help);
		}
	}
	ui_dirty(a, UI_P_HINT);
}

void ui_hint_error(ui_app *a, const char *name, const char *msg)
{
	wb_buf_clear(&a->hint);
	wb_buf_printf(&a->hint, "\xe2\x9c\x97 %s: ", name);
	wb_text_safe(&a->hint, msg, strlen(msg), 0); /* may quote peer bytes */
	a->hint_error = 1;
	ui_dirty(a, UI_P_HINT);
}

const ui_panel_ops ui_bar_view_ops = { "status", draw_status };
const ui_panel_ops ui_hint_view_ops = { "hint", draw_hint };
