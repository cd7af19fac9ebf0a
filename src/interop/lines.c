/* lines.c - a list of text lines. */
#include "lines.h"
#include "base/alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

wb_err wb_lines_add(wb_lines *l, const char *s)
{
	char **v = wb_grow(l->v, &l->cap, l->n, sizeof *v);
	if (!v)
		return WB_E_NOMEM;
	l->v = v;
	if (!(v[l->n] = wb_strdup(s)))
		return WB_E_NOMEM;
	l->n++;
	return WB_OK;
}

wb_err wb_lines_addb(wb_lines *l, const wb_buf *b)
{
	return wb_lines_add(l, b->p ? b->p : "");
}

wb_err wb_lines_addf(wb_lines *l, const char *fmt, ...)
{
	wb_buf b = WB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	wb_err e = wb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (!e)
		e = wb_lines_addb(l, &b);
	wb_buf_free(&b);
	return e;
}

wb_err wb_lines_extend(wb_lines *l, const wb_lines *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (wb_lines_add(l, src->v[i]))
			return WB_E_NOMEM;
	return WB_OK;
}

wb_err wb_lines_join(const wb_lines *l, wb_buf *out)
{
	for (size_t i = 0; i < l->n; i++)
		if (wb_buf_adds(out, l->v[i]) || wb_buf_addc(out, '\n'))
			return WB_E_NOMEM;
	return WB_OK;
}

void wb_lines_free(wb_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (wb_lines){ 0 };
}
