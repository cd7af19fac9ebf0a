/* The session format: exact round trips, side files, line-numbered errors,
 * version refusal, redaction and the diff of two sessions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session/diff.h"
#include "session/format.h"
#include "session/redact.h"
#include "session/save.h"

static wb_sitem frame_item(uint64_t id, wb_dir d, wb_fkind k, wb_fstate st)
{
	return (wb_sitem){ .kind = WB_SI_FRAME, .id = id, .dir = d, .fkind = k,
			   .state = st, .chunk_size = -1, .t = 0.25 };
}

static void assert_same(const wb_session *a, const wb_session *b)
{
	assert_int_equal(wb_session_ncmds(a), wb_session_ncmds(b));
	for (size_t i = 0; i < wb_session_ncmds(a); i++) {
		const wb_scmd *x = wb_session_cmd(a, i), *y = wb_session_cmd(b, i);
		assert_string_equal(x->line, y->line);
		assert_int_equal(x->nitems, y->nitems);
		for (size_t k = 0; k < x->nitems; k++) {
			const wb_sitem *p = &x->items[k], *q = &y->items[k];
			assert_int_equal(p->kind, q->kind);
			assert_int_equal(p->id, q->id);
			assert_int_equal(p->dir, q->dir);
			assert_int_equal(p->fkind, q->fkind);
			assert_int_equal(p->state, q->state);
			assert_int_equal(p->chunk_size, q->chunk_size);
			assert_int_equal(p->chunk_no, q->chunk_no);
			assert_int_equal(p->len, q->len);
			assert_memory_equal(p->data, q->data, p->len);
			assert_int_equal(p->note != NULL, q->note != NULL);
			if (p->note)
				assert_string_equal(p->note, q->note);
			assert_int_equal(p->res, q->res);
			assert_int_equal(p->bytes, q->bytes);
			assert_int_equal(p->status, q->status);
			assert_int_equal(p->length, q->length);
			assert_true(p->t - q->t < 1e-6 && q->t - p->t < 1e-6);
		}
	}
}

/* Every frame kind, every byte value, NUL, CR/LF, a long line. */
static wb_session *sample(size_t big)
{
	wb_session *s = wb_session_new();
	char all[256], *lng = malloc(big);
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	for (size_t i = 0; i < big; i++)
		lng[i] = (char)('a' + i % 26);
	assert_int_equal(wb_session_add_cmd(s, "# a comment\n\n", "putheader X \"a b\"", 1.5), WB_OK);
	uint64_t id = 1;
	for (int k = 0; k < WB_FK__COUNT; k++) {
		wb_sitem it = frame_item(id++, (wb_dir)(k % 3), (wb_fkind)k,
					 (wb_fstate)(k % 3));
		if (k == WB_FK_CHUNK_SIZE) {
			it.chunk_size = 255;
			it.chunk_no = 2;
		}
		wb_session_add_item(s, &it, all, sizeof all,
				    k % 2 ? "a note \"quoted\"\x1b" : NULL);
	}
	wb_sitem fl = { .kind = WB_SI_FLUSH, .id = 2, .t = 0.5 };
	wb_session_add_item(s, &fl, "", 0, NULL);
	fl.kind = WB_SI_DROP;
	wb_session_add_item(s, &fl, "", 0, NULL);
	wb_session_add_cmd(s, NULL, "read", 2);
	wb_sitem body = frame_item(id++, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE);
	wb_session_add_item(s, &body, lng, big, NULL);
	wb_sitem crlf = frame_item(id++, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE);
	wb_session_add_item(s, &crlf, "\r\n\n\r\0x\n", 7, NULL);
	wb_sitem empty = frame_item(id++, WB_DIR_IN, WB_FK_BODY, WB_FS_WIRE);
	wb_session_add_item(s, &empty, "", 0, NULL);
	wb_sitem r = { .kind = WB_SI_RESULT, .res = WB_SR_RESPONSE,
		       .status = 200, .version = 11, .length = -1,
		       .chunked = 1 };
	wb_session_add_item(s, &r, "O\"K", 3, NULL);
	r = (wb_sitem){ .kind = WB_SI_RESULT, .res = WB_SR_DATA, .bytes = big + 5 };
	wb_session_add_item(s, &r, lng, big, NULL);
	for (int k = WB_SR_TEXT; k <= WB_SR_STATE; k++) {
		r = (wb_sitem){ .kind = WB_SI_RESULT, .res = (wb_sres)k };
		wb_session_add_item(s, &r, "line 1\nline 2", 13, NULL);
	}
	wb_sitem er = { .kind = WB_SI_ERROR };
	wb_session_add_item(s, &er, "msg \"x\"\n", 8, "BadStatusLine");
	wb_session_set_tail(s, "# the end\n");
	free(lng);
	return s;
}

