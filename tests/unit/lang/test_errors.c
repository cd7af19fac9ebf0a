/* Bad commands: each one fails with its named error and exact message, and
 * the interpreter keeps going (the next command works). The peer is the
 * memory transport; no network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/interp.h"
#include "net/memtransport.h"

#define JSON "{\"a\":{\"b\":[1,\"x\"]}}"
#define RESP                                                               \
	"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"            \
	"Content-Length: 19\r\n\r\n" JSON

typedef struct seen {
	char name[64];
	char msg[512];
	char text[512];
	int errors;
} seen;

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	seen *s = arg;
	(void)e;
	s->errors++;
	snprintf(s->name, sizeof s->name, "%s", name);
	snprintf(s->msg, sizeof s->msg, "%s", msg);
}

static void on_result(void *arg, const wb_result *r)
{
	seen *s = arg;
	if (r->text)
		snprintf(s->text, sizeof s->text, "%s", r->text);
}

typedef struct tcase {
	const char *setup[6]; /* lines that must work first */
	const char *line;     /* the line under test */
	const char *name;     /* its error, NULL: it works */
	const char *msg;      /* its message, or (works) its text */
} tcase;

#define OPEN "open http://example.com"
#define L10 "aaaaaaaaaa"
#define L100 L10 L10 L10 L10 L10 L10 L10 L10 L10 L10
#define LONGNAME L100 L100 L100
#define GOT OPEN, "request GET /", "getresponse"
#define READ GOT, "read"

