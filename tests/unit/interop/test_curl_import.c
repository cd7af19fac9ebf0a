/* curl command lines imported: the commands each option becomes, and the
 * errors a line that curl would not run (or wirebench cannot honour)
 * gives, by name and message. The bytes these commands send are checked
 * against the real curl in tests/e2e/test_interop.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interop/curl_import.h"

static char dir[] = "/tmp/wb-curl-XXXXXX";

static int make_dir(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	char path[64];
	snprintf(path, sizeof path, "%s/f.bin", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	fputs("a b\r\nc", f);
	return fclose(f);
}

static int remove_dir(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "%s/f.bin", dir);
	unlink(path);
	return rmdir(dir);
}

/* Imports line; returns the error and puts the commands (or the message)
 * into text, which the caller frees. */
static wb_err import(const char *line, int lenient, char **text)
{
	wb_curl_opts o = { lenient, dir };
	wb_lines out = { 0 };
	wb_buf msg = WB_BUF_INIT, b = WB_BUF_INIT;
	wb_err e = wb_curl_import_line(line, &o, &out, &msg);
	if (e) {
		assert_int_equal(out.n, 0); /* nothing half-imported */
		wb_buf_printf(&b, "%s: %s", wb_err_name(e), msg.p ? msg.p : "");
	} else {
		assert_int_equal(wb_lines_join(&out, &b), WB_OK);
	}
	wb_lines_free(&out);
	wb_buf_free(&msg);
	*text = b.p;
	return e;
}

static void same(const char *line, int lenient, const char *want)
{
	char *got;
	import(line, lenient, &got);
	if (strcmp(got, want))
		fail_msg("curl %s\n got: %s\nwant: %s", line, got, want);
	free(got);
}

/* The line imports and its commands contain every piece of want. */
static void has(const char *line, const char *const *want)
{
	char *got;
	if (import(line, 0, &got))
		fail_msg("curl %s\n%s", line, got);
	for (; *want; want++)
		if (!strstr(got, *want))
			fail_msg("curl %s\n got: %s\nlacks: %s", line, got, *want);
	free(got);
}

#define HAS(line, ...) has(line, (const char *const[]){ __VA_ARGS__, NULL })

static void errors_name_the_problem(void **state)
{
	(void)state;
	same("curl http://h/ -d @-", 0,
	     "UsageError: @- (standard input) cannot be imported");
	same("curl http://h/ -d @missing.txt", 0,
	     "FileNotFoundError: [Errno 2] No such file or directory: "
	     "'missing.txt'");
	same("curl http://h/ --data-urlencode n@missing.txt", 0,
	     "FileNotFoundError: [Errno 2] No such file or directory: "
	     "'missing.txt'");
	same("curl http://h/ -H NoColon", 0,
	     "UsageError: curl ignores the header 'NoColon' (no colon)");
	same("curl http://h/ -H 'X; y'", 0,
	     "UsageError: curl ignores the header 'X; y' (no colon)");
	same("curl http://h/ -F novalue", 0,
	     "UsageError: -F needs name=content, got 'novalue'");
	same("curl http://h/ -F a=1 -d b=2", 0,
	     "UsageError: curl cannot mix -F with -d/--json");
	same("curl http://h/ -I -d b=2", 0,
	     "UsageError: curl cannot send a body with -I");
	same("curl http://h/ -I -F a=1", 0,
	     "UsageError: curl cannot send a body with -I");
	same("curl http://h/ -u alice", 0,
	     "UsageError: -u alice has no password: curl would ask for it");
	same("curl http://h/ -H", 0,
	     "UsageError: curl option -H needs an argument");
	same("curl http://h/ --header", 0,
	     "UsageError: curl option --header needs an argument");
	same("curl http://a/ http://b/", 0,
	     "UsageError: several URLs: import one request at a time");
	same("curl -s", 0, "UsageError: no URL in the curl command");
	same("curl ftp://h/", 0,
	     "InvalidURL: not an http:// or https:// URL: 'ftp://h/'");
	/* unknown and unsupported options, each named once, in order */
	same("curl http://h/ -L --http2 -Q --nope -L --retry 3 -L", 0,
	     "UsageError: curl options wirebench cannot honour: -L --http2 -Q "
	     "--nope --retry (import --lenient leaves them out)");
	same("curl 'http://h/", 0,
	     "SyntaxError: unterminated single quote opened at line 1, "
	     "column 6");
	same("'curl http://h/ -H \"X: 1'", 0,
	     "SyntaxError: unterminated double quote opened at line 1, "
	     "column 19");
}

