/* offline.c - a session's items through the transcript's printers. */
#include "offline.h"

#include <string.h>

#include "lang/transcript.h"

void wb_offline_announced(const char *line, char *out, size_t cap)
{
	static const char *const words[] = { "expect", "error" };
	const char *p = line;
	out[0] = '\0';
	for (size_t i = 0; i < 2; i++) {
		p += strspn(p, " \t");
		size_t n = strlen(words[i]);
		if (strncmp(p, words[i], n) || (p[n] != ' ' && p[n] != '\t'))
			return;
		p += n;
	}
	p += strspn(p, " \t");
	size_t n = strcspn(p, " \t#");
	if (n && n < cap) {
		memcpy(out, p, n);
		out[n] = '\0';
	}
}

/* A FLUSH or DROP item shows the frame it settles, in its new state. */
static void settle(wb_transcript *t, const wb_session *s, size_t ci,
		   const wb_sitem *it)
{
	const wb_sitem *fr = wb_session_frame(s, ci, it->id);
	if (!fr)
		return; /* the loader checks references; a recording may not */
	wb_frame f;
	wb_sitem_frame(fr, &f);
	int flush = it->kind == WB_SI_FLUSH;
	f.state = flush ? WB_FS_WIRE : WB_FS_DROPPED;
	wb_transcript_frame(t, flush ? WB_TAP_FLUSHED : WB_TAP_DROPPED, &f);
}

static void result(wb_transcript *t, const wb_sitem *it)
{
	wb_transcript_resp v;
	switch (it->res) {
	case WB_SR_RESPONSE:
		v = (wb_transcript_resp){ .status = it->status,
					  .version = it->version,
					  .chunked = it->chunked,
					  .will_close = it->will_close,
					  .reason = it->data,
					  .length = it->length };
		wb_transcript_response(t, &v);
		break;
	case WB_SR_DATA:
		wb_transcript_data(t, it->data, it->len, it->bytes);
		break;
	case WB_SR_REPR:
		wb_transcript_text(t, it->data, 1);
		break;
	case WB_SR_TEXT:
	case WB_SR_STATE:
		wb_transcript_text(t, it->data, 0);
		break;
	}
}

int wb_offline_print(const wb_session *s, FILE *f, size_t frame_bytes,
		     int echo)
{
	wb_transcript *t = wb_transcript_new(f, frame_bytes, echo);
	if (!t)
		return 2;
	int failed = 0;
	char expect[128] = "", next[128];
	for (size_t i = 0; i < wb_session_ncmds(s); i++) {
		const wb_scmd *c = wb_session_cmd(s, i);
		wb_offline_announced(c->line, next, sizeof next);
		wb_transcript_begin(t, c->line);
		for (size_t k = 0; k < c->nitems; k++) {
			const wb_sitem *it = &c->items[k];
			wb_frame fr;
			switch (it->kind) {
			case WB_SI_FRAME:
				wb_sitem_frame(it, &fr);
				wb_transcript_frame(t, WB_TAP_NEW, &fr);
				break;
			case WB_SI_FLUSH:
			case WB_SI_DROP:
				settle(t, s, i, it);
				break;
			case WB_SI_RESULT:
				result(t, it);
				break;
			case WB_SI_ERROR:
				if (expect[0] && !strcmp(expect, it->note)) {
					wb_transcript_expected(t, it->note, it->data);
					break;
				}
				failed = 1;
				wb_transcript_error(t, it->note, it->data);
				break;
			case WB_SI_END:
				wb_transcript_end_run(t);
				break;
			}
		}
		memcpy(expect, next, sizeof expect);
	}
	fflush(f);
	wb_transcript_free(t);
	return failed;
}
