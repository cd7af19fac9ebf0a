/* test_proxyenv.c - curl's proxy choice: variables, no_proxy, proxy URLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lang/proxyenv.h"

static void test_no_proxy_names(void **state)
{
	(void)state;
	assert_true(wb_proxyenv_exempt("example.com", "example.com"));
	assert_true(wb_proxyenv_exempt("example.com", "www.example.com"));
	assert_true(wb_proxyenv_exempt(".example.com", "example.com"));
	assert_true(wb_proxyenv_exempt(".example.com", "a.b.example.com"));
	assert_true(wb_proxyenv_exempt("EXAMPLE.com", "www.example.COM."));
	assert_false(wb_proxyenv_exempt("example.com", "badexample.com"));
	assert_false(wb_proxyenv_exempt("www.example.com", "example.com"));
	assert_true(wb_proxyenv_exempt("a.test, b.test ,c.test", "b.test"));
	assert_true(wb_proxyenv_exempt("*", "anything.test"));
	assert_false(wb_proxyenv_exempt("", "x.test"));
	assert_false(wb_proxyenv_exempt(NULL, "x.test"));
}

static void test_no_proxy_addresses(void **state)
{
	(void)state;
	assert_true(wb_proxyenv_exempt("127.0.0.1", "127.0.0.1"));
	assert_false(wb_proxyenv_exempt("127.0.0.1", "127.0.0.2"));
	assert_true(wb_proxyenv_exempt("10.0.0.0/8", "10.200.3.4"));
	assert_false(wb_proxyenv_exempt("10.0.0.0/8", "11.0.0.1"));
	assert_true(wb_proxyenv_exempt("192.168.1.0/25", "192.168.1.127"));
	assert_false(wb_proxyenv_exempt("192.168.1.0/25", "192.168.1.128"));
	assert_true(wb_proxyenv_exempt("[::1]", "::1"));
	assert_true(wb_proxyenv_exempt("2001:db8::/32", "2001:db8:1::5"));
	assert_false(wb_proxyenv_exempt("2001:db8::/32", "2001:db9::5"));
	assert_false(wb_proxyenv_exempt("10.0.0.0/8", "ten.test"));
	assert_false(wb_proxyenv_exempt("10.0.0.0/33", "10.0.0.1"));
	assert_false(wb_proxyenv_exempt("10.0.0.0/-1", "10.0.0.1"));
	assert_false(wb_proxyenv_exempt("10.0.0.0/8x", "10.0.0.1"));
	assert_true(wb_proxyenv_exempt("10.0.0.0/0", "99.1.2.3"));
	/* an address of the other family never matches */
	assert_false(wb_proxyenv_exempt("::1", "127.0.0.1"));
	assert_false(wb_proxyenv_exempt("127.0.0.1", "::1"));
	/* entries too long for any address or name are passed over */
	char lng[400];
	memset(lng, '1', sizeof lng - 1);
	lng[sizeof lng - 1] = '\0';
	lng[70] = '/';
	assert_false(wb_proxyenv_exempt(lng, "10.0.0.1"));
	char list[600];
	snprintf(list, sizeof list, "%s,x.test", lng);
	lng[70] = '1';
	assert_true(wb_proxyenv_exempt(list, "x.test"));
	snprintf(list, sizeof list, "%s.test,y.test", lng);
	assert_true(wb_proxyenv_exempt(list, "y.test"));
	/* empty names and trailing separators match nothing */
	assert_false(wb_proxyenv_exempt(".", "x.test"));
	assert_false(wb_proxyenv_exempt("x.test, ", "y.test"));
	assert_true(wb_proxyenv_exempt(" ,\tx.test", "x.test"));
}

