/* cli_interop.h - wirebench --import and --export. */
#ifndef WB_CLI_INTEROP_H
#define WB_CLI_INTEROP_H

#include "lang/batch.h"

/* --import FORMAT [--lenient] [--expect] -- INPUT...: prints the commands
 * as a session on stdout. n is the count of inputs after --, or -1
 * without --. Returns the exit status. */
int wb_cli_import(const char *format, int lenient, int expect, int n,
		  char **v);

/* --export FORMAT FILE: a session file is exported from its recording
 * (nothing is sent); another script runs in batch with its transcript
 * kept aside (shown on stderr when it fails). Every request is printed in
 * FORMAT on stdout. Returns the exit status. */
int wb_cli_export(const char *format, const char *script,
		  const wb_batch_opts *o);

#endif
