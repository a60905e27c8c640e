// SPDX-License-Identifier: GPL-2.0
/*
 * Finding the subject of a decision: the calling task's label and its
 * profile in the active policy.  A confined task whose profile cannot be
 * found (the policy is mid-swap or the profile was removed) gets a subject
 * without a profile, which every hook denies.
 */
#include "dmzguard.h"

/**
 * dmzg_subject_find() - look up the current task's confinement
 * @s: filled in when current is confined
 *
 * Context: caller holds rcu_read_lock(); @s is valid until it drops it.
 * Return: true if current is confined.
 */
bool dmzg_subject_find(struct dmzg_subject *s)
{
	struct dmzg_policy *pol;
	u64 cache;
	int idx;

	s->conf = dmzg_task_conf(current);
	if (!s->conf)
		return false;
	pol = rcu_dereference(dmzg_active);
	s->pol = pol;
	s->prof = NULL;
	if (!pol)
		return true;
	/* Resolving the name is a hash of a string: do it once per policy. */
	cache = READ_ONCE(s->conf->prof_cache);
	if (cache && cache >> 16 == (pol->generation & GENMASK_ULL(47, 0))) {
		idx = (int)(cache & 0xffff) - 1;
	} else {
		idx = dmzg_policy_find(pol, s->conf->name);
		WRITE_ONCE(s->conf->prof_cache,
			   pol->generation << 16 | (u16)(idx + 1));
	}
	if (idx >= 0)
		s->prof = &pol->profiles[idx];
	return true;
}

/**
 * dmzg_current_confined() - is the current task confined at all
 *
 * For hooks that must allocate before deciding: they ask this first, so
 * that unconfined tasks pay one lookup and no allocation.  The answer may
 * be stale by the time it is used; the decision itself looks again.
 *
 * Return: true if current has a label.
 */
bool dmzg_current_confined(void)
{
	bool confined;

	if (dmzg_none_confined())
		return false;
	rcu_read_lock();
	confined = dmzg_task_conf(current);
	rcu_read_unlock();
	return confined;
}