/* An error item always has a name: "Error" when none was given. */
static void error_without_name(void **state)
{
	(void)state;
	wb_session *s = wb_session_new(), *t = NULL;
	assert_int_equal(wb_session_add_cmd(s, NULL, "read", 0), WB_OK);
	wb_sitem er = { .kind = WB_SI_ERROR };
	assert_int_equal(wb_session_add_item(s, &er, "m", 1, NULL), WB_OK);
	assert_string_equal(wb_session_cmd(s, 0)->items[0].note, "Error");
	wb_buf text = WB_BUF_INIT, msg = WB_BUF_INIT;
	wb_side_list sides = { 0 };
	assert_int_equal(wb_session_format(s, NULL, &text, &sides), WB_OK);
	assert_non_null(strstr(text.p, "\n#! +0.000000 Error \"m\"\n"));
	assert_int_equal(wb_session_parse(text.p, text.n, "e.wb", NULL, &t,
					  &msg), WB_OK);
	assert_string_equal(wb_session_cmd(t, 0)->items[0].note, "Error");
	/* no item before the first command */
	wb_session *empty = wb_session_new();
	assert_int_equal(wb_session_add_item(empty, &er, "m", 1, NULL),
			 WB_E_VALUE);
	wb_session_free(empty);
	wb_session_free(s);
	wb_session_free(t);
	wb_buf_free(&text);
	wb_buf_free(&msg);
}

static void round_trip_inline(void **state)
{
	(void)state;
	wb_session *s = sample(20000), *t = NULL;
	wb_buf text = WB_BUF_INIT, msg = WB_BUF_INIT;
	wb_side_list sides = { 0 };
	assert_int_equal(wb_session_format(s, NULL, &text, &sides), WB_OK);
	assert_int_equal(sides.n, 0);
	assert_true(strncmp(text.p, "# wirebench session 1\n", 22) == 0);
	wb_err e = wb_session_parse(text.p, text.n, "t.wb", NULL, &t, &msg);
	if (e)
		fail_msg("%s", msg.p);
	assert_same(s, t);
	assert_string_equal(wb_session_cmd(t, 0)->pre, "# a comment\n\n");
	assert_string_equal(wb_session_tail(t), "# the end\n");
	/* written again, the text is the same: saving is stable */
	wb_buf again = WB_BUF_INIT;
	wb_session_format(t, NULL, &again, &sides);
	assert_int_equal(again.n, text.n);
	assert_memory_equal(again.p, text.p, text.n);
	wb_session_free(s);
	wb_session_free(t);
	wb_buf_free(&text);
	wb_buf_free(&again);
	wb_buf_free(&msg);
}

