/* test_ui_complete.c - tab completion candidates: commands, methods, paths,
 * header names, flags, and @file words left to file name completion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../../ui/model/complete.c"

#define MAXC 64

static const char *cands[MAXC];

/* Completes the last word of line (the word starts after the last blank)
 * and returns the candidates joined by single spaces. */
static const char *complete_max(const char *line, size_t max)
{
	static char joined[2048];
	size_t end = strlen(line), start = end;
	while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t')
		start--;
	size_t n = ui_complete(line, start, end, cands, max);
	assert_true(n <= max);
	joined[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(joined, " ");
		strcat(joined, cands[i]);
	}
	return joined;
}

static const char *complete(const char *line)
{
	return complete_max(line, MAXC);
}

static void test_commands(void **st)
{
	(void)st;
	assert_string_equal(complete("put"), "putrequest putheader");
	assert_string_equal(complete("re"),
			    "request read read1 readline readinto readinto1 "
			    "response reset replay");
	assert_string_equal(complete("sa"), "save");
	assert_string_equal(complete("readl"), "readline");
	assert_string_equal(complete("end"), "endheaders endchunks");
	assert_string_equal(complete("  get"), "getresponse getheader getheaders");
	assert_string_equal(complete("getheaders"), "getheaders");
	assert_string_equal(complete("zzz"), "");
	/* command names are lower case, as typed */
	assert_string_equal(complete("PUT"), "");
	/* every command for an empty word */
	const char *all = complete("");
	assert_non_null(strstr(all, "open putrequest putheader endheaders send "
				    "request getresponse"));
	assert_non_null(strstr(all, "set_tunnel"));
	assert_non_null(strstr(all, "help"));
	size_t words = 1;
	for (const char *p = all; *p; p++)
		words += *p == ' ';
	assert_int_equal(words, wb_interp_ncmds());
}

static void test_limit(void **st)
{
	(void)st;
	assert_string_equal(complete_max("re", 2), "request read");
	assert_string_equal(complete_max("request ", 3), "GET HEAD POST");
	assert_string_equal(complete_max("put", 0), "");
}

static void test_methods(void **st)
{
	(void)st;
	assert_string_equal(complete("request G"), "GET");
	assert_string_equal(complete("putrequest P"), "POST PUT PATCH");
	/* methods match in any case and are offered upper case */
	assert_string_equal(complete("putrequest de"), "DELETE");
	assert_string_equal(complete("request "),
			    "GET HEAD POST PUT DELETE OPTIONS PATCH TRACE "
			    "CONNECT");
	assert_string_equal(complete("request\tC"), "CONNECT");
	assert_string_equal(complete("request  GET  /ech"), "/echo");
}

static void test_paths_and_flags(void **st)
{
	(void)st;
	assert_string_equal(complete("putrequest GET /chunked"),
			    "/chunked?n=3&size=5 /chunked?n=3&size=10&trailer=1");
	assert_string_equal(complete("putrequest GET /status/"),
			    "/status/200 /status/100");
	assert_string_equal(complete("putrequest GET / s"),
			    "skip_host skip_accept_encoding");
	assert_string_equal(complete("putrequest GET / skip_host skip_a"),
			    "skip_accept_encoding");
	assert_string_equal(complete("request POST /echo body -"),
			    "-H --pieces");
	assert_string_equal(complete("request POST /echo e"), "encode_chunked");
	/* putrequest has no -H */
	assert_string_equal(complete("putrequest GET / -"), "");
	assert_string_equal(complete("endheaders "), "encode_chunked --pieces");
	assert_string_equal(complete("send --p"), "--pieces");
	assert_string_equal(complete("endchunks "), "X-Checksum: ");
}

static void test_headers(void **st)
{
	(void)st;
	assert_string_equal(complete("putheader Content-"),
			    "Content-Length Content-Type");
	assert_string_equal(complete("putheader tr"),
			    "Trailer Transfer-Encoding");
	assert_string_equal(complete("putheader Acc"),
			    "Accept Accept-Encoding");
	assert_string_equal(complete("putheader ho"), "Host");
	/* only the name is completed, not the value */
	assert_string_equal(complete("putheader Accept te"), "");
}

static void test_open(void **st)
{
	(void)st;
	assert_string_equal(complete("open h"), "http://127.0.0.1:8080/");
	assert_string_equal(complete("open http://x/ --t"), "--timeout");
	assert_string_equal(complete("open http://x/ --c"),
			    "--connect-to --cafile --capath --cert");
	/* the TLS and proxy options open takes */
	assert_string_equal(complete("open https://x/ --in"), "--insecure");
	assert_string_equal(complete("open https://x/ --cert c.pem --k"),
			    "--key");
	assert_string_equal(complete("open https://x/ --p"), "--proxy");
	assert_string_equal(complete("open https://x/ --no"), "--no-proxy");
}

static void test_help_and_no_table(void **st)
{
	(void)st;
	assert_string_equal(complete("help pu"), "putrequest putheader");
	assert_string_equal(complete("help set"),
			    "set_debuglevel set_tunnel set");
	/* quit, exit and help are commands of the table like the others */
	assert_string_equal(complete("qu"), "quit");
	assert_string_equal(complete("help ex"), "expect export exit");
	assert_string_equal(complete("he"), "help");
	/* only the first argument of help names a command */
	assert_string_equal(complete("help read r"), "");
	assert_string_equal(complete("getresponse "), "");
	assert_string_equal(complete("read "), "");
	assert_string_equal(complete("set_tunnel "), "");
	assert_string_equal(complete("unknowncmd G"), "");
}

static void test_file_words(void **st)
{
	(void)st;
	const char *line = "endheaders @bo";
	assert_true(ui_complete_is_file(line, 11));
	assert_false(ui_complete_is_file(line, 0));
	assert_int_equal(ui_complete(line, 11, strlen(line), cands, MAXC), 0);
	assert_string_equal(complete("request POST /echo @"), "");
	assert_true(ui_complete_is_file("send @", 5));
	/* an @ inside a word does not make it a file name */
	assert_false(ui_complete_is_file("putheader From a@b", 15));
	assert_string_equal(complete("endheaders enc"), "encode_chunked");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_paths_and_flags),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_help_and_no_table),
		cmocka_unit_test(test_file_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