static const tcase cases[] = {
	/* open's options */
	{ { NULL }, "open http://example.com --blocksize x", "UsageError",
	  "'x' is not a number" },
	{ { NULL }, "open http://example.com --blocksize 0", "UsageError",
	  "bad --blocksize" },
	{ { NULL }, "open http://example.com --timeout 0", "UsageError",
	  "--timeout needs seconds > 0, got '0'" },
	{ { NULL }, "open http://example.com --timeout 1s", "UsageError",
	  "--timeout needs seconds > 0, got '1s'" },
	{ { NULL }, "open http://example.com --connect-to nocolon",
	  "UsageError", "--connect-to needs HOST:PORT, got 'nocolon'" },
	{ { NULL }, "open http://example.com --frobnicate", "UsageError",
	  "open: unknown option '--frobnicate'" },
	{ { NULL }, "open http://example.com --capath certs", "UsageError",
	  "TLS options need an https:// URL" },
	{ { NULL }, "open http://example.com --proxy http://p:1 --connect-to "
	  "a:1", "UsageError", "--proxy and --connect-to exclude each other" },
	/* the calls */
	{ { OPEN }, "putrequest GET / skip_host skip_body", "UsageError",
	  "putrequest: unknown flag 'skip_body'" },
	{ { OPEN }, "request GET / -H NoColon", "UsageError",
	  "a header is \"Name: value\", got 'NoColon'" },
	{ { OPEN }, "request GET / \"b\" --encoding utf-8", "UsageError",
	  "--encoding needs an @text:FILE body" },
	{ { OPEN }, "request GET / @text:sessions/README.md --encoding utf-16",
	  "UsageError", "text files are read as utf-8, latin-1 or ascii, not "
	  "'utf-16'" },
	{ { OPEN }, "request POST / @sessions/README.md/x",
	  "NotADirectoryError",
	  "[Errno 20] Not a directory: 'sessions/README.md/x'" },
	{ { OPEN }, "request POST / @sessions", "IsADirectoryError",
	  "[Errno 21] Is a directory: 'sessions'" },
	{ { OPEN }, "request POST / @" LONGNAME, "OSError",
	  "[Errno 36] File name too long: '" LONGNAME "'" },
	{ { OPEN, "putrequest POST /", "endheaders" }, "send encode_chunked",
	  "UsageError", "usage: send BODY | send --pieces A B ..." },
	{ { GOT }, "read -1", "UsageError",
	  "read N needs N >= 0 (read without N is read())" },
	{ { GOT }, "read x", "UsageError", "'x' is not a number" },
	{ { OPEN }, "set_debuglevel 9999999999", "UsageError",
	  "set_debuglevel N needs |N| <= 2147483647" },
	{ { OPEN }, "tls", "UsageError", "not an https:// connection" },
	{ { "open https://example.com" }, "tls", "UsageError",
	  "no TLS handshake has succeeded yet" },
	{ { OPEN }, "set_debuglevel -9999999999", "UsageError",
	  "set_debuglevel N needs |N| <= 2147483647" },
	{ { OPEN }, "getheaders", "UsageError",
	  "no response yet: use getresponse" },
	{ { OPEN }, "isclosed", "UsageError",
	  "no response yet: use getresponse" },
	{ { NULL }, "help frobnicate", "UsageError", "no command 'frobnicate'" },
	{ { OPEN }, "getheader X", "UsageError",
	  "no response yet: use getresponse" },
	{ { OPEN }, "attrs", "UsageError", "no response yet: use getresponse" },
	{ { GOT }, "response frobnicate", "UsageError", NULL },
	/* every call needs a connection first */
	{ { NULL }, "send x", "UsageError",
	  "no connection yet: start with open URL" },
	{ { NULL }, "set_debuglevel 1", "UsageError",
	  "no connection yet: start with open URL" },
	{ { NULL }, "endheaders", "UsageError",
	  "no connection yet: start with open URL" },
	{ { NULL }, "chunk x", "UsageError",
	  "no connection yet: start with open URL" },
	{ { NULL }, "endchunks", "UsageError",
	  "no connection yet: start with open URL" },
	{ { NULL }, "tls", "UsageError",
	  "no connection yet: start with open URL" },
	{ { NULL }, "set_tunnel h:1", "UsageError",
	  "no connection yet: start with open URL" },
	{ { NULL }, "getresponse", "UsageError",
	  "no connection yet: start with open URL" },
	/* expectations */
	{ { GOT }, "expect status OK", "UsageError", "'OK' is not a number" },
	{ { GOT }, "expect chunks many", "UsageError",
	  "'many' is not a number" },
	{ { GOT }, "expect framing gzip", "UsageError",
	  "expect framing chunked|length|close, got 'gzip'" },
	{ { GOT }, "expect header X == y", "UsageError", NULL },
	{ { GOT }, "expect body like y", "UsageError", NULL },
	{ { READ }, "expect json a.b[1] != x", "UsageError", NULL },
	{ { GOT }, "expect weather sunny", "UsageError", NULL },
	{ { READ }, "expect json a.b[1] = y", "AssertionError",
	  "expected json a.b[1] 'y', got 'x'" },
	{ { READ }, "expect json a.b[0] = 1", NULL, NULL },
	{ { READ }, "expect framing length", NULL, NULL },
	{ { READ }, "expect framing close", "AssertionError",
	  "expected framing close, got length" },
	{ { READ }, "expect body = \"{}\"", "AssertionError",
	  "expected body '{}', got '" JSON "'" },
	{ { READ }, "expect header Content-Type = text/html",
	  "AssertionError", "expected header value 'text/html', got "
	  "'application/json'" },
	{ { NULL }, "expect status 200", "UsageError",
	  "no response yet: use getresponse" },
	{ { GOT }, "expect status 404", "AssertionError",
	  "expected status 404, got 200" },
	{ { GOT }, "expect header Content-Type absent", "AssertionError",
	  "expected no header 'Content-Type', got 'application/json'" },
	{ { GOT }, "expect header X-None = 1", "AssertionError",
	  "expected header X-None, got no such header" },
	{ { GOT }, "expect header Content-Type ~ ^text/", "AssertionError",
	  "expected header to match '^text/', got 'application/json'" },
	{ { GOT }, "expect header Content-Type ~ \"(\"", "ValueError",
	  "bad regex '(': Unmatched ( or \\(" },
	{ { GOT }, "expect header content-type ~ json$", NULL, NULL },
	{ { READ }, "expect body sha256 00", "AssertionError",
	  "expected body sha256 '00', got "
	  "'e73010e697345e7380121df5462ed55cdcefb4a00caacf149f543e80aeb1868d'" },
	{ { READ }, "expect body sha256 "
	  "E73010E697345E7380121DF5462ED55CDCEFB4A00CAACF149F543E80AEB1868D",
	  NULL, NULL },
	{ { READ }, "expect body contains zzz", "AssertionError",
	  "expected body to contain 'zzz', got '" JSON "'" },
	{ { READ }, "expect body contains \"\"", NULL, NULL },
	{ { READ }, "expect chunks 1", "AssertionError",
	  "expected chunks 1, got 0" },
	{ { READ }, "expect chunks -1", "AssertionError",
	  "expected chunks -1, got 0" },
	{ { READ }, "expect chunks 0", NULL, NULL },
	{ { GOT }, "expect error NoSuchError", "UsageError",
	  "no error named 'NoSuchError'" },
	{ { GOT }, "expect status", "UsageError", NULL },
	{ { GOT }, "expect header X", "UsageError", NULL },
	{ { GOT }, "expect body =", "UsageError", NULL },
	{ { GOT }, "expect json a", "UsageError", NULL },
	{ { GOT }, "expect chunks", "UsageError", NULL },
	{ { GOT }, "expect framing", "UsageError", NULL },
	{ { GOT }, "expect error", "UsageError", NULL },
	{ { GOT }, "set A from status x", "UsageError", NULL },
	{ { GOT }, "set A from body x", "UsageError", NULL },
	{ { GOT }, "set A from header", "UsageError", NULL },
	{ { GOT }, "set A from json", "UsageError", NULL },
	{ { GOT }, "set A from regex", "UsageError", NULL },
	/* no group: the whole match; a group: the first group */
	{ { READ, "set A from regex \"b.:\"" }, "set", NULL, "A = 'b\":'" },
	{ { READ, "set A from regex '\\[(1)'" }, "set", NULL, "A = '1'" },
	{ { READ }, "set A from regex zzz", "ValueError",
	  "regex 'zzz' does not match the body read so far (19 bytes)" },
	/* variables */
	{ { NULL }, "set 1A x", "SyntaxError", "bad variable name '1A' "
	  "(letters, digits and _, or env:NAME)" },
	{ { NULL }, "set A-B x", "SyntaxError", "bad variable name 'A-B' "
	  "(letters, digits and _, or env:NAME)" },
	{ { OPEN }, "request GET /${env:1X}", "SyntaxError", "bad variable "
	  "name 'env:1X' (letters, digits and _, or env:NAME)" },
	{ { NULL }, "set A", "UsageError", NULL },
	{ { GOT }, "set A from", "UsageError", NULL },
	{ { GOT }, "set A from weather", "UsageError", NULL },
	{ { GOT }, "set A from regex \"(\"", "ValueError",
	  "bad regex '(': Unmatched ( or \\(" },
	{ { NULL }, "set", NULL, "no variables" },
	/* quoting */
	{ { NULL }, "set A \"\\u12\"", "SyntaxError",
	  "\\u needs four hex digits" },
	{ { NULL }, "set A \"\\uD800\"", "SyntaxError",
	  "\\u cannot name a surrogate" },
	{ { NULL }, "set A \"\\u00e9\"", NULL, NULL },
	/* sessions */
	{ { NULL }, "save", "UsageError", "no file yet: save FILE" },
	{ { NULL }, "save a.wb b.wb", "UsageError", NULL },
	{ { NULL }, "replay a.wb http://h/ extra", "UsageError", NULL },
	{ { NULL }, "replay sessions/01-first-get.wb --step", "UsageError",
	  "replay --step pauses in the workbench only" },
	/* interchange */
	{ { NULL }, "import --frobnicate curl x", "UsageError",
	  "import: unknown option '--frobnicate'" },
	{ { NULL }, "import --no-run", "UsageError", NULL },
	{ { NULL }, "export curl", "UsageError",
	  "no request has been sent yet" },
	{ { GOT }, "export http sessions", "IsADirectoryError",
	  "[Errno 21] Is a directory: 'sessions'" },
	{ { GOT }, "export http no/such/dir.http", "FileNotFoundError",
	  "[Errno 2] No such file or directory: 'no/such/dir.http'" },
	{ { GOT }, "export curl --all --frobnicate", "UsageError", NULL },
	/* the same bytes: curl's own User-Agent and Accept taken out */
	{ { GOT }, "export curl --all", NULL,
	  "# request 1 (command 2)\ncurl --http1.1 -H 'Accept-Encoding: "
	  "identity' -H User-Agent: -H Accept: http://example.com/" },
	{ { NULL }, "import http @no-such.http", "FileNotFoundError",
	  "[Errno 2] No such file or directory: 'no-such.http'" },
	{ { NULL }, "import har a.har b.har", "UsageError", NULL },
	{ { NULL }, "import http @", "UsageError", NULL },
	{ { NULL }, "import http ''", "UsageError", NULL },
	{ { NULL }, "import --no-run curl", "UsageError",
	  "no URL in the curl command" },
	{ { GOT }, "export curl --all /dev/full", "OSError",
	  "[Errno 28] No space left on device: '/dev/full'" },
};

