/* proxyenv.c - curl's proxy variables, no_proxy matching, routing. */
#include "proxyenv.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "http/conn.h"
#include "http/hostport.h"

static const char *env2(const char *lower, const char *upper)
{
	const char *v = getenv(lower);
	if ((!v || !*v) && upper)
		v = getenv(upper);
	return v && *v ? v : NULL;
}

void wb_proxyenv_read(wb_proxy_env *env)
{
	env->http_proxy = env2("http_proxy", NULL);
	env->https_proxy = env2("https_proxy", "HTTPS_PROXY");
	env->all_proxy = env2("all_proxy", "ALL_PROXY");
	env->no_proxy = env2("no_proxy", "NO_PROXY");
}

void wb_proxy_free(wb_proxy *p)
{
	wb_buf_free(&p->host);
	wb_buf_free(&p->userinfo);
}

/* An IP address in binary: returns its family, or 0 for a name. */
static int parse_ip(const char *s, unsigned char addr[16])
{
	if (inet_pton(AF_INET, s, addr) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, addr) == 1)
		return AF_INET6;
	return 0;
}

static int prefix_equal(const unsigned char *a, const unsigned char *b,
			long bits)
{
	long bytes = bits / 8, rest = bits % 8;
	if (memcmp(a, b, (size_t)bytes) != 0)
		return 0;
	if (rest == 0)
		return 1;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (a[bytes] & mask) == (b[bytes] & mask);
}

static int match_ip(const char *entry, const char *host)
{
	unsigned char want[16], got[16];
	char text[64];
	const char *slash = strchr(entry, '/');
	size_t n = slash ? (size_t)(slash - entry) : strlen(entry);
	if (n >= sizeof text)
		return 0;
	memcpy(text, entry, n);
	text[n] = '\0';
	int fam = parse_ip(text, want);
	if (!fam || parse_ip(host, got) != fam)
		return 0;
	long max = fam == AF_INET ? 32 : 128, bits = max;
	if (slash) {
		char *end;
		bits = strtol(slash + 1, &end, 10);
		if (*end || bits < 0 || bits > max)
			return 0;
	}
	return prefix_equal(want, got, bits);
}

static size_t strip_dot(const char *s, size_t n)
{
	return n && s[n - 1] == '.' ? n - 1 : n;
}

static int match_name(const char *entry, const char *host)
{
	if (*entry == '.')
		entry++;
	size_t en = strip_dot(entry, strlen(entry));
	size_t hn = strip_dot(host, strlen(host));
	if (en == 0 || en > hn)
		return 0;
	const char *tail = host + hn - en;
	if (strncasecmp(tail, entry, en) != 0)
		return 0;
	return hn == en || tail[-1] == '.';
}

static int match_entry(const char *entry, const char *host)
{
	if (strcmp(entry, "*") == 0)
		return 1;
	unsigned char tmp[16];
	if (strchr(entry, '/') || parse_ip(entry, tmp))
		return match_ip(entry, host);
	return match_name(entry, host);
}

int wb_proxyenv_exempt(const char *no_proxy, const char *host)
{
	if (!no_proxy)
		return 0;
	int hit = 0;
	const char *p = no_proxy;
	while (*p && !hit) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		size_t n = strcspn(p, ", \t");
		if (n == 0)
			break;
		char entry[256];
		const char *e = p;
		size_t en = n;
		if (en >= 2 && e[0] == '[' && e[en - 1] == ']')
			e++, en -= 2;
		if (en < sizeof entry) {
			memcpy(entry, e, en);
			entry[en] = '\0';
			hit = match_entry(entry, host);
		}
		p += n;
	}
	return hit;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void add_decoded(wb_buf *out, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (p[i] == '%' && i + 2 < n &&
		    (hi = hexval(p[i + 1])) >= 0 && (lo = hexval(p[i + 2])) >= 0) {
			wb_buf_addc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			wb_buf_addc(out, p[i]);
		}
	}
}

static wb_err parse_hostport(const char *s, size_t n, wb_proxy *out,
			     wb_buf *msg)
{
	const char *colon = NULL;
	if (n && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close)
			goto bad;
		wb_buf_add(&out->host, s + 1, (size_t)(close - s - 1));
		if (close + 1 < s + n && close[1] != ':')
			goto bad;
		colon = close + 1 < s + n ? close + 1 : NULL;
	} else {
		colon = memchr(s, ':', n);
		wb_buf_add(&out->host, s, colon ? (size_t)(colon - s) : n);
	}
	out->port = 1080;
	if (colon && wb_hostport_pyint(colon + 1, (size_t)(s + n - colon - 1),
				       &out->port))
		goto bad;
	if (!out->host.n || out->port <= 0 || out->port > 65535)
		goto bad;
	return WB_OK;
