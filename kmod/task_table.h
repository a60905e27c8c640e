/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The task table itself, shared by task.c (one entry at a time) and
 * task_walk.c (the whole table): nothing else includes this.
 */
#ifndef _DMZG_TASK_TABLE_H
#define _DMZG_TASK_TABLE_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "label.h"
#include "net_memo.h"

#define DMZG_TASK_BITS 10

struct dmzg_task {
	struct hlist_node node;
	struct task_struct *task;
	struct dmzg_conf __rcu *conf;
	/*
	 * The label an exec in progress commits, made when the exec was
	 * allowed, the label it was decided under (@conf then), and the
	 * count of releases begun before it was decided.  Only the task
	 * itself sets them, and commits @next; a relabel or an
	 * unconfinement takes @next (xchg()) after replacing @conf.
	 */
	struct dmzg_conf *next;
	struct dmzg_conf *next_base;
	u64 next_seq;
	/*
	 * Counts the changes of @conf (every exec makes one), so that a
	 * memo made under one label is never taken for another's at the
	 * same address.  64 bits: it never comes round again.  It starts
	 * again in each new entry: @birth tells entries apart.
	 */
	atomic64_t label_seq;
	/* Unique to this entry: a task confined again gets a new one. */
	u64 birth;
	struct dmzg_net_memo memo;
	union {
		struct rcu_head rcu;
		unsigned long gp;	/* as a spare: see take_spare() */
	};
};

extern struct hlist_head dmzg_tasks[1 << DMZG_TASK_BITS];
extern raw_spinlock_t dmzg_tasks_lock;

void dmzg_task_release_begin(void);
void dmzg_task_unlink(struct dmzg_task *t);
void dmzg_task_spares_free(void);

#endif /* _DMZG_TASK_TABLE_H */
