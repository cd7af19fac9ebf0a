/* record.c - appending frames, results and errors to the session. */
#include "record.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/response.h"
#include "lang/transcript.h"

struct wb_rec {
	wb_tap *tap;
	wb_session *s;
	double start;      /* clock at the session's time 0 */
	double cmd_start;  /* clock when the running command began */
	uint64_t id_base;  /* added to tap ids: ids stay unique in a session */
	uint64_t kept;     /* bytes of frames and data held so far */
	uint64_t dropped;  /* bytes over WB_REC_CAP, not held */
	wb_err status;
	int listening;     /* on the tap (from the first recorded command) */
};

/* Whether n more bytes fit under the cap; counts them either way. */
static int room(wb_rec *r, size_t n)
{
	if (r->kept + n <= WB_REC_CAP) {
		r->kept += n;
		return 1;
	}
	r->dropped += n;
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void keep(wb_rec *r, const wb_sitem *it, const void *p, size_t n,
		 const char *note)
{
	if (!wb_session_ncmds(r->s))
		return; /* nothing has run yet */
	wb_err e = wb_session_add_item(r->s, it, p, n, note);
	if (e && !r->status)
		r->status = e;
}

static void on_frame(void *arg, wb_tap_event ev, const wb_frame *f)
{
	wb_rec *r = arg;
	if (!wb_session_ncmds(r->s)) /* not recording: skip the clock too */
		return;
	wb_sitem it = { .t = now() - r->cmd_start, .id = f->id + r->id_base };
	if (ev == WB_TAP_NEW) {
		it.kind = WB_SI_FRAME;
		it.dir = f->dir;
		it.fkind = f->kind;
		it.state = f->state;
		it.chunk_size = f->chunk_size;
		it.chunk_no = f->chunk_no;
		if (!room(r, f->stored)) { /* listed, without its bytes */
			it.unrecorded = f->stored;
			keep(r, &it, "", 0, f->note);
			return;
		}
		keep(r, &it, f->data, f->stored, f->note);
		return;
	}
	it.kind = ev == WB_TAP_FLUSHED ? WB_SI_FLUSH : WB_SI_DROP;
	keep(r, &it, "", 0, NULL);
}

wb_rec *wb_rec_new(wb_tap *tap)
{
	wb_rec *r = wb_calloc(1, sizeof *r);
	if (!r || !(r->s = wb_session_new())) {
		free(r);
		return NULL;
	}
	r->tap = tap;
	r->start = r->cmd_start = now();
	return r;
}

/* Frames before the first command are not recorded (keep() drops them):
 * the recorder listens from then on, so a run that records nothing (batch
 * mode without a session) does not pay for a listener on every frame. */
static void listen_from_now(wb_rec *r)
{
	if (r->listening)
		return;
	wb_tap_listen_full(r->tap, on_frame, r);
	r->listening = 1;
}

void wb_rec_free(wb_rec *r)
{
	if (!r)
		return;
	wb_tap_unlisten(r->tap, on_frame, r);
	wb_session_free(r->s);
	free(r);
}

void wb_rec_adopt(wb_rec *r, wb_session *s)
{
	wb_session_free(r->s);
	r->s = s;
	r->id_base = wb_session_max_id(s);
	size_t n = wb_session_ncmds(s);
	double last = n ? wb_session_cmd(s, n - 1)->t : 0;
	r->start = now() - last;
	if (n)
		listen_from_now(r);
}

const wb_session *wb_rec_session(const wb_rec *r)
{
	return r->s;
}

void wb_rec_begin(wb_rec *r, const char *line)
{
	r->cmd_start = now();
	listen_from_now(r);
	wb_err e = wb_session_add_cmd(r->s, NULL, line, r->cmd_start - r->start);
	if (e && !r->status)
		r->status = e;
}

static void response(wb_rec *r, wb_sitem *it, wb_resp *resp)
{
	wb_transcript_resp v;
	wb_transcript_resp_of(resp, &v);
	it->res = WB_SR_RESPONSE;
	it->status = v.status;
	it->version = v.version;
	it->length = v.length;
	it->chunked = v.chunked;
	it->will_close = v.will_close;
	keep(r, it, v.reason, strlen(v.reason), NULL);
}

void wb_rec_result(wb_rec *r, const wb_result *res)
{
	wb_sitem it = { .kind = WB_SI_RESULT, .t = now() - r->cmd_start };
	wb_buf text = WB_BUF_INIT;
	switch (res->kind) {
	case WB_RES_RESPONSE:
		response(r, &it, res->resp);
		break;
	case WB_RES_DATA:
		it.res = WB_SR_DATA;
		it.bytes = res->bytes; /* over the cap: the count, no bytes */
		keep(r, &it, res->data, room(r, res->stored) ? res->stored : 0,
		     NULL);
		break;
	case WB_RES_STATE:
		it.res = WB_SR_STATE;
		if (wb_transcript_state_text(&text, res->conn) && !r->status)
			r->status = WB_E_NOMEM;
		keep(r, &it, text.p ? text.p : "", text.n, NULL);
		break;
	case WB_RES_TEXT:
	case WB_RES_HELP: /* shown as text offline */
	case WB_RES_REPR:
		it.res = res->kind == WB_RES_REPR ? WB_SR_REPR : WB_SR_TEXT;
		keep(r, &it, res->text, strlen(res->text), NULL);
		break;
	case WB_RES_NONE:
		break;
	}
	wb_buf_free(&text);
}

void wb_rec_error(wb_rec *r, const char *name, const char *msg)
{
	wb_sitem it = { .kind = WB_SI_ERROR, .t = now() - r->cmd_start };
	keep(r, &it, msg, strlen(msg), name);
}

void wb_rec_end_run(wb_rec *r)
{
	wb_sitem it = { .kind = WB_SI_END, .t = now() - r->cmd_start };
	keep(r, &it, NULL, 0, NULL);
}

uint64_t wb_rec_unrecorded(const wb_rec *r)
{
	return r->dropped;
}

wb_err wb_rec_status(const wb_rec *r)
{
	return r->status;
}
