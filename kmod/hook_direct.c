// SPDX-License-Identifier: GPL-2.0
/*
 * The trampoline and its installation (see hook_direct.h): find each
 * hooked function's fentry site exactly, point every site at the one
 * trampoline with one ftrace update (so the module is never half hooked),
 * check that each site now calls it, and on unload wait for every check
 * in flight before the module's text goes away.
 */
#include <linux/delay.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/linkage.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/ibt.h>

#include "compat.h"
#include "hook_direct.h"
#include "hooks.h"

/*
 * The return address each site's call pushes (site + 5), in the order
 * of DMZG_HOOK_LIST, each under a label the trampoline compares with.
 * Set at install before any site is patched, read-only after load.
 */
extern unsigned long dmzg_hook_ret[DMZG_NR_HOOKS];

#define DMZG_RET_SLOT(_name, _nargs)					\
	".Ldmzg_ret_" #_name ":\n"					\
	"	.quad 0\n"

asm(".pushsection .data..ro_after_init, \"aw\"\n"
	"	.balign 8\n"
	"	.globl dmzg_hook_ret\n"
	"	.type dmzg_hook_ret, @object\n"
	"dmzg_hook_ret:\n"
	DMZG_HOOK_LIST(DMZG_RET_SLOT)
	"	.size dmzg_hook_ret, .-dmzg_hook_ret\n"
	"	.popsection\n");

/*
 * Entered by a call from a hooked function's fentry site (or a return
 * from ftrace's own trampoline when another ftrace user shares the
 * function): 8(%rbp) below is the address just past that call, and the
 * slot above it the function's own return address.  The site is found
 * by comparing the former with each hook's in turn; its check runs with
 * the function's arguments, whose registers (only as many as the
 * function takes: hooks.h) are restored from the stack afterwards.  A
 * refusal replaces the return into the body with dmzg_skip_body, a bare
 * return: the function returns to its caller with the check's error in
 * %eax and its body never runs.  No indirect branch anywhere.
 */
#define DMZG_DISPATCH(_name, _nargs)					\
	"	cmpq .Ldmzg_ret_" #_name "(%rip), %rax\n"		\
	"	je .Ldmzg_check_" #_name "\n"

#define DMZG_SAVE_1 "	pushq %rdi\n"
#define DMZG_SAVE_2 DMZG_SAVE_1 "	pushq %rsi\n"
#define DMZG_SAVE_3 DMZG_SAVE_2 "	pushq %rdx\n"
#define DMZG_SAVE_4 DMZG_SAVE_3 "	pushq %rcx\n"
#define DMZG_SAVE_5 DMZG_SAVE_4 "	pushq %r8\n"
#define DMZG_SAVE_6 DMZG_SAVE_5 "	pushq %r9\n"
#define DMZG_RESTORE_1 "	popq %rdi\n"
#define DMZG_RESTORE_2 "	popq %rsi\n" DMZG_RESTORE_1
#define DMZG_RESTORE_3 "	popq %rdx\n" DMZG_RESTORE_2
#define DMZG_RESTORE_4 "	popq %rcx\n" DMZG_RESTORE_3
#define DMZG_RESTORE_5 "	popq %r8\n" DMZG_RESTORE_4
#define DMZG_RESTORE_6 "	popq %r9\n" DMZG_RESTORE_5

/* With the arguments back in place: into the body, or refuse. */
#define DMZG_CHECKED							\
	"	testl %eax, %eax\n"					\
	"	jnz .Ldmzg_refuse\n"					\
	"	popq %rbp\n"						\
	ASM_RET

#define DMZG_CALL_CHECK(_name, _nargs)					\
	".Ldmzg_check_" #_name ":\n"					\
	DMZG_SAVE_##_nargs						\
	"	call dmzg_check_" #_name "\n"				\
	DMZG_RESTORE_##_nargs						\
	DMZG_CHECKED

