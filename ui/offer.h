/* offer.h - stepping through the commands an import made: each comes to
 * the command line in turn, to edit or run with Enter; Esc or Ctrl-C
 * drops the rest. The interpreter keeps the list (wb_interp_offer_*). */
#ifndef UI_OFFER_H
#define UI_OFFER_H

#include "app.h"

/* After a command: puts the next offered command on the line, if any and
 * none is there yet. */
void ui_offer_next(ui_app *a);
/* A line was entered: the offer on the line (if any) is taken. */
void ui_offer_taken(ui_app *a);
/* Drops the offer on the line and the rest, saying so. */
void ui_offer_drop(ui_app *a);

#endif
