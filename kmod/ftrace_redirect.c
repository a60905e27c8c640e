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
#include <linux/sort.h>

#include "ftrace_redirect.h"

#define DMZG_MAX_HOOKS 32

DEFINE_PER_CPU(long, dmzg_inflight);

/* Every installed hook, sorted by address for the thunk's search. */
static struct dmzg_hook *dmzg_hooks[DMZG_MAX_HOOKS];
static unsigned int dmzg_nhooks;

typedef unsigned long (*dmzg_kallsyms_fn)(const char *name);

/*
 * kallsyms_lookup_name() is not exported: one kprobe finds it, and it
 * resolves every hooked function.  A kprobe per function would rewire
 * ftrace twice per function, which takes seconds on a busy machine.
 */
static dmzg_kallsyms_fn find_kallsyms(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;

	if (register_kprobe(&kp) < 0)
		return NULL;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return (dmzg_kallsyms_fn)addr;
}

/* The hook for the traced function at @ip: a binary search, no calls. */
static __always_inline const struct dmzg_hook *find_hook(unsigned long ip)
{
	unsigned int lo = 0, hi = dmzg_nhooks, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (dmzg_hooks[mid]->addr == ip)
			return dmzg_hooks[mid];
		if (dmzg_hooks[mid]->addr < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void notrace dmzg_ftrace_thunk(unsigned long ip,
				      unsigned long parent_ip,
				      struct ftrace_ops *ops,
				      struct ftrace_regs *fregs)
{
	const struct dmzg_hook *hook;

	/*
	 * A call from inside this module is a wrapper calling the original:
	 * let it through, or it would be redirected back to the wrapper.
	 */
	if (within_module(parent_ip, THIS_MODULE))
		return;
	hook = find_hook(ip);
	if (hook)
		ftrace_instruction_pointer_set(fregs,
					       (unsigned long)hook->wrapper);
}

/*
 * One ftrace_ops for every hooked function: registering it redirects all
 * of them in one ftrace update and unregistering restores all of them, so
 * the module is never half hooked.  No FTRACE_OPS_FL_RECURSION: the thunk
 * calls nothing traceable, so it cannot recurse, and ftrace then calls it
 * straight from the trampoline (the capability check is the hottest hook).
 */
static struct ftrace_ops dmzg_ops = {
	.func = dmzg_ftrace_thunk,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_PERMANENT,
};

static void notrace dmzg_probe_thunk(unsigned long ip,
				     unsigned long parent_ip,
				     struct ftrace_ops *ops,
				     struct ftrace_regs *fregs)
{
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

/*
 * After the shared ops was refused: find which function, by trying each
 * alone with an ops that changes nothing, so the message can name it.
 */
static void explain_failure(int err)
{
	static struct ftrace_ops probe = {
		.func = dmzg_probe_thunk,
		.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
			 FTRACE_OPS_FL_RECURSION,
	};
	unsigned int i;
	int ret;

	for (i = 0; i < dmzg_nhooks; i++) {
		const struct dmzg_hook *h = dmzg_hooks[i];

		ret = ftrace_set_filter_ip(&probe, h->addr, 0, 1);
		if (!ret)
			ret = register_ftrace_function(&probe);
		if (!ret)
			unregister_ftrace_function(&probe);
		ftrace_set_filter_ips(&probe, NULL, 0, 0, 1);
		if (ret) {
			pr_err("cannot hook %s: %s (error %d)\n", h->name,
			       reason(ret), ret);
			return;
		}
	}
	pr_err("cannot hook the security functions: %s (error %d)\n",
	       reason(err), err);
}

static void wait_inflight(void)
{
	long sum;
	int cpu;

	/*
	 * After this grace period no task sits between the thunk and a
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
	/*
	 * A wrapper that has just dropped its count may still be preempted
	 * on its last instructions: wait until every task has left module
	 * text before the module can be freed.
	 */
	synchronize_rcu_tasks();
}

static int cmp_addr(const void *a, const void *b)
{
	const struct dmzg_hook *x = *(const struct dmzg_hook *const *)a;
	const struct dmzg_hook *y = *(const struct dmzg_hook *const *)b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Resolve every hook of every set before anything is hooked. */
static int resolve(const struct dmzg_hook_set *const *sets,
		   unsigned int nsets)
{
	dmzg_kallsyms_fn lookup;
	unsigned int i, j;

	lookup = find_kallsyms();
	if (!lookup) {
		pr_err("cannot find kallsyms_lookup_name (kprobes unavailable?)\n");
		return -ENOENT;
	}
	dmzg_nhooks = 0;
	for (i = 0; i < nsets; i++) {
		for (j = 0; j < sets[i]->n; j++) {
			struct dmzg_hook *h = &sets[i]->hooks[j];

			if (WARN_ON_ONCE(dmzg_nhooks == DMZG_MAX_HOOKS))
				return -E2BIG;
			h->addr = lookup(h->name);
			if (!h->addr) {
				pr_err("cannot hook %s: %s\n", h->name,
				       reason(-ENOENT));
				return -ENOENT;
			}
			*h->orig = (void *)h->addr;
			dmzg_hooks[dmzg_nhooks++] = h;
		}
	}
	sort(dmzg_hooks, dmzg_nhooks, sizeof(dmzg_hooks[0]), cmp_addr, NULL);
	return 0;
}

/**
 * dmzg_redirect_install() - redirect every hook of every set, or none
 * @sets: the hook tables of the hook files
 * @nsets: how many
 *
 * Return: 0, or a negative errno after logging which function could not
 * be hooked and why; nothing stays hooked then.
 */
int dmzg_redirect_install(const struct dmzg_hook_set *const *sets,
			  unsigned int nsets)
{
	unsigned int i;
	int ret;

	ret = resolve(sets, nsets);
	if (ret)
		return ret;
	for (i = 0; i < dmzg_nhooks; i++) {
		ret = ftrace_set_filter_ip(&dmzg_ops, dmzg_hooks[i]->addr, 0, 0);
		if (ret) {
			pr_err("cannot hook %s: %s (error %d)\n",
			       dmzg_hooks[i]->name, reason(ret), ret);
			goto clear_filter;
		}
	}
	ret = register_ftrace_function(&dmzg_ops);
	if (ret) {
		explain_failure(ret);
		goto clear_filter;
	}
	return 0;

clear_filter:
	ftrace_set_filter_ips(&dmzg_ops, NULL, 0, 0, 1);
	return ret;
}

/**
 * dmzg_redirect_remove() - remove every hook and wait for wrappers to return
 */
void dmzg_redirect_remove(void)
{
	int ret = unregister_ftrace_function(&dmzg_ops);

	WARN_ON_ONCE(ret);
	wait_inflight();
	ftrace_set_filter_ips(&dmzg_ops, NULL, 0, 0, 1);
}
