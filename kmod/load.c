// SPDX-License-Identifier: GPL-2.0
/*
 * The load transaction.  One transaction at a time, owned by the socket
 * that began it: its profiles and rules are validated as they arrive and
 * the whole source is compiled and swapped in at commit.  A bad rule, the
 * owner's socket closing or DMZG_TX_TIMEOUT_SEC without activity discards
 * it, so a half-sent policy is never enforced and never blocks the next
 * load for long.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "attach.h"
#include "audit.h"
#include "control.h"
#include "hook_arm.h"
#include "load.h"
#include "mutant.h"
#include "policy.h"
#include "task.h"

struct dmzg_tx {
	bool active;
	u32 owner;
	unsigned long last;
	struct dmzg_src_policy src;
};

/*
 * A change made with a confirmation time: the policy before it (NULL if
 * there was none) comes back at @deadline unless confirmed.
 */
struct dmzg_confirm {
	bool pending;
	struct dmzg_policy *fallback;
	unsigned long deadline;
	u32 seconds;
};

/* Under the control lock; active and owner are also read locklessly. */
static struct dmzg_tx dmzg_tx;
static struct dmzg_confirm dmzg_confirm;
static atomic_t dmzg_released_owner = ATOMIC_INIT(0);

static void discard(const char *why)
{
	dmzg_control_assert_held();
	if (!dmzg_tx.active)
		return;
	dmzg_src_free(&dmzg_tx.src);
	WRITE_ONCE(dmzg_tx.active, false);
	if (why)
		pr_info("load transaction of port %u discarded: %s\n",
			dmzg_tx.owner, why);
}

static bool expired(void)
{
	return time_after_eq(jiffies,
			     dmzg_tx.last + DMZG_TX_TIMEOUT_SEC * HZ);
}

static void timeout_fn(struct work_struct *work)
{
	dmzg_control_lock();
	if (dmzg_tx.active && expired())
		discard("idle timeout");
	dmzg_control_unlock();
}

static DECLARE_DELAYED_WORK(dmzg_tx_timeout_work, timeout_fn);

static void release_fn(struct work_struct *work)
{
	dmzg_control_lock();
	if (dmzg_tx.active &&
	    dmzg_tx.owner == (u32)atomic_read(&dmzg_released_owner))
		discard("socket closed");
	dmzg_control_unlock();
}

static DECLARE_WORK(dmzg_tx_release_work, release_fn);

static void touch(void)
{
	dmzg_tx.last = jiffies;
	mod_delayed_work(system_wq, &dmzg_tx_timeout_work,
			 DMZG_TX_TIMEOUT_SEC * HZ);
}

/* The transaction belongs to @owner: note the activity. */
static int check_owner(u32 owner, const char **why)
{
	dmzg_control_assert_held();
	if (dmzg_tx.active && dmzg_tx.owner == owner) {
		touch();
		return 0;
	}
	*why = "no load transaction open on this socket (send TX_BEGIN first)";
	return -ENOENT;
}

/*
 * Take the control lock if @owner has the transaction: on success the
 * caller holds the lock, on error it does not.
 */
static int lock_owned(u32 owner, const char **why)
{
	int ret;

	dmzg_control_lock();
	ret = check_owner(owner, why);
	if (ret)
		dmzg_control_unlock();
	return ret;
}

static int check_sealed(const char **why)
{
	if (!dmzg_sealed())
		return 0;
	*why = "sealed: policy changes are refused until reboot";
	return -EPERM;
}

/**
 * dmzg_load_begin() - open a transaction
 * @owner: netlink port id of the loader
 * @why: set to a static reason on error
 *
 * Return: 0, -EPERM when sealed, -EBUSY while another is open.
 */
int dmzg_load_begin(u32 owner, const char **why)
{
	int ret;

	dmzg_control_lock();
	ret = check_sealed(why);
	if (ret)
		goto unlock;
	if (dmzg_tx.active && expired())
		discard("idle timeout");
	if (dmzg_tx.active) {
		*why = "another policy load is in progress; retry when it ends";
		ret = -EBUSY;
		goto unlock;
	}
	dmzg_src_init(&dmzg_tx.src);
	WRITE_ONCE(dmzg_tx.owner, owner);
	WRITE_ONCE(dmzg_tx.active, true);
	touch();
unlock:
	dmzg_control_unlock();
	return ret;
}

