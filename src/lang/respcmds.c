/* respcmds.c - attrs and response METHOD: the parts of HTTPResponse that
 * the read commands do not cover, each shown as Python's repr(). */
#include "respcmds.h"

#include <stdlib.h>

static wb_resp *current(wb_interp *in)
{
	wb_resp *r = in->conn ? wb_conn_response(in->conn) : NULL;
	if (!r)
		wb_interp_fail(in, WB_E_USAGE,
			       "no response yet: use getresponse");
	return r;
}

static wb_err repr_result(wb_interp *in, wb_result *res)
{
	res->kind = WB_RES_REPR;
	res->text = wb_buf_str(&in->data);
	return WB_OK;
}

/* One name: its repr. None or several: name=repr, comma separated. */
wb_err wb_cmd_attrs(wb_interp *in, const wb_words *w, wb_result *res)
{
	wb_resp *r = current(in);
	if (!r)
		return WB_E_USAGE;
	wb_buf_clear(&in->data);
	wb_buf_clear(&in->msg);
	size_t n = w->n - 1;
	for (size_t i = 0; n ? i < n : wb_resp_attr_names[i] != NULL; i++) {
		const char *name = n ? w->w[i + 1].s : wb_resp_attr_names[i];
		if (n != 1)
			wb_buf_printf(&in->data, "%s%s=", i ? ", " : "", name);
		wb_err e = wb_resp_attr(r, name, &in->data, &in->msg);
		if (e)
			return e;
	}
	return repr_result(in, res);
}

wb_err wb_cmd_response(wb_interp *in, const wb_words *w, wb_result *res)
{
	wb_resp *r = current(in);
	if (!r)
		return WB_E_USAGE;
	const char **args = wb_calloc(w->n, sizeof *args);
	if (!args)
		return WB_E_NOMEM;
	for (size_t i = 2; i < w->n; i++)
		args[i - 2] = w->w[i].s;
	wb_buf_clear(&in->data);
	wb_buf_clear(&in->msg);
	wb_err e = wb_resp_call(r, w->w[1].s, args, w->n - 2, &in->data,
				&in->msg);
	free(args);
	if (e == WB_E_USAGE)
		return wb_interp_fail(in, e, "usage: %s",
				      wb_interp_find("response")->info.usage);
	return e ? e : repr_result(in, res);
}
