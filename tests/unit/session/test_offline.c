/* Offline playback: a recording printed as the transcript its run printed,
 * with no network; an error announced by `expect error` shows as
 * expected, any other fails the playback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/format.h"
#include "session/offline.h"

static const char text[] =
	"# wirebench session 1\n"
	"putrequest GET /\n"
	"#> 1 out request-line buffered +0 \"GET / HTTP/1.1\\r\\n\"\n"
	"putheader X a\n"
	"#> 2 out header buffered +0 \"X: a\\r\\n\"\n"
	"reset\n"
	"#^ 2 dropped +0\n"
	"#^ 1 sent +0\n"
	"getresponse\n"
	"#= response +0 200 version=11 length=5 chunked=no will_close=no \"OK\"\n"
	"read\n"
	"#= data +0 5 \"hello\"\n"
	"getheader X\n"
	"#= repr +0 \"'a'\"\n"
	"help quit\n"
	"#= text +0 \"quit\"\n"
	"state\n"
	"#= state +0 \"state=Idle\"\n"
	"expect  error\tValueError # announced\n"
	"read -5\n"
	"#! +0 ValueError \"bad\"\n"
	"%s"
	"#. end of run +0\n"
	"#> 3 note open wire +0 note=\"closed\" \"\"\n";

static const char printed[] =
	"wb> putrequest GET /\n"
	"  >| GET / HTTP/1.1\\r\\n  [request-line, buffered]\n"
	"wb> putheader X a\n"
	"  >| X: a\\r\\n  [header, buffered]\n"
	"wb> reset\n"
	"  x| X: a\\r\\n  [header, dropped unsent]\n"
	"  >> GET / HTTP/1.1\\r\\n  [request-line, sent from the buffer]\n"
	"wb> getresponse\n"
	"  = 200 OK  version=11 length=5 chunked=no will_close=no\n"
	"wb> read\n"
	"  = 5 bytes \"hello\"\n"
	"wb> getheader X\n"
	"  = 'a'\n"
	"wb> help quit\n"
	"quit\n"
	"wb> state\n"
	"state=Idle\n"
	"wb> expect  error\\tValueError # announced\n"
	"wb> read -5\n"
	"  = raised ValueError as expected: bad\n"
	"%s"
	"-- end of run\n"
	"  ** closed\n";

/* Plays text with tail spliced in; returns the status, output in *out. */
static int play(const char *tail, char **out)
{
	char *t = NULL;
	assert_true(asprintf(&t, text, tail) > 0);
	wb_session *s = NULL;
	wb_buf msg = WB_BUF_INIT;
	if (wb_session_parse(t, strlen(t), "off.wb", NULL, &s, &msg))
		fail_msg("%s", msg.p);
	size_t n = 0;
	FILE *f = open_memstream(out, &n);
	int rc = wb_offline_print(s, f, 256, 1);
	fclose(f);
	wb_session_free(s);
	wb_buf_free(&msg);
	free(t);
	return rc;
}

static void every_item_printed(void **state)
{
	(void)state;
	char *out = NULL, *want = NULL;
	assert_int_equal(play("", &out), 0);
	assert_true(asprintf(&want, printed, "") > 0);
	assert_string_equal(out, want);
	free(out);
	free(want);
	/* an error nobody announced fails the playback */
	assert_int_equal(play("read\n#! +0 IncompleteRead \"IncompleteRead(0 "
			      "bytes read)\"\n", &out), 1);
	assert_true(asprintf(&want, printed, "wb> read\nerror: IncompleteRead: "
			     "IncompleteRead(0 bytes read)\n") > 0);
	assert_string_equal(out, want);
	free(out);
	free(want);
	/* announced, but another error came */
	assert_int_equal(play("expect error ValueError\nread\n#! +0 "
			      "IncompleteRead \"x\"\n", &out), 1);
	assert_non_null(strstr(out, "error: IncompleteRead: x\n"));
	free(out);
}

static void announcements(void **state)
{
	(void)state;
	static const struct {
		const char *line, *name;
	} cases[] = {
		{ "expect error ValueError", "ValueError" },
		{ "  expect\terror   KeyError  # why", "KeyError" },
		{ "expect error ValueError#x", "ValueError" },
		{ "expect error", "" },
		{ "expect error   ", "" },
		{ "expect errors ValueError", "" },
		{ "expected error ValueError", "" },
		{ "expect status 200", "" },
		{ "expect", "" },
		{ "expect error AVeryLongExceptionNameThatDoesNotFit", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[32] = "unchanged";
		wb_offline_announced(cases[i].line, out, sizeof out);
		if (strcmp(out, cases[i].name))
			fail_msg("`%s`: got '%s'", cases[i].line, out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_item_printed),
		cmocka_unit_test(announcements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
