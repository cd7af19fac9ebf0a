/* Frame lines of the transcript: the usual frame (printable ASCII ending
 * in CRLF or LF) is written by a short path, every other frame by the
 * general one; both must give the documented text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/transcript.h"

typedef struct {
	wb_dir dir;
	wb_fkind kind;
	wb_fstate st;
	wb_tap_event ev;
	const char *data;
	size_t len, stored;
	const char *note;
} fr;

static char *lines_of(const fr *v, size_t n, size_t frame_bytes)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	wb_transcript *t = wb_transcript_new(f, frame_bytes, 0);
	assert_non_null(t);
	for (size_t i = 0; i < n; i++) {
		size_t len = v[i].len ? v[i].len : strlen(v[i].data);
		wb_frame x = { .id = i + 1, .dir = v[i].dir, .kind = v[i].kind,
			       .state = v[i].st, .len = len,
			       .stored = v[i].stored ? v[i].stored : len,
			       .chunk_size = -1, .note = v[i].note,
			       .data = v[i].data };
		wb_transcript_frame(t, v[i].ev, &x);
	}
	wb_transcript_free(t);
	fclose(f);
	return text;
}

#define OUT WB_DIR_OUT
#define IN WB_DIR_IN

static void usual_and_unusual_frames(void **state)
{
	(void)state;
	const fr v[] = {
		{ OUT, WB_FK_REQUEST_LINE, WB_FS_BUFFERED, WB_TAP_NEW,
		  "GET /a\\b HTTP/1.1\r\n", 0, 0, NULL },
		{ OUT, WB_FK_HEADER, WB_FS_WIRE, WB_TAP_FLUSHED,
		  "Host: h\r\n", 0, 0, NULL },
		{ OUT, WB_FK_END_HEADERS, WB_FS_WIRE, WB_TAP_NEW, "\r\n", 0, 0,
		  NULL },
		{ OUT, WB_FK_HEADER, WB_FS_DROPPED, WB_TAP_DROPPED,
		  "X-Long-Header-Name: a value longer than sixteen\r\n", 0, 0,
		  NULL },
		{ IN, WB_FK_STATUS_LINE, WB_FS_WIRE, WB_TAP_NEW,
		  "HTTP/1.1 200 \xc3\xa9\r\n", 0, 0, NULL },
		{ IN, WB_FK_HEADER, WB_FS_WIRE, WB_TAP_NEW, "A: \x1b[1m\n", 0,
		  0, NULL },
		{ IN, WB_FK_HEADER, WB_FS_WIRE, WB_TAP_NEW, "Bare: cr\r", 0, 0,
		  NULL },
		{ IN, WB_FK_HEADER, WB_FS_WIRE, WB_TAP_NEW, "Odd: x\n\r\n", 0,
		  0, NULL },
		{ IN, WB_FK_WARNING, WB_FS_WIRE, WB_TAP_NEW, "W: 1\r\n", 0, 0,
		  "a note" },
		{ IN, WB_FK_BODY, WB_FS_WIRE, WB_TAP_NEW, "0123456789\n", 0, 0,
		  NULL },
		{ IN, WB_FK_BODY, WB_FS_WIRE, WB_TAP_NEW, "0123456789\n", 20,
		  11, NULL },
	};
	char *got = lines_of(v, sizeof v / sizeof *v, 64);
	assert_string_equal(
		got,
		"  >| GET /a\\\\b HTTP/1.1\\r\\n  [request-line, buffered]\n"
		"  >> Host: h\\r\\n  [header, sent from the buffer]\n"
		"  >> \\r\\n  [end-of-headers]\n"
		"  x| X-Long-Header-Name: a value longer than sixteen\\r\\n"
		"  [header, dropped unsent]\n"
		"  << HTTP/1.1 200 \\xc3\\xa9\\r\\n  [status-line]\n"
		"  << A: \\x1b[1m\\n  [header]\n"
		"  << Bare: cr\\r  [header]\n"
		"  << Odd: x\\n\\r\\n  [header]\n"
		"  !! W: 1\\r\\n  [warning]  !! a note\n"
		"  << 0123456789\\n  [body]\n"
		"  << 0123456789\\n...(+9 bytes, 20 in all)  [body]\n");
	free(got);
	/* a frame longer than frame_bytes is cut, on either path */
	const fr cut[] = { { OUT, WB_FK_HEADER, WB_FS_WIRE, WB_TAP_NEW,
			     "Host: example\r\n", 0, 0, NULL } };
	got = lines_of(cut, 1, 4);
	assert_string_equal(got, "  >> Host...(+11 bytes, 15 in all)  "
				 "[header]\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(usual_and_unusual_frames),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
