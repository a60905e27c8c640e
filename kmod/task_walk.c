// SPDX-License-Identifier: GPL-2.0
/*
 * What goes over the whole task table: unconfining every task or those of
 * some profiles (a clear, a revert), the snapshot ps reads, and the
 * unload.
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/rculist.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "task.h"
#include "task_table.h"

/**
 * dmzg_task_clear_all() - unconfine every task
 */
void dmzg_task_clear_all(void)
{
	struct dmzg_task *t;
	struct hlist_node *tmp;
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	dmzg_task_release_begin();
	for (i = 0; i < ARRAY_SIZE(dmzg_tasks); i++) {
		hlist_for_each_entry_safe(t, tmp, &dmzg_tasks[i], node) {
			dmzg_task_unlink(t);
		}
	}
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
}

/*
 * One pass of dmzg_task_release_if() over the table, under the lock; the
 * first counts a release begun.
 */
static u32 release_pass(bool (*drop)(const char *name, void *arg), void *arg,
			bool first)
{
	struct dmzg_task *t;
	struct hlist_node *tmp;
	unsigned long flags;
	u32 n = 0;
	int i;

	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	if (first)
		dmzg_task_release_begin();
	for (i = 0; i < ARRAY_SIZE(dmzg_tasks); i++) {
		hlist_for_each_entry_safe(t, tmp, &dmzg_tasks[i], node) {
			struct dmzg_conf *conf, *next;

			/*
			 * The task may commit its exec meanwhile (see
			 * dmzg_task_commit_next()), which takes the recorded
			 * label, then makes it the task's: so the recorded
			 * one first.  Either stays readable: under a raw
			 * spinlock, this is an RCU read-side section.
			 */
			next = READ_ONCE(t->next);
			smp_rmb();	/* pairs with the commit's xchg() */
			conf = rcu_dereference_check(t->conf, true);
			if (drop(conf->name, arg)) {
				dmzg_task_unlink(t);
				n++;
				continue;
			}
			/*
			 * An exec in progress is to move the task into one:
			 * the task keeps its profile, which its exec's commit,
			 * finding nothing recorded, relabels it in.  A commit
			 * already under way ends in the removed profile, and
			 * the second pass unconfines the task.
			 */
			if (next && drop(next->name, arg) &&
			    cmpxchg(&t->next, next, NULL) == next)
				dmzg_conf_put(next);
		}
	}
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
	return n;
}

/**
 * dmzg_task_release_if() - unconfine the tasks whose profile @drop names
 * @drop: asked for each confined task's profile name, and for the label
 *	an exec in progress is to commit (true forgets that label); true
 *	unconfines the task (called under a raw spinlock: it must not
 *	sleep)
 * @arg: passed to @drop
 *
 * A label decided before the release began is not written after it
 * (see dmzg_task_release_seq()).  A commit holds the label it makes in neither
 * field for a moment, so a pass can miss it: a second pass, once every
 * commit in flight during the first has ended (each runs in one RCU
 * read-side section), finds it.
 *
 * Context: may sleep.
 * Return: how many tasks were unconfined.
 */
u32 dmzg_task_release_if(bool (*drop)(const char *name, void *arg), void *arg)
{
	u32 n = release_pass(drop, arg, true);

	synchronize_rcu();
	return n + release_pass(drop, arg, false);
}

/**
 * dmzg_task_snapshot() - copy out the confined tasks, for ps and status
 * @out: set to an array to free with dmzg_task_snapshot_free()
 * @n: set to the number of entries
 *
 * Return: 0 or -ENOMEM.
 */
int dmzg_task_snapshot(struct dmzg_ps_entry **out, u32 *n)
{
	struct dmzg_ps_entry *ents;
	struct dmzg_task *t;
	unsigned long flags;
	u32 cap, k = 0;
	int i;

retry:
	cap = atomic_read(&dmzg_nr_confined) + 16;
	ents = kvcalloc(cap, sizeof(*ents), GFP_KERNEL);
	if (!ents)
		return -ENOMEM;
	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	if (atomic_read(&dmzg_nr_confined) > cap) {
		raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
		kvfree(ents);
		goto retry;
	}
	for (i = 0; i < ARRAY_SIZE(dmzg_tasks); i++) {
		hlist_for_each_entry(t, &dmzg_tasks[i], node) {
			struct dmzg_ps_entry *e = &ents[k++];

			/*
			 * An exec may replace the label meanwhile and drop
			 * the old one (freed only after a grace period: this
			 * is an RCU read-side section): then take the new.
			 */
			do {
				e->conf = rcu_dereference_check(t->conf, true);
			} while (!refcount_inc_not_zero(&e->conf->ref));
			e->pid = task_pid_nr(t->task);
			e->tgid = task_tgid_nr(t->task);
			strscpy(e->comm, t->task->comm, sizeof(e->comm));
		}
	}
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
	*out = ents;
	*n = k;
	return 0;
}

/**
 * dmzg_task_snapshot_free() - release a snapshot
 * @ents: array from dmzg_task_snapshot()
 * @n: its length
 */
void dmzg_task_snapshot_free(struct dmzg_ps_entry *ents, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		dmzg_conf_put(ents[i].conf);
	kvfree(ents);
}

/**
 * dmzg_task_exit() - drop all state at module unload
 *
 * Context: the hooks are removed, so no new state can appear.
 */
void dmzg_task_exit(void)
{
	dmzg_task_clear_all();
	dmzg_task_spares_free();
}
