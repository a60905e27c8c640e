// SPDX-License-Identifier: GPL-2.0
/*
 * Redirecting security_* functions to the module's wrappers with ftrace,
 * the mechanism livepatch uses: a module cannot register LSM hooks on a
 * running kernel.  Every hook is installed or none is, and unload waits
 * for every wrapper call in flight before the module's text goes away.
 */
#include <linux/delay.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/module.h>

#include "dmzguard.h"
#include "hooks.h"

DEFINE_PER_CPU(long, dmzg_inflight);

static unsigned long lookup_symbol(const char *name)
{
	struct kprobe kp = { .symbol_name = name };
	unsigned long addr;

	/* kallsyms_lookup_name() is not exported; a kprobe resolves it. */
	if (register_kprobe(&kp) < 0)
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return addr;
}

static void notrace dmzg_ftrace_thunk(unsigned long ip,
				      unsigned long parent_ip,
				      struct ftrace_ops *ops,
				      struct ftrace_regs *fregs)
{
	struct dmzg_hook *hook = container_of(ops, struct dmzg_hook, ops);

	/*
	 * A call from inside this module is a wrapper calling the original:
	 * let it through, or it would be redirected back to the wrapper.
	 */
	if (!within_module(parent_ip, THIS_MODULE))
		ftrace_instruction_pointer_set(fregs,
					       (unsigned long)hook->wrapper);
}

static const char *reason(int err)
{
	switch (err) {
	case -EBUSY:
		return "held by another IPMODIFY ftrace user (e.g. a livepatch)";
	case -ENOENT:
		return "symbol not found in this kernel";
	case -EINVAL:
		return "function is not traceable by ftrace";
	case -ENODEV:
		return "ftrace is disabled";
	default:
		return "ftrace refused it";
	}
}

static int install(struct dmzg_hook *h)
{
	int ret;

	h->addr = lookup_symbol(h->name);
	if (!h->addr)
		return -ENOENT;
	*h->orig = (void *)h->addr;
	h->ops.func = dmzg_ftrace_thunk;
	h->ops.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_RECURSION |
		       FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT;
	ret = ftrace_set_filter_ip(&h->ops, h->addr, 0, 0);
	if (ret)
		return ret;
	ret = register_ftrace_function(&h->ops);
	if (ret)
		ftrace_set_filter_ip(&h->ops, h->addr, 1, 0);
	return ret;
}

static void uninstall(struct dmzg_hook *h)
{
	int ret = unregister_ftrace_function(&h->ops);

	WARN_ON_ONCE(ret);
	ftrace_set_filter_ip(&h->ops, h->addr, 1, 0);
}

static void wait_inflight(void)
{
	long sum;
	int cpu;

	/*
	 * After the grace period no task sits between the thunk and a
	 * wrapper's entry, so the counters only go down from here.
	 */
	synchronize_rcu_tasks();
	for (;;) {
		sum = 0;
		for_each_possible_cpu(cpu)
			sum += per_cpu(dmzg_inflight, cpu);
		if (!sum)
			break;
		msleep(20);
	}
}

/**
 * dmzg_hooks_install() - redirect every hooked function, or none
 *
 * Return: 0, or the error of the first hook that failed, after removing
 * the ones already installed.
 */
int dmzg_hooks_install(void)
{
	int i, ret;

	for (i = 0; i < dmzg_hooks_count; i++) {
		ret = install(&dmzg_hooks[i]);
		if (ret) {
			pr_err("cannot hook %s: %s (error %d)\n",
			       dmzg_hooks[i].name, reason(ret), ret);
			goto remove_installed;
		}
	}
	return 0;

remove_installed:
	while (--i >= 0)
		uninstall(&dmzg_hooks[i]);
	wait_inflight();
	return ret;
}

/**
 * dmzg_hooks_remove() - remove every hook and wait for wrappers to return
 */
void dmzg_hooks_remove(void)
{
	int i;

	for (i = dmzg_hooks_count - 1; i >= 0; i--)
		uninstall(&dmzg_hooks[i]);
	wait_inflight();
}
