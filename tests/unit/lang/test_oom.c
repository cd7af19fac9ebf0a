/* Allocation failure, proved: a typical exchange runs once for every n with
 * the n-th allocation of the core failing (malloc, calloc, realloc, strdup
 * and strndup are wrapped at link time for this binary only, see the
 * Makefile). Each run must not crash or leak (the sanitizer build checks
 * both), the failure must come back as MemoryError from the command during
 * which it happened, and once memory is back `reset` and a fresh request
 * must work and put exactly the expected bytes on the wire. A second script
 * does the same for the language around the calls (variables, captures,
 * expectations, help). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "interop/xsession.h"
#include "session/format.h"
#include "lang/batch.h"
#include "lang/interp.h"
#include "net/memtransport.h"

/* ---- the failing allocator ---------------------------------------------- */

#include "failalloc.h"

/* ---- the exchange ------------------------------------------------------- */

#define CHUNKED                                                             \
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"            \
	"5\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 1\r\n\r\n"
#define SIZED "HTTP/1.1 201 Created\r\nContent-Length: 4\r\nX-A: b\r\n\r\nbody"
#define SERVER CHUNKED SIZED SIZED SIZED

/* A session touching the interpreter, request framing, chunked coding, the
 * response parser and reader, the tap and debug output. */
static const char *const script[] = {
	"putrequest POST /up",
	"putheader X-Trace abc def",
	"endheaders encode_chunked",
	"chunk \"hello\"",
	"endchunks \"X-Sum: 5\"",
	"getresponse",
	"read",
	"set_debuglevel 1",
	"request PUT /x \"some text body\" -H \"X-One: 1\" -H \"X-Two: 2\"",
	"getresponse",
	"getheader X-A",
	"getheaders",
	"read 2",
	"readline",
	"state",
	"request GET /y",
	"getresponse",
	"peek 1",
	"read1",
	"isclosed",
	"close",
};

#define JSON "{\"user\":{\"roles\":[\"a\",\"b\"],\"id\":7}}"
#define JSONRESP                                                            \
	"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"            \
	"Content-Length: 35\r\n\r\n" JSON
#define LANGSERVER CHUNKED JSONRESP

/* The language around the calls: variables, secrets, captures,
 * expectations (passing and expected to fail), attrs, response, help. */
static const char *const lang_script[] = {
	"set A hello",
	"set --secret TOKEN s3cr3t",
	"request GET /${A} -H \"Authorization: Bearer ${TOKEN}\"",
	"getresponse",
	"expect status 200",
	"expect framing chunked",
	"read",
	"expect chunks 2",
	"expect body = \"hello world\"",
	"expect body contains world",
	"expect body sha256 "
	"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
	"set B from body",
	"set C from regex \"w(or)ld\"",
	"request POST /j \"${B} ${C}\"",
	"getresponse",
	"expect header Content-Type ~ ^application/",
	"expect header X-None absent",
	"set H from header content-type",
	"read",
	"set R from json user.roles[1]",
	"set I from json user.id",
	"expect json user.roles[0] = a",
	"expect error ValueError",
	"set X from header X-Missing",
	"attrs",
	"response getcode",
	"response info",
	"set",
	"help set",
	"help",
};

#define HTTPFILE                                                            \
	"@host = http://example.com\n@tok = t{{host}}\n"                      \
	"# @name first\nPOST {{host}}/p?a=1\n  &b=2 HTTP/1.1\n"               \
	"X-T: {{tok}}\n\nline 1\n{{tok}}\n\n###\nPUT http://example.com/f\n\n"  \
	"< ./body.bin\n###\nGET http://example.com:81/g\n"
#define HARFILE                                                             \
	"{\"log\":{\"version\":\"1.2\",\"entries\":[{\"request\":{"           \
	"\"method\":\"POST\",\"url\":\"http://example.com/h?q=1\","          \
	"\"httpVersion\":\"HTTP/1.1\",\"headers\":[{\"name\":\"X-H\","      \
	"\"value\":\"v\"},{\"name\":\":path\",\"value\":\"/h\"}],"          \
	"\"postData\":{\"mimeType\":\"text/plain\",\"text\":\"AAEC\","      \
	"\"encoding\":\"base64\"}},\"response\":{\"status\":201,"           \
	"\"headers\":[{\"name\":\"X-A\",\"value\":\"b\"},{\"name\":"        \
	"\"Date\",\"value\":\"x\"}]}}]}}"

