// SPDX-License-Identifier: GPL-2.0
/*
 * Write confinement: every change a confined task makes to the file
 * system (opening for writing, truncating, creating, removing, renaming,
 * linking, changing modes or owners) is decided on the namespace-absolute
 * path of the object, by the profile's write rules and its write default.
 *
 * Some objects are judged more strictly than by the rules alone:
 * - a path the profile may execute is never written, whatever the write
 *   rules say: a daemon that could put a file there would run anything;
 * - a kernel interface (kernel_file.h) - a sysctl, a trigger, a tracing
 *   or BPF object, a device -,
 * - an executable file, made, changed, moved or removed, and
 * - a directory being moved (it may hold executables),
 *   are written only under a write rule that names them: one without
 *   "**".  Neither the default nor a tree-wide rule reaches them, so a
 *   confined task never makes, changes or moves a program without a rule
 *   naming it.  (Configuration that makes the kernel's helpers run a
 *   command is an ordinary file: only the rules keep it out of reach.)
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/path.h>
#include <linux/stat.h>

#include "audit.h"
#include "decide.h"
#include "fspath.h"
#include "hooks.h"
#include "hooks_file.h"
#include "kernel_file.h"
#include "mutant.h"
#include "pathbuf.h"
#include "policy.h"
#include "task.h"

/* What a write does to its object, beyond the path: write_check() flags. */
#define W_PROTECT	0x1	/* the object lands at its path: protect programs */
#define W_DIR		0x2	/* a directory moves: protect programs under it */
#define W_MAKES_EXEC	0x4	/* the object becomes an executable file */
#define W_MAKES_DEVICE	0x8	/* a device node is made */
#define W_MOVES_TREE	0x10	/* a directory moves, with all it holds */

static bool executable_file(const struct inode *inode)
{
	return inode && S_ISREG(inode->i_mode) && (inode->i_mode & 0111);
}

static bool kernel_object(const struct path *path, unsigned int flags)
{
	const struct inode *inode = d_inode(path->dentry);

	if (flags & W_MAKES_DEVICE)
		return true;
	if (dmzg_kernel_fs(path->dentry->d_sb->s_magic))
		return true;
	return inode && dmzg_kernel_device(inode->i_mode, inode->i_rdev);
}

/*
 * What the profile's rules say of a write to @name; sets @req->wobj when
 * the object is one that only a rule naming it may allow.
 */
static int write_match(const struct dmzg_profile *prof, const char *name,
		       size_t len, const struct path *path,
		       unsigned int flags, struct dmzg_request *req)
{
	const struct dmzg_path_rule *hit;
	int match;

	if ((flags & W_PROTECT) &&
	    (dmzg_path_set_match(&prof->exec, name, len, &hit) == DMZG_ALLOW ||
	     ((flags & W_DIR) &&
	      dmzg_path_set_allows_under(&prof->exec, name, len)))) {
		req->wobj = DMZG_WOBJ_PROGRAM;
		return DMZG_DENY;
	}
	match = dmzg_path_set_match(&prof->write, name, len, &hit);
	req->hit = hit ? hit->hits : NULL;
	if (kernel_object(path, flags))
		req->wobj = DMZG_WOBJ_KERNEL;
	else if ((flags & W_MAKES_EXEC) ||
		 executable_file(d_inode(path->dentry)))
		req->wobj = DMZG_WOBJ_EXECUTABLE;
	else if (flags & W_MOVES_TREE)
		req->wobj = DMZG_WOBJ_TREE;
	if (!req->wobj || match == DMZG_DENY)
		return match;
	/* Neither the default nor a tree-wide rule: a rule naming it. */
	match = dmzg_path_set_match(&prof->write_named, name, len, &hit);
	req->hit = hit ? hit->hits : NULL;
	return match == DMZG_ALLOW ? DMZG_ALLOW : DMZG_DENY;
}

/*
 * The object's path.  A file being made has no name of its own yet (one
 * made by open() is not even hashed, and d_path() would call it
 * "(deleted)"): it is named by its directory, which the caller holds
 * locked, and the name it is to get.
 */
static char *object_path(const struct path *path, char *buf)
{
	struct dentry *dentry = path->dentry;
	struct path dir = { .mnt = path->mnt, .dentry = dentry->d_parent };
	char *name;
	size_t len;

	if (d_really_is_positive(dentry) || IS_ROOT(dentry))
		return dmzg_absolute_path(path, buf, PATH_MAX);
	/*
	 * Room after the directory's name for '/', the name and a NUL.  The
	 * name is not yet checked against the file system's limit (open()
	 * asks before the lookup): it may be as long as a path.
	 */
	if (dentry->d_name.len > PATH_MAX - 3)
		return ERR_PTR(-ENAMETOOLONG);
	name = dmzg_absolute_path(&dir, buf, PATH_MAX - dentry->d_name.len - 2);
	if (IS_ERR(name))
		return name;
	len = strlen(name);
	if (len > 1)
		name[len++] = '/';
	memcpy(name + len, dentry->d_name.name, dentry->d_name.len);
	name[len + dentry->d_name.len] = '\0';
	return name;
}

