// SPDX-License-Identifier: GPL-2.0
/*
 * Protecting the programs a profile may execute: exec rules name paths,
 * so a confined daemon that could write a file at an allowed path (copy
 * a shell over the program, rename or hard-link one there, or move a
 * directory holding one into place) would run anything it liked.  A
 * confined task may therefore not open for writing, rename onto, or link
 * at a path its profile allows executing, nor move a directory to where
 * an allowed path could fall inside it.
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/path.h>
#include <linux/slab.h>

#include "dmzguard.h"
#include "hooks.h"

int (*dmzg_orig_file_open)(struct file *file);
int (*dmzg_orig_path_rename)(const struct path *old_dir,
			     struct dentry *old_dentry,
			     const struct path *new_dir,
			     struct dentry *new_dentry, unsigned int flags);
int (*dmzg_orig_path_link)(struct dentry *old_dentry,
			   const struct path *new_dir,
			   struct dentry *new_dentry);

/*
 * May the current task put a file (or, with @dir, a directory) at @path?
 * Unconfined tasks always may.
 */
static int protect_check(const struct path *path, bool dir)
{
	struct dmzg_audit a = { .op = DMZG_OP_WRITE, .key = "target" };
	struct dmzg_subject s;
	bool allowed = false;
	char *buf, *name;
	size_t len;
	u16 to;
	int ret;

	/* Writes are frequent: look at the label before allocating. */
	if (!dmzg_current_confined())
		return 0;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	rcu_read_lock();
	if (!dmzg_subject_find(&s)) {
		rcu_read_unlock();
		kfree(buf);
		return 0;
	}
	name = buf ? d_path(path, buf, PATH_MAX) : ERR_PTR(-ENOMEM);
	if (IS_ERR(name)) {
		/* Cannot tell where it lands: fail closed. */
		a.extra = buf ? "reason=unresolvable" : "reason=nomem";
		name = "<unresolvable>";
	} else if (!s.prof) {
		a.extra = "reason=no-policy";
	}
	len = strlen(name);
	if (!a.extra)
		allowed = dmzg_path_set_match(&s.prof->exec, name, len, &to) !=
			  DMZG_ALLOW &&
			  !(dir && dmzg_path_set_allows_under(&s.prof->exec,
							      name, len));
	a.value = name;
	a.value_len = len;
	ret = dmzg_verdict(s.prof, s.conf, allowed, -EACCES, &a);
	rcu_read_unlock();
	kfree(buf);
	return ret;
}

/**
 * dmzg_hook_file_open() - replaces security_file_open()
 * @file: the file being opened
 *
 * Only opens that can change a regular file's contents are checked.
 *
 * Return: 0 or a negative errno that refuses the open.
 */
int dmzg_hook_file_open(struct file *file)
{
	int ret = 0;

	dmzg_enter();
	if (((file->f_mode & FMODE_WRITE) || (file->f_flags & O_TRUNC)) &&
	    S_ISREG(file_inode(file)->i_mode))
		ret = protect_check(&file->f_path, false);
	if (!ret)
		ret = dmzg_orig_file_open(file);
	dmzg_leave();
	return ret;
}

/**
 * dmzg_hook_path_rename() - replaces security_path_rename()
 * @old_dir: parent of the source
 * @old_dentry: the source
 * @new_dir: parent of the destination
 * @new_dentry: the destination
 * @flags: RENAME_* flags
 *
 * Return: 0 or a negative errno that refuses the rename.
 */
int dmzg_hook_path_rename(const struct path *old_dir,
			  struct dentry *old_dentry,
			  const struct path *new_dir,
			  struct dentry *new_dentry, unsigned int flags)
{
	struct path to = { .mnt = new_dir->mnt, .dentry = new_dentry };
	struct path from = { .mnt = old_dir->mnt, .dentry = old_dentry };
	int ret;

	dmzg_enter();
	ret = protect_check(&to, d_is_dir(old_dentry));
	/* An exchange also moves the destination to the source's place. */
	if (!ret && (flags & RENAME_EXCHANGE))
		ret = protect_check(&from, d_is_dir(new_dentry));
	if (!ret)
		ret = dmzg_orig_path_rename(old_dir, old_dentry, new_dir,
					    new_dentry, flags);
	dmzg_leave();
	return ret;
}

/**
 * dmzg_hook_path_link() - replaces security_path_link()
 * @old_dentry: the existing file
 * @new_dir: parent of the new link
 * @new_dentry: the new link
 *
 * Return: 0 or a negative errno that refuses the link.
 */
int dmzg_hook_path_link(struct dentry *old_dentry, const struct path *new_dir,
			struct dentry *new_dentry)
{
	struct path to = { .mnt = new_dir->mnt, .dentry = new_dentry };
	int ret;

	dmzg_enter();
	ret = protect_check(&to, false);
	if (!ret)
		ret = dmzg_orig_path_link(old_dentry, new_dir, new_dentry);
	dmzg_leave();
	return ret;
}
