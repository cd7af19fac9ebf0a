/* theme.h - curses attributes for the model's styles, in colour or, with
 * NO_COLOR or a monochrome terminal, in bold/underline/dim only. */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <curses.h>
#include "model/wire_model.h"

/* Sets colours up after initscr; returns 1 when colours are in use. */
int ui_theme_init(void);
/* Attribute of a style. */
attr_t ui_theme_attr(ui_style st);
/* Attribute of panel titles and the status bar. */
attr_t ui_theme_title(void);

#endif
