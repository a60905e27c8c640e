// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: changing files - writing a control file, and putting
 * something else where a profile allows executing (a copy over it, a
 * rename or hard link onto it, a bind mount over it).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
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
