// SPDX-License-Identifier: GPL-2.0
/*
 * Atomic replacement of a file (file_replace.h).  The temporary file is
 * made in the target's directory, so that rename() does not cross file
 * systems, and given the target's permission bits and owner before any
 * content is visible under the target's name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_replace.h"

static int fail(struct file_replace *fr, const char *step, int fd)
{
	int saved = errno;

	if (fd >= 0)
		close(fd);
	if (fr->temp[0])
		unlink(fr->temp);
	fr->temp[0] = '\0';
	fr->failed = step;
	errno = saved;
	return -1;
}

int file_replace_prepare(struct file_replace *fr, const char *path,
			 const char *data, size_t len)
{
	char *slash;
	struct stat st;
	int fd = -1;

	memset(fr, 0, sizeof(*fr));
	/* A link stays a link: its target is what gets the new text. */
	if (!realpath(path, fr->target))
		return fail(fr, "resolve the path", -1);
	if (stat(fr->target, &st))
		return fail(fr, "stat", -1);
	slash = strrchr(fr->target, '/');
	snprintf(fr->temp, sizeof(fr->temp), "%.*s.%s.XXXXXX",
		 (int)(slash - fr->target + 1), fr->target, slash + 1);
	fd = mkstemp(fr->temp);
	if (fd < 0) {
		fr->temp[0] = '\0';
		return fail(fr, "create a temporary file in its directory", -1);
	}
	if (fchmod(fd, st.st_mode & 07777))
		return fail(fr, "keep its permissions", fd);
	if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
	    fchown(fd, st.st_uid, st.st_gid))
		return fail(fr, "keep its owner", fd);
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail(fr, "write", fd);
		off += (size_t)n;
	}
	if (fsync(fd))
		return fail(fr, "write", fd);
	if (close(fd))
		return fail(fr, "write", -1);
	return 0;
}

int file_replace_commit(struct file_replace *fr)
{
	if (rename(fr->temp, fr->target))
		return fail(fr, "rename the new file over it", -1);
	fr->temp[0] = '\0';
	return 0;
}

void file_replace_abort(struct file_replace *fr)
{
	if (fr->temp[0])
		unlink(fr->temp);
	fr->temp[0] = '\0';
}
