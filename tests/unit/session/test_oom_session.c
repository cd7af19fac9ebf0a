/* Allocation failure in sessions, proved: loading a recorded lesson,
 * formatting it, saving over an existing session (side files included),
 * recording and `save` in the interpreter, and a live replay with its diff
 * each run once for every n with the n-th allocation failing (the
 * allocator is wrapped at link time, see failalloc.h). Each must report
 * MemoryError (or, for a replay, "replay failed: out of memory" and exit
 * status 2), never crash or leak (the sanitizer build checks), never give
 * a clean-looking result, and never damage the file it saves over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/interp.h"
#include "net/memtransport.h"
#include "session/format.h"
#include "session/replay.h"
#include "session/save.h"

#include "failalloc.h"

static void arm(unsigned long n)
{
	allocs = 0;
	fail_at = n;
	armed = 1;
}

static unsigned long disarm(void)
{
	armed = 0;
	return allocs;
}

static char *tmpdir(void)
{
	char *d = strdup("/tmp/wb-oom-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static char *path_in(const char *dir, const char *name)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	return p;
}

static void read_all(const char *path, wb_buf *out)
{
	wb_buf msg = WB_BUF_INIT;
	wb_buf_clear(out);
	assert_int_equal(wb_buf_add_file(out, NULL, path, &msg), WB_OK);
	wb_buf_free(&msg);
}

/* Names in dir other than keep and keep_d: a temporary file left over. */
static int strays(const char *dir, const char *keep, const char *keep_d)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, keep) && strcmp(de->d_name, keep_d)) {
			print_message("left behind: %s\n", de->d_name);
			n++;
		}
	closedir(d);
	return n;
}

static void rm_rf(const char *dir)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* ---- loading and formatting a lesson ------------------------------------ */

/* Every recorded item kind appears in these lessons: frames with chunk
 * numbers, flushes, drops, results of each kind, errors announced by
 * `expect error`, continuation lines, the end-of-run line. */
static const char *const lessons[] = {
	"sessions/07-chunked-download.wb",
	"sessions/11-malformed.wb",
	"sessions/13-quirks.wb",
};

static void load_and_format_fail_cleanly(void **state)
{
	(void)state;
	for (size_t l = 0; l < sizeof lessons / sizeof lessons[0]; l++) {
		wb_session *s = NULL;
		wb_buf msg = WB_BUF_INIT, clean = WB_BUF_INIT, text = WB_BUF_INIT;
		arm(0);
		assert_int_equal(wb_session_load(lessons[l], &s, &msg), WB_OK);
		unsigned long total = disarm();
		size_t ncmds = wb_session_ncmds(s);
		wb_side_list sides = { 0 };
		assert_int_equal(wb_session_format(s, NULL, &clean, &sides), WB_OK);
		wb_session_free(s);
		/* the lesson is written back byte for byte */
		read_all(lessons[l], &text);
		assert_int_equal(text.n, clean.n);
		assert_memory_equal(text.p, clean.p, clean.n);
		assert_true(total > 50);
		for (unsigned long n = 1; n <= total; n++) {
			wb_buf_clear(&msg);
			s = (wb_session *)&msg;
			arm(n);
			wb_err e = wb_session_load(lessons[l], &s, &msg);
			disarm();
			if (e != WB_E_NOMEM)
				fail_msg("allocation %lu: %s: %s", n,
					 wb_err_name(e), msg.p);
			assert_null(s);
		}
		assert_int_equal(wb_session_load(lessons[l], &s, &msg), WB_OK);
		assert_int_equal(wb_session_ncmds(s), ncmds);
		arm(0);
		wb_buf_clear(&text);
		assert_int_equal(wb_session_format(s, NULL, &text, &sides), WB_OK);
		unsigned long writing = disarm();
		for (unsigned long n = 1; n <= writing; n++) {
			wb_buf_clear(&text);
			arm(n);
			wb_err e = wb_session_format(s, NULL, &text, &sides);
			disarm();
			/* a growing buffer's failure is sticky: never a
			 * silently shorter text */
			assert_int_equal(e, WB_E_NOMEM);
			wb_side_list_free(&sides);
		}
		print_message("%s: %lu allocations to load, %lu to write, each "
			      "failed once: MemoryError\n", lessons[l], total,
			      writing);
		wb_session_free(s);
		wb_buf_free(&msg);
		wb_buf_free(&clean);
		wb_buf_free(&text);
	}
}

/* ---- saving over an existing session ----------------------------------- */