asm(".pushsection .text, \"ax\", @progbits\n"
	"	.globl dmzg_trampoline\n"
	"	.type dmzg_trampoline, @function\n"
	"dmzg_trampoline:\n"
	ASM_ENDBR
	"	pushq %rbp\n"
	"	movq %rsp, %rbp\n"
	DMZG_CALL_DEPTH_ACCOUNT
	"	movq 8(%rbp), %rax\n"
	DMZG_HOOK_LIST(DMZG_DISPATCH)
	/* Not one of ours: how many registers it takes is unknown. */
	DMZG_SAVE_6
	"	movq %rax, %rdi\n"
	"	call dmzg_unknown_site\n"
	DMZG_RESTORE_6
	DMZG_CHECKED
	DMZG_HOOK_LIST(DMZG_CALL_CHECK)
	".Ldmzg_refuse:\n"
	"	leaq dmzg_skip_body(%rip), %rcx\n"
	"	movq %rcx, 8(%rbp)\n"
	"	popq %rbp\n"
	ASM_RET
	"	.size dmzg_trampoline, .-dmzg_trampoline\n"
	"	.popsection\n");

/*
 * Where a refused call returns: to the hooked function's caller, with
 * the check's error still in %eax.  Entered by a return, not a call.
 */
asm(".pushsection .text, \"ax\", @progbits\n"
	"	.globl dmzg_skip_body\n"
	"	.type dmzg_skip_body, @function\n"
	"dmzg_skip_body:\n"
	ASM_ENDBR
	ASM_RET
	"	.size dmzg_skip_body, .-dmzg_skip_body\n"
	"	.popsection\n");

/*
 * ftrace calls the trampoline only from the sites it was given, so this
 * cannot happen; if it did, the function is unknown and so is its return
 * type: let it run.
 */
unsigned long notrace dmzg_unknown_site(unsigned long ret)
{
	WARN_ONCE(1, "dmzguard: trampoline called from unknown site %pS\n",
		  (void *)ret);
	return 0;
}

static struct ftrace_ops dmzg_direct_ops;

/* What an fentry site may hold: ftrace's nop, or a call once patched. */
static const u8 dmzg_nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
/* ENDBR64, and the poison IBT seals it with when nothing takes its address. */
static const u8 dmzg_endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
static const u8 dmzg_endbr_poison[] = { 0x0f, 0x1f, 0x40, 0xd6 };

#define DMZG_CALL_OPCODE 0xe8

/* The target of the 5-byte call at @site, or 0 if @site holds no call. */
static unsigned long call_target(unsigned long site)
{
	u8 insn[5];
	s32 rel;

	if (copy_from_kernel_nofault(insn, (void *)site, sizeof(insn)) ||
	    insn[0] != DMZG_CALL_OPCODE)
		return 0;
	memcpy(&rel, insn + 1, sizeof(rel));
	return site + sizeof(insn) + rel;
}

/*
 * The fentry site of the function at @addr: its first instruction, or
 * the one after its ENDBR (or the ENDBR's poison) on IBT kernels.  It
 * must hold ftrace's nop or a call, or the function is not traceable.
 */
static int fentry_site(const char *name, unsigned long addr,
		       unsigned long *site)
{
	u8 insn[9];

	if (copy_from_kernel_nofault(insn, (void *)addr, sizeof(insn))) {
		pr_err("cannot hook %s: its code at %pS cannot be read\n",
		       name, (void *)addr);
		return -EFAULT;
	}
	if (!memcmp(insn, dmzg_endbr64, sizeof(dmzg_endbr64)) ||
	    !memcmp(insn, dmzg_endbr_poison, sizeof(dmzg_endbr_poison)))
		addr += sizeof(dmzg_endbr64);
	if (copy_from_kernel_nofault(insn, (void *)addr, 5) ||
	    (memcmp(insn, dmzg_nop5, sizeof(dmzg_nop5)) &&
	     insn[0] != DMZG_CALL_OPCODE)) {
		pr_err("cannot hook %s: no fentry call at %pS (%5ph): not traceable on this kernel\n",
		       name, (void *)addr, insn);
		return -EINVAL;
	}
	*site = addr;
	return 0;
}

/*
 * Resolve every hooked function with kprobes that are never armed:
 * registering a disabled kprobe rewrites no code, and kprobes are how a
 * module learns the address of a symbol that is not exported without
 * calling kallsyms_lookup_name() through a pointer.
 */
