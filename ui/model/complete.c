/* complete.c - completion candidates by command and argument position. */
#include "complete.h"

#include <string.h>
#include <strings.h>

#include "lang/interp.h"

static const char *const methods[] = { "GET", "HEAD", "POST", "PUT",
	"DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", NULL };
static const char *const paths[] = { "/", "/chunked?n=3&size=5",
	"/chunked?n=3&size=10&trailer=1", "/echo", "/slow?n=5&delay=200",
	"/status/200", "/status/100", "/close", "/headers/3", "/bytes/100",
	"/bytes/100?chunked=1", NULL };
static const char *const headers[] = { "Accept", "Accept-Encoding",
	"Authorization", "Cache-Control", "Connection", "Content-Length",
	"Content-Type", "Cookie", "Expect", "Host", "If-None-Match", "Range",
	"TE", "Trailer", "Transfer-Encoding", "User-Agent", NULL };
static const char *const req_flags[] = { "skip_host", "skip_accept_encoding",
					 NULL };
static const char *const body_flags[] = { "encode_chunked", "--pieces", NULL };
static const char *const request_flags[] = { "-H", "encode_chunked",
					     "--pieces", NULL };
static const char *const open_flags[] = { "--timeout", "--connect-to",
	"--blocksize", "--cafile", "--capath", "--cert", "--key", "--insecure",
	"--proxy", "--no-proxy", NULL };
static const char *const urls[] = { "http://127.0.0.1:8080/", NULL };
static const char *const trailers[] = { "X-Checksum: ", NULL };

/* The table for argument `arg` (1-based) of command cmd. */
static const char *const *table_for(const char *cmd, size_t arg)
{
	if (!strcmp(cmd, "putrequest") || !strcmp(cmd, "request")) {
		if (arg == 1)
			return methods;
		if (arg == 2)
			return paths;
		return cmd[0] == 'p' ? req_flags : request_flags;
	}
	if (!strcmp(cmd, "putheader"))
		return arg == 1 ? headers : NULL;
	if (!strcmp(cmd, "endheaders") || !strcmp(cmd, "send"))
		return body_flags;
	if (!strcmp(cmd, "open"))
		return arg == 1 ? urls : open_flags;
	if (!strcmp(cmd, "endchunks"))
		return trailers;
	return NULL;
}

static size_t add_matches(const char *const *tab, const char *word, size_t n,
			  const char **out, size_t got, size_t max)
{
	for (size_t i = 0; tab && tab[i] && got < max; i++)
		if (strncasecmp(tab[i], word, n) == 0)
			out[got++] = tab[i];
	return got;
}

/* Splits line[0..start) into the command name and the argument index. */
static size_t arg_index(const char *line, size_t start, char *cmd,
			size_t cap)
{
	size_t i = 0, arg = 0;
	cmd[0] = '\0';
	while (i < start) {
		while (i < start && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= start)
			break;
		size_t w = i;
		while (i < start && line[i] != ' ' && line[i] != '\t')
			i++;
		if (arg == 0 && i - w < cap) {
			memcpy(cmd, line + w, i - w);
			cmd[i - w] = '\0';
		}
		arg++;
	}
	return arg;
}

size_t ui_complete(const char *line, size_t start, size_t end,
		   const char **out, size_t max)
{
	char cmd[32];
	const char *word = line + start;
	size_t n = end - start, got = 0;
	if (ui_complete_is_file(line, start))
		return 0;
	size_t arg = arg_index(line, start, cmd, sizeof cmd);
	if (arg == 0) {
		for (size_t i = 0; i < wb_interp_ncmds() && got < max; i++)
			if (!strncmp(wb_interp_cmd(i)->name, word, n))
				out[got++] = wb_interp_cmd(i)->name;
		return got;
	}
	if (!strcmp(cmd, "help") && arg == 1) {
		for (size_t i = 0; i < wb_interp_ncmds() && got < max; i++)
			if (!strncmp(wb_interp_cmd(i)->name, word, n))
				out[got++] = wb_interp_cmd(i)->name;
		return got;
	}
	return add_matches(table_for(cmd, arg), word, n, out, got, max);
}

int ui_complete_is_file(const char *line, size_t start)
{
	return line[start] == '@';
}
