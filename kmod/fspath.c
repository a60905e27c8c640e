// SPDX-License-Identifier: GPL-2.0
/*
 * The path a decision is made on: the file actually opened for exec,
 * resolved by the kernel, never the name the caller passed.
 */
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mount.h>

#include "fspath.h"

/**
 * dmzg_file_path() - resolve the path of an open file
 * @file: file
 * @buf: buffer for d_path()
 * @buflen: its size
 * @anon: set when the file has no name a rule could match: it was
 *	unlinked (including an executable deleted after open), it lives on an
 *	internal mount (memfd, anonymous shared memory), or its path is too
 *	long to resolve
 *
 * Return: the NUL-terminated path inside @buf (for logging also when
 * @anon is set), never an error pointer.
 */
char *dmzg_file_path(struct file *file, char *buf, int buflen, bool *anon)
{
	struct dentry *dentry = file->f_path.dentry;
	char *path;

	*anon = d_unlinked(dentry) ||
		(file->f_path.mnt->mnt_sb->s_flags & (SB_NOUSER | SB_KERNMOUNT));
	path = d_path(&file->f_path, buf, buflen);
	if (IS_ERR(path)) {
		*anon = true;
		strscpy(buf, "<unresolvable>", buflen);
		return buf;
	}
	return path;
}
