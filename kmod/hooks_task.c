// SPDX-License-Identifier: GPL-2.0
/*
 * Task lifetime (fork inherits the label, free forgets it), ptrace of
 * tasks outside the tracer's profile, capabilities a confined task may
 * not use even as root, and module unloading once sealed.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/security.h>
#include <asm/syscall.h>

#include "audit.h"
#include "compat.h"
#include "control.h"
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
 * A confined task may not attach to, write the memory of, nor read what
 * ptrace guards in (/proc/PID/environ, fd/, maps, mem, exe) a task
 * outside its own profile: that is how it would inject code into an
 * unconfined root process, or take its secrets and open files.  What
 * ps(1) shows needs no such access; fields the kernel only shows to a
 * tracer (it asks without auditing) are hidden, not logged.
 */
static int ptrace_check(struct task_struct *child, unsigned int mode)
{
	struct dmzg_request req = { .op = DMZG_OP_PTRACE,
				    .object = DMZG_OBJ_TASK };
	struct dmzg_conf *other;
	struct dmzg_subject s;
	int ret = 0;

	if (dmzg_mutant(PTRACE) || dmzg_none_confined())
		return 0;
	/* Reading counts too (environ, fd/, maps); probes are not logged. */
	req.quiet = mode & PTRACE_MODE_NOAUDIT;
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
 * without a record, and so are capabilities the profile names in a
 * "capability deny" rule: that is how a profile says a request is
 * expected and harmless to refuse (libsystemd's sd_notify() asks for
 * net_admin to force a socket buffer's size, and works without it).
 * Those a profile refuses by default are recorded, and so is each in
 * complain mode, which grants it.
 */
/*
 * Is current in delete_module(2)?  Its capability check comes before it
 * reads the module's name, and a name read here could be changed by
 * another thread before the kernel reads it: so the question is only
 * whether it is that system call at all.
 */
static bool unloading_a_module(void)
{
	long nr;

	if (current->flags & PF_KTHREAD)
		return false;
	nr = syscall_get_nr(current, task_pt_regs(current));
	if (in_ia32_syscall())
		return nr == DMZG_IA32_NR_DELETE_MODULE;
	return (nr & ~__X32_SYSCALL_BIT) == __NR_delete_module;
}

/*
 * Sealed means sealed: rmmod -f (forced unloading, which Debian's
 * kernels allow) ignores the reference seal takes, so no task, confined
 * or not, gets CAP_SYS_MODULE for delete_module(2) until reboot.  Which
 * module it names cannot be known safely here (see above): every unload
 * is refused.
 */
static int sealed_unload_check(void)
{
	if (!unloading_a_module())
		return 0;
	pr_notice_ratelimited("refused to unload a module for pid=%d comm=%s: sealed until reboot\n",
			      task_pid_nr(current), current->comm);
	return -EPERM;
}

/*
 * The decision for a task that may be confined: not inlined, so that the
 * check of an unconfined one pays for none of its frame.
 */
static noinline int capable_decide(int cap, unsigned int opts)
{
	struct dmzg_request req = { .op = DMZG_OP_CAPABILITY,
				    .object = DMZG_OBJ_CAP, .cap = cap,
				    .quiet = opts & CAP_OPT_NOAUDIT };
	struct dmzg_subject s;
	int ret = 0;

	rcu_read_lock();
	if (dmzg_subject_find(&s)) {
		if (s.prof && (s.prof->cap_deny & BIT_ULL(cap)))
			req.expected = true;
		ret = dmzg_decide(&s, &req, s.prof &&
				  !(s.prof->cap_denied & BIT_ULL(cap)) ?
				  DMZG_ALLOW : DMZG_DENY);
	}
	rcu_read_unlock();
	return ret;
}

static int capable_check(const struct cred *cred, struct user_namespace *ns,
			 int cap, unsigned int opts)
{
	int ret;

	if (unlikely(cap == CAP_SYS_MODULE) && dmzg_sealed()) {
		ret = sealed_unload_check();
		if (ret)
			return ret;
	}
	if (dmzg_mutant(CAPABILITY) || dmzg_none_confined() ||
	    cred != current_cred())
		return 0;
	if (cap < 0 || cap >= DMZG_CAP_COUNT)
		return 0;
	return capable_decide(cap, opts);
}

DMZG_DEFINE_HOOK(capable, capable_check,
		 (const struct cred *cred, struct user_namespace *ns, int cap,
		  unsigned int opts),
		 (cred, ns, cap, opts))