/* A temporary folder for side files. */
static char *tmpdir(void)
{
	char *d = strdup("/tmp/wb-test-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static void side_files(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char path[512];
	snprintf(path, sizeof path, "%s/s.wb", dir);
	wb_session *s = sample(200000), *t = NULL;
	wb_buf msg = WB_BUF_INIT;
	wb_save_opts o = { 0 };
	wb_err e = wb_session_save(s, path, &o, &msg);
	if (e)
		fail_msg("%s", msg.p);
	e = wb_session_load(path, &t, &msg);
	if (e)
		fail_msg("%s", msg.p);
	assert_same(s, t);
	wb_session_free(t);
	/* alter the side file: the error names it */
	wb_buf side = WB_BUF_INIT, cmd = WB_BUF_INIT;
	wb_buf_printf(&cmd, "for f in %s/s.wb.d/*.bin; do printf X >> \"$f\"; done",
		      dir);
	assert_int_equal(system(cmd.p), 0);
	assert_int_equal(wb_session_load(path, &t, &msg), WB_E_SESSION);
	assert_non_null(strstr(msg.p, "s.wb.d/"));
	assert_non_null(strstr(msg.p, "is altered"));
	assert_null(t);
	wb_buf_clear(&cmd);
	wb_buf_printf(&cmd, "rm %s/s.wb.d/*.bin", dir);
	assert_int_equal(system(cmd.p), 0);
	assert_int_equal(wb_session_load(path, &t, &msg), WB_E_SESSION);
	assert_non_null(strstr(msg.p, "is missing"));
	/* saving over a file that is not a session needs force */
	FILE *f = fopen(path, "w");
	fputs("precious\n", f);
	fclose(f);
	assert_int_equal(wb_session_save(s, path, &o, &msg), WB_E_SESSION);
	assert_non_null(strstr(msg.p, "not a wirebench session"));
	o.force = 1;
	assert_int_equal(wb_session_save(s, path, &o, &msg), WB_OK);
	wb_buf_clear(&cmd);
	wb_buf_printf(&cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd.p), 0);
	wb_session_free(s);
	wb_buf_free(&msg);
	wb_buf_free(&side);
	wb_buf_free(&cmd);
	free(dir);
}