bad:
	wb_buf_printf(msg, "bad proxy address '%.*s' (want host[:port])",
		      (int)n, s);
	return WB_E_USAGE;
}

wb_err wb_proxyenv_parse(const char *url, wb_proxy *out, wb_buf *msg)
{
	const char *s = url;
	const char *sep = strstr(url, "://");
	if (sep) {
		if (strncasecmp(url, "http://", 7) != 0) {
			wb_buf_printf(msg, "proxy '%s': only http:// proxies "
					   "are supported",
				      url);
			return WB_E_USAGE;
		}
		s = url + 7;
	}
	size_t n = strcspn(s, "/?#");
	const char *at = NULL;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '@')
			at = s + i;
	if (at) {
		add_decoded(&out->userinfo, s, (size_t)(at - s));
		n -= (size_t)(at + 1 - s);
		s = at + 1;
	}
	return parse_hostport(s, n, out, msg);
}

wb_err wb_proxyenv_pick(const wb_proxy_env *env, const char *explicit_url,
			int https, const char *host, wb_proxy *out, int *use,
			wb_buf *msg)
{
	*use = 0;
	const char *url = explicit_url;
	out->from = "--proxy";
	if (!url) {
		url = https ? env->https_proxy : env->http_proxy;
		out->from = https ? "https_proxy" : "http_proxy";
	}
	if (!url && !explicit_url) {
		url = env->all_proxy;
		out->from = "all_proxy";
	}
	if (!url)
		return WB_OK;
	if (wb_proxyenv_exempt(env->no_proxy, host)) {
		out->from = "no_proxy";
		return WB_OK;
	}
	wb_err e = wb_proxyenv_parse(url, out, msg);
	*use = e == WB_OK;
	return e;
}

static void basic_auth(const wb_buf *userinfo, wb_buf *out)
{
	wb_buf_adds(out, "Basic ");
	size_t need = 4 * ((userinfo->n + 2) / 3) + 1;
	if (wb_buf_reserve(out, need))
		return;
	int len = EVP_EncodeBlock((unsigned char *)out->p + out->n,
				  (const unsigned char *)userinfo->p,
				  (int)userinfo->n);
	out->n += (size_t)len;
	out->p[out->n] = '\0';
}

void wb_proxyenv_basic_auth(const char *userinfo, size_t n, wb_buf *out)
{
	wb_buf plain = WB_BUF_INIT;
	add_decoded(&plain, userinfo, n);
	basic_auth(&plain, out);
	wb_buf_free(&plain);
}

wb_err wb_proxyenv_apply(wb_conn *c, const wb_proxy *p, const char *authority,
			 wb_tap *tap, wb_buf *msg)
{
	wb_buf auth = WB_BUF_INIT;
	if (p->userinfo.n)
		basic_auth(&p->userinfo, &auth);
	wb_err e = wb_conn_set_connect_to(c, p->host.p, p->port);
	if (e == WB_OK && wb_conn_https(c)) {
		wb_header h = { "Proxy-Authorization", auth.p };
		e = wb_conn_set_tunnel(c, authority, &h, auth.n ? 1 : 0);
		if (e)
			wb_buf_adds(msg, wb_conn_errmsg(c));
		else
			wb_tap_note(tap, WB_FK_OPEN,
				    "proxy %s:%ld (from %s): set_tunnel(%s), "
				    "TLS starts inside the tunnel",
				    p->host.p, p->port, p->from, authority);
	} else if (e == WB_OK) {
		wb_buf base = WB_BUF_INIT;
		wb_buf_printf(&base, "http://%s", authority);
		e = wb_conn_set_proxy_base(c, base.p);
		wb_tap_note(tap, WB_FK_OPEN,
			    "proxy %s:%ld (from %s): path-only URLs are sent in "
			    "absolute form %s/... (a wirebench addition)",
			    p->host.p, p->port, p->from, base.p);
		if (auth.n)
			wb_tap_note(tap, WB_FK_WARNING,
				    "proxy credentials are not added to plain "
				    "requests: add -H \"Proxy-Authorization: %s\"",
				    auth.p);
		wb_buf_free(&base);
	}
	wb_buf_free(&auth);
	return e;
}
