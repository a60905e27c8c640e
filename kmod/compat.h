/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels dmzguard builds against (Debian's
 * 6.1 and 6.12 series), in one place: the rest of the module calls these
 * and never tests LINUX_VERSION_CODE itself.
 */
#ifndef _DMZG_COMPAT_H
#define _DMZG_COMPAT_H

#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/mm_types.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/version.h>
#include <net/genetlink.h>
#include <asm/nospec-branch.h>

/* Direct ftrace calls: one ftrace_ops per trampoline on both series. */
static inline int dmzg_register_direct(struct ftrace_ops *ops,
				       unsigned long tramp)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	return register_ftrace_direct(ops, tramp);
#else
	return register_ftrace_direct_multi(ops, tramp);
#endif
}

static inline int dmzg_unregister_direct(struct ftrace_ops *ops,
					 unsigned long tramp)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	return unregister_ftrace_direct(ops, tramp, true);
#else
	int ret = unregister_ftrace_direct_multi(ops, tramp);

	ftrace_free_filter(ops);
	return ret;
#endif
}

/*
 * A reference to @mm's executable, or NULL.  get_mm_exe_file() is not
 * exported; since 6.7 get_file_rcu() takes the RCU pointer and retries
 * on a recycled file itself.
 */
static inline struct file *dmzg_mm_exe_file(struct mm_struct *mm)
{
	struct file *exe;

	rcu_read_lock();
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	exe = get_file_rcu(&mm->exe_file);
#else
	exe = rcu_dereference(mm->exe_file);
	if (exe && !get_file_rcu(exe))
		exe = NULL;
#endif
	rcu_read_unlock();
	return exe;
}

/* genetlink's .pre_doit gets the split op since 6.2. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define dmzg_genl_op genl_split_ops
#else
#define dmzg_genl_op genl_ops
#endif

/* Return-stack accounting for call-depth tracking (6.2+), else nothing. */
#ifdef CALL_DEPTH_ACCOUNT
#define DMZG_CALL_DEPTH_ACCOUNT CALL_DEPTH_ACCOUNT
#else
#define DMZG_CALL_DEPTH_ACCOUNT ""
#endif

/*
 * delete_module(2) for 32-bit tasks (arch/x86/entry/syscalls/
 * syscall_32.tbl): a system call number is ABI and never changes, but
 * only some kernels' headers name the ia32 table.
 */
#define DMZG_IA32_NR_DELETE_MODULE 129

#endif /* _DMZG_COMPAT_H */