/* Each broken file names its line and what was expected there. */
#define R "# wirebench session 1\nread\n"
static void corrupt_files(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "GET\n", "t.wb:1: not a wirebench session" },
		{ "# wirebench session 2\nopen x\n", "t.wb:1: session format version 2 is newer" },
		{ "# wirebench session 1\nopen x\n#> 1 out bogus wire +0.1 \"\"\n",
		  "t.wb:3: expected a frame kind" },
		{ "# wirebench session 1\nopen x\n#> 1 out header wire +0.1 \"abc\n",
		  "t.wb:3: unterminated quote in data" },
		{ "# wirebench session 1\nopen x\n#> 1 out header wire 0.1 \"\"\n",
		  "t.wb:3: expected a time like +0.001000, found '0.1'" },
		{ "# wirebench session 1\n#> 1 out header wire +0.1 \"\"\n",
		  "t.wb:2: recorded line '#>' before any command" },
		{ "# wirebench session 1\nread\n#^ 9 sent +0.1\n",
		  "t.wb:3: frame 9 is not recorded above" },
		{ "# wirebench session 1\nread\n#= data +0.1 3 \"a\\q\"\n",
		  "t.wb:3: bad escape in data" },
		{ "# wirebench session 1\nread\n\n#+ \"more\"\n",
		  "t.wb:4: a #+ line must follow quoted data" },
		{ "# wirebench session 1\nread\n#! +0.1 Err \"m\" extra\n",
		  "t.wb:3: expected the end of the line, found 'extra'" },
		{ R "#> 1 out\n", "t.wb:3: expected a frame kind, found the end of the line" },
		{ R "#>\n", "t.wb:3: expected a frame id, found the end of the line" },
		{ R "#> 1 up header wire +0 \"\"\n",
		  "t.wb:3: expected a direction (out, in, note), found 'up'" },
		{ R "#> 1 out header sent +0 \"\"\n",
		  "t.wb:3: expected a state (buffered, wire, dropped), found 'sent'" },
		{ R "#> 1 out header wire +0 \"\\x4\"\n", "t.wb:3: bad escape in data" },
		{ R "#> 1 out header wire +0 \"\\xZZ\"\n", "t.wb:3: bad escape in data" },
		{ R "#> 1 out header wire +0 \"\\", "t.wb:3: bad escape in data" },
		{ R "#> 1 out header wire +0 note=x \"\"\n",
		  "t.wb:3: expected note in double quotes, found 'x \"\"'" },
		{ R "#> 1 out header wire +0 chunk=x \"\"\n",
		  "t.wb:3: expected chunk (a number), found 'x'" },
		{ R "#> 1 out header wire +0 abc\n",
		  "t.wb:3: expected data (\"...\" or len=N file=NAME sha256=HEX), found 'abc'" },
		{ R "#> 1 in body wire +0 len=3 name=x\n",
		  "t.wb:3: expected file=NAME, found 'name=x'" },
		{ R "#> 1 in body wire +0 len=3 file=x sha256=12\n",
		  "t.wb:3: expected sha256= and 64 hex digits, found 'sha256=12'" },
		{ R "#> 1 in body wire +0 len=3 unrecorded\n#+ \"x\"\n",
		  "t.wb:4: a #+ line must follow quoted data" },
		{ R "#> 1 in body wire +0 \"a\"\n#^ 1 lost +0\n",
		  "t.wb:4: expected sent or dropped, found 'lost'" },
		{ R "#= response +0 200 version=x\n",
		  "t.wb:3: expected version (a number), found 'x'" },
		{ R "#= response +0 200 vers=11\n",
		  "t.wb:3: expected version=N, found 'vers=11'" },
		{ R "#= response +0 200 version=11 len=5\n",
		  "t.wb:3: expected length=N, found 'len=5'" },
		{ R "#= response +0 200 version=11 length=None chunked=maybe\n",
		  "t.wb:3: expected chunked=yes or chunked=no, found 'chunked=maybe'" },
		{ R "#= response +0 200 version=11 length=None chunked=no will_close=no OK\n",
		  "t.wb:3: expected the reason phrase in double quotes, found 'OK'" },
		{ R "#= picture +0 \"\"\n",
		  "t.wb:3: expected a result kind (response, data, text, repr, state), found 'picture'" },
		{ R "#. the end\n", "t.wb:3: expected 'end of run +T' after '#.'" },
		{ R "#. end\n", "t.wb:3: expected 'end of run +T' after '#.'" },
		{ R "#> x out header wire +0 \"\"\n",
		  "t.wb:3: expected a frame id (a number), found 'x'" },
		{ R "#> 1\n", "t.wb:3: expected a direction (out, in, note), found the end" },
		{ R "#> 1 out header\n", "t.wb:3: expected a state (buffered, wire, dropped), found the end" },
		{ R "#> 1 out header wire\n", "t.wb:3: expected a time like +0.001000, found the end" },
		{ R "#> 1 out header wire +x \"\"\n", "t.wb:3: expected a time like +0.001000, found '+x'" },
		{ R "#> 1 out header wire + \"\"\n", "t.wb:3: expected a time like +0.001000, found '+'" },
		{ R "#> 1 out header wire +0\n", "t.wb:3: expected data (\"...\" or len=N file=NAME sha256=HEX), found the end" },
		{ R "#> 1 out chunk-size wire +0 size=-1 \"\"\n", "t.wb:3: expected size (a number), found '-1'" },
		{ R "#> 1 out chunk-size wire +0 chunk=+1 \"\"\n", "t.wb:3: expected chunk (a number), found '+1'" },
		{ R "#> 1 in body wire +0 len=3\n", "t.wb:3: expected file=NAME or unrecorded, found the end" },
		{ R "#> 1 in body wire +0 len=3 file=x\n", "t.wb:3: expected sha256=HEX, found the end" },
		{ R "#> 1 in body wire +0 len=x file=x\n", "t.wb:3: expected len (a number), found 'x'" },
		{ R "#> 1 in body wire +0 len=3 file=.x sha256="
		  "0000000000000000000000000000000000000000000000000000000000000000\n",
		  "t.wb:3: bad side file name '.x'" },
		{ R "#> 1 in body wire +0 len=3 file= sha256="
		  "0000000000000000000000000000000000000000000000000000000000000000\n",
		  "t.wb:3: bad side file name ''" },
		{ R "#> 1 in body wire +0 \"a\"\n#^ 1\n", "t.wb:4: expected sent or dropped, found the end" },
		{ R "#> 1 in body wire +0 \"a\"\n#^ 1 sent\n", "t.wb:4: expected a time like +0.001000, found the end" },
		{ R "#^ x sent +0\n", "t.wb:3: expected a frame id (a number), found 'x'" },
		{ R "#=\n", "t.wb:3: expected a result kind, found the end" },
		{ R "#= data +0\n", "t.wb:3: expected a byte count, found the end" },
		{ R "#= data +0 -3 \"\"\n", "t.wb:3: expected a byte count (a number), found '-3'" },
		{ R "#= response +0\n", "t.wb:3: expected a status code, found the end" },
		{ R "#= response +0 1000\n", "t.wb:3: expected a status code (a number), found '1000'" },
		{ R "#= response +0 200\n", "t.wb:3: expected version=N, found the end" },
		{ R "#= response +0 200 version=11\n", "t.wb:3: expected length=N, found the end" },
		{ R "#= response +0 200 version=11 length=x\n", "t.wb:3: expected length (a number), found 'x'" },
		{ R "#= response +0 200 version=11 length=5\n", "t.wb:3: expected chunked=, found the end" },
		{ R "#= response +0 200 version=11 length=5 chunked=yes will_close=x\n",
		  "t.wb:3: expected will_close=yes or will_close=no, found 'will_close=x'" },
		{ R "#= response +0 200 version=11 length=5 chunked=no will_close=yes\n",
		  "t.wb:3: expected the reason phrase in double quotes, found the end" },
		{ R "#!\n", "t.wb:3: expected a time like +0.001000, found the end" },
		{ R "#! +0\n", "t.wb:3: expected an exception name, found the end" },
		{ R "#! +0 E\n", "t.wb:3: expected the error message in double quotes, found the end" },
		{ R "#.\n", "t.wb:3: expected 'end of run +T' after '#.'" },
		{ R "#. end of run \n", "t.wb:3: expected a time like +0.001000, found the end" },
		{ R "#@\n", "t.wb:3: expected a time like +0.001000, found the end" },
		{ R "#@ +0 x\n", "t.wb:3: expected the end of the line, found 'x'" },
		{ "# wirebench session 1x\n", "t.wb:1: expected the format version (a number), found '1x'" },
		{ "# wirebench session \n", "t.wb:1: not a wirebench session" },
		{ "", "t.wb:1: not a wirebench session" },
		{ "# wirebench session 0\n", "t.wb:1: session format version 0 does "
		  "not exist (the first is 1)" },
		{ "# wirebench session 1\nread\n#> 1 in body wire +0 len=3 file=../x sha256=" \
		  "0000000000000000000000000000000000000000000000000000000000000000\n",
		  "t.wb:3: bad side file name '../x'" },
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wb_session *s = (wb_session *)1;
		wb_buf msg = WB_BUF_INIT;
		wb_err e = wb_session_parse(cases[i].text, strlen(cases[i].text),
					    "t.wb", NULL, &s, &msg);
		assert_null(s);
		if (e != WB_E_SESSION ||
		    strncmp(msg.p, cases[i].want, strlen(cases[i].want))) {
			print_message("case %zu: got %s \"%s\"\n", i,
				      wb_err_name(e), msg.p);
			bad++;
		}
		wb_buf_free(&msg);
	}
	assert_int_equal(bad, 0);
}