/**
 * dmzg_load_profile() - declare a profile in the open transaction
 * @owner: port id that began the transaction
 * @prof: profile without rules; the transaction owns it on success
 * @why: set to a static reason on error
 *
 * Return: 0, -ENOENT when @owner has no transaction, or the error of
 * dmzg_src_add_profile().
 */
int dmzg_load_profile(u32 owner, struct dmzg_src_profile *prof,
		      const char **why)
{
	int ret = lock_owned(owner, why);

	if (ret)
		return ret;
	ret = dmzg_src_add_profile(&dmzg_tx.src, prof, why);
	dmzg_control_unlock();
	return ret;
}

/**
 * dmzg_load_rules() - append rules to a profile of the open transaction
 * @owner: port id that began the transaction
 * @profile: name of a profile declared in it
 * @rules: the rules, in order; strings are copied
 * @n: how many
 * @bad: set to the index of the rule refused
 * @why: set to a static reason on error
 *
 * A refused rule discards the whole transaction: a commit after a partly
 * applied chunk would enforce a policy the administrator never wrote.
 *
 * Return: 0, -ENOENT when there is no such transaction or profile (@bad
 * is then @n), or the error of dmzg_src_add_rule().
 */
int dmzg_load_rules(u32 owner, const char *profile,
		    const struct dmzg_src_rule *rules, u32 n, u32 *bad,
		    const char **why)
{
	struct dmzg_src_profile *prof;
	int ret;
	u32 i;

	*bad = n;
	ret = lock_owned(owner, why);
	if (ret)
		return ret;
	prof = dmzg_src_find(&dmzg_tx.src, profile);
	if (!prof) {
		*why = "rules for a profile not declared in this transaction";
		ret = -ENOENT;
		goto unlock;
	}
	for (i = 0; i < n; i++) {
		ret = dmzg_src_add_rule(&dmzg_tx.src, prof, &rules[i], why);
		if (ret) {
			*bad = i;
			discard("invalid rule");
			break;
		}
	}
unlock:
	dmzg_control_unlock();
	return ret;
}

static int check_dropped(const char **why);

/*
 * Compile the transaction's source and make it the active policy; with
 * @keep, the policy it replaces is kept there instead of freed.  Unless
 * @force, refused if it leaves out a profile in use: checked after the
 * compile, the last step that takes time, so that a daemon started
 * meanwhile is counted too.
 */
static int swap_in(struct dmzg_load_summary *sum, struct dmzg_policy **keep,
		   bool force, const char **why)
{
	struct dmzg_policy *pol;
	u64 start = ktime_get_ns();
	int ret;

	pol = dmzg_policy_build(&dmzg_tx.src, why);
	if (IS_ERR(pol))
		return PTR_ERR(pol);
	pol->compile_ns = ktime_get_ns() - start;
	ret = force ? 0 : check_dropped(why);
	if (ret) {
		dmzg_policy_free(pol);
		return ret;
	}
	/* Hooked before the policy goes live, so nothing slips between. */
	ret = dmzg_hooks_need(why);
	if (ret) {
		dmzg_policy_free(pol);
		return ret;
	}
	ret = dmzg_control_commit(pol, keep);
	if (ret) {
		*why = "sealed: policy changes are refused until reboot";
		dmzg_policy_free(pol);
		dmzg_hooks_idle();
		return ret;
	}
	dmzg_attach_running();
	sum->generation = pol->generation;
	sum->nprofiles = pol->nprofiles;
	sum->nrules = pol->nrules;
	sum->bytes = pol->bytes;
	return 0;
}

/*
 * Does the transaction leave out a profile of the active policy that
 * confines running tasks?  They would be denied everything.
 */
static int check_dropped(const char **why)
{
	struct dmzg_policy *pol = dmzg_policy_locked();
	struct dmzg_ps_entry *ents;
	int ret;
	u32 n, i;

	if (!pol || dmzg_mutant(DROPPED))
		return 0;
	ret = dmzg_task_snapshot(&ents, &n);
	if (ret) {
		*why = "out of memory";
		return ret;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i].conf->name;

		if (dmzg_policy_find(pol, name) >= 0 &&
		    !dmzg_src_find(&dmzg_tx.src, name)) {
			*why = "the new policy leaves out a profile in use";
			ret = -EBUSY;
			break;
		}
	}
	dmzg_task_snapshot_free(ents, n);
	return ret;
}

