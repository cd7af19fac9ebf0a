/* ui.c - entry of the terminal front end. */
#include "ui.h"

#include <stdio.h>

#include "batch.h"

int wb_ui_run(const char *url)
{
	wb_batch_opts o = { .keep_going = 1, .prompt = 1, .frame_bytes = 256,
			    .tap_cap = 4u << 20, .url = url };
	return wb_batch_run(stdin, ".", &o, stdout);
}
