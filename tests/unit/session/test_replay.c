/* The `replay` command: a recorded session run again on a fresh
 * connection, its report and its outcome (a result when it ran, a
 * SessionError when the replay itself failed), with URL, --strict,
 * --ignore-header and --step. The peers are memory transports handed to
 * the replaying interpreter through the replay view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/interp.h"
#include "net/memtransport.h"
#include "session/replay.h"

#define RESP(date, xa)                                                     \
	"HTTP/1.1 200 OK\r\nDate: " date "\r\nX-A: " xa "\r\n"             \
	"Content-Length: 2\r\n\r\nhi"

typedef struct peer {
	wb_mem_script *s;
	int stop_at; /* --step: stop before this command (1-based), 0: no */
	int steps;
} peer;

static void start(void *arg, wb_interp *in, size_t ncmds)
{
	(void)ncmds;
	wb_interp_set_frame_only(in, wb_mem_connect, ((peer *)arg)->s);
}

static int step(void *arg, size_t i, const char *line)
{
	peer *p = arg;
	(void)line;
	p->steps++;
	return p->stop_at && (int)i + 1 == p->stop_at;
}

typedef struct seen {
	char name[64];
	char text[1024];
} seen;

static void on_error(void *arg, wb_err e, const char *name, const char *msg)
{
	seen *s = arg;
	(void)e;
	snprintf(s->name, sizeof s->name, "%s", name);
	snprintf(s->text, sizeof s->text, "%s", msg);
}

static void on_result(void *arg, const wb_result *r)
{
	seen *s = arg;
	if (r->text)
		snprintf(s->text, sizeof s->text, "%s", r->text);
}

static char dir[] = "/tmp/wb-replay-XXXXXX";

/* Records a GET against RESP("Mon", "1") and saves it as rec.wb. */
static void record(void)
{
	wb_mem_script *s = wb_mem_new();
	wb_mem_add(s, RESP("Mon", "1"), sizeof RESP("Mon", "1") - 1);
	wb_interp *in = wb_interp_new(1 << 20);
	wb_interp_set_dir(in, dir);
	wb_interp_set_frame_only(in, wb_mem_connect, s);
	static const char *const lines[] = { "open http://example.com",
					     "request GET /x", "getresponse",
					     "read", "save rec.wb" };
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		assert_int_equal(wb_interp_exec(in, lines[i]), WB_OK);
	wb_interp_free(in);
	wb_mem_free(s);
}

/* Runs line in an interpreter whose replays meet server text (or a
 * refused connection when text is NULL). Returns its error. */
static wb_err run(const char *line, const char *text, peer *p, seen *sn)
{
	p->s = wb_mem_new();
	if (text)
		wb_mem_add(p->s, text, strlen(text));
	else
		wb_mem_add_refused(p->s);
	wb_replay_view v = { .start = start, .step = step, .arg = p };
	wb_interp *in = wb_interp_new(1 << 20);
	wb_out out = { .result = on_result, .error = on_error, .arg = sn };
	wb_interp_set_out(in, &out);
	wb_interp_set_dir(in, dir);
	wb_interp_set_replay_view(in, &v);
	memset(sn, 0, sizeof *sn);
	wb_err e = wb_interp_exec(in, line);
	wb_interp_free(in);
	wb_mem_free(p->s);
	return e;
}

