/* libFuzzer target: the URL of `open` and a request target, through the
 * interpreter (so whatever `open` calls is covered: URL split, host and
 * port parse, host validation, IDNA, the Host header), then a request
 * over the in-memory transport.
 *
 * Input: URL, LF, request target. Property: whatever was accepted, the
 * request head on the wire is CRLF-terminated lines with no other control
 * byte, no line folded into the one above, and one blank line at its end
 * (the README's promise: no unvalidated bytes on the wire). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "lang/interp.h"
#include "net/memtransport.h"

/* One interpreter per input: what an input allocates it frees, so
 * libFuzzer's leak check stays cheap and exact. */
static wb_interp *in;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* no proxy from the environment, ever: nothing may leave the process */
	unsetenv("http_proxy");
	unsetenv("https_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("HTTPS_PROXY");
	return 0;
}

/* Appends text as one double-quoted word of the command language. */
static void quoted(wb_buf *line, const uint8_t *p, size_t n)
{
	wb_buf_addc(line, '"');
	for (size_t i = 0; i < n; i++) {
		switch (p[i]) {
		case '\\': wb_buf_adds(line, "\\\\"); break;
		case '"': wb_buf_adds(line, "\\\""); break;
		case '$': wb_buf_adds(line, "\\$"); break;
		case '\n': wb_buf_adds(line, "\\n"); break;
		case '\r': wb_buf_adds(line, "\\r"); break;
		case '\0': wb_buf_adds(line, "\\x00"); break;
		default: wb_buf_addc(line, (char)p[i]);
		}
	}
	wb_buf_addc(line, '"');
}

static wb_err run(const char *cmd, const uint8_t *p, size_t n,
		  const char *tail)
{
	wb_buf line = WB_BUF_INIT;
	wb_buf_adds(&line, cmd);
	quoted(&line, p, n);
	wb_buf_adds(&line, tail);
	wb_err e = line.p ? wb_interp_exec(in, line.p) : WB_E_NOMEM;
	wb_buf_free(&line);
	return e;
}

/* The head sent: lines end in CRLF, no other control byte, no fold. */
static void check_head(const wb_buf *sent)
{
	if (!sent || !sent->n)
		return;
	const char *p = sent->p;
	size_t n = sent->n, i = 0, line_start = 0;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\r') {
			FUZZ_CHECK(i + 1 < n && p[i + 1] == '\n');
			if (i == line_start)
				break; /* the blank line */
			i++;
			line_start = i + 1;
			FUZZ_CHECK(line_start >= n ||
				   (p[line_start] != ' ' && p[line_start] != '\t'));
			continue;
		}
		FUZZ_CHECK(c >= 0x20 && c != 0x7f);
	}
	FUZZ_CHECK(i < n); /* the head ended with a blank line */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 512)
		return 0;
	const uint8_t *lf = memchr(data, '\n', size);
	size_t un = lf ? (size_t)(lf - data) : size;
	const uint8_t *target = lf ? lf + 1 : (const uint8_t *)"/";
	size_t tn = lf ? size - un - 1 : 1;
	/* https would load the system's CA store on every input; the host and
	 * URL rules are the same for http */
	if (un >= 6 && !memcmp(data, "https:", 6))
		return 0;
	wb_mem_script *s = wb_mem_new();
	in = wb_interp_new(1 << 14);
	if (!s || !in)
		goto out;
	if (run("open ", data, un, " --no-proxy") != WB_OK)
		goto out;
	wb_conn *c = wb_interp_conn(in);
	FUZZ_CHECK(c != NULL);
	static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
	wb_mem_add(s, answer, sizeof answer - 1);
	wb_conn_set_connector(c, wb_mem_connect, s);
	if (run("request GET ", target, tn, "") == WB_OK) {
		check_head(wb_mem_sent(s, 0));
		wb_interp_exec(in, "getresponse");
		wb_interp_exec(in, "read");
	}
out:
	wb_interp_free(in); /* before the script its connection uses */
	in = NULL;
	wb_mem_free(s);
	return 0;
}
