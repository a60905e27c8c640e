/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the last allowed execs decided, so that a daemon starting the same
 * helper again and again (a pre-fork server, a mail system's master)
 * pays neither a path resolution nor a new label each time.
 */
#ifndef _DMZG_EXEC_MEMO_H
#define _DMZG_EXEC_MEMO_H

#include <linux/path.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct dmzg_conf;
struct dmzg_rule_hits;
struct file;

/**
 * struct dmzg_exec_memo - one allowed exec, as it was decided
 * @base: the label of the task that asked (a reference held); NULL for
 *	an unconfined task
 * @file: the file executed (references held: its dentry and mount cannot
 *	be freed and their addresses reused while remembered)
 * @next: the label the exec committed (a reference held); its exe is
 *	the file's path.  For an unconfined task, the label of the profile
 *	that attached, or NULL when none did
 * @generation: the policy generation it was decided in
 * @hits: the counters of the rule that allowed it, in that policy
 * @stamp: the rename sequence the path was resolved under
 * @path_len: strlen(@next->exe)
 * @match: what the rules said (DMZG_ALLOW, or DMZG_NO_MATCH under a
 *	default that allows)
 * @transition: @next is another profile's: the exec's safety conditions
 *	are checked again each time
 * @free_work: frees it a grace period after it was replaced
 */
struct dmzg_exec_memo {
	struct dmzg_conf *base;
	struct path file;
	struct dmzg_conf *next;
	u64 generation;
	struct dmzg_rule_hits *hits;
	unsigned int stamp;
	u32 path_len;
	s8 match;
	bool transition;
	struct rcu_work free_work;
};

const struct dmzg_exec_memo *dmzg_exec_memo_find(const struct dmzg_conf *base,
						 u64 generation,
						 const struct file *file);
void dmzg_exec_memo_store(const struct dmzg_exec_memo *decided);
void dmzg_exec_memo_clear(void);
int dmzg_exec_memo_init(void);
void dmzg_exec_memo_exit(void);

#endif /* _DMZG_EXEC_MEMO_H */
