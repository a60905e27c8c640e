// SPDX-License-Identifier: GPL-2.0
/*
 * A test-only module for the VM tests.
 *   block=FUNCTION  hold FUNCTION with an IPMODIFY ftrace_ops, as a
 *                   livepatch would, so dmzguard cannot hook it
 *   warn=1          WARN at load, to prove the harness catches warnings
 *   leak=1          leak an allocation at load, to prove kmemleak works
 */
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/slab.h>

static char *block;
module_param(block, charp, 0444);
static bool warn;
module_param(warn, bool, 0444);
static bool leak;
module_param(leak, bool, 0444);

static unsigned long addr;

static void notrace thunk(unsigned long ip, unsigned long parent_ip,
			  struct ftrace_ops *ops, struct ftrace_regs *fregs)
{
}

static struct ftrace_ops ops = {
	.func = thunk,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_RECURSION,
};

static int __init testmod_init(void)
{
	struct kprobe kp = { 0 };
	int ret;

	WARN(warn, "dmzg_testmod: deliberate warning\n");
	/* The only reference is dropped here, on purpose. */
	if (leak && !kmalloc(128, GFP_KERNEL))
		return -ENOMEM;
	if (!block)
		return 0;
	kp.symbol_name = block;
	ret = register_kprobe(&kp);
	if (ret)
		return ret;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	ret = ftrace_set_filter_ip(&ops, addr, 0, 0);
	if (!ret)
		ret = register_ftrace_function(&ops);
	return ret;
}

static void __exit testmod_exit(void)
{
	if (block && addr) {
		unregister_ftrace_function(&ops);
		ftrace_set_filter_ip(&ops, addr, 1, 0);
	}
}

module_init(testmod_init);
module_exit(testmod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("dmzguard test helper: occupy an ftrace site, or warn");
