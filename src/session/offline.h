/* offline.h - playing a recorded session back as the transcript its
 * recording run printed, with no network. */
#ifndef WB_OFFLINE_H
#define WB_OFFLINE_H

#include <stdio.h>
#include "session.h"

/* Prints session s as batch mode's text transcript to f (frames show at
 * most frame_bytes bytes; echo: the "wb> " command lines). Returns 1 when
 * a recorded command failed, else 0. */
int wb_offline_print(const wb_session *s, FILE *f, size_t frame_bytes,
		     int echo);

/* The NAME of an `expect error NAME` line, copied to out (empty when the
 * line is something else): the next command's error was announced. */
void wb_offline_announced(const char *line, char *out, size_t cap);

#endif
