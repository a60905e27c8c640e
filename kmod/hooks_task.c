// SPDX-License-Identifier: GPL-2.0
/*
 * Task lifetime (fork inherits the label, free forgets it), ptrace of
 * tasks outside the tracer's profile, and capabilities a confined task may
 * not use even as root.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/security.h>

#include "audit.h"
#include "decide.h"
#include "hooks.h"
#include "mutant.h"
#include "policy.h"
#include "task.h"

/*
 * The child inherits its creator's label before the kernel's own
 * allocation in security_task_alloc(): if a later LSM fails, that
 * function calls security_task_free(), which forgets it again.  Only a
 * failed LSM blob allocation returns without it: the child's state is
 * then left behind, and dmzg_task_fork() replaces it when the same
 * task_struct is next allocated, before anyone can look it up.
 */
static int fork_check(struct task_struct *task, unsigned long flags)
{
	return dmzg_mutant(FORK) ? 0 : dmzg_task_fork(task);
}

DMZG_DEFINE_HOOK(task_alloc, fork_check,
		 (struct task_struct *task, unsigned long flags), (task, flags))

/* May run in softirq, from an RCU callback. */
DMZG_DEFINE_VOID_HOOK(task_free, dmzg_task_free, (struct task_struct *task),
		      (task))

/*
 * A confined task may not attach to, or write the memory of, a task
 * outside its own profile: that is how it would inject code into an
 * unconfined root process.  Reading /proc/PID files needs MODE_READ:
 * only attach is refused.
 */
static int ptrace_check(struct task_struct *child, unsigned int mode)
{
	struct dmzg_request req = { .op = DMZG_OP_PTRACE,
				    .object = DMZG_OBJ_TASK };
	struct dmzg_conf *other;
	struct dmzg_subject s;
	int ret = 0;

	if (dmzg_mutant(PTRACE) || !(mode & PTRACE_MODE_ATTACH) ||
	    dmzg_none_confined())
		return 0;
	req.pid = task_pid_nr(child);
	rcu_read_lock();
	if (dmzg_subject_find(&s)) {
		other = dmzg_task_conf(child);
		ret = dmzg_decide(&s, &req, other &&
				  !strcmp(other->name, s.conf->name) ?
				  DMZG_ALLOW : DMZG_DENY);
	}
	rcu_read_unlock();
	return ret;
}

DMZG_DEFINE_HOOK(ptrace_access_check, ptrace_check,
		 (struct task_struct *child, unsigned int mode), (child, mode))

/*
 * Only the caller's own capabilities are confined.  A hot function: an
 * unconfined caller pays one atomic read when nothing is confined, one
 * hash lookup otherwise.  Probes (ns_capable_noaudit) are refused
 * without a record.
 */
static int capable_check(const struct cred *cred, struct user_namespace *ns,
			 int cap, unsigned int opts)
{
	struct dmzg_request req = { .op = DMZG_OP_CAPABILITY,
				    .object = DMZG_OBJ_CAP, .cap = cap,
				    .quiet = opts & CAP_OPT_NOAUDIT };
	struct dmzg_subject s;
	int ret = 0;

	if (dmzg_mutant(CAPABILITY) || dmzg_none_confined() ||
	    cred != current_cred())
		return 0;
	if (cap < 0 || cap >= DMZG_CAP_COUNT)
		return 0;
	rcu_read_lock();
	if (dmzg_subject_find(&s))
		ret = dmzg_decide(&s, &req, s.prof &&
				  !(s.prof->cap_denied & BIT_ULL(cap)) ?
				  DMZG_ALLOW : DMZG_DENY);
	rcu_read_unlock();
	return ret;
}

DMZG_DEFINE_HOOK(capable, capable_check,
		 (const struct cred *cred, struct user_namespace *ns, int cap,
		  unsigned int opts),
		 (cred, ns, cap, opts))