static int resolve(void)
{
	static struct kprobe kps[DMZG_NR_HOOKS];
	struct kprobe *regd[DMZG_NR_HOOKS];
	unsigned int i, n = 0;
	int ret = 0;

	memset(kps, 0, sizeof(kps));
	for (i = 0; i < DMZG_NR_HOOKS; i++) {
		struct dmzg_hook *h = &dmzg_hooks[i];

		kps[i].symbol_name = h->name;
		kps[i].flags = KPROBE_FLAG_DISABLED;
		ret = register_kprobe(&kps[i]);
		if (ret) {
			pr_err("cannot hook %s: %s (error %d)\n", h->name,
			       ret == -ENOENT || ret == -EINVAL ?
			       "no such function in this kernel" :
			       "kprobes could not find it", ret);
			break;
		}
		regd[n++] = &kps[i];
		/* The kprobe may already stand past an ENDBR: either will do. */
		ret = fentry_site(h->name, (unsigned long)kps[i].addr,
				  &h->site);
		if (ret)
			break;
		dmzg_hook_ret[i] = h->site + MCOUNT_INSN_SIZE;
	}
	if (n)
		unregister_kprobes(regd, n);
	return ret;
}

static const char *direct_reason(int err)
{
	switch (err) {
	case -EBUSY:
		return "held by another ftrace user (livepatch, BPF trampoline, module)";
	case -ENODEV:
		return "ftrace is disabled";
	case -EINVAL:
		return "ftrace does not trace it";
	case -ENOMEM:
		return "out of memory";
	default:
		return "ftrace refused it";
	}
}

/*
 * ftrace_enabled=0 would silently turn every direct call off.  Direct
 * registration overwrites its ops' flags, so a separate permanent ops,
 * on a function of ours that never runs, makes ftrace refuse it.
 */
static noinline void dmzg_permanent_anchor(void)
{
	barrier();
}

static void notrace dmzg_permanent_func(unsigned long ip,
					unsigned long parent_ip,
					struct ftrace_ops *op,
					struct ftrace_regs *fregs)
{
}

static struct ftrace_ops dmzg_permanent_ops = {
	.func = dmzg_permanent_func,
	.flags = FTRACE_OPS_FL_PERMANENT,
};

static int hold_ftrace_enabled(void)
{
	int ret;

	ret = ftrace_set_filter_ip(&dmzg_permanent_ops,
				   (unsigned long)dmzg_permanent_anchor, 0, 0);
	if (!ret)
		ret = register_ftrace_function(&dmzg_permanent_ops);
	if (ret) {
		pr_err("cannot hold ftrace enabled: %s (error %d)\n",
		       direct_reason(ret), ret);
		ftrace_free_filter(&dmzg_permanent_ops);
	}
	return ret;
}

static void release_ftrace_enabled(void)
{
	WARN_ON_ONCE(unregister_ftrace_function(&dmzg_permanent_ops));
	ftrace_free_filter(&dmzg_permanent_ops);
}

/*
 * After a refused registration: find which function is held, by trying
 * each alone, so that the message can name it.  Only on failure: each
 * success costs an ftrace update.  The trial target is dmzg_skip_body:
 * called from a fentry site, its bare return goes straight back into the
 * function's body, so no check runs while the functions are tried.
 */
static void explain_failure(int err)
{
	static struct ftrace_ops probe;
	unsigned int i;
	int ret;

	for (i = 0; i < DMZG_NR_HOOKS; i++) {
		memset(&probe, 0, sizeof(probe));
		ret = ftrace_set_filter_ip(&probe, dmzg_hooks[i].site, 0, 0);
		if (!ret)
			ret = dmzg_register_direct(&probe,
						   (unsigned long)dmzg_skip_body);
		if (!ret) {
			dmzg_unregister_direct(&probe,
					       (unsigned long)dmzg_skip_body);
			continue;
		}
		ftrace_free_filter(&probe);
		pr_err("cannot hook %s: %s (error %d)\n", dmzg_hooks[i].name,
		       direct_reason(ret), ret);
		return;
	}
	pr_err("cannot hook the security functions: %s (error %d)\n",
	       direct_reason(err), err);
}

/*
 * Every site must now call the trampoline, or ftrace's own trampoline
 * when another ftrace user shares the function (it then returns into
 * ours).  Still a nop means nothing would ever be checked there.
 */
