// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: changing files - writing a control file, putting something
 * else where a profile allows executing (a copy over it, a rename or hard
 * link onto it, a bind mount over it), and each change write confinement
 * decides (the fs action).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "probe.h"

/* Write DATA to PATH (a /proc or binfmt_misc control file): 0 or -1. */
int write_file(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY), r;

	if (fd < 0)
		return -1;
	r = write(fd, data, strlen(data)) == (ssize_t)strlen(data) ? 0 : -1;
	close(fd);
	return r;
}

/* read PATH: open it and read a little (a /proc file of another task) */
int act_read(struct act *x)
{
	char buf[64];
	int fd = open(x->a[1], O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return report(-1, x->out, x->size);
	r = read(fd, buf, sizeof(buf)) < 0 ? -1 : 0;
	close(fd);
	return report(r, x->out, x->size);
}

/* write PATH DATA */
int act_write(struct act *x)
{
	return report(write_file(x->a[1], x->a[2]), x->out, x->size);
}

/* copy SRC DST: write a file (e.g. over an allowed program) */
int act_copy(struct act *x)
{
	char buf[65536];
	int src = open(x->a[1], O_RDONLY), dst, ok = 0;
	ssize_t r;

	dst = open(x->a[2], O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (src < 0 || dst < 0) {
		ok = -1;
	} else {
		while ((r = read(src, buf, sizeof(buf))) > 0)
			if (write(dst, buf, r) != r) {
				ok = -1;
				break;
			}
	}
	if (src >= 0)
		close(src);
	if (dst >= 0)
		close(dst);
	return report(ok, x->out, x->size);
}

/* rename FROM TO */
int act_rename(struct act *x)
{
	return report(rename(x->a[1], x->a[2]), x->out, x->size);
}

/* link FROM TO: a hard link */
int act_link(struct act *x)
{
	return report(link(x->a[1], x->a[2]), x->out, x->size);
}

/* mount-bind FROM TO */
int act_mount_bind(struct act *x)
{
	return report(mount(x->a[1], x->a[2], NULL, MS_BIND, NULL), x->out,
		      x->size);
}

/* fs create PATH MODE: make (or reuse) a file with an octal mode */
static int fs_create(char **a)
{
	int fd = open(a[2], O_WRONLY | O_CREAT | O_CLOEXEC,
		      (mode_t)strtoul(a[3], NULL, 8));

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* fs append PATH DATA: create if need be, and append a line */
static int fs_append(char **a)
{
	int fd = open(a[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	int r;

	if (fd < 0)
		return -1;
	r = write(fd, a[3], strlen(a[3])) == (ssize_t)strlen(a[3]) ? 0 : -1;
	close(fd);
	return r;
}

/* fs mknod PATH b|c MAJOR MINOR */
static int fs_mknod(char **a)
{
	mode_t type = a[3][0] == 'b' ? S_IFBLK : S_IFCHR;

	return mknod(a[2], type | 0600,
		     makedev(strtoul(a[4], NULL, 0), strtoul(a[5], NULL, 0)));
}

/*
 * fs OP PATH [ARG...]: one change to the file system, by the system call
 * that makes it: create, append, truncate, chmod, chown, mkdir, rmdir,
 * unlink, symlink (PATH TARGET), link (PATH NEWNAME), rename (PATH NEW),
 * mknod.
 */
int act_fs(struct act *x)
{
	static const struct {
		const char *op;
		int words;	/* fs and OP included */
	} ops[] = {
		{ "create", 4 }, { "append", 4 }, { "truncate", 3 },
		{ "chmod", 4 }, { "chown", 3 }, { "mkdir", 3 }, { "rmdir", 3 },
		{ "unlink", 3 }, { "symlink", 4 }, { "link", 4 },
		{ "rename", 4 }, { "mknod", 6 },
	};
	const char *op = x->a[1];
	char **a = x->a;
	unsigned int i;
	int r;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(op, ops[i].op))
			break;
	if (i == sizeof(ops) / sizeof(ops[0]) || x->n < ops[i].words) {
		snprintf(x->out, x->size, "USAGE fs %s", op);
		return 1;
	}
	if (!strcmp(op, "create"))
		r = fs_create(a);
	else if (!strcmp(op, "append"))
		r = fs_append(a);
	else if (!strcmp(op, "truncate"))
		r = truncate(a[2], 0);
	else if (!strcmp(op, "chmod"))
		r = chmod(a[2], (mode_t)strtoul(a[3], NULL, 8));
	else if (!strcmp(op, "chown"))
		r = chown(a[2], (uid_t)-1, (gid_t)-1);
	else if (!strcmp(op, "mkdir"))
		r = mkdir(a[2], 0755);
	else if (!strcmp(op, "rmdir"))
		r = rmdir(a[2]);
	else if (!strcmp(op, "unlink"))
		r = unlink(a[2]);
	else if (!strcmp(op, "symlink"))
		r = symlink(a[3], a[2]);
	else if (!strcmp(op, "link"))
		r = link(a[2], a[3]);
	else if (!strcmp(op, "rename"))
		r = rename(a[2], a[3]);
	else
		r = fs_mknod(a);
	return report(r, x->out, x->size);
}