/*
 * May the current task make the change @access to the object at @path (a
 * negative dentry for one being made)?  Unconfined tasks always may.
 */
static int write_check(const struct path *path, u8 access, unsigned int flags)
{
	struct dmzg_request req = { .op = DMZG_OP_WRITE,
				    .rules = DMZG_RULE_WRITE,
				    .object = DMZG_OBJ_FILE,
				    .access = access };
	struct dmzg_subject s;
	int match = DMZG_DENY;
	char *buf, *name;
	int ret;

	/*
	 * Writes are frequent: look at the label before allocating.  No
	 * rule names a file on an internal mount (a pipe, a memfd reopened
	 * through /proc), and nothing else reaches it by a path.
	 */
	if (dmzg_mutant(WRITE) || !dmzg_current_confined() ||
	    dmzg_internal_mount(path))
		return 0;
	buf = dmzg_path_buf_get();
	/* Resolved first: it may sleep. */
	name = buf ? object_path(path, buf) : ERR_PTR(-ENOMEM);
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
	if (s.prof && !req.reason)
		match = write_match(s.prof, name, req.path.len, path, flags,
				    &req);
	ret = dmzg_decide(&s, &req, match);
	rcu_read_unlock();
	dmzg_path_buf_put(buf);
	return ret;
}

/* A mode that makes a regular file executable (0 type: a regular file). */
static unsigned int exec_mode_flags(umode_t mode)
{
	if ((mode & S_IFMT) && !S_ISREG(mode))
		return 0;
	return mode & 0111 ? W_MAKES_EXEC : 0;
}

/*
 * Opens that can change a file's contents (for writing, or truncating),
 * and every open of a device node that is a way into the kernel: its
 * ioctls act on a node opened for reading too.
 */
static int open_check(struct file *file)
{
	const struct inode *inode = file_inode(file);

	if (!(file->f_mode & FMODE_WRITE) && !(file->f_flags & O_TRUNC) &&
	    !((S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) &&
	      dmzg_kernel_device(inode->i_mode, inode->i_rdev)))
		return 0;
	return write_check(&file->f_path, DMZG_WRITE_OPEN, W_PROTECT);
}

/**
 * dmzg_receive_write_check() - may current keep a received writable file
 * @file: a file that is not a socket, passed by SCM_RIGHTS or pidfd_getfd
 *
 * Another process's descriptor open for writing is judged as if current
 * had opened it, so a helper cannot hand a confined daemon a way to write
 * what its profile forbids.
 *
 * Return: 0 or the errno that refuses it.
 */
int dmzg_receive_write_check(struct file *file)
{
	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	return write_check(&file->f_path, DMZG_WRITE_RECEIVE, W_PROTECT);
}

static int truncate_check(const struct path *path)
{
	return write_check(path, DMZG_WRITE_TRUNCATE, W_PROTECT);
}

static int mknod_check(const struct path *dir, struct dentry *dentry,
		       umode_t mode, unsigned int dev)
{
	struct path obj = { .mnt = dir->mnt, .dentry = dentry };
	bool node = (mode & S_IFMT) && !S_ISREG(mode);
	unsigned int flags = W_PROTECT | exec_mode_flags(mode);

	if (node && dmzg_kernel_device(mode, new_decode_dev(dev)))
		flags |= W_MAKES_DEVICE;
	return write_check(&obj, node ? DMZG_WRITE_MKNOD : DMZG_WRITE_CREATE,
			   flags);
}

static int mkdir_check(const struct path *dir, struct dentry *dentry,
		       umode_t mode)
{
	struct path obj = { .mnt = dir->mnt, .dentry = dentry };

	return write_check(&obj, DMZG_WRITE_MKDIR, W_PROTECT);
}

static int rmdir_check(const struct path *dir, struct dentry *dentry)
{
	struct path obj = { .mnt = dir->mnt, .dentry = dentry };

	return write_check(&obj, DMZG_WRITE_RMDIR, 0);
}

static int unlink_check(const struct path *dir, struct dentry *dentry)
{
	struct path obj = { .mnt = dir->mnt, .dentry = dentry };

	return write_check(&obj, DMZG_WRITE_UNLINK, 0);
}

static int symlink_check(const struct path *dir, struct dentry *dentry,
			 const char *old_name)
{
	struct path obj = { .mnt = dir->mnt, .dentry = dentry };

	return write_check(&obj, DMZG_WRITE_SYMLINK, W_PROTECT);
}

