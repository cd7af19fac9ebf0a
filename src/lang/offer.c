/* offer.c - the commands an import made, kept for the front end to offer
 * one at a time (the workbench steps through them) instead of running
 * them at once as batch mode and the REPL do. */
#include "interp_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

void wb_interp_set_offer(wb_interp *in, int on)
{
	in->offer_on = on;
}

/* Only an import typed at the top level is offered: one inside a sourced
 * file is part of a script and runs its commands in place. */
int wb_offer_wanted(const wb_interp *in)
{
	return in->offer_on && !in->running && !in->depth;
}

/* The offers not yet taken. */
static size_t left(const wb_interp *in)
{
	return in->offered.n - in->offer_at;
}

/* A line that does nothing when run (blank, or a comment such as the
 * notes an import writes): shown with the import's result, not offered. */
static int no_op(const char *line)
{
	line += strspn(line, " \t");
	return !*line || *line == '#';
}

/* Keeps the lines of q that do something, in order. */
static void drop_no_ops(wb_lines *q)
{
	size_t k = 0;
	for (size_t i = 0; i < q->n; i++) {
		if (no_op(q->v[i]))
			free(q->v[i]);
		else
			q->v[k++] = q->v[i];
	}
	q->n = k;
}

wb_err wb_offer_take_queue(wb_interp *in)
{
	wb_lines q = in->queue;
	in->queue = (wb_lines){ 0 };
	drop_no_ops(&q);
	if (!left(in)) { /* the common case: nothing else offered */
		wb_lines_free(&in->offered);
		in->offered = q;
		in->offer_at = 0;
		return WB_OK;
	}
	/* an offered import made more: they come before the rest, as they
	 * would run before the rest if typed */
	size_t rest = left(in), n = q.n + rest;
	char **v = wb_malloc(n * sizeof *v);
	if (!v) {
		wb_lines_free(&q);
		return wb_interp_fail(in, WB_E_NOMEM, "out of memory: the "
				      "imported commands are not offered");
	}
	memcpy(v, q.v, q.n * sizeof *v);
	memcpy(v + q.n, in->offered.v + in->offer_at, rest * sizeof *v);
	free(q.v);
	in->offered.n = in->offer_at; /* the moved strings stay alive */
	wb_lines_free(&in->offered);
	in->offered = (wb_lines){ .v = v, .n = n, .cap = n };
	in->offer_at = 0;
	return WB_OK;
}

const char *wb_interp_offer_peek(const wb_interp *in, size_t *pos,
				 size_t *total)
{
	if (!left(in))
		return NULL;
	if (pos)
		*pos = in->offer_at + 1;
	if (total)
		*total = in->offered.n;
	return in->offered.v[in->offer_at];
}

void wb_interp_offer_pop(wb_interp *in)
{
	if (!left(in))
		return;
	free(in->offered.v[in->offer_at]);
	in->offered.v[in->offer_at++] = NULL;
	if (!left(in)) {
		wb_lines_free(&in->offered);
		in->offer_at = 0;
	}
}

size_t wb_interp_offer_drop(wb_interp *in)
{
	size_t n = left(in);
	wb_lines_free(&in->offered); /* frees NULL for the taken ones */
	in->offer_at = 0;
	return n;
}