/* Import and export: every format both ways, over a session with a sized
 * and a chunked exchange (its files are written by interop_files). */
static const char *const interop_script[] = {
	"set V val",
	"request POST /a \"b\\x00dy\" -H \"X-A: 1\" -H \"X-E: \"",
	"getresponse",
	"read",
	"putrequest PUT /c skip_host",
	"putheader Host example.com",
	"putheader Transfer-Encoding chunked",
	"putheader X-M a b",
	"endheaders encode_chunked",
	"chunk hello",
	"endchunks \"X-T: 1\"",
	"getresponse",
	"read",
	"export curl --all",
	"export http",
	"export http out.http",
	"export har",
	"import --no-run --lenient curl curl http://h:81/p?x=1 -u a:b -A ag -e r "
	"-b c=1 -H 'X-E;' -H 'Accept:' -H 'Host: hh' --data-urlencode 'n=a b' "
	"--data-urlencode n@body.bin -d @body.bin --json 1 -k -s -L "
	"-x p:1 --noproxy other -m 5 --connect-timeout 2 --compressed "
	"--resolve h:81:1.2.3.4",
	"import --no-run curl https://h/ -G -d a=1 --cacert c --capath d "
	"--cert e --key f --connect-to ::x:1 -H 'Transfer-Encoding: chunked'",
	"import --no-run curl curl http://h/ -F a=1 -F 'b=@body.bin;type=t/t' "
	"-F 'c=<body.bin' --form-string 'd=@x;y' -F 'e=@body.bin;filename=e.txt'",
	"import --no-run http test.http",
	"import --no-run --expect har test.har",
};

typedef struct scenario {
	const char *const *lines;
	size_t n;
	const char *server; /* what each connection receives */
	size_t piece;       /* largest recv, 0: the default */
	const char *dir;    /* the interpreter's folder, or NULL */
} scenario;

/* http.client drops what a response's reader buffered beyond it: with the
 * default pieces the first response takes the whole input, and the second
 * request of `calls` meets RemoteDisconnected (as 3.11 would). */
static const scenario calls = { script, sizeof script / sizeof script[0],
				SERVER, 0, NULL };
/* Here each response arrives on its own (the first in one piece). */
static const scenario lang = { lang_script,
			       sizeof lang_script / sizeof lang_script[0],
			       LANGSERVER, sizeof CHUNKED - 1, NULL };

static char interop_dir[] = "/tmp/wb-oom-XXXXXX";
static const scenario interop = { interop_script,
				  sizeof interop_script /
					  sizeof interop_script[0],
				  CHUNKED CHUNKED, sizeof CHUNKED - 1,
				  interop_dir };

static const char *const probe[] = { "reset", "set_debuglevel 0",
				     "request GET /probe", "getresponse",
				     "read" };
#define NPROBE (sizeof probe / sizeof probe[0])
#define PROBE_SENT "GET /probe HTTP/1.1\r\nHost: example.com\r\n" \
		   "Accept-Encoding: identity\r\n\r\n"

typedef struct seen {
	char data[64];   /* the last read's data */
	size_t ndata;
	char error[160]; /* the first error reported */
} seen;

static void on_expected(void *arg, const char *name, const char *msg)
{
	(void)arg, (void)name, (void)msg;
}

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	seen *s = arg;
	(void)e;
	if (!s->error[0])
		snprintf(s->error, sizeof s->error, "%s: %s", name, msg);
}

static void on_result(void *arg, const wb_result *r)
{
	seen *s = arg;
	if (r->kind == WB_RES_DATA) {
		s->ndata = r->stored < sizeof s->data ? r->stored
						      : sizeof s->data;
		memcpy(s->data, r->data, s->ndata);
	}
}

typedef struct outcome {
	int created;        /* the interpreter could be created */
	int nomem;          /* some command reported MemoryError */
	int failed_silently;/* 1 + the command the failure hit, when that
			     * command did not report MemoryError */
	int probe_ok;       /* reset and a fresh request worked */
	int first_failed;   /* 1 + the first command that failed, or 0 */
	char error[160];    /* its error */
	unsigned long used; /* allocations counted */
} outcome;

