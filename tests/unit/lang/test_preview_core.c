/* The core's preview: what a line would frame, on a throwaway frame-only
 * connection (no network, no TLS set-up), only the line's own frames. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lang/preview.h"

typedef struct got {
	wb_buf bytes;
	unsigned frames;
	char err[256];
} got;

static void on_frame(void *arg, const wb_frame *f)
{
	got *g = arg;
	g->frames++;
	wb_buf_add(&g->bytes, f->data, f->stored);
}

static void on_error(void *arg, const char *name, const char *msg)
{
	got *g = arg;
	strncpy(g->err, name, sizeof g->err - 1);
	(void)msg;
}

static wb_err preview(const char *url, const char *line, got *g)
{
	wb_buf_free(&g->bytes);
	memset(g, 0, sizeof *g);
	wb_preview_out o = { .frame = on_frame, .error = on_error, .arg = g };
	return wb_preview(url, line, &o);
}

static void https_frames_without_tls(void **state)
{
	(void)state;
	got g = { .bytes = WB_BUF_INIT };
	assert_int_equal(preview("https://example.com/", "request GET /s", &g),
			 WB_OK);
	assert_string_equal(g.bytes.p, "GET /s HTTP/1.1\r\nHost: example.com\r\n"
				       "Accept-Encoding: identity\r\n\r\n");
	/* a name that does not resolve and a port nobody listens on */
	assert_int_equal(preview("https://wirebench.invalid:9/", "send 'x'", &g),
			 WB_OK);
	assert_string_equal(g.bytes.p, "x");
	wb_buf_free(&g.bytes);
}

/* Only the typed line's frames: the prelude's putrequest is not shown. */
static void prelude_frames_left_out(void **state)
{
	(void)state;
	got g = { .bytes = WB_BUF_INIT };
	assert_int_equal(preview("http://example.com/", "putheader X-A b c", &g),
			 WB_OK);
	assert_string_equal(g.bytes.p, "X-A: b\r\n\tc\r\n");
	assert_int_equal(preview("http://example.com/", "chunk abc", &g), WB_OK);
	assert_string_equal(g.bytes.p, "3\r\nabc\r\n");
	assert_int_equal(g.frames, 3);
	wb_buf_free(&g.bytes);
}

static void errors_and_refusals(void **state)
{
	(void)state;
	got g = { .bytes = WB_BUF_INIT };
	assert_int_equal(preview("http://example.com/", "putheader Bad:Name v",
				 &g), WB_E_VALUE);
	assert_string_equal(g.err, "ValueError");
	assert_int_equal(g.frames, 0);
	assert_int_equal(preview("http://example.com/", "getresponse", &g),
			 WB_E_USAGE);
	assert_int_equal(preview("http://example.com/", "", &g), WB_E_USAGE);
	assert_int_equal(preview("ftp://example.com/", "request GET /", &g),
			 WB_E_USAGE);
	assert_int_equal(g.frames, 0);
	assert_true(wb_preview_can("putheader"));
	assert_false(wb_preview_can("read"));
	wb_buf_free(&g.bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(https_frames_without_tls),
		cmocka_unit_test(prelude_frames_left_out),
		cmocka_unit_test(errors_and_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