/* A raw NUL byte anywhere is refused with its line number: the writer
 * never writes one (it escapes NUL in quoted data), and a comment cut at a
 * NUL lost its line end and swallowed the next command on the next save
 * (found by fuzz/fuzz_session.c). */
static void nul_bytes_refused(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t n;
		const char *want;
	} cases[] = {
#define CASE(lit, want) { lit, sizeof lit - 1, want }
		CASE("# wirebench session 1\nopen x\n# a\0b\nread\n",
		     "t.wb:3: a NUL byte"),
		CASE("# wirebench session 1\nopen x\n  \0\nread\n",
		     "t.wb:3: a NUL byte"),
		CASE("# wirebench session 1\nopen x\n# tail\0\n",
		     "t.wb:3: a NUL byte"),
		CASE("# wirebench session 1\nopen x\n#> 1 out header wire +0.1 \"a\0b\"\n",
		     "t.wb:3: a NUL byte"),
		CASE("# wirebench session 1\nread\n#= data +0.1 3 \"a\"\n#+ \"\0\"\n",
		     "t.wb:4: a NUL byte"),
		CASE("# wirebench session 1\nopen x\0y\n", "t.wb:2: a NUL byte"),
		CASE("# wirebench session 1\0\nopen x\n", "t.wb:1: "),
#undef CASE
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wb_session *s = (wb_session *)1;
		wb_buf msg = WB_BUF_INIT;
		wb_err e = wb_session_parse(cases[i].text, cases[i].n, "t.wb",
					    NULL, &s, &msg);
		if (e != WB_E_SESSION)
			fail_msg("case %zu: error %d, not a SessionError", i, e);
		assert_null(s);
		if (strncmp(msg.p, cases[i].want, strlen(cases[i].want)))
			fail_msg("case %zu: got \"%s\"", i, msg.p);
		wb_buf_free(&msg);
	}
}

