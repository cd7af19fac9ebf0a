/* proxyenv.h - choosing a proxy the way curl does, and applying it.
 *
 * curl's rules: http_proxy (lower case only: HTTP_PROXY is ignored, as
 * curl does against "httpoxy"), https_proxy/HTTPS_PROXY, all_proxy/
 * ALL_PROXY as the fallback, no_proxy/NO_PROXY as a comma list of host
 * names (suffix match at a dot, a leading dot ignored), IP addresses,
 * CIDR ranges, or "*". A proxy URL is [http://][user:pass@]host[:port],
 * port 1080 by default. The decision is plain data, so it is unit-tested. */
#ifndef WB_PROXYENV_H
#define WB_PROXYENV_H

#include "base/buf.h"

struct wb_conn;
struct wb_tap;

/* The variables that matter; NULL when unset or empty. */
typedef struct wb_proxy_env {
	const char *http_proxy;
	const char *https_proxy;
	const char *all_proxy;
	const char *no_proxy;
} wb_proxy_env;

/* A parsed proxy URL. */
typedef struct wb_proxy {
	wb_buf host;     /* brackets removed */
	long port;
	wb_buf userinfo; /* "user:pass" (percent-decoded), empty if none */
	const char *from; /* which variable or option chose it */
} wb_proxy;

/* Reads the process environment, lower-case names first. */
void wb_proxyenv_read(wb_proxy_env *env);
/* True when no_proxy (may be NULL) exempts host. */
int wb_proxyenv_exempt(const char *no_proxy, const char *host);
/* Parses a proxy URL; UsageError for other schemes or a bad port. */
wb_err wb_proxyenv_parse(const char *url, wb_proxy *out, wb_buf *msg);
/* Picks the proxy for a request to host over http or https: *use is 0
 * when there is none or no_proxy exempts the host. `explicit_url` (the
 * --proxy option) replaces the variables but still obeys no_proxy. */
wb_err wb_proxyenv_pick(const wb_proxy_env *env, const char *explicit_url,
			int https, const char *host, wb_proxy *out, int *use,
			wb_buf *msg);
void wb_proxy_free(wb_proxy *p);
/* Appends "Basic " and the base64 of the percent-decoded userinfo. */
void wb_proxyenv_basic_auth(const char *userinfo, size_t n, wb_buf *out);

/* Routes connection c through proxy p: TCP goes to the proxy; https gets
 * set_tunnel(target) (with Proxy-Authorization from the userinfo), plain
 * http sends absolute-form request lines. Notes the route in the tap. */
wb_err wb_proxyenv_apply(struct wb_conn *c, const wb_proxy *p,
			 const char *authority, struct wb_tap *tap,
			 wb_buf *msg);

#endif