static wb_mem_script *server(const scenario *sc)
{
	wb_mem_script *s = wb_mem_new();
	for (int i = 0; i < 8; i++)
		wb_mem_add(s, sc->server, strlen(sc->server));
	if (sc->piece)
		wb_mem_set_piece(s, sc->piece);
	return s;
}

/* Runs the scenario with allocation n failing (0: none). */
static void run(const scenario *sc, unsigned long n, outcome *o)
{
	memset(o, 0, sizeof *o);
	wb_mem_script *s = server(sc);
	seen sn = { .ndata = 0 };
	wb_out out = { .result = on_result, .error = on_error,
		       .expected = on_expected, .arg = &sn };
	allocs = 0;
	fail_at = n;
	armed = 1;
	wb_interp *in = wb_interp_new(1 << 20);
	wb_err e = WB_OK;
	if (in) {
		o->created = 1;
		if (sc->dir)
			wb_interp_set_dir(in, sc->dir);
		wb_interp_set_out(in, &out);
		e = wb_interp_exec(in, "open http://example.com");
	}
	if (in && e == WB_OK)
		wb_conn_set_connector(wb_interp_conn(in), wb_mem_connect, s);
	o->nomem = e == WB_E_NOMEM;
	for (size_t i = 0; in && e == WB_OK && i < sc->n; i++) {
		unsigned long before = allocs;
		wb_err ce = wb_interp_exec(in, sc->lines[i]);
		int hit = n && before < n && allocs >= n;
		if (ce != WB_OK && !o->first_failed)
			o->first_failed = (int)i + 1;
		if (ce == WB_E_NOMEM)
			o->nomem = 1;
		else if (hit) /* succeeded, or failed under another name */
			o->failed_silently = (int)i + 1;
		if (hit)
			break;
	}
	o->used = allocs;
	armed = 0;
	memcpy(o->error, sn.error, sizeof o->error);
	/* a failed open is simply typed again */
	if (in && e != WB_OK &&
	    wb_interp_exec(in, "open http://example.com") == WB_OK)
		wb_conn_set_connector(wb_interp_conn(in), wb_mem_connect, s);
	if (in) {
		size_t before = wb_mem_connects(s);
		int ok = 1;
		for (size_t i = 0; i < NPROBE; i++)
			ok &= wb_interp_exec(in, probe[i]) == WB_OK;
		const wb_buf *sent = wb_mem_sent(s, before);
		o->probe_ok = ok && sent && sent->n == strlen(PROBE_SENT) &&
			      !memcmp(sent->p, PROBE_SENT, sent->n) &&
			      sn.ndata == 11 && !memcmp(sn.data, "hello world", 11);
	}
	wb_interp_free(in);
	wb_mem_free(s);
}

static void each_allocation_fails_once(const scenario *sc, int clean)
{
	outcome o;
	run(sc, 0, &o);
	assert_true(o.created);
	assert_false(o.nomem);
	if (clean && o.first_failed)
		fail_msg("`%s` failed with memory to spare: %s",
			 sc->lines[o.first_failed - 1], o.error);
	assert_true(o.probe_ok);
	unsigned long total = o.used;
	assert_true(total > 50 && total < 20000);
	unsigned long silent = 0, reported = 0, unclean = 0;
	for (unsigned long n = 1; n <= total; n++) {
		run(sc, n, &o);
		if (!o.created)
			continue; /* wb_interp_new returned NULL: reported */
		if (o.failed_silently) {
			silent++;
			print_message("allocation %lu failed during `%s`, which "
				      "did not report MemoryError (%s)\n", n,
				      sc->lines[o.failed_silently - 1],
				      o.error[0] ? o.error : "no error");
		}
		if (!o.probe_ok)
			print_message("allocation %lu: no clean request after "
				      "reset\n", n);
		reported += o.nomem;
		unclean += !o.probe_ok;
	}
	print_message("%lu allocations failed one at a time: %lu reported "
		      "MemoryError, %lu silent\n", total, reported, silent);
	assert_int_equal(silent, 0);
	assert_int_equal(unclean, 0);
}

static void every_allocation_fails_once(void **state)
{
	(void)state;
	each_allocation_fails_once(&calls, 0);
}

/* The same for the language's own commands. The script must also run
 * through cleanly: an expectation it makes that fails is a test bug. */
static void language_allocations_fail_once(void **state)
{
	(void)state;
	each_allocation_fails_once(&lang, 1);
}