/* A session with a body large enough for a side file. */
static wb_session *with_side_file(size_t big)
{
	wb_session *s = wb_session_new();
	char *body = malloc(big);
	assert_non_null(s);
	assert_non_null(body);
	for (size_t i = 0; i < big; i++)
		body[i] = (char)(i * 7);
	assert_int_equal(wb_session_add_cmd(s, "# saved\n", "read", 0.5), WB_OK);
	wb_sitem it = { .kind = WB_SI_FRAME, .id = 1, .dir = WB_DIR_IN,
			.fkind = WB_FK_BODY, .state = WB_FS_WIRE,
			.chunk_size = -1, .t = 0.25 };
	assert_int_equal(wb_session_add_item(s, &it, body, big, NULL), WB_OK);
	wb_sitem r = { .kind = WB_SI_RESULT, .res = WB_SR_DATA, .bytes = big };
	assert_int_equal(wb_session_add_item(s, &r, body, 10, NULL), WB_OK);
	wb_sitem er = { .kind = WB_SI_ERROR };
	assert_int_equal(wb_session_add_item(s, &er, "m", 1, "ValueError"), WB_OK);
	free(body);
	return s;
}

static void save_never_damages(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char *path = path_in(dir, "s.wb");
	wb_buf msg = WB_BUF_INIT, old = WB_BUF_INIT, now = WB_BUF_INIT;
	wb_session *small = NULL;
	assert_int_equal(wb_session_load(lessons[0], &small, &msg), WB_OK);
	wb_session *big = with_side_file(WB_SESSION_SIDE_MIN + 100);
	wb_save_opts o = { 0 };
	/* the new file's bytes, from a clean save elsewhere */
	char *ref = path_in(dir, "ref.wb");
	assert_int_equal(wb_session_save(big, ref, &o, &msg), WB_OK);
	wb_buf want = WB_BUF_INIT;
	read_all(ref, &want);
	rm_rf(dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(wb_session_save(small, path, &o, &msg), WB_OK);
	read_all(path, &old);
	arm(0);
	assert_int_equal(wb_session_save(big, path, &o, &msg), WB_OK);
	unsigned long total = disarm();
	unsigned long kept = 0, replaced = 0;
	for (unsigned long n = 1; n <= total; n++) {
		assert_int_equal(wb_session_save(small, path, &o, &msg), WB_OK);
		wb_buf_clear(&msg);
		arm(n);
		wb_err e = wb_session_save(big, path, &o, &msg);
		disarm();
		assert_int_equal(e, WB_E_NOMEM);
		/* the old file whole, or the new one whole: never torn */
		read_all(path, &now);
		if (now.n == old.n && !memcmp(now.p, old.p, old.n))
			kept++;
		else if (now.n == want.n && !memcmp(now.p, want.p, want.n))
			replaced++;
		else
			fail_msg("allocation %lu: s.wb is neither the old nor "
				 "the new session", n);
		assert_int_equal(strays(dir, "s.wb", "s.wb.d"), 0);
	}
	print_message("save: %lu allocations failed one at a time: "
		      "MemoryError, old file kept %lu times, new file whole "
		      "%lu times\n", total, kept, replaced);
	assert_true(kept > 0);
	wb_session_free(small);
	wb_session_free(big);
	rm_rf(dir);
	free(ref);
	free(path);
	free(dir);
	wb_buf_free(&msg);
	wb_buf_free(&old);
	wb_buf_free(&now);
	wb_buf_free(&want);
}

/* ---- recording, save and replay in the interpreter ---------------------- */

#define CHUNKED                                                             \
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n"       \
	"X-B: 2\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 1\r\n\r\n"
#define CHANGED                                                             \
	"HTTP/1.1 201 Made\r\nX-B: 2\r\nX-A: 1\r\nContent-Length: 11\r\n"   \
	"\r\nhello there"

static const char *const rec_script[] = {
	"open http://example.com",
	"set --secret T s3cr3t",
	"putrequest GET /a",
	"putheader Authorization \"Bearer ${T}\"",
	"endheaders",
	"getresponse",
	"expect status 200",
	"read",
	"expect error ValueError",
	"read -2",
	"state",
	"close",
};
#define NREC (sizeof rec_script / sizeof rec_script[0])

typedef struct server_arg {
	wb_mem_script *s;
} server_arg;

static void start(void *arg, wb_interp *in, size_t ncmds)
{
	(void)ncmds;
	wb_interp_set_frame_only(in, wb_mem_connect, ((server_arg *)arg)->s);
}

static wb_mem_script *server(const char *text)
{
	wb_mem_script *s = wb_mem_new();
	assert_non_null(s);
	wb_mem_add(s, text, strlen(text));
	return s;
}

/* Records rec_script against the chunked server and saves it; the save
 * command runs with allocation n failing (0: none). Returns the error of
 * the save and sets *used to the allocations it made. */
static wb_err record_and_save(const char *dir, unsigned long n,
			      unsigned long *used)
{
	wb_mem_script *s = server(CHUNKED);
	wb_interp *in = wb_interp_new(1 << 20);
	assert_non_null(in);
	wb_interp_set_dir(in, dir);
	wb_interp_set_frame_only(in, wb_mem_connect, s);
	for (size_t i = 0; i < NREC; i++) {
		wb_err e = wb_interp_exec(in, rec_script[i]);
		if (e && strcmp(rec_script[i], "read -2"))
			fail_msg("`%s`: %s", rec_script[i],
				 wb_interp_message(in));
	}
	arm(n);
	wb_err e = wb_interp_exec(in, "save rec.wb");
	*used = disarm();
	if (n)
		assert_int_equal(e, WB_E_NOMEM);
	/* with memory back the command works */
	assert_int_equal(wb_interp_exec(in, "save rec.wb"), WB_OK);
	wb_interp_free(in);
	wb_mem_free(s);
	return e;
}

/* Records rec_script with allocation n failing, then saves with memory
 * back: the save refuses an incomplete recording, or the recording holds
 * every command and says which one ran out of memory. */
static void recording_loss(const char *dir, unsigned long n,
			   unsigned long *used)
{
	wb_mem_script *s = server(CHUNKED);
	wb_interp *in = wb_interp_new(1 << 20);
	assert_non_null(in);
	wb_interp_set_dir(in, dir);
	wb_interp_set_frame_only(in, wb_mem_connect, s);
	arm(n);
	for (size_t i = 0; i < NREC; i++)
		wb_interp_exec(in, rec_script[i]);
	*used = disarm();
	wb_err e = wb_interp_exec(in, "save lossy.wb");
	if (!n) {
		assert_int_equal(e, WB_OK);
	} else if (e) {
		assert_int_equal(e, WB_E_NOMEM);
		assert_string_equal(wb_interp_message(in), "the recording is "
				    "incomplete: out of memory while recording");
	} else {
		char *path = path_in(dir, "lossy.wb");
		wb_session *back = NULL;
		wb_buf msg = WB_BUF_INIT;
		assert_int_equal(wb_session_load(path, &back, &msg), WB_OK);
		assert_int_equal(wb_session_ncmds(back), NREC);
		int told = 0;
		for (size_t i = 0; i < NREC; i++) {
			const wb_scmd *c = wb_session_cmd(back, i);
			for (size_t k = 0; k < c->nitems; k++)
				told |= c->items[k].kind == WB_SI_ERROR &&
					!strcmp(c->items[k].note, "MemoryError");
		}
		if (!told)
			fail_msg("allocation %lu: saved without saying a "
				 "command ran out of memory", n);
		wb_session_free(back);
		wb_buf_free(&msg);
		free(path);
	}
	wb_interp_free(in);
	wb_mem_free(s);
}

static void recording_loss_is_told(void **state)
{
	(void)state;
	char *dir = tmpdir();
	unsigned long total, used, refused = 0;
	recording_loss(dir, 0, &total);
	for (unsigned long n = 1; n <= total; n++) {
		recording_loss(dir, n, &used);
		char *path = path_in(dir, "lossy.wb");
		refused += access(path, F_OK) != 0;
		unlink(path);
		free(path);
	}
	print_message("recording: %lu allocations failed one at a time: the "
		      "save refused %lu times, else the recording says "
		      "MemoryError\n", total, refused);
	/* a loaded session continues, and a bare save writes it back */
	char *path = path_in(dir, "again.wb");
	wb_interp *in = wb_interp_new(1 << 20);
	wb_interp_set_dir(in, dir);
	assert_int_equal(wb_interp_exec(in, "help quit"), WB_OK);
	assert_int_equal(wb_interp_exec(in, "save again.wb"), WB_OK);
	wb_interp_free(in);
	for (unsigned long n = 0;; n++) {
		in = wb_interp_new(1 << 20);
		arm(n);
		wb_err e = wb_interp_load(in, path);
		unsigned long made = disarm();
		if (n && made < n) { /* every allocation failed once */
			assert_int_equal(e, WB_OK);
			wb_interp_free(in);
			break;
		}
		if (n)
			assert_int_equal(e, WB_E_NOMEM);
		else
			assert_int_equal(e, WB_OK);
		if (!e) {
			assert_string_equal(wb_interp_session_path(in), path);
			assert_int_equal(wb_interp_exec(in, "state"),
					 WB_E_USAGE);
			assert_int_equal(wb_interp_exec(in, "save"), WB_OK);
		}
		wb_interp_free(in);
	}
	wb_session *back = NULL;
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_session_load(path, &back, &msg), WB_OK);
	assert_int_equal(wb_session_ncmds(back), 2);
	assert_string_equal(wb_session_cmd(back, 1)->line, "state");
	wb_session_free(back);
	wb_buf_free(&msg);
	in = wb_interp_new(1 << 20);
	assert_int_equal(wb_interp_load(in, "no/such.wb"), WB_E_FILE_NOT_FOUND);
	wb_interp_free(in);
	free(path);
	rm_rf(dir);
	free(dir);
}

