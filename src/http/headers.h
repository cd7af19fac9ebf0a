/* headers.h - a response header block as http.client's email parser sees it.
 *
 * http.client joins the raw header lines, decodes them as Latin-1 and hands
 * them to email.parser (compat32). This module reproduces that parse one
 * socket line at a time: lines are re-split on CRLF, CR or LF; the first
 * line that is neither a field nor a continuation stops parsing; lines
 * starting with ':' or "From " are dropped; continuations are appended with
 * their line break. Names and values are kept as raw bytes. */
#ifndef WB_HEADERS_H
#define WB_HEADERS_H

#include <stddef.h>
#include "base/buf.h"

typedef struct wb_hdrs wb_hdrs;

/* Returns an empty header list, or NULL. */
wb_hdrs *wb_hdrs_new(void);
void wb_hdrs_free(wb_hdrs *h);
/* Empties the list for a new block, keeping its memory. */
void wb_hdrs_reset(wb_hdrs *h);
/* Feeds one line as read from the socket (ending in LF, or the last one
 * before EOF). Appends to note why the line deserves a warning (bare LF,
 * obs-fold, dropped or ignored lines), "; "-separated; note may be NULL. */
wb_err wb_hdrs_feed(wb_hdrs *h, const char *line, size_t n, wb_buf *note);
/* Completes the last field; call after the block's last line. */
void wb_hdrs_end(wb_hdrs *h);
/* True once a non-field line stopped the parse. */
int wb_hdrs_stopped(const wb_hdrs *h);

/* Number of fields, duplicates included. */
size_t wb_hdrs_count(const wb_hdrs *h);
/* Field i (raw bytes, not NUL-terminated); returns 0 past the end. */
int wb_hdrs_get(const wb_hdrs *h, size_t i, const char **name,
		size_t *name_len, const char **value, size_t *value_len);
/* msg.get(name): the first field of that name, ignoring ASCII case.
 * Returns 1 and the value when found, else 0. */
int wb_hdrs_first(const wb_hdrs *h, const char *name, const char **value,
		  size_t *value_len);
/* How many fields have this name, ignoring ASCII case. */
size_t wb_hdrs_count_name(const wb_hdrs *h, const char *name);
/* The fields begin() looks up to decide the framing: noted while the
 * lines are fed, so the lookups afterwards walk no list. */
typedef enum {
	WB_HK_TRANSFER_ENCODING,
	WB_HK_CONTENT_LENGTH,
	WB_HK_CONNECTION,
	WB_HK_KEEP_ALIVE,
	WB_HK_PROXY_CONNECTION,
	WB_HK__COUNT
} wb_hkey;
/* As wb_hdrs_first with the name of k. */
int wb_hdrs_first_key(const wb_hdrs *h, wb_hkey k, const char **value,
		      size_t *value_len);
/* As wb_hdrs_count_name with the name of k. */
size_t wb_hdrs_count_key(const wb_hdrs *h, wb_hkey k);
/* getheader(name): all values of that name joined with ", " appended to
 * out; returns 1 when found, else 0. */
int wb_hdrs_join(const wb_hdrs *h, const char *name, wb_buf *out);

#endif
