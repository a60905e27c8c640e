// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguard: confine network daemons on DMZ hosts.  Module entry points.
 */
#include <linux/kernel.h>
#include <linux/module.h>

#include "audit.h"
#include "control.h"
#include "exec_memo.h"
#include "hook_arm.h"
#include "hooks.h"
#include "netlink.h"
#include "pathbuf.h"
#include "task.h"
#include "version.h"

static int __init dmzg_init(void)
{
	int ret;

	ret = dmzg_exec_memo_init();
	if (ret)
		goto free_tasks;
	ret = dmzg_audit_init();
	if (ret)
		goto free_exec_memo;
	/* No control plane until every hook is known to fire. */
	ret = dmzg_hooks_load();
	if (ret)
		goto free_audit;
	ret = dmzg_netlink_init();
	if (ret) {
		pr_err("cannot register the generic netlink family: error %d\n",
		       ret);
		goto unload_hooks;
	}
#ifdef DMZG_MUTANT
	pr_warn("TEST BUILD: decision point %s is disabled\n", DMZG_MUTANT);
#endif
	pr_info("loaded version %s, no policy; %u hooks, each seen to fire (%u called directly), unhooked until a policy is loaded\n",
		DMZG_VERSION, DMZG_NR_HOOKS, dmzg_hooks_called_directly());
	return 0;

unload_hooks:
	dmzg_hooks_unload();
free_audit:
	dmzg_audit_exit();
free_exec_memo:
	dmzg_exec_memo_exit();
free_tasks:
	dmzg_task_exit();
	dmzg_path_buf_exit();
	return ret;
}

static void __exit dmzg_exit(void)
{
	dmzg_hooks_unload();
	dmzg_netlink_exit();
	dmzg_control_exit();
	dmzg_task_exit();
	dmzg_exec_memo_exit();
	dmzg_path_buf_exit();
	dmzg_audit_exit();
	/* kfree_rcu() callbacks of task state and labels must not outlive us. */
	rcu_barrier();
	pr_info("unloaded\n");
}

module_init(dmzg_init);
module_exit(dmzg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("dmzguard: exec and network confinement for DMZ daemons");
MODULE_VERSION(DMZG_VERSION);
#ifdef DMZG_MUTANT
MODULE_INFO(mutant, DMZG_MUTANT);
#endif
