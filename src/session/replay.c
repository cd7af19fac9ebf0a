/* replay.c - the recorded commands, run again. */
#include "replay.h"

#include <stdlib.h>
#include <string.h>

#include "lang/batch.h"
#include "lang/interp.h"
#include "lang/transcript.h"
#include "redact.h"

/* Errors that mean the replay could not reach its peer at all. */
static int unreachable(wb_err e)
{
	return e == WB_E_CONN_REFUSED || e == WB_E_GAI;
}

static int recorded_error(const wb_scmd *c, const char *name)
{
	for (size_t k = 0; k < c->nitems; k++)
		if (c->items[k].kind == WB_SI_ERROR &&
		    !strcmp(c->items[k].note, name))
			return 1;
	return 0;
}

int wb_replay_run(const wb_session *s, const wb_replay_opts *o, wb_buf *report)
{
	/* any allocation that fails during the replay makes it a failed
	 * replay (2), never a difference of the server's (1) nor a clean run:
	 * a comparison that lost memory may have missed what differs */
	unsigned long fails = wb_alloc_failures();
	size_t start = report->n;
	wb_interp *in = wb_interp_new(o->tap_cap ? o->tap_cap : 1u << 20);
	if (!in) {
		wb_buf_adds(report, "replay failed: out of memory\n");
		return 2;
	}
	wb_interp_set_dir(in, o->dir ? o->dir : ".");
	wb_buf line = WB_BUF_INIT;
	if (wb_interp_define(in, o->defs, o->ndefs, &line)) {
		wb_buf_adds(report, "replay failed: ");
		wb_buf_adds(report, line.p ? line.p : "out of memory");
		wb_buf_addc(report, '\n');
		wb_buf_free(&line);
		wb_interp_free(in);
		return 2;
	}
	int failed = 0;
	size_t n = wb_session_ncmds(s);
	const wb_replay_view *v = o->view;
	if (v && v->start)
		v->start(v->arg, in, n);
	for (size_t i = 0; i < n && !failed; i++) {
		const wb_scmd *c = wb_session_cmd(s, i);
		if (o->step && v && v->step && v->step(v->arg, i, c->line)) {
			wb_buf_printf(report, "replay stopped before command "
				      "%zu\n", i + 1);
			failed = 1;
			break;
		}
		wb_buf_clear(&line);
		int pointed = o->url || o->nopen_opts
				      ? wb_batch_point_open(c->line, o->url,
							    o->open_opts,
							    o->nopen_opts, &line)
				      : 0;
		if (pointed < 0 || (!pointed && wb_buf_adds(&line, c->line)))
			break; /* out of memory: said below */
		wb_err e = wb_interp_exec(in, line.p);
		if (unreachable(e) && !recorded_error(c, wb_err_name(e))) {
			wb_buf_printf(report, "command %zu: replay failed: "
				      "%s: ", i + 1, wb_err_name(e));
			wb_transcript_escape(report, wb_interp_message(in),
					     strlen(wb_interp_message(in)));
			wb_buf_addc(report, '\n');
			failed = 1;
		}
	}
	if (wb_interp_conn(in))
		wb_conn_close(wb_interp_conn(in));
	size_t diffs = 0;
	wb_diff_marks marks = { 0 };
	size_t nsec = wb_interp_nsecrets(in);
	const char **sec = wb_calloc(nsec + 1, sizeof *sec);
	for (size_t k = 0; sec && k < nsec; k++)
		sec[k] = wb_interp_secret(in, k);
	wb_redact red = { .headers = 1, .secrets = sec, .nsecrets = nsec };
	if (!failed && sec) {
		wb_diff_opts d = o->diff;
		d.skip_host = d.skip_host || o->url != NULL;
		d.redact = &red;
		d.marks = v ? &marks : NULL;
		diffs = wb_session_diff(s, wb_interp_session(in), &d, report);
		wb_buf_printf(report, "replay: %zu command%s, %zu difference%s\n",
			      n, n == 1 ? "" : "s", diffs, diffs == 1 ? "" : "s");
	}
	if (wb_alloc_failures() != fails) {
		report->n = start; /* what it holds may be incomplete */
		report->oom = 0;
		if (report->p)
			report->p[start] = '\0';
		wb_buf_adds(report, "replay failed: out of memory\n");
		wb_diff_marks_free(&marks);
		failed = 1;
	}
	int rc = failed ? 2 : diffs ? 1 : 0;
	if (v && v->done)
		v->done(v->arg, rc, &marks, report);
	wb_diff_marks_free(&marks);
	free(sec);
	wb_buf_free(&line);
	wb_interp_free(in);
	return rc;
}