static int check_sites(void)
{
	unsigned long target;
	unsigned int i;

	for (i = 0; i < DMZG_NR_HOOKS; i++) {
		struct dmzg_hook *h = &dmzg_hooks[i];

		target = call_target(h->site);
		if (!target) {
			pr_err("cannot hook %s: its fentry site at %pS was not patched\n",
			       h->name, (void *)h->site);
			return -EFAULT;
		}
		h->direct = target == (unsigned long)dmzg_trampoline;
	}
	return 0;
}

static void wait_inflight(void)
{
	long sum;
	int cpu;

	/*
	 * After this grace period no task sits in a trampoline before its
	 * check counted itself in (that code never sleeps), so the counters
	 * only go down from here.
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
	/* A check that has just counted itself out may still be returning. */
	synchronize_rcu_tasks();
}

/* Whether the sites call the trampoline; changed only by arm and disarm. */
static bool dmzg_armed;

/**
 * dmzg_hooks_arm() - point every hooked function's site at the trampoline
 *
 * One ftrace update patches every site, so the module is never half
 * hooked.  Arming again after dmzg_hooks_disarm() starts from a clean
 * ops: ftrace keeps nothing of one once it is unregistered.
 *
 * Context: dmzg_hooks_install() succeeded; callers serialise arm and
 * disarm (the control lock after load).
 * Return: 0, or a negative errno after logging which function could not
 * be hooked and why; nothing is hooked then.
 */
int dmzg_hooks_arm(void)
{
	unsigned long sites[DMZG_NR_HOOKS];
	unsigned int i;
	int ret;

	if (dmzg_armed)
		return 0;
	memset(&dmzg_direct_ops, 0, sizeof(dmzg_direct_ops));
	for (i = 0; i < DMZG_NR_HOOKS; i++)
		sites[i] = dmzg_hooks[i].site;
	ret = ftrace_set_filter_ips(&dmzg_direct_ops, sites, DMZG_NR_HOOKS,
				    0, 0);
	if (ret) {
		pr_err("cannot hook the security functions: %s (error %d)\n",
		       direct_reason(ret), ret);
		goto free_filter;
	}
	ret = dmzg_register_direct(&dmzg_direct_ops,
				   (unsigned long)dmzg_trampoline);
	if (ret) {
		explain_failure(ret);
		goto free_filter;
	}
	dmzg_armed = true;
	ret = check_sites();
	if (ret)
		dmzg_hooks_disarm();
	return ret;

free_filter:
	ftrace_free_filter(&dmzg_direct_ops);
	return ret;
}

/**
 * dmzg_hooks_disarm() - put ftrace's nop back at every hooked site
 *
 * Checks already past a site still run to their end; the module's text
 * stays, so they may.
 *
 * Context: as dmzg_hooks_arm().
 */
void dmzg_hooks_disarm(void)
{
	if (!dmzg_armed)
		return;
	WARN_ON_ONCE(dmzg_unregister_direct(&dmzg_direct_ops,
					    (unsigned long)dmzg_trampoline));
	dmzg_armed = false;
}

/**
 * dmzg_hooks_armed() - whether the hooked sites call the trampoline
 *
 * Return: true between dmzg_hooks_arm() and dmzg_hooks_disarm().
 */
bool dmzg_hooks_armed(void)
{
	return READ_ONCE(dmzg_armed);
}

/**
 * dmzg_hooks_install() - find every function of hooks.h and hook them all
 *
 * Return: 0 with every site armed, or a negative errno after logging
 * which function could not be hooked and why; nothing stays hooked then.
 */
int dmzg_hooks_install(void)
{
	int ret;

	ret = resolve();
	if (ret)
		return ret;
	ret = hold_ftrace_enabled();
	if (ret)
		return ret;
	ret = dmzg_hooks_arm();
	if (ret)
		release_ftrace_enabled();
	return ret;
}

/**
 * dmzg_hooks_remove() - remove every hook and wait for checks to return
 *
 * Context: nothing can arm the hooks again (the module is going away).
 */
void dmzg_hooks_remove(void)
{
	dmzg_hooks_disarm();
	release_ftrace_enabled();
	wait_inflight();
}
