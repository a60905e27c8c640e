// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguard: confine network daemons on DMZ hosts.  Module entry points.
 */
#include <linux/kernel.h>
#include <linux/module.h>

#include "control.h"
#include "hooks.h"
#include "netlink.h"
#include "task.h"
#include "version.h"

/* Every hook file's table, installed as one. */
static const struct dmzg_hook_set *const dmzg_hook_sets[] = {
	&dmzg_task_hooks,
	&dmzg_file_hooks,
	&dmzg_net_hooks,
	&dmzg_exec_hooks,
};

static int __init dmzg_init(void)
{
	int ret;

	ret = dmzg_netlink_init();
	if (ret) {
		pr_err("cannot register the generic netlink family: error %d\n",
		       ret);
		return ret;
	}
	ret = dmzg_redirect_install(dmzg_hook_sets,
				    ARRAY_SIZE(dmzg_hook_sets));
	if (ret)
		goto unregister_netlink;
#ifdef DMZG_MUTANT
	pr_warn("TEST BUILD: decision point %s is disabled\n", DMZG_MUTANT);
#endif
	pr_info("loaded version %s, no policy\n", DMZG_VERSION);
	return 0;

unregister_netlink:
	dmzg_netlink_exit();
	return ret;
}

static void __exit dmzg_exit(void)
{
	dmzg_redirect_remove();
	dmzg_netlink_exit();
	dmzg_control_exit();
	dmzg_task_exit();
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
