/* test_cmdfind.c - command lookup: the chains by first byte find every
 * command of the table by its name, and nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lang/interp_int.h"

static void every_command_by_name(void **state)
{
	(void)state;
	assert_true(wb_ncmds > 10);
	for (size_t i = 0; i < wb_ncmds; i++)
		assert_ptr_equal(wb_interp_find(wb_cmds[i].info.name),
				 &wb_cmds[i]);
}

/* Prefixes, extensions and one changed byte of every name, and words no
 * command starts like, are not commands. */
static void nothing_else(void **state)
{
	(void)state;
	char word[128];
	for (size_t i = 0; i < wb_ncmds; i++) {
		const char *name = wb_cmds[i].info.name;
		size_t n = strlen(name);
		assert_true(n + 2 < sizeof word);
		memcpy(word, name, n - 1);
		word[n - 1] = '\0';
		const wb_cmd *c = wb_interp_find(word);
		assert_true(!c || strcmp(c->info.name, word) == 0);
		memcpy(word, name, n);
		memcpy(word + n, "x", 2);
		c = wb_interp_find(word);
		assert_true(!c || strcmp(c->info.name, word) == 0);
		memcpy(word, name, n + 1);
		word[0] = '\x01';
		assert_null(wb_interp_find(word));
	}
	assert_null(wb_interp_find(""));
	assert_null(wb_interp_find("\xff"));
	assert_null(wb_interp_find("zzzz-no-such-command"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_command_by_name),
		cmocka_unit_test(nothing_else),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