static void lenient_leaves_out(void **state)
{
	(void)state;
	same("http://h/p -0 --retry 2 -s", 1,
	     "# curl options that change nothing on the wire, left out: -s\n"
	     "# curl would also send User-Agent: curl/VERSION\n"
	     "# --lenient: left out curl options wirebench cannot honour: -0 "
	     "--retry\n"
	     "open http://h\n"
	     "putrequest GET /p skip_accept_encoding\n"
	     "putheader Accept */*\n"
	     "endheaders\n"
	     "getresponse\n"
	     "read\n");
}

static void head_get_and_url(void **state)
{
	(void)state;
	same("curl --url h:81/q?a=1 -IG -d 'x=1 2' -A a", 0,
	     "open http://h:81\n"
	     "putrequest HEAD \"/q?a=1&x=1 2\" skip_accept_encoding\n"
	     "putheader User-Agent a\n"
	     "putheader Accept */*\n"
	     "endheaders\n"
	     "getresponse\n"
	     "read\n");
	HAS("curl -G http://h/p --data-urlencode 'v=a b'",
	    "putrequest GET /p?v=a+b ");
	HAS("curl http://h/ -I", "putrequest HEAD / ");
}

static void tls_proxy_and_routes(void **state)
{
	(void)state;
	HAS("curl https://[::1]:8443/ --cacert ca.pem --capath cas --cert "
	    "c.pem --key k.pem -k -x prox:3128 --resolve '[::1]:8443:10.0.0.1'",
	    "open https://[::1]:8443 --connect-to 10.0.0.1:8443 --cafile "
	    "ca.pem --capath cas --cert c.pem --key k.pem --insecure --proxy "
	    "http://prox:3128\n");
	HAS("curl https://h/ --resolve other:443:1.2.3.4",
	    "# --resolve names another host or port: not used\n", "\nopen https://h\n");
	HAS("curl https://h/ --connect-to h:80:x:1",
	    "# --connect-to names another host or port: not used\n",
	    "\nopen https://h\n");
	HAS("curl https://h/ --connect-to other::x:1",
	    "# --connect-to names another host or port: not used\n");
	HAS("curl http://h:8080/ --connect-to :8080:",
	    "open http://h:8080 --connect-to h:8080\n");
	HAS("curl http://h/ --cacert ca.pem -k",
	    "# TLS options (-k, --cacert, --capath, --cert, --key) left out: "
	    "the URL is http://\n", "\nopen http://h\n");
	HAS("curl http://h/ -x http://p:1 --noproxy other,h",
	    "open http://h --no-proxy\n");
	/* entries are names or domains (a leading dot optional), not
	 * substrings */
	HAS("curl http://h/ -x http://p:1 --noproxy other,xh,h.",
	    "open http://h --proxy http://p:1\n");
	HAS("curl http://a.b.h/ -x p:1 --noproxy 'x, .B.H'",
	    "open http://a.b.h --no-proxy\n");
	HAS("curl http://[::1]:80/ -x p:1 --noproxy ::1",
	    "open http://[::1]:80 --no-proxy\n");
	HAS("curl http://h/ --connect-timeout 3", "open http://h --timeout 3\n");
}

