/* source.c - `source FILE`: a script or session run inside the current
 * interpreter, each command reported as if typed. */
#include "interp_int.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deep enough for any sensible nesting, shallow enough to stop a file
 * that sources itself. */
#define MAX_DEPTH 16

typedef struct lines {
	char **v;
	size_t n, cap;
} lines;

static void lines_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void wb_source_free(wb_interp *in)
{
	lines_free(in->src, in->nsrc);
	in->src = NULL;
	in->nsrc = 0;
	free(in->src_dir);
	in->src_dir = NULL;
}

/* Each line is stored with its length in front (a line may hold NUL,
 * which wb_interp_exec_line refuses with its line number). */
static wb_err add_line(lines *l, const char *p, size_t n)
{
	char **v = wb_grow(l->v, &l->cap, l->n, sizeof *v);
	if (!v)
		return WB_E_NOMEM;
	l->v = v;
	char *copy = wb_malloc(sizeof(size_t) + n + 1);
	if (!copy)
		return WB_E_NOMEM;
	memcpy(copy, &n, sizeof n);
	memcpy(copy + sizeof n, p, n);
	copy[sizeof n + n] = '\0';
	l->v[l->n++] = copy;
	return WB_OK;
}

static wb_err read_lines(FILE *f, lines *l)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	wb_err e = WB_OK;
	while (e == WB_OK && (len = getline(&line, &cap, f)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		e = add_line(l, line, (size_t)len);
	}
	free(line);
	return e;
}

static wb_err open_file(wb_interp *in, const char *path, wb_buf *full,
			FILE **f)
{
	if (path[0] != '/' && wb_buf_printf(full, "%s/", in->dir.p))
		return WB_E_NOMEM;
	if (wb_buf_adds(full, path))
		return WB_E_NOMEM;
	*f = fopen(full->p, "r");
	if (*f)
		return WB_OK;
	return wb_interp_fail(in, errno == ENOENT ? WB_E_FILE_NOT_FOUND : WB_E_OS,
			      "[Errno %d] %s: '%s'", errno, strerror(errno),
			      path);
}

wb_err wb_cmd_source(wb_interp *in, const wb_words *w, wb_result *res)
{
	(void)res;
	if (in->depth >= MAX_DEPTH)
		return wb_interp_fail(in, WB_E_RUNTIME,
				      "source nested more than %d deep",
				      MAX_DEPTH);
	wb_buf full = WB_BUF_INIT;
	FILE *f = NULL;
	lines l = { 0 };
	wb_err e = open_file(in, w->w[1].s, &full, &f);
	if (e == WB_OK) {
		e = read_lines(f, &l);
		fclose(f);
	}
	char *dir = e == WB_OK ? wb_strdup(dirname(full.p)) : NULL;
	wb_buf_free(&full);
	if (e == WB_OK && !dir)
		e = WB_E_NOMEM;
	if (e) {
		lines_free(l.v, l.n);
		free(dir);
		return e;
	}
	wb_source_free(in);
	in->src = l.v;
	in->nsrc = l.n;
	in->src_dir = dir;
	return WB_OK;
}

/* Runs the lines with the file's folder as the folder of @file paths. */
static wb_err run(wb_interp *in, char **v, size_t n)
{
	wb_err first = WB_OK;
	for (size_t i = 0; i < n && !in->quit; i++) {
		size_t len;
		memcpy(&len, v[i], sizeof len);
		wb_err e = wb_interp_exec_line(in, v[i] + sizeof len, len,
					       (unsigned)i + 1);
		if (e && !first)
			first = e;
		if (e && !in->keep_going)
			break;
	}
	return first;
}

wb_err wb_source_run(wb_interp *in)
{
	char **v = in->src, *dir = in->src_dir;
	size_t n = in->nsrc;
	in->src = NULL;
	in->nsrc = 0;
	in->src_dir = NULL;
	wb_buf saved = in->dir;
	in->dir = (wb_buf)WB_BUF_INIT;
	wb_err e = wb_buf_adds(&in->dir, dir);
	in->depth++;
	if (e == WB_OK)
		e = run(in, v, n);
	in->depth--;
	wb_buf_free(&in->dir);
	in->dir = saved;
	lines_free(v, n);
	free(dir);
	return e;
}
