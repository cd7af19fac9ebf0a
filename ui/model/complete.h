/* complete.h - what tab completion offers for a command line. Plain C:
 * commands come from the interpreter's table; methods, header names, demo
 * paths and flags from small tables here. */
#ifndef UI_COMPLETE_H
#define UI_COMPLETE_H

#include <stddef.h>

/* Fills out with up to max candidates (static strings) for the word that
 * starts at byte `start` of line (the word is line[start..end)). Returns the
 * number found. A word beginning with '@' gets none: it names a file (see
 * ui_complete_is_file). */
size_t ui_complete(const char *line, size_t start, size_t end,
		   const char **out, size_t max);
/* True when the word at start should complete file names (after '@'). */
int ui_complete_is_file(const char *line, size_t start);

#endif
