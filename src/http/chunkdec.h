/* chunkdec.h - chunked body decoding as http.client's HTTPResponse does it.
 *
 * The decoder reads through the response's buffered reader and records
 * every part in the tap (chunk-size lines with their decoded size, chunk
 * data, the two octets after the data, the last chunk, trailers). It keeps
 * http.client's quirks: chunk sizes parsed by int(line, 16), the two octets
 * after each chunk's data discarded unchecked, a size of -1 reading to EOF,
 * partial data of a half-read chunk left out of IncompleteRead, and a read
 * that ends exactly at a chunk's end not looking further. */
#ifndef WB_CHUNKDEC_H
#define WB_CHUNKDEC_H

#include <stdint.h>
#include "base/buf.h"
#include "reader.h"
#include "wire/tap.h"

typedef struct wb_chunk wb_chunk;

/* Returns a decoder reading from rd (borrowed), or NULL. */
wb_chunk *wb_chunk_new(wb_rd *rd, wb_tap *tap);
void wb_chunk_free(wb_chunk *c);

/* Python's chunk_left: returns 0 for None, else 1 with *left. */
int wb_chunk_left(const wb_chunk *c, int64_t *left);

/* _read_chunked(amt), amt < 0 for read(): data goes to fn, *nread gets the
 * length of what Python returns (or of IncompleteRead's partial data).
 * *close is set when the response must close (body done, or a bad size). */
wb_err wb_chunk_read(wb_chunk *c, int64_t amt, wb_rd_fn fn, void *arg,
		     uint64_t *nread, int *close, wb_buf *msg);
/* _read1_chunked(n): at most the rest of the current chunk. */
wb_err wb_chunk_read1(wb_chunk *c, int64_t n, wb_rd_fn fn, void *arg,
		      uint64_t *nread, int *close, wb_buf *msg);
/* _peek_chunked(): buffered bytes of the current chunk (*p into the
 * reader); an IncompleteRead gives no bytes instead of an error. */
wb_err wb_chunk_peek(wb_chunk *c, const char **p, size_t *n, int *close,
		     wb_buf *msg);

#endif
