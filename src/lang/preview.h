/* preview.h - what a command line would put on the wire, without sending.
 *
 * The line runs on a throwaway interpreter whose frame-only connection
 * talks to an in-memory transport and never sets up TLS (no OpenSSL
 * context, no trust store), so previewing costs the same for http and
 * https. A command that needs a state first gets the commands that bring a
 * fresh connection into it (putheader: a putrequest; chunk and endchunks: a
 * chunked endheaders). The real connection is never touched. */
#ifndef WB_PREVIEW_H
#define WB_PREVIEW_H

#include "base/buf.h"
#include "wire/tap.h"

/* Where a preview reports. */
typedef struct wb_preview_out {
	/* each outgoing frame the line itself adds, in order */
	void (*frame)(void *arg, const wb_frame *f);
	/* the line's error, when it fails */
	void (*error)(void *arg, const char *name, const char *msg);
	void *arg;
} wb_preview_out;

/* 1 when a command named cmd can be previewed (it frames bytes). */
int wb_preview_can(const char *cmd);

/* Runs line for a connection opened on url. Returns the line's error (also
 * given to out->error), WB_E_USAGE when cmd cannot be previewed or url
 * cannot be opened, WB_E_NOMEM when memory runs out. */
wb_err wb_preview(const char *url, const char *line, const wb_preview_out *out);

#endif
