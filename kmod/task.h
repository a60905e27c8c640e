/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which tasks are confined, keyed by task_struct pointer: a module has no
 * LSM blob.  A confined task carries a label (struct dmzg_conf) shared by
 * the children it forks and replaced when it executes a new program.
 */
#ifndef _DMZG_TASK_H
#define _DMZG_TASK_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "label.h"
#include "net_memo.h"
#include "uapi/dmzguard.h"

struct dmzg_profile;

/* One row of a snapshot of the confined tasks, for status and ps. */
struct dmzg_ps_entry {
	pid_t pid, tgid;
	char comm[TASK_COMM_LEN];
	struct dmzg_conf *conf;		/* reference held */
};

/*
 * Which label a confined task had when it was read: its entry in the
 * table, and that entry's count of label changes.  Equal stamps mean
 * that the label did not change in between.
 */
struct dmzg_label_stamp {
	u64 birth;
	u64 changes;
};

static inline bool dmzg_label_stamp_same(const struct dmzg_label_stamp *a,
					 const struct dmzg_label_stamp *b)
{
	return a->birth == b->birth && a->changes == b->changes;
}

struct dmzg_conf *dmzg_task_conf(struct task_struct *task);
struct dmzg_conf *dmzg_current_label(struct dmzg_label_stamp *stamp);
struct dmzg_conf *dmzg_current_conf(struct dmzg_net_memo **memo,
				    u64 *label_seq);
struct dmzg_net_memo *dmzg_current_memo(void);
int dmzg_task_attach(struct task_struct *task, struct dmzg_conf *conf,
		     u64 seq);
int dmzg_task_relabel(struct task_struct *task, struct dmzg_conf *conf,
		      u64 seq, const struct dmzg_label_stamp *stamp);
int dmzg_task_fork(struct task_struct *child);
void dmzg_task_free(struct task_struct *task);
void dmzg_task_set_next(struct task_struct *task, struct dmzg_conf *conf,
			struct dmzg_conf *base, u64 seq);
void dmzg_current_set_next(struct dmzg_net_memo *memo, struct dmzg_conf *conf,
			   struct dmzg_conf *base, u64 seq);
bool dmzg_task_next_name(struct task_struct *task, char *name, u64 *seq);
bool dmzg_task_commit_next(struct task_struct *task,
			   struct dmzg_conf **unconfirmed,
			   struct dmzg_label_stamp *stamp);
void dmzg_task_clear_all(void);
u32 dmzg_task_release_if(bool (*drop)(const char *name, void *arg), void *arg);
int dmzg_task_snapshot(struct dmzg_ps_entry **out, u32 *n);
void dmzg_task_snapshot_free(struct dmzg_ps_entry *ents, u32 n);
void dmzg_task_exit(void);

/* Read only through dmzg_task_release_seq(); task.c counts in it. */
extern u64 dmzg_release_seq;

/**
 * dmzg_task_release_seq() - the count of releases begun
 *
 * Read before the policy a label is decided by, and given with the label
 * to dmzg_task_attach() or dmzg_task_set_next().  A count that has not
 * moved since means that the policy read is the one any release would
 * keep, or that the release begun since sees the label.  Inline: every
 * confined exec reads it.
 *
 * Return: the count.
 */
static inline u64 dmzg_task_release_seq(void)
{
	/* Pairs with dmzg_task_release_begin()'s release. */
	return smp_load_acquire(&dmzg_release_seq);
}

/* Read only through dmzg_none_confined(): every hook asks it first. */
extern atomic_t dmzg_nr_confined;

/* Nothing is confined: every hook can return at once. */
static inline bool dmzg_none_confined(void)
{
	return !atomic_read(&dmzg_nr_confined);
}

#endif /* _DMZG_TASK_H */
