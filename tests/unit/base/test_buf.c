/* The growable buffer: the one message formatter grows and never truncates;
 * an allocation failure is sticky until the buffer is cleared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"

static void printf_grows_past_any_size(void **state)
{
	(void)state;
	char word[3000];
	memset(word, 'w', sizeof word - 1);
	word[sizeof word - 1] = '\0';
	wb_buf b = WB_BUF_INIT;
	assert_int_equal(wb_buf_adds(&b, "<"), WB_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(wb_buf_printf(&b, "%s%d", word, i), WB_OK);
	assert_int_equal(b.n, 1 + 3 * (sizeof word - 1 + 1));
	assert_int_equal(strlen(b.p), b.n);
	assert_string_equal(b.p + b.n - 4, "www2");
	assert_int_equal(wb_buf_err(&b), WB_OK);
	wb_buf_free(&b);
}

/* Short texts format straight into the spare room; the result is the same. */
static void printf_small_and_empty(void **state)
{
	(void)state;
	wb_buf b = WB_BUF_INIT;
	assert_int_equal(wb_buf_printf(&b, "%s", ""), WB_OK);
	assert_string_equal(wb_buf_str(&b), "");
	assert_int_equal(wb_buf_printf(&b, "%d-%s", 42, "x"), WB_OK);
	assert_int_equal(wb_buf_printf(&b, "|%.3s", "abcdef"), WB_OK);
	assert_string_equal(b.p, "42-x|abc");
	assert_int_equal(b.n, 8);
	wb_buf_free(&b);
	assert_string_equal(wb_buf_str(&b), "");
}

/* Decimal numbers, made two digits a step and copied as one fixed block:
 * the same text as printf for every length, appended after what is there
 * and across a growth of the buffer. */
static void addu_matches_printf(void **state)
{
	(void)state;
	wb_buf b = WB_BUF_INIT, want = WB_BUF_INIT;
	uint64_t v[64 + 3 * 20 + 3];
	size_t n = 0;
	for (uint64_t p = 1, k = 0; k < 20; k++, p *= 10) {
		v[n++] = p - 1;
		v[n++] = p;
		v[n++] = p + 1;
	}
	for (uint64_t k = 0; k < 64; k++)
		v[n++] = (uint64_t)1 << k;
	v[n++] = UINT64_MAX;
	v[n++] = UINT64_MAX - 1;
	v[n++] = 99;
	for (int round = 0; round < 40; round++) {
		for (size_t i = 0; i < n; i++) {
			uint64_t x = v[i] + (uint64_t)round * 37;
			assert_int_equal(wb_buf_addu(&b, x), WB_OK);
			assert_int_equal(wb_buf_addc(&b, ','), WB_OK);
			assert_int_equal(wb_buf_printf(&want, "%llu,",
						       (unsigned long long)x),
					 WB_OK);
		}
	}
	for (uint64_t x = 0; x < 20000; x++) {
		assert_int_equal(wb_buf_addu(&b, x), WB_OK);
		assert_int_equal(wb_buf_printf(&want, "%llu", (unsigned long long)x),
				 WB_OK);
	}
	assert_int_equal(b.n, want.n);
	assert_string_equal(b.p, want.p);
	assert_int_equal(strlen(b.p), b.n);
	wb_buf_free(&b);
	wb_buf_free(&want);
}

/* A request beyond what can be addressed fails, and stays failed: later
 * appends are refused (nothing is silently left out in the middle) until
 * the buffer is cleared. */
static void failure_is_sticky(void **state)
{
	(void)state;
	wb_buf b = WB_BUF_INIT;
	assert_int_equal(wb_buf_adds(&b, "kept"), WB_OK);
	assert_int_equal(wb_buf_reserve(&b, (size_t)-1 / 2), WB_E_NOMEM);
	assert_int_equal(wb_buf_err(&b), WB_E_NOMEM);
	assert_int_equal(wb_buf_adds(&b, "x"), WB_E_NOMEM);
	assert_int_equal(wb_buf_printf(&b, "%d", 1), WB_E_NOMEM);
	assert_int_equal(wb_buf_addu(&b, 7), WB_E_NOMEM);
	assert_string_equal(b.p, "kept");
	wb_buf_clear(&b);
	assert_int_equal(wb_buf_err(&b), WB_OK);
	assert_int_equal(wb_buf_adds(&b, "again"), WB_OK);
	assert_string_equal(b.p, "again");
	wb_buf_free(&b);
}

/* An array whose doubled size would not fit a size_t is refused and the
 * failure counted (the policy's MemoryError), the old array kept. */
static void grow_refuses_overflow(void **state)
{
	(void)state;
	size_t cap = 0;
	int *a = wb_grow(NULL, &cap, 0, sizeof *a);
	assert_non_null(a);
	assert_int_equal(cap, 16);
	a[15] = 7;
	assert_ptr_equal(wb_grow(a, &cap, 15, sizeof *a), a); /* room left */
	unsigned long before = wb_alloc_failures();
	size_t huge = (size_t)-1 / 20; /* 16 fit, 32 do not */
	size_t hcap = 16;
	assert_null(wb_grow(a, &hcap, 16, huge));
	assert_int_equal(hcap, 16);
	assert_int_equal(wb_alloc_failures(), before + 1);
	assert_int_equal(a[15], 7);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(printf_grows_past_any_size),
		cmocka_unit_test(printf_small_and_empty),
		cmocka_unit_test(addu_matches_printf),
		cmocka_unit_test(failure_is_sticky),
		cmocka_unit_test(grow_refuses_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