static void parse_ok(const char *url, const char *host, long port,
		     const char *userinfo)
{
	wb_proxy p = { WB_BUF_INIT, 0, WB_BUF_INIT, NULL };
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_proxyenv_parse(url, &p, &msg), WB_OK);
	assert_string_equal(p.host.p, host);
	assert_int_equal(p.port, port);
	assert_string_equal(p.userinfo.n ? p.userinfo.p : "", userinfo);
	wb_proxy_free(&p);
	wb_buf_free(&msg);
}

static void parse_bad(const char *url, const char *text)
{
	wb_proxy p = { WB_BUF_INIT, 0, WB_BUF_INIT, NULL };
	wb_buf msg = WB_BUF_INIT;
	assert_int_equal(wb_proxyenv_parse(url, &p, &msg), WB_E_USAGE);
	assert_non_null(strstr(msg.p, text));
	wb_proxy_free(&p);
	wb_buf_free(&msg);
}

static void test_parse(void **state)
{
	(void)state;
	parse_ok("http://proxy.test:3128", "proxy.test", 3128, "");
	parse_ok("proxy.test", "proxy.test", 1080, "");
	parse_ok("HTTP://proxy.test:8080/", "proxy.test", 8080, "");
	parse_ok("http://u:p%40ss@proxy.test:1", "proxy.test", 1, "u:p@ss");
	parse_ok("http://[::1]:8888", "::1", 8888, "");
	parse_bad("socks5://proxy.test:1080", "only http://");
	parse_bad("http://proxy.test:99999", "bad proxy address");
	parse_bad("http://proxy.test:x", "bad proxy address");
	parse_bad("http://[::1", "bad proxy address");
	parse_bad("http://:8080", "bad proxy address");
	parse_bad("http://[::1]x", "bad proxy address '[::1]x'");
	parse_ok("http://[::1]", "::1", 1080, "");
	/* percent escapes in the credentials, either case; a broken one is
	 * kept as it is */
	parse_ok("http://U:P%2Fa%2fb%zz%4@proxy.test", "proxy.test", 1080,
		 "U:P/a/b%zz%4");
}

static const char *pick(const wb_proxy_env *env, const char *explicit_url,
			int https, const char *host, char *out, size_t cap)
{
	wb_proxy p = { WB_BUF_INIT, 0, WB_BUF_INIT, NULL };
	wb_buf msg = WB_BUF_INIT;
	int use = -1;
	assert_int_equal(wb_proxyenv_pick(env, explicit_url, https, host, &p,
					  &use, &msg),
			 WB_OK);
	if (use)
		snprintf(out, cap, "%s:%ld from %s", p.host.p, p.port, p.from);
	else
		snprintf(out, cap, "direct%s",
			 p.from && !strcmp(p.from, "no_proxy") ? " no_proxy" : "");
	wb_proxy_free(&p);
	wb_buf_free(&msg);
	return out;
}

static void test_pick(void **state)
{
	(void)state;
	char b[128];
	wb_proxy_env env = { "h:1", "s:2", "a:3", "skip.test" };
	assert_string_equal(pick(&env, NULL, 0, "x.test", b, sizeof b),
			    "h:1 from http_proxy");
	assert_string_equal(pick(&env, NULL, 1, "x.test", b, sizeof b),
			    "s:2 from https_proxy");
	assert_string_equal(pick(&env, NULL, 1, "a.skip.test", b, sizeof b),
			    "direct no_proxy");
	assert_string_equal(pick(&env, "o:4", 0, "x.test", b, sizeof b),
			    "o:4 from --proxy");
	assert_string_equal(pick(&env, "o:4", 0, "skip.test", b, sizeof b),
			    "direct no_proxy");
	wb_proxy_env only_all = { NULL, NULL, "a:3", NULL };
	assert_string_equal(pick(&only_all, NULL, 1, "x.test", b, sizeof b),
			    "a:3 from all_proxy");
	wb_proxy_env none = { 0 };
	assert_string_equal(pick(&none, NULL, 0, "x.test", b, sizeof b),
			    "direct");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_proxy_names),
		cmocka_unit_test(test_no_proxy_addresses),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_pick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