static int replay(const wb_session *rec, const char *text, unsigned long n,
		  wb_buf *report, unsigned long *used)
{
	server_arg a = { server(text) };
	wb_replay_view v = { .start = start, .arg = &a };
	/* a secret is not saved: the replay is given it, as --var does */
	static const wb_vardef defs[] = { { 0, "T=s3cr3t" } };
	wb_replay_opts o = { .view = &v, .defs = defs, .ndefs = 1 };
	wb_buf_free(report); /* each run grows it alike */
	arm(n);
	int rc = wb_replay_run(rec, &o, report);
	*used = disarm();
	wb_mem_free(a.s);
	return rc;
}

static void record_save_replay_fail_cleanly(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char *path = path_in(dir, "rec.wb");
	unsigned long saving, total, used;
	assert_int_equal(record_and_save(dir, 0, &saving), WB_OK);
	for (unsigned long n = 1; n <= saving; n++)
		record_and_save(dir, n, &used);
	wb_session *rec = NULL;
	wb_buf msg = WB_BUF_INIT, report = WB_BUF_INIT;
	assert_int_equal(wb_session_load(path, &rec, &msg), WB_OK);
	assert_int_equal(wb_session_ncmds(rec), NREC);
	/* never a secret in clear */
	read_all(path, &msg);
	assert_null(strstr(msg.p, "s3cr3t"));
	assert_non_null(strstr(msg.p, "Bearer <redacted>"));

	/* unchanged: nothing differs (the secret compared redacted); the
	 * first run also makes what later runs find made (warm-up) */
	replay(rec, CHUNKED, 0, &report, &total);
	if (replay(rec, CHUNKED, 0, &report, &total))
		fail_msg("%s", report.p);
	assert_string_equal(report.p, "replay: 12 commands, 0 differences\n");
	unsigned long clean = total;
	/* changed: each difference named */
	assert_int_equal(replay(rec, CHANGED, 0, &report, &total), 1);
	assert_string_equal(report.p,
		"command 6 (getresponse): status line: \"HTTP/1.1 200 OK\\r\\n\" -> "
		"\"HTTP/1.1 201 Made\\r\\n\"\n"
		"command 6 (getresponse): header order changed: X-A, X-B -> "
		"X-B, X-A\n"
		"command 6 (getresponse): framing changed: chunked (2 chunks: "
		"5, 6) -> Content-Length 11\n"
		"command 7 (expect): error changed: none -> AssertionError\n"
		"command 8 (read): body differs at byte 6 (\"hello world\" -> "
		"\"hello there\")\n"
		"command 8 (read): trailer X-Sum removed (was \"1\")\n"
		"replay: 12 commands, 6 differences\n");
	unsigned long changed = total;
	for (int k = 0; k < 2; k++) {
		unsigned long all = k ? changed : clean;
		for (unsigned long n = 1; n <= all; n++) {
			int rc = replay(rec, k ? CHANGED : CHUNKED, n, &report,
					&used);
			if (used < n)
				fail_msg("allocation %lu was never made", n);
			if (rc != 2 || strncmp(report.p, "replay failed: ", 15) ||
			    !strstr(report.p, "out of memory\n"))
				fail_msg("allocation %lu: exit %d, report:\n%s",
					 n, rc, report.p);
		}
	}
	print_message("record+save %lu, replay %lu and %lu allocations, each "
		      "failed once: MemoryError, exit 2\n", saving, clean,
		      changed);
	wb_session_free(rec);
	rm_rf(dir);
	free(path);
	free(dir);
	wb_buf_free(&msg);
	wb_buf_free(&report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_and_format_fail_cleanly),
		cmocka_unit_test(save_never_damages),
		cmocka_unit_test(record_save_replay_fail_cleanly),
		cmocka_unit_test(recording_loss_is_told),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
