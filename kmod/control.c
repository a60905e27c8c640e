// SPDX-License-Identifier: GPL-2.0
/*
 * The active policy and the changes made to it: swap in a compiled policy,
 * clear it, switch a profile's mode, seal.  Decisions read the policy
 * under RCU and never wait for a change; a change waits for readers of the
 * old policy before freeing it.
 */
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "audit.h"
#include "control.h"
#include "exec_memo.h"
#include "names.h"
#include "policy.h"
#include "task.h"

struct dmzg_policy __rcu *dmzg_active;
/* Serialises policy changes: load, clear, mode, seal, transactions. */
static DEFINE_MUTEX(dmzg_control_mutex);
static bool dmzg_is_sealed;

/**
 * dmzg_control_lock() - take the lock that serialises policy changes
 */
void dmzg_control_lock(void)
{
	mutex_lock(&dmzg_control_mutex);
}

/**
 * dmzg_control_unlock() - release the control lock
 */
void dmzg_control_unlock(void)
{
	mutex_unlock(&dmzg_control_mutex);
}

/**
 * dmzg_control_assert_held() - lockdep check for code that needs the lock
 */
void dmzg_control_assert_held(void)
{
	lockdep_assert_held(&dmzg_control_mutex);
}

/**
 * dmzg_policy_locked() - the active policy, for a change or a report
 *
 * Context: control lock held.
 * Return: the policy, or NULL when none is loaded.
 */
struct dmzg_policy *dmzg_policy_locked(void)
{
	return rcu_dereference_protected(dmzg_active,
					 lockdep_is_held(&dmzg_control_mutex));
}

/**
 * dmzg_sealed() - whether policy changes are refused until reboot
 *
 * Return: true once sealed.
 */
bool dmzg_sealed(void)
{
	return READ_ONCE(dmzg_is_sealed);
}

static void retire(struct dmzg_policy *old)
{
	if (!old)
		return;
	synchronize_rcu();
	dmzg_policy_free(old);
}

/**
 * dmzg_control_commit() - make a compiled policy the active one
 * @pol: policy; owned by the active slot on success
 * @keep: NULL to free the policy it replaces, else set to that policy
 *	(NULL if there was none), which no task reads any more
 *
 * The counters of the rules @pol keeps come with it.  The caller attaches
 * running tasks to it afterwards, still under the lock
 * (dmzg_attach_running()).
 *
 * Context: control lock held.
 * Return: 0, or -EPERM when sealed.
 */
int dmzg_control_commit(struct dmzg_policy *pol, struct dmzg_policy **keep)
{
	struct dmzg_policy *old;

	lockdep_assert_held(&dmzg_control_mutex);
	if (dmzg_sealed())
		return -EPERM;
	dmzg_policy_carry_hits(pol, dmzg_policy_locked());
	old = rcu_replace_pointer(dmzg_active, pol,
				  lockdep_is_held(&dmzg_control_mutex));
	if (keep) {
		if (old)
			synchronize_rcu();
		*keep = old;
	} else {
		retire(old);
	}
	dmzg_audit_policy("loaded generation=%llu profiles=%u rules=%u compile_us=%llu",
			  pol->generation, pol->nprofiles, pol->nrules,
			  div_u64(pol->compile_ns, NSEC_PER_USEC));
	return 0;
}

/**
 * dmzg_control_restore() - make a policy kept by dmzg_control_commit()
 *	the active one again
 * @pol: that policy; owned by the active slot from here on
 *
 * It comes back under a new generation, with the counters the policy it
 * replaces has for the rules both share.
 *
 * Context: control lock held.
 * Return: the policy it replaced, which no task reads any more; the
 * caller frees it with dmzg_policy_free().
 */
struct dmzg_policy *dmzg_control_restore(struct dmzg_policy *pol)
{
	struct dmzg_policy *old = dmzg_policy_locked();

	lockdep_assert_held(&dmzg_control_mutex);
	dmzg_policy_carry_hits(pol, old);
	dmzg_policy_renumber(pol);
	rcu_assign_pointer(dmzg_active, pol);
	synchronize_rcu();
	return old;
}

/**
 * dmzg_control_clear() - remove the policy and unconfine every task
 *
 * Context: control lock held; callers check dmzg_sealed() first.
 */
void dmzg_control_clear(void)
{
	struct dmzg_policy *old;

	lockdep_assert_held(&dmzg_control_mutex);
	old = rcu_replace_pointer(dmzg_active, NULL,
				  lockdep_is_held(&dmzg_control_mutex));
	dmzg_task_clear_all();
	dmzg_exec_memo_clear();
	retire(old);
	dmzg_audit_policy("cleared");
}

/**
 * dmzg_control_set_mode() - switch one profile between enforce and complain
 * @name: profile name
 * @mode: enum dmzg_mode
 *
 * Takes effect on the next decision.
 *
 * Context: control lock held.
 * Return: 0, -ENOENT if no policy or no such profile, -EPERM when sealed.
 */
int dmzg_control_set_mode(const char *name, u8 mode)
{
	struct dmzg_policy *pol;
	int idx;

	lockdep_assert_held(&dmzg_control_mutex);
	if (dmzg_sealed())
		return -EPERM;
	pol = dmzg_policy_locked();
	idx = pol ? dmzg_policy_find(pol, name) : -1;
	if (idx < 0)
		return -ENOENT;
	WRITE_ONCE(pol->profiles[idx].mode, mode);
	dmzg_audit_policy("mode profile=%s mode=%s", name,
			  dmzg_name(dmzg_mode_names, mode));
	return 0;
}

/**
 * dmzg_control_seal() - refuse policy changes and unloading until reboot
 *
 * Context: control lock held.
 */
void dmzg_control_seal(void)
{
	lockdep_assert_held(&dmzg_control_mutex);
	if (dmzg_sealed())
		return;
	/* The reference is never dropped: rmmod fails with EBUSY. */
	__module_get(THIS_MODULE);
	WRITE_ONCE(dmzg_is_sealed, true);
	dmzg_audit_policy("sealed");
}

/**
 * dmzg_control_exit() - free the active policy at unload
 *
 * Context: hooks removed and netlink unregistered.
 */
void dmzg_control_exit(void)
{
	mutex_lock(&dmzg_control_mutex);
	retire(rcu_replace_pointer(dmzg_active, NULL,
				   lockdep_is_held(&dmzg_control_mutex)));
	mutex_unlock(&dmzg_control_mutex);
}
