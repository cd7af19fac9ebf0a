/* libFuzzer target: variables of the command language (src/lang/vars.c)
 * and their expansion by the lexer.
 *
 * Input: lines. "=NAME=VALUE" defines a variable as --var does, "!ARGS"
 * runs `set ARGS` (set, set --secret, set NAME from ...), any other line
 * is split into words with ${NAME} expanded. Properties: a line without
 * '$' splits as it does with no lookup at all; after redaction no secret
 * value of more than one byte remains in a word's text unless the
 * redaction mark itself supplied it. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "lang/interp_int.h"

static void same_words(const wb_words *a, const wb_words *b)
{
	FUZZ_CHECK(a->n == b->n);
	for (size_t i = 0; i < a->n; i++) {
		FUZZ_CHECK(a->w[i].n == b->w[i].n);
		FUZZ_CHECK(a->w[i].quoted == b->w[i].quoted);
		FUZZ_CHECK(!memcmp(a->w[i].s, b->w[i].s, a->w[i].n));
	}
}

static void redacted(const wb_interp *in, const wb_word *w)
{
	wb_buf b = WB_BUF_INIT;
	if (wb_buf_add(&b, w->s, w->n) || !b.p)
		goto out;
	wb_vars_hide(in, &b);
	for (size_t i = 0; i < wb_interp_nsecrets(in); i++) {
		const char *s = wb_interp_secret(in, i);
		size_t n = strlen(s);
		if (n < 2 || strstr(WB_SECRET_MARK, s))
			continue;
		/* a secret's text may be rebuilt from the mark and its
		 * neighbours; only a whole secret untouched by marks counts */
		if (!memmem(b.p, b.n, WB_SECRET_MARK, strlen(WB_SECRET_MARK)))
			FUZZ_CHECK(!memmem(b.p, b.n, s, n));
	}
out:
	wb_buf_free(&b);
}

static void line(wb_interp *in, const char *text)
{
	if (text[0] == '=') {
		wb_vardef d = { 0, text + 1 };
		wb_buf msg = WB_BUF_INIT;
		wb_interp_define(in, &d, 1, &msg);
		wb_buf_free(&msg);
		return;
	}
	if (text[0] == '!') {
		wb_buf cmd = WB_BUF_INIT;
		wb_buf_adds(&cmd, "set ");
		wb_buf_adds(&cmd, text + 1);
		if (cmd.p)
			wb_interp_exec(in, cmd.p);
		wb_buf_free(&cmd);
		return;
	}
	wb_words w, plain;
	wb_buf msg = WB_BUF_INIT, pmsg = WB_BUF_INIT;
	wb_err e = wb_lex_vars(text, wb_vars_lookup, in, &w, &msg);
	if (!strchr(text, '$')) {
		wb_err pe = wb_lex(text, &plain, &pmsg);
		FUZZ_CHECK(pe == e);
		if (pe == WB_OK) {
			same_words(&w, &plain);
			wb_lex_free(&plain);
		}
	}
	if (e == WB_OK) {
		for (size_t i = 0; i < w.n; i++)
			redacted(in, &w.w[i]);
		wb_lex_free(&w);
	}
	wb_buf_free(&msg);
	wb_buf_free(&pmsg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 2048)
		return 0;
	wb_interp *in = wb_interp_new(1 << 12);
	char *text = fuzz_strndup(data, size);
	if (!in || !text)
		goto out;
	char *save = NULL;
	int lines = 0;
	for (char *l = strtok_r(text, "\n", &save); l && lines < 32;
	     l = strtok_r(NULL, "\n", &save), lines++)
		line(in, l);
out:
	free(text);
	wb_interp_free(in);
	return 0;
}
