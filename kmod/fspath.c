// SPDX-License-Identifier: GPL-2.0
/*
 * The path a decision is made on: the file actually opened for exec,
 * resolved by the kernel from the root of the mount namespace, never the
 * name the caller passed nor one relative to a chroot.
 */
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/seqlock.h>
#include <linux/string.h>

#include "fspath.h"

/* Whether @root is the root of its mount namespace (not a chroot). */
static bool namespace_root(const struct path *root)
{
	struct path up = *root;
	bool top;

	if (root->dentry != root->mnt->mnt_root)
		return false;
	path_get(&up);
	top = !follow_up(&up);
	path_put(&up);
	return top;
}

/*
 * Put the names leading from the namespace's root to @root in front of
 * @pos, a path inside @buf relative to @root.  Return the new start, or
 * an error pointer if it does not fit or @root hangs off no mount.
 */
static char *prepend_root(const struct path *root, char *buf, char *pos)
{
	struct name_snapshot name;
	struct dentry *parent;
	struct path p = *root;
	char *ret = pos;

	/* The root itself is "/": only the names above it are added. */
	if (pos[0] == '/' && !pos[1])
		ret = pos + 1;
	path_get(&p);
	for (;;) {
		if (p.dentry == p.mnt->mnt_root) {
			if (!follow_up(&p))
				break;
			continue;
		}
		if (IS_ROOT(p.dentry)) {
			ret = ERR_PTR(-ENOENT);
			break;
		}
		take_dentry_name_snapshot(&name, p.dentry);
		if (ret - buf < name.name.len + 1) {
			release_dentry_name_snapshot(&name);
			ret = ERR_PTR(-ENAMETOOLONG);
			break;
		}
		ret -= name.name.len;
		memcpy(ret, name.name.name, name.name.len);
		*--ret = '/';
		release_dentry_name_snapshot(&name);
		parent = dget_parent(p.dentry);
		dput(p.dentry);
		p.dentry = parent;
	}
	path_put(&p);
	return ret;
}

/*
 * dmzg_absolute_path(), and whether the name needed no more than d_path()
 * from the root of the namespace with the file on that root's own mount
 * (@plain): such a name changes only by a rename (dmzg_file_path_stamped()).
 */
static char *absolute_path(const struct path *path, char *buf, int buflen,
			   bool *plain)
{
	struct path root;
	unsigned int seq;
	char *name;
	int tries;

	*plain = false;
	/*
	 * A file opened by handle (open_by_handle_at()) may hang off no
	 * directory of its mount; d_path() would name it "/".  It has no
	 * name a rule could match.  (Files on internal mounts - a memfd -
	 * hang off none either: d_path() gives them their pseudo-name.)
	 */
	if (!dmzg_internal_mount(path) &&
	    !is_subdir(path->dentry, path->mnt->mnt_root))
		return ERR_PTR(-ENOENT);
	get_fs_root(current->fs, &root);
	if (namespace_root(&root)) {
		name = d_path(path, buf, buflen);
		*plain = path->mnt == root.mnt;
		goto put_root;
	}
	for (tries = 0; tries < 3; tries++) {
		seq = read_seqbegin(&rename_lock);
		name = d_path(path, buf, buflen);
		/* A file outside the chroot already has its full name. */
		if (!IS_ERR(name) && path_is_under(path, &root))
			name = prepend_root(&root, buf, name);
		if (!read_seqretry(&rename_lock, seq))
			goto put_root;
	}
	name = ERR_PTR(-EAGAIN);
put_root:
	path_put(&root);
	return name;
}

/**
 * dmzg_absolute_path() - the path of @path from its mount namespace's root
 * @path: path
 * @buf: buffer for the path
 * @buflen: its size
 *
 * d_path() names a file from the task's root, so inside a chroot a copy
 * of the shell at DIR/usr/bin/tool would be named /usr/bin/tool.  This
 * names it by where it really is: d_path(), and when the task's root is
 * not its namespace's root and the file lies under it, the names of the
 * directories above that root in front.  A rename meanwhile retries.
 *
 * Context: process context; may sleep.
 * Return: the path inside @buf, or an error pointer.
 */
char *dmzg_absolute_path(const struct path *path, char *buf, int buflen)
{
	bool plain;

	return absolute_path(path, buf, buflen, &plain);
}

static char *resolve_file(struct file *file, char *buf, int buflen, bool *anon,
			  bool *plain)
{
	struct dentry *dentry = file->f_path.dentry;
	char *path;

	*anon = d_unlinked(dentry) || dmzg_internal_mount(&file->f_path);
	path = absolute_path(&file->f_path, buf, buflen, plain);
	if (IS_ERR(path)) {
		*anon = true;
		*plain = false;
		strscpy(buf, "<unresolvable>", buflen);
		return buf;
	}
	return path;
}

/**
 * dmzg_file_path() - resolve the path of an open file
 * @file: file
 * @buf: buffer for the path
 * @buflen: its size
 * @anon: set when the file has no name a rule could match: it was
 *	unlinked (including an executable deleted after open), it lives on an
 *	internal mount (memfd, anonymous shared memory), or its path is too
 *	long to resolve
 *
 * The path is dmzg_absolute_path()'s: from the root of the mount
 * namespace, never from a chroot.
 *
 * Context: process context; may sleep.
 * Return: the NUL-terminated path inside @buf (for logging also when
 * @anon is set), never an error pointer.
 */
char *dmzg_file_path(struct file *file, char *buf, int buflen, bool *anon)
{
	bool plain;

	return resolve_file(file, buf, buflen, anon, &plain);
}

/**
 * dmzg_file_path_stamped() - dmzg_file_path(), and how long the name holds
 * @file: file
 * @buf: buffer for the path
 * @buflen: its size
 * @anon: as for dmzg_file_path()
 * @stamp: set to the value of the rename sequence the name was resolved
 *	under, when nothing but a rename can change it while @file stays
 *	open: current's root is its namespace's, and the file lies on that
 *	root's mount; else to DMZG_NO_STAMP
 *
 * While read_seqbegin(&rename_lock) still returns @stamp, current's root
 * has not changed and the file is still linked, the name is the same.
 *
 * Context: process context; may sleep.
 * Return: as dmzg_file_path().
 */
char *dmzg_file_path_stamped(struct file *file, char *buf, int buflen,
			     bool *anon, unsigned int *stamp)
{
	unsigned int seq = read_seqbegin(&rename_lock);
	bool plain;
	char *path;

	path = resolve_file(file, buf, buflen, anon, &plain);
	*stamp = DMZG_NO_STAMP;
	if (plain && !*anon && !read_seqretry(&rename_lock, seq))
		*stamp = seq;
	return path;
}

/**
 * dmzg_internal_mount() - is @path on a mount no one can name
 * @path: path
 *
 * The mount, not its superblock: sysfs, debugfs and the like share one
 * superblock between the kernel's own mount and the ones users see.
 *
 * Return: true for the kernel's internal mounts (memfd, pipes, anonymous
 * shared memory): no rule can name a file there.
 */
bool dmzg_internal_mount(const struct path *path)
{
	return path->mnt->mnt_flags & MNT_INTERNAL;
}