static void write_file(const char *name, const char *text, size_t n)
{
	char path[64];
	snprintf(path, sizeof path, "%s/%s", interop_dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Import and export of every format, with jansson's allocations failing
 * too; the script must run through cleanly with memory to spare. */
static void interop_allocations_fail_once(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(interop_dir));
	write_file("body.bin", "a\r\n\0b", 5);
	write_file("test.http", HTTPFILE, sizeof HTTPFILE - 1);
	write_file("test.har", HARFILE, sizeof HARFILE - 1);
	failalloc_json(1);
	each_allocation_fails_once(&interop, 1);
}

/* jansson's own allocator back, and the folder removed. */
static int interop_done(void **state)
{
	(void)state;
	failalloc_json(0);
	DIR *d = opendir(interop_dir);
	for (struct dirent *f; d && (f = readdir(d));) {
		char path[300];
		snprintf(path, sizeof path, "%s/%s", interop_dir, f->d_name);
		if (f->d_name[0] != '.')
			unlink(path);
	}
	if (d)
		closedir(d);
	return rmdir(interop_dir);
}

/* ---- export from a session file -------------------------------------- */

/* A recording: an https origin, a request whose fields were sent, one
 * dropped before it went out, a response. */
static const char SESSION[] =
	"# wirebench session 1\n"
	"open https://h.test\n"
	"#@ +0.000085\n"
	"#> 1 note info wire +0.000060 note=\"HTTPSConnection(h.test:443) "
	"ready; nothing is sent before endheaders\" \"\"\n"
	"request POST /echo?a=1&b \"a\\x00b\" -H \"X-A: 1\"\n"
	"#@ +0.000164\n"
	"#> 2 out request-line buffered +0.000017 \"POST /echo?a=1&b HTTP/1.1\\r\\n\"\n"
	"#> 3 out header buffered +0.000023 \"Host: h.test\\r\\n\"\n"
	"#> 4 out header buffered +0.000025 \"Content-Length: 3\\r\\n\"\n"
	"#> 5 out header buffered +0.000030 \"X-A: 1\\r\\n\"\n"
	"#> 6 out header buffered +0.000031 \"X-B: 2\\r\\n\"\n"
	"#> 7 note open wire +0.002718 note=\"connected to 10.0.0.1:443 "
	"(tls)\" \"\"\n"
	"#^ 2 sent +0.002828\n"
	"#^ 3 sent +0.002831\n"
	"#^ 4 sent +0.002832\n"
	"#^ 5 sent +0.002834\n"
	"#^ 6 dropped +0.002834\n"
	"#> 8 out end-of-headers wire +0.002838 \"\\r\\n\"\n"
	"#> 9 out body wire +0.002902 \"a\\x00b\"\n"
	"getresponse\n"
	"#@ +0.003102\n"
	"#> 10 in status-line wire +0.000022 \"HTTP/1.1 200 OK\\r\\n\"\n"
	"#> 11 in header wire +0.000027 \"Content-Type: text/plain\\r\\n\"\n"
	"#> 12 in header wire +0.000030 \"Content-Length: 2\\r\\n\"\n"
	"#> 13 in end-of-headers wire +0.000031 \"\\r\\n\"\n"
	"#= response +0.000035 200 version=11 length=2 chunked=no "
	"will_close=no \"OK\"\n"
	"read\n"
	"#@ +0.003147\n"
	"#> 14 in body wire +0.000003 \"\\xffz\"\n"
	"#= data +0.000006 2 \"\\xffz\"\n";

/* wirebench --export FORMAT SESSION: every allocation of the export fails
 * once and the export says MemoryError, leaving out nothing silently. */
static void session_export_fails_cleanly(void **state)
{
	(void)state;
	static const char *const formats[] = { "curl", "http", "har" };
	wb_session *s = NULL;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_session_parse(SESSION, sizeof SESSION - 1, "s.wb",
					  ".", &s, &msg), WB_OK);
	failalloc_json(1);
	for (size_t f = 0; f < 3; f++) {
		wb_buf ref = WB_BUF_INIT, out = WB_BUF_INIT;
		allocs = 0, fail_at = 0, armed = 1;
		wb_err e = wb_xsession_export(s, formats[f], NULL, &ref, &msg);
		armed = 0;
		assert_int_equal(e, WB_OK);
		unsigned long total = allocs;
		assert_true(total > 10);
		for (unsigned long n = 1; n <= total; n++) {
			wb_buf_clear(&out);
			wb_buf_clear(&msg);
			allocs = 0, fail_at = n, armed = 1;
			e = wb_xsession_export(s, formats[f], NULL, &out, &msg);
			armed = 0;
			/* the first run made one-time allocations: later runs
			 * may not reach n, and then export as before (HAR's
			 * dates count from now: the same length) */
			int hit = allocs >= n;
			if (hit ? e != WB_E_NOMEM : e || out.n != ref.n)
				fail_msg("export %s, allocation %lu of %lu: %s",
					 formats[f], n, allocs, wb_err_name(e));
		}
		print_message("export %s of a session: %lu allocations failed "
			      "one at a time: MemoryError wherever reached\n", formats[f],
			      total);
		wb_buf_free(&ref);
		wb_buf_free(&out);
	}
	wb_buf_free(&msg);
	wb_session_free(s);
}