static wb_interp *new_interp(wb_mem_script **s, seen *sn, wb_out *out)
{
	*s = wb_mem_new();
	for (int i = 0; i < 4; i++)
		wb_mem_add(*s, RESP, sizeof RESP - 1);
	wb_interp *in = wb_interp_new(1 << 20);
	assert_non_null(in);
	*out = (wb_out){ .result = on_result, .error = on_error, .arg = sn };
	wb_interp_set_out(in, out);
	wb_interp_set_frame_only(in, wb_mem_connect, *s);
	return in;
}

/* "usage: " and the usage of the command the line starts with. */
static const char *usage_of(const char *line)
{
	static char u[1024];
	size_t n = strcspn(line, " ");
	for (size_t i = 0; i < wb_interp_ncmds(); i++) {
		const wb_cmd_info *c = wb_interp_cmd(i);
		if (strlen(c->name) == n && !strncmp(c->name, line, n)) {
			snprintf(u, sizeof u, "usage: %s", c->usage);
			return u;
		}
	}
	return "no such command";
}

#define BAD(...) (print_message(__VA_ARGS__), print_message("\n"), bad++)

static void each_bad_command_is_named(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const tcase *c = &cases[i];
		wb_mem_script *s;
		seen sn = { .errors = 0 };
		wb_out out;
		wb_interp *in = new_interp(&s, &sn, &out);
		for (size_t k = 0; k < 6 && c->setup[k]; k++)
			if (wb_interp_exec(in, c->setup[k]) != WB_OK)
				BAD("case %zu: `%s`: %s: %s", i, c->setup[k],
				    sn.name, sn.msg);
		sn.name[0] = sn.msg[0] = sn.text[0] = '\0';
		wb_err e = wb_interp_exec(in, c->line);
		if (!c->name) {
			if (e != WB_OK)
				BAD("case %zu: `%s` failed: %s: %s", i,
				    c->line, sn.name, sn.msg);
			if (c->msg && strcmp(sn.text, c->msg))
				BAD("case %zu: `%s` gave <%s>", i, c->line,
				    sn.text);
		} else {
			if (e == WB_OK || strcmp(sn.name, c->name) ||
			    (c->msg && strcmp(sn.msg, c->msg)))
				BAD("case %zu: `%s`: got %s: %s", i, c->line,
				    e ? sn.name : "success", sn.msg);
			/* else the message is the command's usage */
			if (!c->msg && strcmp(sn.msg, usage_of(c->line)))
				BAD("case %zu: `%s`: %s", i, c->line, sn.msg);
		}
		/* and the interpreter goes on */
		assert_int_equal(wb_interp_exec(in, "help quit"), WB_OK);
		assert_string_equal(sn.text, "quit\n  End wirebench; the "
					     "connection closes. (wirebench "
					     "extension)");
		wb_interp_free(in);
		wb_mem_free(s);
	}
	assert_int_equal(bad, 0);
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