static void fields_in_curls_order(void **state)
{
	(void)state;
	HAS("curl http://h/ -H 'Host:' -H 'Accept:' -H 'X-E;' -b c=1 -e r "
	    "-H 'Cookie: d=2'",
	    "putrequest GET / skip_host skip_accept_encoding\n"
	    "putheader Referer r\n"
	    "putheader Cookie c=1\n"
	    "putheader X-E \"\"\n"
	    "putheader Cookie d=2\n",
	    "# curl sends 'X-E:' with no blank after the colon; http.client "
	    "writes ': '\n");
	HAS("curl http://h/ -u 'a:b:c' -H 'Authorization: Bearer t'",
	    "putheader Accept */*\nputheader Authorization \"Bearer t\"\n");
	HAS("curl http://h/ -u a:b", "putheader Authorization \"Basic YTpi\"\n");
	HAS("curl http://h/ -H 'User-Agent: me'", "putheader User-Agent me\n");
	/* a chunked body has no Content-Length */
	HAS("curl http://h/ -H 'Transfer-Encoding: chunked' -d ab",
	    "putheader Transfer-Encoding chunked\n"
	    "putheader Content-Type application/x-www-form-urlencoded\n"
	    "endheaders ab encode_chunked\n");
	HAS("curl http://h/ -d x -H 'Content-Type: text/plain' -H 'Content-Length:'",
	    "putheader Content-Type text/plain\nendheaders x\n");
}

static void bodies(void **state)
{
	(void)state;
	/* -d @file drops CR and LF, --data-binary keeps them, --data-raw
	 * takes @ literally; pieces are joined with & (not before --json) */
	HAS("curl http://h/ -d @f.bin --data-binary @f.bin --data-raw @f.bin",
	    "putheader Content-Length 18\n",
	    "endheaders \"a bc&a b\\r\\nc&@f.bin\"\n");
	HAS("curl http://h/ -d a --json '{}'", "endheaders a{}\n",
	    "putheader Content-Type application/json\n"
	    "putheader Accept application/json\n");
	HAS("curl http://h/ --data-urlencode @f.bin --data-urlencode n@f.bin "
	    "--data-urlencode =é --data-urlencode 'a=b=c'",
	    "endheaders a+b%0D%0Ac&n=a+b%0D%0Ac&%C3%A9&a=b%3Dc\n");
	HAS("curl http://h/ --form-string 'r=@x;type=t' "
	    "-F 'u=@f.bin;filename=p.PNG' -F 'v=@./f.bin' -F 'w=v;type=a/b' "
	    "-F 'x=v;filename=n.txt' -F 'y=<f.bin'",
	    "putheader Content-Type \"multipart/form-data; boundary=",
	    "name=\\\"r\\\"\\r\\n\\r\\n@x;type=t\\r\\n",
	    "name=\\\"u\\\"; filename=\\\"p.PNG\\\"\\r\\nContent-Type: "
	    "image/png\\r\\n\\r\\na b\\r\\nc\\r\\n",
	    "name=\\\"v\\\"; filename=\\\"f.bin\\\"\\r\\nContent-Type: "
	    "application/octet-stream\\r\\n",
	    "name=\\\"w\\\"\\r\\nContent-Type: a/b\\r\\n\\r\\nv\\r\\n",
	    "name=\\\"x\\\"; filename=\\\"n.txt\\\"\\r\\nContent-Type: "
	    "text/plain\\r\\n\\r\\nv\\r\\n",
	    "name=\\\"y\\\"\\r\\n\\r\\na b\\r\\nc\\r\\n");
	same("curl http://h/ -F 's=@x;type=t/t'", 0,
	     "FileNotFoundError: [Errno 2] No such file or directory: 'x'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(errors_name_the_problem),
		cmocka_unit_test(lenient_leaves_out),
		cmocka_unit_test(head_get_and_url),
		cmocka_unit_test(tls_proxy_and_routes),
		cmocka_unit_test(fields_in_curls_order),
		cmocka_unit_test(bodies),
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
