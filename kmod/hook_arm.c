// SPDX-License-Identifier: GPL-2.0
/*
 * Hooked only while there is something to enforce.  With no policy
 * loaded no task is confined (clearing the policy unconfines them all),
 * so every check would return at once: the hooked sites go back to
 * ftrace's nop and cost nothing.  The first policy arms them again, and
 * proves again that each one fires, before it becomes active, so tasks
 * already running are still confined by its attach rules.
 */
#include <linux/kernel.h>

#include "control.h"
#include "hook_arm.h"
#include "hook_direct.h"
#include "hook_proof.h"
#include "hooks.h"
#include "task.h"

/* Set when the module starts going away: nothing may arm the hooks then. */
static bool dmzg_hooks_closed;

/**
 * dmzg_hooks_called_directly() - how many sites call the trampoline itself
 *
 * Return: the hooks no other ftrace user shares, as last checked.
 */
unsigned int dmzg_hooks_called_directly(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < DMZG_NR_HOOKS; i++)
		n += dmzg_hooks[i].direct;
	return n;
}

/**
 * dmzg_hooks_need() - arm and prove the hooks before a policy goes live
 * @why: set to a static reason on error
 *
 * Context: control lock held.
 * Return: 0 with every hook armed and seen to fire, or a negative errno
 * (the kernel log names the function and the cause); nothing is hooked
 * then.
 */
int dmzg_hooks_need(const char **why)
{
	int ret;

	dmzg_control_assert_held();
	if (dmzg_hooks_armed())
		return 0;
	if (dmzg_hooks_closed) {
		*why = "the module is being unloaded";
		return -ENODEV;
	}
	ret = dmzg_hooks_arm();
	if (!ret) {
		ret = dmzg_hooks_prove();
		if (ret)
			dmzg_hooks_disarm();
	}
	if (ret) {
		*why = "cannot hook the security functions now; the kernel log says which and why";
		return ret;
	}
	pr_info("hooked: %u functions, each seen to fire (%u called directly)\n",
		DMZG_NR_HOOKS, dmzg_hooks_called_directly());
	return 0;
}

/**
 * dmzg_hooks_idle() - unhook once nothing is left to enforce
 *
 * Context: control lock held, after the policy was cleared.
 */
void dmzg_hooks_idle(void)
{
	dmzg_control_assert_held();
	if (!dmzg_hooks_armed() || dmzg_policy_locked() ||
	    !dmzg_none_confined())
		return;
	dmzg_hooks_disarm();
	pr_info("unhooked: no policy loaded\n");
}

/**
 * dmzg_hooks_load() - hook, prove, then unhook: the module's first load
 *
 * Return: 0, or a negative errno after logging why; nothing is hooked.
 */
int dmzg_hooks_load(void)
{
	int ret;

	ret = dmzg_hooks_install();
	if (ret)
		return ret;
	/* No control plane until every hook is known to fire. */
	ret = dmzg_hooks_prove();
	if (ret) {
		dmzg_hooks_remove();
		return ret;
	}
	dmzg_hooks_disarm();
	return 0;
}

/**
 * dmzg_hooks_unload() - unhook for good and wait for checks in flight
 *
 * Context: module exit; a policy change still running may hold the
 * control lock, and none may arm the hooks afterwards.
 */
void dmzg_hooks_unload(void)
{
	dmzg_control_lock();
	dmzg_hooks_closed = true;
	dmzg_hooks_disarm();
	dmzg_control_unlock();
	dmzg_hooks_remove();
}