static int jansson_back(void **state)
{
	(void)state;
	failalloc_json(0);
	return 0;
}

/* ---- the batch front end ------------------------------------------------ */

/* Lines that need no peer but print frames, states, errors and help. */
static char batch_script[] =
	"open http://example.com\n"
	"putrequest GET /a\n"
	"putheader X-Long \"a long header value to print\" second\n"
	"state\n"
	"putheader Bad:Name v\n"
	"reset\n"
	"set_tunnel proxy.example:3128 \"X-T: 1\"\n"
	"state\n"
	"help putheader\n";

/* Runs the batch script with allocation n failing; returns the status. */
static int run_batch(unsigned long n, int json, char **text, size_t *len,
		     int *told_err)
{
	FILE *in = fmemopen(batch_script, sizeof batch_script - 1, "r");
	FILE *out = open_memstream(text, len);
	char *etext = NULL;
	size_t elen = 0;
	FILE *err = open_memstream(&etext, &elen);
	assert_non_null(in);
	assert_non_null(out);
	wb_batch_opts o = { .json = json, .keep_going = 1, .echo = 1,
			    .frame_bytes = 256, .tap_cap = 1 << 20 };
	allocs = 0;
	fail_at = n;
	armed = 1;
	int status = wb_batch_run(in, ".", &o, out, err);
	armed = 0;
	fclose(in);
	fclose(out);
	fclose(err);
	*told_err = etext && strstr(etext, "wirebench: out of memory") != NULL;
	free(etext);
	return status;
}

/* Every allocation of a batch run fails once, in both output formats: the
 * core reports MemoryError in the transcript, or the front end learns that
 * its own output lost memory (WB_EXIT_NOMEM) and says so; never a crash,
 * a leak or a clean-looking transcript. */
static void batch_reports_or_stops(void **state)
{
	(void)state;
	for (int json = 0; json < 2; json++) {
		char *text = NULL;
		size_t len = 0;
		/* one failing command (Bad:Name) is part of the script */
		int told_err = 0;
		assert_int_equal(run_batch(0, json, &text, &len, &told_err), 1);
		assert_false(told_err);
		unsigned long total = allocs;
		free(text);
		assert_true(total > 20 && total < 20000);
		unsigned long told = 0, stopped = 0;
		for (unsigned long n = 1; n <= total; n++) {
			int status = run_batch(n, json, &text, &len,
					       &told_err);
			int said = text && strstr(text, "MemoryError") != NULL;
			if (status == WB_EXIT_NOMEM)
				stopped++;
			else if (said)
				told++;
			else
				print_message("batch %s, allocation %lu: status "
					      "%d and no MemoryError\n",
					      json ? "json" : "text", n, status);
			assert_true(status == WB_EXIT_NOMEM || said);
			/* stopping is always explained */
			assert_int_equal(status == WB_EXIT_NOMEM, told_err);
			free(text);
		}
		print_message("batch %s: %lu allocations failed one at a time: "
			      "%lu reported MemoryError, %lu stopped the "
			      "output\n", json ? "json" : "text", total, told,
			      stopped);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_allocation_fails_once),
		cmocka_unit_test(language_allocations_fail_once),
		cmocka_unit_test_teardown(interop_allocations_fail_once,
					  interop_done),
		cmocka_unit_test_teardown(session_export_fails_cleanly,
					  jansson_back),
		cmocka_unit_test(batch_reports_or_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
