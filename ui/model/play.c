/* play.c - a recorded session fed command by command. */
#include "play.h"

#include <stdlib.h>
#include <string.h>

typedef struct hlist {
	const wb_sitem **v;
	size_t n, cap;
} hlist;

struct ui_play {
	const wb_session *s;
	size_t cap, pos;
	ui_feed *feed;
	double now;
	char *url;
	ui_play_resp resp;
	hlist head;    /* header frames of the response head being read */
	hlist shown;   /* those of the recorded response shown */
	int in_head;
};

ui_play *ui_play_new(const wb_session *s, size_t cap)
{
	ui_play *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->s = s;
	p->cap = cap;
	p->feed = ui_feed_new(cap);
	if (!p->feed) {
		free(p);
		return NULL;
	}
	return p;
}

static void forget(ui_play *p)
{
	free(p->url);
	free(p->head.v);
	free(p->shown.v);
	p->url = NULL;
	p->head = p->shown = (hlist){ 0 };
	p->resp = (ui_play_resp){ 0 };
	p->in_head = 0;
	p->pos = 0;
	p->now = 0;
}

void ui_play_free(ui_play *p)
{
	if (!p)
		return;
	forget(p);
	ui_feed_free(p->feed);
	free(p);
}

size_t ui_play_pos(const ui_play *p)
{
	return p->pos;
}

size_t ui_play_count(const ui_play *p)
{
	return wb_session_ncmds(p->s);
}

wb_tap *ui_play_tap(ui_play *p)
{
	return ui_feed_tap(p->feed);
}

double ui_play_now(const ui_play *p)
{
	return p->now;
}

const char *ui_play_url(const ui_play *p)
{
	return p->url;
}

const ui_play_resp *ui_play_response(const ui_play *p)
{
	return &p->resp;
}

size_t ui_play_nheaders(const ui_play *p)
{
	return p->shown.n;
}

void ui_play_header(const ui_play *p, size_t i, const char **name,
		    size_t *nn, const char **value, size_t *vn)
{
	const wb_sitem *it = p->shown.v[i];
	size_t end = it->len;
	while (end && (it->data[end - 1] == '\n' || it->data[end - 1] == '\r'))
		end--;
	const char *colon = memchr(it->data, ':', end);
	size_t k = colon ? (size_t)(colon - it->data) : end, v = k + !!colon;
	while (v < end && (it->data[v] == ' ' || it->data[v] == '\t'))
		v++;
	*name = it->data;
	*nn = k;
	*value = it->data + v;
	*vn = end - v;
}

wb_err ui_play_reset(ui_play *p)
{
	ui_feed *fd = ui_feed_new(p->cap);
	if (!fd)
		return WB_E_NOMEM;
	ui_feed_free(p->feed);
	p->feed = fd;
	forget(p);
	return WB_OK;
}

/* "open URL ...": the URL word, unquoted. */
static void note_open(ui_play *p, const char *line)
{
	line += strspn(line, " \t");
	if (strncmp(line, "open", 4) || (line[4] != ' ' && line[4] != '\t'))
		return;
	line += 4 + strspn(line + 4, " \t");
	char q = *line == '"' || *line == '\'' ? *line : 0;
	line += q != 0;
	size_t n = q ? strcspn(line, q == '"' ? "\"" : "'") : strcspn(line, " \t#");
	char *url = malloc(n + 1);
	if (!url)
		return;
	memcpy(url, line, n);
	url[n] = '\0';
	free(p->url);
	p->url = url;
}

/* A response head is read frame by frame: its header lines are kept
 * until getresponse's recorded result says which head it was (a 100
 * Continue's head comes first and is skipped the same way). */
static void head_frame(ui_play *p, const wb_sitem *it)
{
	if (it->dir != WB_DIR_IN)
		return;
	if (it->fkind == WB_FK_STATUS_LINE) {
		p->head.n = 0;
		p->in_head = 1;
	} else if (it->fkind == WB_FK_END_HEADERS) {
		p->in_head = 0;
	} else if (it->fkind == WB_FK_HEADER && p->in_head) {
		const wb_sitem **v = wb_grow(p->head.v, &p->head.cap, p->head.n,
					     sizeof *v);
		if (!v)
			return;
		p->head.v = v;
		v[p->head.n++] = it;
	}
}

static void result(ui_play *p, const wb_sitem *it)
{
	if (it->res == WB_SR_RESPONSE) {
		hlist t = p->shown;
		p->shown = p->head;
		p->head = t;
		p->head.n = 0;
		p->resp = (ui_play_resp){ 1, it->status, it->version,
					  it->chunked, it->will_close,
					  it->length, it->data, 0 };
	} else if (it->res == WB_SR_DATA) {
		p->resp.read += it->bytes;
	}
}

/* A flush or drop: the frame it settles, found in the session. */
static void settle(ui_play *p, const wb_sitem *it)
{
	const wb_sitem *fr = wb_session_frame(p->s, p->pos, it->id);
	if (!fr)
		return;
	wb_frame f;
	wb_sitem_frame(fr, &f);
	ui_feed_event(p->feed, it->kind == WB_SI_FLUSH ? WB_TAP_FLUSHED
						       : WB_TAP_DROPPED, &f);
}

static void show(ui_play *p, const wb_sitem *it, const ui_play_ops *ops)
{
	wb_frame f;
	switch (it->kind) {
	case WB_SI_FRAME:
		head_frame(p, it);
		wb_sitem_frame(it, &f);
		ui_feed_event(p->feed, WB_TAP_NEW, &f);
		return;
	case WB_SI_FLUSH:
	case WB_SI_DROP:
		settle(p, it);
		return;
	case WB_SI_RESULT:
		result(p, it);
		break;
	case WB_SI_ERROR:
	case WB_SI_END:
		break;
	}
	if (ops && ops->item)
		ops->item(ops->arg, it);
}

int ui_play_next(ui_play *p, const ui_play_ops *ops)
{
	const wb_scmd *c = wb_session_cmd(p->s, p->pos);
	if (!c)
		return 0;
	p->now = c->t;
	wb_tap_set_cmd(ui_feed_tap(p->feed), (unsigned)p->pos + 1);
	note_open(p, c->line);
	if (ops && ops->begin)
		ops->begin(ops->arg, p->pos, c->line);
	for (size_t k = 0; k < c->nitems; k++) {
		p->now = c->t + c->items[k].t;
		show(p, &c->items[k], ops);
	}
	if (ops && ops->end)
		ops->end(ops->arg, p->pos);
	p->pos++;
	return 1;
}