#define HAR                                                                \
	"{\"log\":{\"version\":\"1.2\",\"entries\":[{\"request\":{"          \
	"\"method\":\"GET\",\"url\":\"http://example.com/h\",\"httpVersion\":" \
	"\"HTTP/1.1\",\"headers\":[{\"name\":\"X-H\",\"value\":\"4\"}],"     \
	"\"queryString\":[],\"cookies\":[],\"headersSize\":-1,\"bodySize\":0}," \
	"\"response\":{\"status\":200,\"statusText\":\"OK\",\"httpVersion\":"  \
	"\"HTTP/1.1\",\"headers\":[],\"cookies\":[],\"content\":{\"size\":0,"  \
	"\"mimeType\":\"text/plain\"},\"redirectURL\":\"\",\"headersSize\":-1," \
	"\"bodySize\":0},\"cache\":{},\"timings\":{\"send\":0,\"wait\":0,"      \
	"\"receive\":0},\"startedDateTime\":\"2024-01-01T00:00:00Z\","         \
	"\"time\":0}]}}"

/* Imports from files in a folder: paths inside a file are relative to
 * it, a bad line is named with the file, curl reads @FILE, HAR adds
 * expectations with --expect. */
static void imports_from_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/wb-import-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char sub[64];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	put_file(sub, "a.http", "POST http://example.com/x\nX-A: 1\n\n"
				"< ./body.txt\n");
	put_file(sub, "body.txt", "hello");
	put_file(sub, "bad.http", "GET http://example.com/x\nBad Header Line\n");
	put_file(sub, "c.txt", "curl -H 'X-C: 3' http://example.com/c");
	put_file(sub, "x.har", HAR);
	static const struct {
		const char *line, *name, *text;
	} imports[] = {
		{ "import --no-run http sub/a.http", NULL,
		  "# request 1 (line 1)\nopen \"http://example.com\"\n"
		  "request POST \"/x\" @sub/body.txt -H \"Content-Length: 5\" "
		  "-H \"X-A: 1\"\ngetresponse\nread" },
		{ "import --no-run http sub/bad.http", "SyntaxError",
		  "sub/bad.http: line 2, column 4: expected a field 'Name: "
		  "value' or a blank line before the body: 'Bad Header Line'" },
		{ "import --no-run curl @sub/c.txt", NULL,
		  "# curl would also send User-Agent: curl/VERSION\n"
		  "open http://example.com\nputrequest GET /c "
		  "skip_accept_encoding\nputheader Accept */*\nputheader X-C "
		  "3\nendheaders\ngetresponse\nread" },
		{ "import --no-run --expect har sub/x.har", NULL,
		  "# HAR entry 1: http://example.com/h\nopen http://example.com"
		  "\nputrequest GET /h skip_accept_encoding\nputheader X-H 4\n"
		  "endheaders\ngetresponse\nexpect status 200\nread" },
		{ "import --no-run curl curl -H \"X-D: 4\" http://example.com/d",
		  NULL, "# curl would also send User-Agent: curl/VERSION\n"
		  "open http://example.com\nputrequest GET /d "
		  "skip_accept_encoding\nputheader Accept */*\nputheader X-D "
		  "4\nendheaders\ngetresponse\nread" },
	};
	for (size_t i = 0; i < sizeof imports / sizeof imports[0]; i++) {
		seen sn = { .errors = 0 };
		wb_out out = { .result = on_result, .error = on_error,
			       .arg = &sn };
		wb_interp *in = wb_interp_new(1 << 20);
		wb_interp_set_out(in, &out);
		wb_interp_set_dir(in, dir);
		wb_err e = wb_interp_exec(in, imports[i].line);
		if (imports[i].name) {
			assert_int_not_equal(e, WB_OK);
			assert_string_equal(sn.name, imports[i].name);
			assert_string_equal(sn.msg, imports[i].text);
		} else {
			if (e)
				fail_msg("`%s`: %s", imports[i].line, sn.msg);
			assert_string_equal(sn.text, imports[i].text);
		}
		wb_interp_free(in);
	}
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_bad_command_is_named),
		cmocka_unit_test(imports_from_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
