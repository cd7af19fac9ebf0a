/* connstate.c - the result of `state`, rendered once for every front end. */
#include "connstate.h"

void wb_connstate_get(const wb_conn *c, wb_connstate *out)
{
	wb_resp *r = wb_conn_response(c);
	out->state = wb_conn_state_name(wb_conn_state(c));
	out->socket = wb_conn_has_socket(c);
	out->pending = wb_conn_has_pending(c);
	out->response = !r ? -1 : wb_resp_isclosed(r);
	out->nbuffered = wb_conn_nbuffered(c);
}

static const char *yes_no(int v)
{
	return v ? "yes" : "no";
}

wb_err wb_connstate_format(const wb_conn *c, wb_buf *out,
			   const char *line_prefix,
			   void (*escape)(wb_buf *out, const char *p, size_t n))
{
	wb_connstate s;
	wb_connstate_get(c, &s);
	wb_buf_printf(out, "state=%s socket=%s pending=%s buffered=%zu "
			   "response=%s",
		      s.state, yes_no(s.socket), yes_no(s.pending),
		      s.nbuffered,
		      s.response < 0 ? "none" : s.response ? "closed" : "open");
	for (size_t i = 0; i < s.nbuffered; i++) {
		const wb_buf *l = wb_conn_buffered(c, i);
		wb_buf_addc(out, '\n');
		wb_buf_adds(out, line_prefix);
		escape(out, l->p, l->n);
	}
	return wb_buf_err(out);
}
