// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguard: confine network daemons on DMZ hosts.  Module entry points.
 */
#include <linux/module.h>

#include "dmzguard.h"

static int __init dmzg_init(void)
{
	int ret;

	ret = dmzg_audit_init();
	if (ret)
		return ret;
	ret = dmzg_netlink_init();
	if (ret) {
		pr_err("cannot register the generic netlink family: error %d\n",
		       ret);
		goto stop_audit;
	}
	ret = dmzg_hooks_install();
	if (ret)
		goto unregister_netlink;
	pr_info("loaded version %s, no policy\n", DMZG_VERSION);
	return 0;

unregister_netlink:
	dmzg_netlink_exit();
stop_audit:
	dmzg_audit_exit();
	return ret;
}

static void __exit dmzg_exit(void)
{
	dmzg_hooks_remove();
	dmzg_netlink_exit();
	dmzg_control_exit();
	dmzg_task_exit();
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