/* Appends the text session text (n bytes) is written out as. */
static void written(const char *text, size_t n, wb_buf *out)
{
	wb_session *s = NULL;
	wb_buf msg = WB_BUF_INIT;
	wb_side_list sides = { 0 };
	if (wb_session_parse(text, n, "t.wb", NULL, &s, &msg))
		fail_msg("does not load: %s", msg.p);
	assert_int_equal(wb_session_format(s, NULL, out, &sides), WB_OK);
	wb_side_list_free(&sides);
	wb_session_free(s);
	wb_buf_free(&msg);
}

/* Loading and saving again changes nothing: line ends of CRLF files and
 * stray CRs at a line's end go at the first load, not one per save (found
 * by fuzz/fuzz_session.c). */
static void save_after_load_is_stable(void **state)
{
	(void)state;
	static const char *texts[] = {
		"# wirebench session 1\r\nopen x\r\n# c\r\r\r\nread\r\r\n",
		"# wirebench session 1\nopen x\n#? a\r\r\n\r\r\n",
		"# wirebench session 1\nread\n#= data +0.1 1 \"a\"\r\r\n",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		wb_buf once = WB_BUF_INIT, twice = WB_BUF_INIT;
		written(texts[i], strlen(texts[i]), &once);
		written(once.p, once.n, &twice);
		if (once.n != twice.n || memcmp(once.p, twice.p, once.n))
			fail_msg("case %zu: saved\n%s\nthen\n%s", i, once.p,
				 twice.p);
		assert_null(memchr(once.p, '\r', once.n));
		wb_buf_free(&once);
		wb_buf_free(&twice);
	}
}

static void redaction(void **state)
{
	(void)state;
	const char *names[] = { "X-Api-Key" };
	const char *secrets[] = { "hunter2" };
	wb_redact r = { .headers = 1, .names = names, .nnames = 1,
			.secrets = secrets, .nsecrets = 1 };
	wb_buf b = WB_BUF_INIT;
	wb_redact_line(&r, "putheader Authorization Basic abc", &b);
	assert_string_equal(b.p, "putheader Authorization <redacted>");
	wb_buf_clear(&b);
	wb_redact_line(&r, "request GET / -H \"Cookie: a=1\" -H 'X-Api-Key: k'", &b);
	assert_string_equal(b.p, "request GET / -H \"Cookie: <redacted>\" -H 'X-Api-Key: <redacted>'");
	wb_buf_clear(&b);
	wb_redact_line(&r, "send \"pw=hunter2\"", &b);
	assert_string_equal(b.p, "send \"pw=<redacted>\"");
	wb_buf_clear(&b);
	const char in[] = "HTTP/1.1 200 OK\r\nSet-Cookie: s=1; Path=/\r\nX-Cookie: keep\r\n";
	wb_redact_bytes(&r, in, sizeof in - 1, &b);
	assert_string_equal(b.p, "HTTP/1.1 200 OK\r\nSet-Cookie: <redacted>\r\nX-Cookie: keep\r\n");
	/* a saved session holds no secret anywhere */
	wb_session *s = wb_session_new();
	wb_session_add_cmd(s, NULL, "putheader X-Token hunter2", 0);
	wb_sitem it = frame_item(1, WB_DIR_OUT, WB_FK_HEADER, WB_FS_BUFFERED);
	wb_session_add_item(s, &it, "X-Token: hunter2\r\n", 18, "note hunter2");
	wb_sitem er = { .kind = WB_SI_ERROR };
	wb_session_add_item(s, &er, "bad hunter2", 11, "ValueError");
	wb_buf text = WB_BUF_INIT;
	wb_side_list sides = { 0 };
	wb_session_format(s, &r, &text, &sides);
	assert_null(strstr(text.p, "hunter2"));
	assert_non_null(strstr(text.p, "X-Token: <redacted>"));
	wb_session_free(s);
	wb_buf_free(&text);
	wb_buf_free(&b);
}