static int check_commit(const struct dmzg_commit_opts *opts,
			const char **why)
{
	const struct dmzg_policy *pol = dmzg_policy_locked();
	int ret = check_sealed(why);

	if (ret)
		return ret;
	if (dmzg_confirm.pending && !opts->confirm_seconds) {
		*why = "a policy change awaits confirmation: confirm it, or let it revert, first";
		return -EBUSY;
	}
	if (opts->expect && opts->generation != (pol ? pol->generation : 0)) {
		*why = "the policy changed since it was read; run the command again";
		return -ESTALE;
	}
	return 0;
}

static void revert_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(dmzg_revert_work, revert_fn);

/* The two policies of a revert: the change's, and the one back again. */
struct dmzg_revert {
	const struct dmzg_policy *change, *back;
};

/* A task's profile is one the revert removes: the change brought it. */
static bool brought_by_change(const char *name, void *arg)
{
	const struct dmzg_revert *r = arg;

	return dmzg_policy_find(r->change, name) >= 0 &&
	       dmzg_policy_find(r->back, name) < 0;
}

/*
 * Put the policy from before the unconfirmed change back.  Tasks that
 * the change confined under a profile of its own go back to unconfined,
 * as they were: left with a profile that no longer exists they would be
 * denied everything, the very lock-out the revert is there to undo.
 */
static void revert(void)
{
	struct dmzg_policy *back = dmzg_confirm.fallback, *change;
	struct dmzg_policy *cur = dmzg_policy_locked();
	struct dmzg_revert r = { .back = back };
	u64 from = cur ? cur->generation : 0;
	u32 released = 0;

	dmzg_control_assert_held();
	dmzg_confirm.pending = false;
	dmzg_confirm.fallback = NULL;
	if (!back) {
		dmzg_control_clear();
		dmzg_hooks_idle();
		dmzg_audit_policy("reverted generation=%llu to=none unconfirmed_seconds=%u",
				  from, dmzg_confirm.seconds);
		return;
	}
	change = dmzg_control_restore(back);
	/* No exec can attach to the change's profiles any more. */
	r.change = change;
	if (change)
		released = dmzg_task_release_if(brought_by_change, &r);
	dmzg_policy_free(change);
	dmzg_audit_policy("reverted generation=%llu to=%llu unconfirmed_seconds=%u released=%u",
			  from, back->generation, dmzg_confirm.seconds,
			  released);
	dmzg_attach_running();
}

static void revert_fn(struct work_struct *work)
{
	dmzg_control_lock();
	/* A confirm or a later change may have got the lock first. */
	if (dmzg_confirm.pending && !dmzg_mutant(REVERT) &&
	    time_after_eq(jiffies, dmzg_confirm.deadline))
		revert();
	dmzg_control_unlock();
}

static int commit_locked(const struct dmzg_commit_opts *opts,
			 struct dmzg_load_summary *sum, const char **why)
{
	struct dmzg_policy *fallback = NULL;
	bool first = !dmzg_confirm.pending;
	int ret;

	ret = check_commit(opts, why);
	if (ret)
		return ret;
	/* A change over an unconfirmed one keeps the first fallback. */
	ret = swap_in(sum, opts->confirm_seconds && first ? &fallback : NULL,
		      opts->force, why);
	if (ret || !opts->confirm_seconds)
		return ret;
	if (first)
		dmzg_confirm.fallback = fallback;
	dmzg_confirm.pending = true;
	dmzg_confirm.seconds = opts->confirm_seconds;
	dmzg_confirm.deadline = jiffies + opts->confirm_seconds * HZ;
	mod_delayed_work(system_wq, &dmzg_revert_work,
			 opts->confirm_seconds * HZ);
	dmzg_audit_policy("awaiting confirmation generation=%llu seconds=%u",
			  sum->generation, opts->confirm_seconds);
	return 0;
}

/**
 * dmzg_load_commit() - compile the transaction and make it the policy
 * @owner: port id that began the transaction
 * @opts: what the commit may do and what it expects
 * @sum: filled in with what is now active
 * @why: set to a static reason on error
 *
 * The transaction ends either way.  Tasks already running that a profile
 * attaches to are confined before this returns.
 *
 * Return: 0, -ENOENT when @owner has no transaction, -EPERM when sealed,
 * -EBUSY when it leaves out a profile in use without @opts->force or a
 * change awaits confirmation, -ESTALE when the active policy is not the
 * one expected, or the error of dmzg_policy_build().
 */
