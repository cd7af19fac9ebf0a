/* save.c - atomic session saves: temporary file, fsync, rename, fsync. */
#include "save.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format.h"

static wb_err os_fail(wb_buf *msg, const char *what, const char *path)
{
	int err = errno;
	wb_buf_clear(msg);
	wb_buf_printf(msg, "[Errno %d] %s: %s '%s'", err, strerror(err), what,
		      path);
	return err == ENOENT ? WB_E_FILE_NOT_FOUND : WB_E_OS;
}

/* The folder holding path (a malloc'd string) or NULL. */
static char *folder_of(const char *path)
{
	char *copy = wb_strdup(path);
	if (!copy)
		return NULL;
	char *d = wb_strdup(dirname(copy));
	free(copy);
	return d;
}

static int sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Mode for the new file: the old file's, or 0666 less the umask. */
static mode_t new_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return st.st_mode & 07777;
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

wb_err wb_save_atomic(const char *path, const void *p, size_t n, wb_buf *msg)
{
	char *dir = folder_of(path);
	wb_buf tmp = WB_BUF_INIT;
	/* the six X are mkstemp's template, replaced by a unique name */
	if (!dir || wb_buf_printf(&tmp, "%s.tmp-XXXXXX", path)) {
		free(dir);
		return WB_E_NOMEM;
	}
	wb_err e = WB_OK;
	int fd = mkstemp(tmp.p);
	if (fd < 0) {
		e = os_fail(msg, "cannot create a temporary file beside", path);
	} else {
		if (fchmod(fd, new_mode(path)) || write_all(fd, p, n) ||
		    fsync(fd))
			e = os_fail(msg, "cannot write", tmp.p);
		if (close(fd) && !e)
			e = os_fail(msg, "cannot write", tmp.p);
		if (!e && rename(tmp.p, path))
			e = os_fail(msg, "cannot rename over", path);
		if (e)
			unlink(tmp.p);
		else if (sync_folder(dir))
			e = os_fail(msg, "cannot sync the folder of", path);
	}
	wb_buf_free(&tmp);
	free(dir);
	return e;
}

static int listed(const wb_side_list *sides, const char *name)
{
	for (size_t i = 0; i < sides->n; i++)
		if (!strcmp(sides->v[i].name, name))
			return 1;
	return 0;
}

/* Our side file names: 16 hex digits and ".bin". */
static int ours(const char *name)
{
	size_t n = strlen(name);
	return n == 20 && strspn(name, "0123456789abcdef") == 16 &&
	       !strcmp(name + 16, ".bin");
}

/* Removes side files the new session no longer uses (after the rename:
 * until then the old session may still need them). */
static void prune(const char *side_dir, const wb_side_list *sides)
{
	DIR *d = opendir(side_dir);
	if (!d)
		return;
	struct dirent *de;
	wb_buf p = WB_BUF_INIT;
	while ((de = readdir(d))) {
		if (!ours(de->d_name) || listed(sides, de->d_name))
			continue;
		wb_buf_clear(&p);
		if (!wb_buf_printf(&p, "%s/%s", side_dir, de->d_name))
			unlink(p.p);
	}
	closedir(d);
	wb_buf_free(&p);
	if (!sides->n)
		rmdir(side_dir); /* only when empty */
}

/* Side files are named by their hash: one already there holds the same
 * bytes unless someone altered it, which its size usually shows. */
static wb_err write_sides(const char *side_dir, const wb_side_list *sides,
			  wb_buf *msg)
{
	if (!sides->n)
		return WB_OK;
	if (mkdir(side_dir, 0777) && errno != EEXIST)
		return os_fail(msg, "cannot create the folder", side_dir);
	wb_buf p = WB_BUF_INIT;
	wb_err e = WB_OK;
	for (size_t i = 0; !e && i < sides->n; i++) {
		struct stat st;
		wb_buf_clear(&p);
		if (wb_buf_printf(&p, "%s/%s", side_dir, sides->v[i].name))
			e = WB_E_NOMEM;
		else if (stat(p.p, &st) || (size_t)st.st_size != sides->v[i].len)
			e = wb_save_atomic(p.p, sides->v[i].data,
					   sides->v[i].len, msg);
	}
	wb_buf_free(&p);
	return e;
}

static wb_err check_target(const char *path, const wb_save_opts *o,
			   wb_buf *msg)
{
	struct stat st;
	if (stat(path, &st))
		return WB_OK;
	wb_buf_clear(msg);
	if (S_ISDIR(st.st_mode)) {
		wb_buf_printf(msg, "%s is a folder", path);
		return WB_E_SESSION;
	}
	if (!o->force && !wb_session_is_session_file(path)) {
		wb_buf_printf(msg, "%s is not a wirebench session; save --force "
			      "%s replaces it", path, path);
		return WB_E_SESSION;
	}
	return WB_OK;
}

wb_err wb_session_save(const wb_session *s, const char *path,
		       const wb_save_opts *o, wb_buf *msg)
{
	wb_err e = check_target(path, o, msg);
	if (e)
		return e;
	wb_buf text = WB_BUF_INIT, side_dir = WB_BUF_INIT;
	wb_side_list sides = { 0 };
	e = wb_session_format(s, o->redact, &text, &sides);
	if (!e)
		e = wb_buf_printf(&side_dir, "%s.d", path);
	if (!e)
		e = write_sides(side_dir.p, &sides, msg);
	if (!e)
		e = wb_save_atomic(path, wb_buf_str(&text), text.n, msg);
	if (!e)
		prune(side_dir.p, &sides);
	wb_buf_free(&text);
	wb_buf_free(&side_dir);
	wb_side_list_free(&sides);
	return e;
}
