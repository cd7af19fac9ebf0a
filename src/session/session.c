/* session.c - the in-memory session: commands and their items. */
#include "session.h"

#include <stdlib.h>
#include <string.h>

struct wb_session {
	wb_scmd *cmds;
	size_t n, cap;
	char *tail;
	uint64_t max_id;
};

wb_session *wb_session_new(void)
{
	return wb_calloc(1, sizeof(wb_session));
}

static void free_item(wb_sitem *it)
{
	free(it->data);
	free(it->note);
}

void wb_session_free(wb_session *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		wb_scmd *c = &s->cmds[i];
		for (size_t k = 0; k < c->nitems; k++)
			free_item(&c->items[k]);
		free(c->items);
		free(c->pre);
		free(c->line);
	}
	free(s->cmds);
	free(s->tail);
	free(s);
}

size_t wb_session_ncmds(const wb_session *s)
{
	return s->n;
}

const wb_scmd *wb_session_cmd(const wb_session *s, size_t i)
{
	return i < s->n ? &s->cmds[i] : NULL;
}

wb_scmd *wb_session_cmd_mut(wb_session *s, size_t i)
{
	return i < s->n ? &s->cmds[i] : NULL;
}

const wb_sitem *wb_session_frame(const wb_session *s, size_t before,
				 uint64_t id)
{
	if (!s->n)
		return NULL;
	for (size_t i = before < s->n ? before + 1 : s->n; i-- > 0;) {
		const wb_scmd *c = &s->cmds[i];
		for (size_t k = c->nitems; k-- > 0;)
			if (c->items[k].kind == WB_SI_FRAME &&
			    c->items[k].id == id)
				return &c->items[k];
	}
	return NULL;
}

uint64_t wb_session_max_id(const wb_session *s)
{
	return s->max_id;
}

const char *wb_session_tail(const wb_session *s)
{
	return s->tail;
}

void wb_sitem_frame(const wb_sitem *it, wb_frame *out)
{
	*out = (wb_frame){ .id = it->id, .dir = it->dir, .kind = it->fkind,
			   .state = it->state, .len = it->len + it->unrecorded,
			   .stored = it->len, .chunk_size = it->chunk_size,
			   .chunk_no = it->chunk_no, .note = it->note,
			   .data = it->data };
}

/* A NUL-terminated copy of n bytes (NULL only when memory runs out). */
static char *copy(const void *p, size_t n)
{
	char *c = wb_malloc(n + 1);
	if (!c)
		return NULL;
	if (n)
		memcpy(c, p, n);
	c[n] = '\0';
	return c;
}

wb_err wb_session_add_cmd(wb_session *s, const char *pre, const char *line,
			  double t)
{
	wb_scmd *cmds = wb_grow(s->cmds, &s->cap, s->n, sizeof *cmds);
	if (!cmds)
		return WB_E_NOMEM;
	s->cmds = cmds;
	wb_scmd c = { .t = t, .line = copy(line, strlen(line)) };
	if (pre)
		c.pre = copy(pre, strlen(pre));
	if (!c.line || (pre && !c.pre)) {
		free(c.line);
		free(c.pre);
		return WB_E_NOMEM;
	}
	s->cmds[s->n++] = c;
	return WB_OK;
}

wb_err wb_session_add_item(wb_session *s, const wb_sitem *it,
			   const void *data, size_t len, const char *note)
{
	if (!s->n)
		return WB_E_VALUE;
	wb_scmd *c = &s->cmds[s->n - 1];
	wb_sitem *items = wb_grow(c->items, &c->cap, c->nitems, sizeof *items);
	if (!items)
		return WB_E_NOMEM;
	c->items = items;
	wb_sitem n = *it;
	if (n.kind == WB_SI_ERROR && !note)
		note = "Error"; /* an error always has a name */
	n.data = copy(data, len);
	n.len = len;
	n.note = note ? copy(note, strlen(note)) : NULL;
	if (!n.data || (note && !n.note)) {
		free(n.data);
		free(n.note);
		return WB_E_NOMEM;
	}
	if (n.kind == WB_SI_FRAME && n.id > s->max_id)
		s->max_id = n.id;
	c->items[c->nitems++] = n;
	return WB_OK;
}

wb_err wb_session_set_tail(wb_session *s, const char *tail)
{
	char *t = tail ? copy(tail, strlen(tail)) : NULL;
	if (tail && !t)
		return WB_E_NOMEM;
	free(s->tail);
	s->tail = t;
	return WB_OK;
}
