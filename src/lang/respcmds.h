/* respcmds.h - the commands for the rest of HTTPResponse's API: attrs
 * (attributes as Python reprs) and response METHOD (its other methods). */
#ifndef WB_RESPCMDS_H
#define WB_RESPCMDS_H

#include "interp_int.h"

/* attrs [NAME...]: repr() of the current response's attributes. */
wb_err wb_cmd_attrs(wb_interp *in, const wb_words *w, wb_result *res);
/* response METHOD [ARG...]: calls one of the response's other methods. */
wb_err wb_cmd_response(wb_interp *in, const wb_words *w, wb_result *res);

#endif
