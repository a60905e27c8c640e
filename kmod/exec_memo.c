// SPDX-License-Identifier: GPL-2.0
/*
 * A small table of allowed execs: (label of the task that asked, file
 * executed) -> what was decided and the label the exec committed.  An
 * unconfined task asks with no label: its entries say which profile,
 * if any, attached to the file.  It
 * answers only for the same objects under the same policy generation,
 * and only while the file's name cannot have changed: the task's root is
 * still its namespace's root and the file's mount is that root's (as when
 * the name was resolved), the file is still linked, and no rename has
 * happened anywhere since.  Anything else resolves the path again.
 *
 * Each entry pins its file, so the table is small, an entry is replaced
 * by the next exec that hashes to its slot, and the whole table is
 * forgotten every few seconds: a deleted executable's blocks are not
 * held for long.  Entries are freed from a workqueue after a grace
 * period, since readers hold none of these references and path_put()
 * may sleep.
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/hash.h>
#include <linux/mount.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/seqlock.h>
#include <linux/slab.h>

#include "exec_memo.h"
#include "fspath.h"
#include "task.h"

#define DMZG_EXEC_MEMO_BITS 6
#define DMZG_EXEC_MEMO_SWEEP (10 * HZ)

static struct dmzg_exec_memo __rcu *dmzg_exec_memos[1 << DMZG_EXEC_MEMO_BITS];
static struct workqueue_struct *dmzg_exec_memo_wq;
static struct delayed_work dmzg_exec_memo_sweep;
/* Entries allocated and not yet freed: none may outlive the module. */
static atomic_t dmzg_exec_memos_alive = ATOMIC_INIT(0);

static unsigned int slot_of(const struct dmzg_conf *base,
			    const struct dentry *dentry)
{
	return hash_64((u64)(unsigned long)base * 31 + (unsigned long)dentry,
		       DMZG_EXEC_MEMO_BITS);
}

/*
 * The name was resolved from this root: is it still current's?  Read
 * without the seqcount's lock, which a reader takes on PREEMPT_RT when a
 * writer is in progress and which may sleep there: a change in progress
 * counts as a change.
 */
static bool root_unchanged(const struct path *file)
{
	struct fs_struct *fs = current->fs;
	const seqcount_t *sc = &fs->seq.seqcount;
	unsigned int seq = raw_read_seqcount(sc);
	bool same;

	if (seq & 1)
		return false;
	same = fs->root.mnt == file->mnt &&
	       fs->root.dentry == file->mnt->mnt_root;
	return same && !read_seqcount_retry(sc, seq);
}

/* No rename since @stamp, nor one in progress (without its lock, too). */
static bool no_rename_since(unsigned int stamp)
{
	return raw_read_seqcount(&rename_lock.seqcount.seqcount) == stamp;
}

/**
 * dmzg_exec_memo_find() - what an earlier exec of the same file decided
 * @base: the label of the task asking (current); NULL for an unconfined
 *	task
 * @generation: the active policy's generation, in which @base's profile
 *	is loaded
 * @file: the file it executes
 *
 * Context: any RCU read side that @base is valid on (it neither sleeps
 * nor takes a lock); the entry is valid until it ends.
 * Return: the entry, or NULL when there is none that still holds.
 */
const struct dmzg_exec_memo *dmzg_exec_memo_find(const struct dmzg_conf *base,
						 u64 generation,
						 const struct file *file)
{
	const struct path *f = &file->f_path;
	const struct dmzg_exec_memo *m;

	m = rcu_dereference_check(dmzg_exec_memos[slot_of(base, f->dentry)],
				  rcu_read_lock_any_held());
	if (!m || m->base != base || m->file.dentry != f->dentry ||
	    m->file.mnt != f->mnt || m->generation != generation)
		return NULL;
	if (!root_unchanged(f) || d_unlinked(f->dentry) ||
	    !no_rename_since(m->stamp))
		return NULL;
	return m;
}

static void free_entry(struct work_struct *work)
{
	struct dmzg_exec_memo *m = container_of(to_rcu_work(work),
						struct dmzg_exec_memo,
						free_work);

	path_put(&m->file);
	dmzg_conf_put(m->base);
	dmzg_conf_put(m->next);
	kfree(m);
	atomic_dec(&dmzg_exec_memos_alive);
}

static void retire(struct dmzg_exec_memo *m)
{
	if (m)
		queue_rcu_work(dmzg_exec_memo_wq, &m->free_work);
}

/**
 * dmzg_exec_memo_store() - remember an allowed exec
 * @decided: the decision, its labels (references held by the caller) and
 *	its file; nothing is remembered when its stamp is DMZG_NO_STAMP
 *
 * The entry takes references of its own.  Out of memory, nothing is
 * remembered: the next exec only resolves the path again.
 *
 * Context: process context.
 */
void dmzg_exec_memo_store(const struct dmzg_exec_memo *decided)
{
	struct dmzg_exec_memo *m;
	unsigned int i;

	if (decided->stamp == DMZG_NO_STAMP)
		return;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return;
	*m = *decided;
	if (m->base)
		dmzg_conf_get(m->base);
	if (m->next)
		dmzg_conf_get(m->next);
	path_get(&m->file);
	INIT_RCU_WORK(&m->free_work, free_entry);
	atomic_inc(&dmzg_exec_memos_alive);
	i = slot_of(m->base, m->file.dentry);
	retire(unrcu_pointer(xchg(&dmzg_exec_memos[i], RCU_INITIALIZER(m))));
	queue_delayed_work(dmzg_exec_memo_wq, &dmzg_exec_memo_sweep,
			   DMZG_EXEC_MEMO_SWEEP);
}

/**
 * dmzg_exec_memo_clear() - forget every exec remembered
 *
 * Context: any context that may queue work.
 */
void dmzg_exec_memo_clear(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(dmzg_exec_memos); i++)
		retire(unrcu_pointer(xchg(&dmzg_exec_memos[i], NULL)));
}

static void sweep(struct work_struct *work)
{
	dmzg_exec_memo_clear();
}

/**
 * dmzg_exec_memo_init() - set up the table at load
 *
 * Return: 0 or -ENOMEM.
 */
int dmzg_exec_memo_init(void)
{
	dmzg_exec_memo_wq = alloc_workqueue("dmzguard_exec_memo", 0, 0);
	if (!dmzg_exec_memo_wq)
		return -ENOMEM;
	INIT_DELAYED_WORK(&dmzg_exec_memo_sweep, sweep);
	return 0;
}

/**
 * dmzg_exec_memo_exit() - forget everything and free it, at unload
 *
 * Context: the hooks are removed, so nothing is stored any more.
 */
void dmzg_exec_memo_exit(void)
{
	cancel_delayed_work_sync(&dmzg_exec_memo_sweep);
	dmzg_exec_memo_clear();
	/* Each entry is queued once its grace period ends. */
	rcu_barrier();
	destroy_workqueue(dmzg_exec_memo_wq);
	WARN_ON_ONCE(atomic_read(&dmzg_exec_memos_alive));
}
