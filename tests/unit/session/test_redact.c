/* Redaction: secrets anywhere and sensitive header values, in frame bytes
 * and in command lines, with the quoting of a line kept valid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "session/redact.h"

static const char *const more[] = { "X-Api-Key" };
static const char *const secrets[] = { "s3cr3t", "" };

static void bytes_and_lines(void **state)
{
	(void)state;
	static const wb_redact all = { .headers = 1, .names = more,
				       .nnames = 1, .secrets = secrets,
				       .nsecrets = 2 };
	static const wb_redact names_only = { .names = more, .nnames = 1 };
	static const wb_redact secrets_only = { .secrets = secrets,
						.nsecrets = 2 };
	static const struct {
		const wb_redact *r;
		int line; /* 0: bytes, 1: a command line, 2: escaped text */
		const char *in, *out;
	} cases[] = {
		/* bytes: a value ends at its line end, whatever it holds */
		{ &all, 0, "Cookie: a\\b; id=1\r\nX-A: 1\r\n",
		  "Cookie: <redacted>\r\nX-A: 1\r\n" },
		{ &all, 0, "authorization:\tBasic eDp5\r\n",
		  "authorization:\t<redacted>\r\n" },
		{ &all, 0, "X-Cookie: 1\r\nMy-Cookie: 2\r\n",
		  "X-Cookie: 1\r\nMy-Cookie: 2\r\n" },
		{ &all, 0, "Cookie: \"q\" 'r'\r\n", "Cookie: <redacted>\r\n" },
		{ &all, 0, "Cookie", "Cookie" },
		/* escaped text (a repr, a note): a quote or an escaped line
		 * end ends the value, an escaped backslash does not */
		{ &all, 2, "b'Cookie: a\\\\b\\r\\nX-A: 1\\r\\n'",
		  "b'Cookie: <redacted>\\r\\nX-A: 1\\r\\n'" },
		{ &all, 2, "add -H \"Proxy-Authorization: Basic eDp5\" by hand",
		  "add -H \"Proxy-Authorization: <redacted>\" by hand" },
		{ &all, 2, "Cookie: a\\x00b\\nrest",
		  "Cookie: <redacted>\\nrest" },
		{ &all, 0, "Cookie:", "Cookie:<redacted>" },
		{ &all, 0, "x-api-key: k\r\n", "x-api-key: <redacted>\r\n" },
		{ &names_only, 0, "Cookie: c\r\nX-Api-Key: k\r\n",
		  "Cookie: c\r\nX-Api-Key: <redacted>\r\n" },
		{ &secrets_only, 0, "a s3cr3t b s3cr3", "a <redacted> b s3cr3" },
		{ NULL, 0, "Cookie: c", "Cookie: c" },
		/* lines: a value ends at its quote; escapes stay inside */
		{ &all, 1, "request GET / -H \"Cookie: a\\\"b\" -H 'X-A: 1'",
		  "request GET / -H \"Cookie: <redacted>\" -H 'X-A: 1'" },
		{ &all, 1, "request GET / -H \"Cookie: a\\",
		  "request GET / -H \"Cookie: <redacted>" },
		{ &all, 1, "putheader Authorization Bearer s3cr3t more",
		  "putheader Authorization <redacted>" },
		{ &all, 1, "  putheader\tcookie a", "  putheader\tcookie <redacted>" },
		{ &all, 1, "putheader X-A s3cr3t", "putheader X-A <redacted>" },
		{ &all, 1, "putheaders Cookie a", "putheaders Cookie a" },
		{ &secrets_only, 1, "putheader Cookie a", "putheader Cookie a" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wb_buf out = WB_BUF_INIT;
		size_t n = strlen(cases[i].in);
		wb_err e = cases[i].line == 1
				   ? wb_redact_line(cases[i].r, cases[i].in, &out)
			   : cases[i].line == 2
				   ? wb_redact_text(cases[i].r, cases[i].in, n,
						    &out)
				   : wb_redact_bytes(cases[i].r, cases[i].in, n,
						     &out);
		assert_int_equal(e, WB_OK);
		if (strcmp(wb_buf_str(&out), cases[i].out))
			fail_msg("case %zu: got <%s>", i, wb_buf_str(&out));
		wb_buf_free(&out);
	}
	assert_false(wb_redact_active(NULL));
	assert_false(wb_redact_active(&(wb_redact){ 0 }));
	assert_true(wb_redact_active(&names_only));
}

/* A header name too long for any rule is left as it is. */
static void long_putheader_name(void **state)
{
	(void)state;
	const wb_redact all = { .headers = 1 };
	char line[400] = "putheader ";
	memset(line + 10, 'N', 300);
	strcpy(line + 310, " value");
	wb_buf out = WB_BUF_INIT;
	assert_int_equal(wb_redact_line(&all, line, &out), WB_OK);
	assert_string_equal(out.p, line);
	wb_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bytes_and_lines),
		cmocka_unit_test(long_putheader_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