static wb_session *parse(const char *text)
{
	wb_session *s;
	wb_buf msg = WB_BUF_INIT;
	wb_err e = wb_session_parse(text, strlen(text), "d.wb", NULL, &s, &msg);
	if (e)
		fail_msg("%s", msg.p);
	wb_buf_free(&msg);
	return s;
}

#define HEAD "# wirebench session 1\ngetresponse\n" \
	"#> 1 in status-line wire +0 \"HTTP/1.1 200 OK\\r\\n\"\n"

static void diff_names_each_change(void **state)
{
	(void)state;
	wb_session *a = parse(HEAD
		"#> 2 in header wire +0 \"X-Version: 1.4\\r\\n\"\n"
		"#> 3 in header wire +0 \"Date: Mon\\r\\n\"\n"
		"#> 4 in header wire +0 \"Content-Length: 5\\r\\n\"\n"
		"#> 5 in end-of-headers wire +0 \"\\r\\n\"\n"
		"read\n#> 6 in body wire +0 \"hello\"\n");
	wb_session *b = parse(HEAD
		"#> 2 in header wire +0 \"X-Version: 1.5\\r\\n\"\n"
		"#> 3 in header wire +0 \"Date: Tue\\r\\n\"\n"
		"#> 4 in header wire +0 \"Transfer-Encoding: chunked\\r\\n\"\n"
		"#> 5 in end-of-headers wire +0 \"\\r\\n\"\n"
		"read\n#> 6 in chunk-size wire +0 size=5 \"5\\r\\n\"\n"
		"#> 7 in chunk-data wire +0 \"he\\x1bl\"\n");
	wb_diff_opts o = { 0 };
	wb_buf r = WB_BUF_INIT;
	assert_int_equal(wb_session_diff(a, b, &o, &r), 3);
	assert_string_equal(r.p,
		"command 1 (getresponse): header X-Version: \"1.4\" -> \"1.5\"\n"
		"command 1 (getresponse): framing changed: Content-Length 5 -> "
		"chunked (1 chunk: 5)\n"
		"command 2 (read): body differs at byte 2 (\"hello\" -> \"he\\x1bl\")\n");
	/* the same report with marks: each line located in the replay */
	wb_buf m = WB_BUF_INIT;
	wb_diff_marks marks = { 0 };
	o.marks = &marks;
	assert_int_equal(wb_session_diff(a, b, &o, &m), 3);
	assert_string_equal(m.p, r.p);
	assert_int_equal(marks.n, 3);
	static const size_t cmds[] = { 0, 0, 1 };
	static const uint64_t ids[] = { 2, 4, 7 }; /* X-Version, TE, chunk */
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(marks.v[i].cmd, cmds[i]);
		assert_int_equal(marks.v[i].id, ids[i]);
		assert_int_equal(m.p[marks.v[i].off + marks.v[i].len], '\n');
		assert_memory_equal(m.p + marks.v[i].off, "command ", 8);
	}
	/* a header gone has no frame in the replay: the command is marked */
	wb_diff_marks_free(&marks);
	wb_buf_clear(&m);
	assert_int_equal(wb_session_diff(b, a, &o, &m), 3);
	assert_int_equal(marks.v[0].id, 2);
	wb_diff_marks_free(&marks);
	o.marks = NULL;
	wb_buf_free(&m);
	wb_session *c = parse(HEAD "#> 2 in header wire +0 \"X-Gone: 1\\r\\n\"\n"
				 "#> 3 in end-of-headers wire +0 \"\\r\\n\"\n");
	wb_session *d = parse(HEAD "#> 2 in end-of-headers wire +0 \"\\r\\n\"\n");
	o.marks = &marks;
	wb_buf_clear(&r);
	assert_int_equal(wb_session_diff(c, d, &o, &r), 1);
	assert_string_equal(r.p, "command 1 (getresponse): header X-Gone removed "
				 "(was \"1\")\n");
	assert_int_equal(marks.n, 1);
	assert_int_equal(marks.v[0].id, 0);
	assert_int_equal(marks.v[0].cmd, 0);
	wb_diff_marks_free(&marks);
	o.marks = NULL;
	wb_session_free(c);
	wb_session_free(d);
	wb_buf_clear(&r);
	o.strict = 1; /* now Date, Content-Length and Transfer-Encoding count */
	assert_int_equal(wb_session_diff(a, b, &o, &r), 6);
	assert_int_equal(wb_session_diff(a, a, &o, &r), 0);
	wb_session_free(a);
	wb_session_free(b);
	wb_buf_free(&r);
}

