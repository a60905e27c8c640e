/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the module's files that need a running kernel
 * (hooks, task state, control, netlink, logging).  The pure policy code
 * has its own headers so that it builds under KUnit alone.
 */
#ifndef _DMZGUARD_H
#define _DMZGUARD_H

#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "policy.h"

#define DMZG_VERSION "0.1.0"

/* --- control.c: the active policy and the state changes on it --- */
extern struct dmzg_policy __rcu *dmzg_active;
extern struct mutex dmzg_control_mutex;

bool dmzg_sealed(void);
int dmzg_control_commit(struct dmzg_policy *pol);
void dmzg_control_clear(void);
int dmzg_control_set_mode(const char *name, u8 mode);
void dmzg_control_seal(void);
void dmzg_control_exit(void);

/* --- task.c: which tasks are confined, keyed by task_struct pointer --- */

/*
 * What a confined task carries: its profile's name (looked up in the
 * active policy at each decision, so a policy replace takes effect at
 * once) and the executable it runs, for logs and ps.  Shared by forked
 * children, replaced on exec.
 */
struct dmzg_conf {
	refcount_t ref;
	struct rcu_head rcu;
	/*
	 * Which profile of which policy generation the name resolved to:
	 * generation << 16 | (index + 1), 0 when not yet resolved.  Written
	 * racily with the same value by any task sharing the label.
	 */
	u64 prof_cache;
	char name[DMZG_NAME_MAX];
	char exe[];
};

struct dmzg_ps_entry {
	pid_t pid, tgid;
	char comm[TASK_COMM_LEN];
	struct dmzg_conf *conf;		/* reference held */
};

extern atomic_t dmzg_nr_confined;

struct dmzg_conf *dmzg_conf_new(const char *name, const char *exe);
void dmzg_conf_put(struct dmzg_conf *conf);
struct dmzg_conf *dmzg_task_conf(struct task_struct *task);
int dmzg_task_attach(struct task_struct *task, struct dmzg_conf *conf);
int dmzg_task_fork(struct task_struct *child);
void dmzg_task_free(struct task_struct *task);
void dmzg_task_set_pending(struct task_struct *task, const char *name);
bool dmzg_task_take_pending(struct task_struct *task, char *name);
void dmzg_task_clear_all(void);
int dmzg_task_snapshot(struct dmzg_ps_entry **out, u32 *n);
void dmzg_task_snapshot_free(struct dmzg_ps_entry *ents, u32 n);
void dmzg_task_exit(void);

/* Nothing is confined: every hook can return at once. */
static inline bool dmzg_none_confined(void)
{
	return !atomic_read(&dmzg_nr_confined);
}

/* --- attach.c: confining tasks that run a profile's executable --- */
void dmzg_attach_exec(struct task_struct *task, const char *path);
void dmzg_attach_running(void);

/* --- fspath.c --- */
char *dmzg_file_path(struct file *file, char *buf, int buflen, bool *anon);

/* --- audit.c: denial and complain lines, events --- */
struct dmzg_audit {
	u8 op;			/* enum dmzg_op */
	const char *extra;	/* pre-formatted key=value pairs, or NULL */
	const char *key;	/* name of the escaped value, or NULL */
	const char *value;	/* escaped on output */
	size_t value_len;
};

int dmzg_verdict(struct dmzg_profile *prof, const struct dmzg_conf *conf,
		 bool allowed, int deny_errno, const struct dmzg_audit *a);
void dmzg_audit_policy(const char *fmt, ...) __printf(1, 2);
int dmzg_audit_init(void);
void dmzg_audit_exit(void);
const char *dmzg_op_name(u8 op);

/* --- netlink.c --- */
int dmzg_netlink_init(void);
void dmzg_netlink_exit(void);
void dmzg_netlink_event(u8 kind, u8 op, const char *profile, pid_t pid,
			u32 uid, const char *comm, const char *line);

/* --- hook.c: ftrace redirection of security_* functions --- */
DECLARE_PER_CPU(long, dmzg_inflight);

static inline void dmzg_enter(void)
{
	this_cpu_inc(dmzg_inflight);
}

static inline void dmzg_leave(void)
{
	this_cpu_dec(dmzg_inflight);
}

int dmzg_hooks_install(void);
void dmzg_hooks_remove(void);

/* --- decide.c: the subject of a decision --- */
/* Valid under the rcu_read_lock() dmzg_subject_find() was called in. */
struct dmzg_subject {
	struct dmzg_conf *conf;
	struct dmzg_profile *prof;	/* NULL: no policy (deny) */
	const struct dmzg_policy *pol;
};

bool dmzg_subject_find(struct dmzg_subject *s);
bool dmzg_current_confined(void);

#endif /* _DMZGUARD_H */
