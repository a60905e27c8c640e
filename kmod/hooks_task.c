// SPDX-License-Identifier: GPL-2.0
/*
 * Task lifetime (fork inherits the label, free forgets it), ptrace of
 * tasks outside the tracer's profile, and capabilities a confined task may
 * not use even as root.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/security.h>

#include "dmzguard.h"
#include "hooks.h"
#include "names.h"

int (*dmzg_orig_task_alloc)(struct task_struct *task, unsigned long flags);
void (*dmzg_orig_task_free)(struct task_struct *task);
int (*dmzg_orig_ptrace_access_check)(struct task_struct *child,
				     unsigned int mode);
int (*dmzg_orig_capable)(const struct cred *cred, struct user_namespace *ns,
			 int cap, unsigned int opts);

/**
 * dmzg_hook_task_alloc() - replaces security_task_alloc()
 * @task: the task being created by current
 * @flags: clone flags
 *
 * Ours runs first: if the original then fails, the fork fails and
 * security_task_free() is not called, so ours is undone here.
 *
 * Return: 0 or a negative errno that fails the fork.
 */
int dmzg_hook_task_alloc(struct task_struct *task, unsigned long flags)
{
	int ret;

	dmzg_enter();
	ret = dmzg_task_fork(task);
	if (!ret) {
		ret = dmzg_orig_task_alloc(task, flags);
		if (ret)
			dmzg_task_free(task);
	}
	dmzg_leave();
	return ret;
}

/**
 * dmzg_hook_task_free() - replaces security_task_free()
 * @task: the task being freed
 *
 * Context: may run in softirq (from an RCU callback).
 */
void dmzg_hook_task_free(struct task_struct *task)
{
	dmzg_enter();
	dmzg_task_free(task);
	dmzg_orig_task_free(task);
	dmzg_leave();
}

static int ptrace_check(struct task_struct *child, unsigned int mode)
{
	struct dmzg_audit a = { .op = DMZG_OP_PTRACE };
	char extra[32];
	struct dmzg_conf *other;
	struct dmzg_subject s;
	bool allowed;
	int ret = 0;

	/* Reading /proc/PID files needs MODE_READ: only attach is refused. */
	if (!(mode & PTRACE_MODE_ATTACH) || dmzg_none_confined())
		return 0;
	rcu_read_lock();
	if (!dmzg_subject_find(&s))
		goto unlock;
	other = dmzg_task_conf(child);
	allowed = s.prof && other && !strcmp(other->name, s.conf->name);
	snprintf(extra, sizeof(extra), "target_pid=%d", task_pid_nr(child));
	a.extra = extra;
	ret = dmzg_verdict(s.prof, s.conf, allowed, -EACCES, &a);
unlock:
	rcu_read_unlock();
	return ret;
}

/**
 * dmzg_hook_ptrace_access_check() - replaces security_ptrace_access_check()
 * @child: the task to be traced or whose memory is accessed
 * @mode: PTRACE_MODE_* flags
 *
 * A confined task may not attach to, or write the memory of, a task
 * outside its own profile: that is how it would inject code into an
 * unconfined root process.
 *
 * Return: 0 or a negative errno.
 */
int dmzg_hook_ptrace_access_check(struct task_struct *child,
				  unsigned int mode)
{
	int ret;

	dmzg_enter();
	ret = ptrace_check(child, mode);
	if (!ret)
		ret = dmzg_orig_ptrace_access_check(child, mode);
	dmzg_leave();
	return ret;
}

static int capable_check(const struct cred *cred, int cap,
			 unsigned int opts)
{
	struct dmzg_audit a = { .op = DMZG_OP_CAPABILITY };
	struct dmzg_subject s;
	char extra[40];
	bool allowed;
	int ret = 0;

	/* Only the caller's own capabilities are confined. */
	if (dmzg_none_confined() || cred != current_cred())
		return 0;
	if (cap < 0 || cap >= DMZG_CAP_COUNT)
		return 0;
	rcu_read_lock();
	if (!dmzg_subject_find(&s))
		goto unlock;
	allowed = s.prof && !(s.prof->cap_denied & BIT_ULL(cap));
	if (allowed || (opts & CAP_OPT_NOAUDIT)) {
		/* Probes (ns_capable_noaudit) are refused without a record. */
		if (!allowed && (!s.prof ||
				 READ_ONCE(s.prof->mode) != DMZG_MODE_COMPLAIN))
			ret = -EPERM;
		goto unlock;
	}
	snprintf(extra, sizeof(extra), "cap=%s", dmzg_cap_names[cap]);
	a.extra = extra;
	ret = dmzg_verdict(s.prof, s.conf, false, -EPERM, &a);
unlock:
	rcu_read_unlock();
	return ret;
}

/**
 * dmzg_hook_capable() - replaces security_capable()
 * @cred: credentials being checked
 * @ns: user namespace of the capability
 * @cap: capability number
 * @opts: CAP_OPT_* flags
 *
 * A hot function: an unconfined caller pays one atomic read when nothing
 * is confined, one hash lookup otherwise.
 *
 * Return: 0 or -EPERM.
 */
int dmzg_hook_capable(const struct cred *cred, struct user_namespace *ns,
		      int cap, unsigned int opts)
{
	int ret;

	dmzg_enter();
	ret = capable_check(cred, cap, opts);
	if (!ret)
		ret = dmzg_orig_capable(cred, ns, cap, opts);
	dmzg_leave();
	return ret;
}