/* A header line without a colon, a redacted value, and bodies over the
 * recording's cap (compared by length only). */
static void diff_odd_fields(void **state)
{
	(void)state;
	wb_session *a = parse(HEAD
		"#> 2 in header wire +0 \"Junk\\r\\n\"\n"
		"#> 3 in header wire +0 \"Set-Cookie: <redacted>\\r\\n\"\n"
		"#> 4 in end-of-headers wire +0 \"\\r\\n\"\n"
		"read\n#> 5 in body wire +0 len=100 unrecorded\n");
	wb_session *b = parse(HEAD
		"#> 2 in header wire +0 \"Set-Cookie: id=1\\r\\n\"\n"
		"#> 3 in end-of-headers wire +0 \"\\r\\n\"\n"
		"read\n#> 4 in body wire +0 len=90 unrecorded\n");
	wb_session *c = parse(HEAD
		"#> 2 in header wire +0 \"Set-Cookie: id=1\\r\\n\"\n"
		"#> 3 in end-of-headers wire +0 \"\\r\\n\"\n"
		"read\n#> 4 in body wire +0 len=100 unrecorded\n");
	wb_redact red = { .headers = 1 };
	wb_diff_opts o = { .redact = &red };
	wb_buf r = WB_BUF_INIT;
	assert_int_equal(wb_session_diff(a, b, &o, &r), 2);
	assert_string_equal(r.p,
		"command 1 (getresponse): header Junk removed (was \"\")\n"
		"command 2 (read): body length 100 -> 90 (not recorded in full: "
		"compared by length)\n");
	/* the same length is all that can be compared */
	wb_buf_clear(&r);
	assert_int_equal(wb_session_diff(a, c, &o, &r), 1);
	assert_string_equal(r.p, "command 1 (getresponse): header Junk removed "
				 "(was \"\")\n");
	/* without the redaction rules the marker is a value like any */
	wb_diff_opts plain = { 0 };
	wb_buf_clear(&r);
	assert_int_equal(wb_session_diff(a, c, &plain, &r), 2);
	assert_non_null(strstr(r.p, "header Set-Cookie: \"<redacted>\" -> "
				    "\"id=1\"\n"));
	wb_session_free(a);
	wb_session_free(b);
	wb_session_free(c);
	wb_buf_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_inline),
		cmocka_unit_test(error_without_name),
		cmocka_unit_test(side_files),
		cmocka_unit_test(corrupt_files),
		cmocka_unit_test(nul_bytes_refused),
		cmocka_unit_test(save_after_load_is_stable),
		cmocka_unit_test(redaction),
		cmocka_unit_test(diff_names_each_change),
		cmocka_unit_test(diff_odd_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
