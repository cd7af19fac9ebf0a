/* The error table: Python's exception names, which errors drop the
 * connection as http.client's ConnectionError subclasses do, and the
 * OSError subclass for a file call's errno. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>

#include "base/err.h"

static void names(void **state)
{
	(void)state;
	assert_string_equal(wb_err_name(WB_E_REMOTE_DISCONNECTED),
			    "RemoteDisconnected");
	assert_string_equal(wb_err_name(WB_E_SSL_CERT),
			    "SSLCertVerificationError");
	assert_string_equal(wb_err_name(WB_E_CANCELLED), "KeyboardInterrupt");
	/* a code outside the table never indexes past it */
	assert_string_equal(wb_err_name(WB_E__COUNT), "Error");
	assert_string_equal(wb_err_name((wb_err)-1), "Error");
}

static void connection_errors(void **state)
{
	(void)state;
	assert_true(wb_err_is_connection_error(WB_E_CONN_RESET));
	assert_true(wb_err_is_connection_error(WB_E_REMOTE_DISCONNECTED));
	assert_true(wb_err_is_connection_error(WB_E_BROKEN_PIPE));
	assert_true(wb_err_is_connection_error(WB_E_CONN_REFUSED));
	assert_false(wb_err_is_connection_error(WB_E_TIMEOUT));
	assert_false(wb_err_is_connection_error(WB_E_SSL_EOF));
	assert_false(wb_err_is_connection_error(WB_E_OS));
}

static void from_errno(void **state)
{
	(void)state;
	assert_int_equal(wb_err_from_errno(ENOENT), WB_E_FILE_NOT_FOUND);
	assert_int_equal(wb_err_from_errno(EISDIR), WB_E_IS_A_DIRECTORY);
	assert_int_equal(wb_err_from_errno(ENOTDIR), WB_E_NOT_A_DIRECTORY);
	assert_int_equal(wb_err_from_errno(EACCES), WB_E_PERMISSION);
	assert_int_equal(wb_err_from_errno(EPERM), WB_E_PERMISSION);
	assert_int_equal(wb_err_from_errno(EIO), WB_E_OS);
	assert_int_equal(wb_err_from_errno(0), WB_E_OS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(connection_errors),
		cmocka_unit_test(from_errno),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