/*
 * Both names change: the source's is removed, the destination's made (or
 * replaced).  A program may not land at a path the profile may execute;
 * an exchange also lands the destination at the source's path.
 */
static int rename_check(const struct path *old_dir, struct dentry *old_dentry,
			const struct path *new_dir, struct dentry *new_dentry,
			unsigned int flags)
{
	struct path to = { .mnt = new_dir->mnt, .dentry = new_dentry };
	struct path from = { .mnt = old_dir->mnt, .dentry = old_dentry };
	unsigned int to_flags = W_PROTECT, from_flags = 0;
	int ret;

	/* It may hold executables: moved, they land at new paths. */
	if (d_is_dir(old_dentry)) {
		to_flags |= W_DIR | W_MOVES_TREE;
		from_flags |= W_MOVES_TREE;
	}
	/* The object moving in is executable: it is judged as one. */
	if (executable_file(d_inode(old_dentry)))
		to_flags |= W_MAKES_EXEC;
	if (flags & RENAME_EXCHANGE) {
		from_flags |= W_PROTECT;
		if (d_is_dir(new_dentry)) {
			from_flags |= W_DIR | W_MOVES_TREE;
			to_flags |= W_MOVES_TREE;
		}
		if (executable_file(d_inode(new_dentry)))
			from_flags |= W_MAKES_EXEC;
	}
	ret = write_check(&to, DMZG_WRITE_RENAME, to_flags);
	if (!ret)
		ret = write_check(&from, DMZG_WRITE_RENAME, from_flags);
	return ret;
}

/*
 * Neither a link at a path the rules do not allow or the profile may
 * execute, nor a second name for a file the task may not write: written
 * through that name, the file would be judged by the new name.  A hard
 * link stays on one mount, so the source has the new directory's.
 */
static int link_check(struct dentry *old_dentry, const struct path *new_dir,
		      struct dentry *new_dentry)
{
	struct path to = { .mnt = new_dir->mnt, .dentry = new_dentry };
	struct path from = { .mnt = new_dir->mnt, .dentry = old_dentry };
	unsigned int to_flags = W_PROTECT;
	int ret;

	if (executable_file(d_inode(old_dentry)))
		to_flags |= W_MAKES_EXEC;
	/* The file first: a refusal then names what was to get a name. */
	ret = write_check(&from, DMZG_WRITE_LINK, W_PROTECT);
	if (!ret)
		ret = write_check(&to, DMZG_WRITE_LINK, to_flags);
	return ret;
}

static int chmod_check(const struct path *path, umode_t mode)
{
	unsigned int flags = W_PROTECT;

	if (d_is_reg(path->dentry))
		flags |= exec_mode_flags(mode & ~S_IFMT);
	return write_check(path, DMZG_WRITE_CHMOD, flags);
}

static int chown_check(const struct path *path, kuid_t uid, kgid_t gid)
{
	return write_check(path, DMZG_WRITE_CHOWN, W_PROTECT);
}

DMZG_DEFINE_HOOK(file_open, open_check, (struct file *file), (file))
DMZG_DEFINE_HOOK(path_truncate, truncate_check, (const struct path *path),
		 (path))
DMZG_DEFINE_HOOK(path_mknod, mknod_check,
		 (const struct path *dir, struct dentry *dentry, umode_t mode,
		  unsigned int dev),
		 (dir, dentry, mode, dev))
DMZG_DEFINE_HOOK(path_mkdir, mkdir_check,
		 (const struct path *dir, struct dentry *dentry, umode_t mode),
		 (dir, dentry, mode))
DMZG_DEFINE_HOOK(path_rmdir, rmdir_check,
		 (const struct path *dir, struct dentry *dentry),
		 (dir, dentry))
DMZG_DEFINE_HOOK(path_unlink, unlink_check,
		 (const struct path *dir, struct dentry *dentry),
		 (dir, dentry))
DMZG_DEFINE_HOOK(path_symlink, symlink_check,
		 (const struct path *dir, struct dentry *dentry,
		  const char *old_name),
		 (dir, dentry, old_name))
DMZG_DEFINE_HOOK(path_rename, rename_check,
		 (const struct path *old_dir, struct dentry *old_dentry,
		  const struct path *new_dir, struct dentry *new_dentry,
		  unsigned int flags),
		 (old_dir, old_dentry, new_dir, new_dentry, flags))
DMZG_DEFINE_HOOK(path_link, link_check,
		 (struct dentry *old_dentry, const struct path *new_dir,
		  struct dentry *new_dentry),
		 (old_dentry, new_dir, new_dentry))
DMZG_DEFINE_HOOK(path_chmod, chmod_check,
		 (const struct path *path, umode_t mode), (path, mode))
DMZG_DEFINE_HOOK(path_chown, chown_check,
		 (const struct path *path, kuid_t uid, kgid_t gid),
		 (path, uid, gid))