int dmzg_load_commit(u32 owner, const struct dmzg_commit_opts *opts,
		     struct dmzg_load_summary *sum, const char **why)
{
	int ret = lock_owned(owner, why);

	if (ret)
		return ret;
	ret = commit_locked(opts, sum, why);
	discard(NULL);
	dmzg_control_unlock();
	return ret;
}

/**
 * dmzg_load_confirm() - keep the change that awaits confirmation
 * @why: set to a static reason on error
 *
 * Return: 0, or -ENOENT when no change awaits one.
 */
int dmzg_load_confirm(const char **why)
{
	struct dmzg_policy *pol;

	dmzg_control_lock();
	if (!dmzg_confirm.pending) {
		dmzg_control_unlock();
		*why = "no policy change awaits confirmation";
		return -ENOENT;
	}
	/* If the revert already runs, it waits for the lock, then sees this. */
	cancel_delayed_work(&dmzg_revert_work);
	dmzg_confirm.pending = false;
	/* Kept since the commit, when the last reader of it was waited for. */
	dmzg_policy_free(dmzg_confirm.fallback);
	dmzg_confirm.fallback = NULL;
	pol = dmzg_policy_locked();
	dmzg_audit_policy("confirmed generation=%llu",
			  pol ? pol->generation : 0);
	dmzg_control_unlock();
	return 0;
}

/**
 * dmzg_load_cleared() - the policy was cleared: nothing is left to revert to
 *
 * Context: control lock held.
 */
void dmzg_load_cleared(void)
{
	dmzg_control_assert_held();
	if (!dmzg_confirm.pending)
		return;
	cancel_delayed_work(&dmzg_revert_work);
	dmzg_confirm.pending = false;
	dmzg_policy_free(dmzg_confirm.fallback);
	dmzg_confirm.fallback = NULL;
}

/**
 * dmzg_load_confirm_left() - seconds until an unconfirmed change reverts
 *
 * Context: control lock held.
 * Return: 0 when none awaits confirmation, else at least 1.
 */
u32 dmzg_load_confirm_left(void)
{
	long left;

	dmzg_control_assert_held();
	if (!dmzg_confirm.pending)
		return 0;
	left = (long)(dmzg_confirm.deadline - jiffies);
	return left > 0 ? DIV_ROUND_UP(left, HZ) : 1;
}

/**
 * dmzg_load_abort() - discard the open transaction on its owner's request
 * @owner: port id that began the transaction
 * @why: set to a static reason on error
 *
 * Return: 0, or -ENOENT when @owner has no transaction.
 */
int dmzg_load_abort(u32 owner, const char **why)
{
	int ret = lock_owned(owner, why);

	if (ret)
		return ret;
	discard(NULL);
	dmzg_control_unlock();
	return 0;
}

/**
 * dmzg_load_invalid() - discard @owner's transaction: it sent a bad rule
 * @owner: port id of the sender
 */
void dmzg_load_invalid(u32 owner)
{
	dmzg_control_lock();
	if (dmzg_tx.active && dmzg_tx.owner == owner)
		discard("invalid rule");
	dmzg_control_unlock();
}

/**
 * dmzg_load_released() - the socket with port id @owner was closed
 * @owner: its port id
 *
 * Context: atomic (a netlink notifier); the discard runs from a work item.
 */
void dmzg_load_released(u32 owner)
{
	if (READ_ONCE(dmzg_tx.active) && owner == READ_ONCE(dmzg_tx.owner)) {
		atomic_set(&dmzg_released_owner, owner);
		schedule_work(&dmzg_tx_release_work);
	}
}

/**
 * dmzg_load_active() - whether a transaction is open, for status
 *
 * Return: true while one is open.
 */
bool dmzg_load_active(void)
{
	return READ_ONCE(dmzg_tx.active);
}

/**
 * dmzg_load_exit() - drop an open transaction at unload
 *
 * Context: nothing can begin a new one (the family is unregistered).
 */
void dmzg_load_exit(void)
{
	cancel_delayed_work_sync(&dmzg_tx_timeout_work);
	cancel_work_sync(&dmzg_tx_release_work);
	cancel_delayed_work_sync(&dmzg_revert_work);
	dmzg_control_lock();
	discard(NULL);
	/* Unloading keeps the change: the module enforces nothing after. */
	dmzg_policy_free(dmzg_confirm.fallback);
	dmzg_confirm.fallback = NULL;
	dmzg_confirm.pending = false;
	dmzg_control_unlock();
}
