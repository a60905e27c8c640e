// SPDX-License-Identifier: GPL-2.0
/*
 * Protecting the programs a profile may execute: exec rules name paths,
 * so a confined daemon that could write a file at an allowed path (copy
 * a shell over the program, rename or hard-link one there, or move a
 * directory holding one into place) would run anything it liked.  A
 * confined task may therefore not open for writing, rename onto, or link
 * at a path its profile allows executing, give the program there a second
 * name by a hard link, nor move a directory to where an allowed path
 * could fall inside it.
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/path.h>
#include <linux/slab.h>

#include "audit.h"
#include "decide.h"
#include "fspath.h"
#include "hooks.h"
#include "mutant.h"
#include "pathbuf.h"
#include "policy.h"
#include "task.h"

/*
 * May the current task put a file (or, with @dir, a directory) at @path?
 * Unconfined tasks always may.
 */
static int protect_check(const struct path *path, bool dir)
{
	struct dmzg_request req = { .op = DMZG_OP_WRITE,
				    .object = DMZG_OBJ_FILE };
	struct dmzg_subject s;
	int match = DMZG_DENY;
	char *buf, *name;
	u16 to;
	int ret;

	/*
	 * Writes are frequent: look at the label before allocating.  No
	 * rule names a file on an internal mount (a memfd reopened through
	 * /proc), so such a file is never at an allowed path.
	 */
	if (dmzg_mutant(WRITE) || !dmzg_current_confined() ||
	    dmzg_internal_mount(path))
		return 0;
	buf = dmzg_path_buf_get();
	/* Resolved first: it may sleep. */
	name = buf ? dmzg_absolute_path(path, buf, PATH_MAX) : ERR_PTR(-ENOMEM);
	rcu_read_lock();
	if (!dmzg_subject_find(&s)) {
		rcu_read_unlock();
		dmzg_path_buf_put(buf);
		return 0;
	}
	if (IS_ERR(name)) {
		/* Cannot tell where it lands: fail closed. */
		req.reason = buf ? DMZG_REASON_UNRESOLVABLE : DMZG_REASON_NOMEM;
		name = "<unresolvable>";
	}
	req.path.name = name;
	req.path.len = strlen(name);
	if (s.prof && !req.reason &&
	    dmzg_path_set_match(&s.prof->exec, name, req.path.len, &to) !=
	    DMZG_ALLOW &&
	    !(dir && dmzg_path_set_allows_under(&s.prof->exec, name,
						req.path.len)))
		match = DMZG_ALLOW;
	ret = dmzg_decide(&s, &req, match);
	rcu_read_unlock();
	dmzg_path_buf_put(buf);
	return ret;
}

/* Only opens that can change a regular file's contents are checked. */
static int open_check(struct file *file)
{
	if (!(file->f_mode & FMODE_WRITE) && !(file->f_flags & O_TRUNC))
		return 0;
	if (!S_ISREG(file_inode(file)->i_mode))
		return 0;
	return protect_check(&file->f_path, false);
}

static int rename_check(const struct path *old_dir, struct dentry *old_dentry,
			const struct path *new_dir, struct dentry *new_dentry,
			unsigned int flags)
{
	struct path to = { .mnt = new_dir->mnt, .dentry = new_dentry };
	struct path from = { .mnt = old_dir->mnt, .dentry = old_dentry };
	int ret;

	ret = protect_check(&to, d_is_dir(old_dentry));
	/* An exchange also moves the destination to the source's place. */
	if (!ret && (flags & RENAME_EXCHANGE))
		ret = protect_check(&from, d_is_dir(new_dentry));
	return ret;
}

/*
 * Neither a link at an allowed path, nor a second name for the program
 * already there: opened through that name, the program could be
 * rewritten, since writes are judged by the name opened.  A hard link
 * stays on one mount, so the source has the new directory's.
 */
static int link_check(struct dentry *old_dentry, const struct path *new_dir,
		      struct dentry *new_dentry)
{
	struct path to = { .mnt = new_dir->mnt, .dentry = new_dentry };
	struct path from = { .mnt = new_dir->mnt, .dentry = old_dentry };
	int ret;

	ret = protect_check(&to, false);
	if (!ret)
		ret = protect_check(&from, false);
	return ret;
}

DMZG_DEFINE_HOOK(file_open, open_check, (struct file *file), (file))
DMZG_DEFINE_HOOK(path_rename, rename_check,
		 (const struct path *old_dir, struct dentry *old_dentry,
		  const struct path *new_dir, struct dentry *new_dentry,
		  unsigned int flags),
		 (old_dir, old_dentry, new_dir, new_dentry, flags))
DMZG_DEFINE_HOOK(path_link, link_check,
		 (struct dentry *old_dentry, const struct path *new_dir,
		  struct dentry *new_dentry),
		 (old_dentry, new_dir, new_dentry))
