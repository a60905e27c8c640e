// SPDX-License-Identifier: GPL-2.0
/*
 * Finding the subject of a decision: the calling task's label and its
 * profile in the active policy.  A confined task whose profile cannot be
 * found (the policy is mid-swap or the profile was removed) gets a subject
 * without a profile, which every hook denies.
 */
#include "dmzguard.h"

/**
 * dmzg_subject_begin() - look up the current task's confinement
 * @s: filled in when current is confined
 *
 * Return: true with the RCU read lock held if current is confined (call
 * dmzg_subject_end()), false otherwise.
 */
bool dmzg_subject_begin(struct dmzg_subject *s)
{
	struct dmzg_policy *pol;
	int idx;

	if (dmzg_none_confined())
		return false;
	rcu_read_lock();
	s->conf = dmzg_task_conf(current);
	if (!s->conf) {
		rcu_read_unlock();
		return false;
	}
	pol = rcu_dereference(dmzg_active);
	s->pol = pol;
	s->prof = NULL;
	if (pol) {
		idx = dmzg_policy_find(pol, s->conf->name);
		if (idx >= 0)
			s->prof = &pol->profiles[idx];
	}
	return true;
}

/**
 * dmzg_subject_end() - end a decision started by dmzg_subject_begin()
 * @s: subject
 */
void dmzg_subject_end(struct dmzg_subject *s)
{
	rcu_read_unlock();
}
