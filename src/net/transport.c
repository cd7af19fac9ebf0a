/* transport.c - what every transport shares: gathered writes. */
#include "transport.h"

wb_err wb_transport_sendv(wb_transport *t, const wb_iov *iov, size_t n,
			  wb_buf *scratch)
{
	if (t->ops->sendv)
		return t->ops->sendv(t, iov, n);
	if (n == 1)
		return t->ops->send(t, iov[0].p, iov[0].n);
	wb_buf_clear(scratch);
	for (size_t i = 0; i < n; i++)
		if (wb_buf_add(scratch, iov[i].p, iov[i].n) != WB_OK)
			return WB_E_NOMEM;
	wb_err e = scratch->n ? t->ops->send(t, scratch->p, scratch->n) : WB_OK;
	if (scratch->cap > (1u << 20)) /* do not keep a huge one */
		wb_buf_free(scratch);
	return e;
}