static void replay_reports(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	record();
	peer p = { 0 };
	seen sn;
	const char *same = RESP("Tue", "1"), *changed = RESP("Tue", "2");
	/* Date changes on every request: ignored unless --strict */
	assert_int_equal(run("replay rec.wb", same, &p, &sn), WB_OK);
	assert_string_equal(sn.text, "replay: 4 commands, 0 differences");
	assert_int_equal(run("replay rec.wb --strict", same, &p, &sn), WB_OK);
	assert_string_equal(sn.text, "command 3 (getresponse): header Date: "
				     "\"Mon\" -> \"Tue\"\n"
				     "replay: 4 commands, 1 difference");
	assert_int_equal(run("replay rec.wb", changed, &p, &sn), WB_OK);
	assert_string_equal(sn.text, "command 3 (getresponse): header X-A: "
				     "\"1\" -> \"2\"\n"
				     "replay: 4 commands, 1 difference");
	assert_int_equal(run("replay rec.wb --ignore-header x-a", changed, &p,
			     &sn), WB_OK);
	assert_string_equal(sn.text, "replay: 4 commands, 0 differences");
	/* another URL: its Host line is expected to differ */
	assert_int_equal(run("replay rec.wb http://other.example:8080/", same,
			     &p, &sn), WB_OK);
	assert_string_equal(sn.text, "replay: 4 commands, 0 differences");
	/* the peer cannot be reached: the replay failed */
	assert_int_equal(run("replay rec.wb", NULL, &p, &sn), WB_E_SESSION);
	assert_string_equal(sn.name, "SessionError");
	assert_non_null(strstr(sn.text, "command 2: replay failed: "
					"ConnectionRefusedError: "));
	/* --step: the view is asked before each command and may stop */
	p.stop_at = 3;
	p.steps = 0;
	assert_int_equal(run("replay rec.wb --step", same, &p, &sn),
			 WB_E_SESSION);
	assert_string_equal(sn.text, "replay stopped before command 3");
	assert_int_equal(p.steps, 3);
	p.stop_at = 0;
	p.steps = 0;
	assert_int_equal(run("replay rec.wb --step", same, &p, &sn), WB_OK);
	assert_int_equal(p.steps, 4);
	/* a recording of a peer that could not be reached replays alike
	 * against one that still cannot be: no failure, no difference */
	{
		peer q = { .s = wb_mem_new() };
		wb_mem_add_refused(q.s);
		wb_interp *in = wb_interp_new(1 << 20);
		wb_interp_set_dir(in, dir);
		wb_interp_set_frame_only(in, wb_mem_connect, q.s);
		assert_int_equal(wb_interp_exec(in, "open http://example.com"),
				 WB_OK);
		assert_int_equal(wb_interp_exec(in, "request GET /"),
				 WB_E_CONN_REFUSED);
		assert_int_equal(wb_interp_exec(in, "save down.wb"), WB_OK);
		wb_interp_free(in);
		wb_mem_free(q.s);
	}
	assert_int_equal(run("replay down.wb", NULL, &p, &sn), WB_OK);
	assert_string_equal(sn.text, "replay: 2 commands, 0 differences");
	/* and against a peer that answers now, the change is named */
	assert_int_equal(run("replay down.wb", same, &p, &sn), WB_OK);
	assert_string_equal(sn.text, "command 2 (request): error changed: "
				     "ConnectionRefusedError -> none\n"
				     "command 2 (request): request length 0 -> "
				     "64\n"
				     "replay: 2 commands, 2 differences");
	/* a missing file */
	assert_int_equal(run("replay nothing.wb", same, &p, &sn),
			 WB_E_FILE_NOT_FOUND);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* save --redact leaves no byte of a cookie value, whatever it holds
 * (a backslash or a quote used to end the value early in frame bytes). */
static void redacted_save(void **state)
{
	(void)state;
	char d[] = "/tmp/wb-redact-XXXXXX";
	assert_non_null(mkdtemp(d));
	wb_mem_script *s = wb_mem_new();
	wb_mem_add(s, RESP("Mon", "1"), sizeof RESP("Mon", "1") - 1);
	wb_interp *in = wb_interp_new(1 << 20);
	wb_interp_set_dir(in, d);
	wb_interp_set_frame_only(in, wb_mem_connect, s);
	static const char *const lines[] = {
		"open http://example.com", "putrequest GET /",
		"putheader Cookie 'a\\b\"c; id=LEAK1'",
		"request GET / -H 'Authorization: x\\y LEAK2'",
		"save --redact r.wb"
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		wb_interp_exec(in, lines[i]);
	wb_interp_free(in);
	wb_mem_free(s);
	char path[64];
	snprintf(path, sizeof path, "%s/r.wb", d);
	wb_buf text = WB_BUF_INIT, msg = WB_BUF_INIT;
	assert_int_equal(wb_buf_add_file(&text, NULL, path, &msg), WB_OK);
	assert_null(strstr(text.p, "LEAK"));
	assert_non_null(strstr(text.p, "\"Cookie: <redacted>\\r\\n\""));
	assert_non_null(strstr(text.p, "putheader Cookie <redacted>\n"));
	wb_buf_free(&text);
	wb_buf_free(&msg);
	unlink(path);
	rmdir(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay_reports),
		cmocka_unit_test(redacted_save),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
