// SPDX-License-Identifier: GPL-2.0
/*
 * The decision.  A hook finds the subject, matches the object against the
 * profile's rules and asks dmzg_decide(), which alone applies the
 * profile's default for that kind of rule, the profile's mode (enforce or
 * complain), the counters and the log.  A confined task whose profile
 * cannot be found (the policy is mid-swap or the profile was removed)
 * gets a subject without a profile, which is denied everything.
 */
#include <linux/errno.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "audit.h"
#include "control.h"
#include "decide.h"
#include "mutant.h"
#include "policy.h"
#include "task.h"

/**
 * dmzg_subject_find() - look up the current task's confinement
 * @s: filled in when current is confined
 *
 * Context: any RCU read side (rcu_read_lock_sched() for the checks that
 * neither sleep nor record); @s is valid until it ends.
 * Return: true if current is confined.
 */
bool dmzg_subject_find(struct dmzg_subject *s)
{
	struct dmzg_policy *pol;
	u64 cache;
	int idx;

	s->conf = dmzg_current_conf(&s->memo, &s->label_seq);
	if (!s->conf)
		return false;
	pol = dmzg_policy_current_any();
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

/**
 * dmzg_profile_allows() - what a profile says of a rule match
 * @prof: profile
 * @rules: enum dmzg_rule_op, whose default applies to DMZG_NO_MATCH
 * @match: DMZG_ALLOW, DMZG_DENY or DMZG_NO_MATCH
 *
 * For a hook that needs the answer without making a decision (nothing is
 * counted or logged).
 *
 * Return: true if the rules, or else the default, allow.
 */
bool dmzg_profile_allows(const struct dmzg_profile *prof, u8 rules,
			 int match)
{
	if (match != DMZG_NO_MATCH)
		return match == DMZG_ALLOW;
	if (dmzg_mutant(DEFAULT))
		return true;
	return rules < __DMZG_RULE_MAX && prof->defaults[rules] == DMZG_ALLOW;
}

/* The errno an enforced refusal returns. */
static int deny_errno(const struct dmzg_request *req)
{
	if (req->reason == DMZG_REASON_NOMEM)
		return -ENOMEM;
	return req->op == DMZG_OP_CAPABILITY ? -EPERM : -EACCES;
}

/*
 * Complain mode lets a refusal through with a record, except where the
 * module could not decide at all (fail closed) and for the control plane,
 * which a confined task never reaches in any mode.
 */
static bool complaining(const struct dmzg_profile *prof,
			const struct dmzg_request *req)
{
	return prof && (dmzg_mutant(ENFORCE) ||
			READ_ONCE(prof->mode) == DMZG_MODE_COMPLAIN) &&
	       req->reason != DMZG_REASON_NOMEM &&
	       req->op != DMZG_OP_NETLINK;
}

/* The rule that decided, or the default for its kind of rule. */
static void count_hit(struct dmzg_profile *prof,
		      const struct dmzg_request *req, int match)
{
	if (req->reason || dmzg_mutant(HITS))
		return;
	if (match != DMZG_NO_MATCH) {
		if (req->hit)
			dmzg_rule_hit(req->hit);
	} else if (req->rules < __DMZG_RULE_MAX) {
		dmzg_rule_hit(&prof->default_hits[req->rules]);
	}
}

/**
 * dmzg_decide() - the verdict on one operation of a confined task
 * @s: the subject, from dmzg_subject_find()
 * @req: the operation and its object; @req->rules names the rules whose
 *	default applies to DMZG_NO_MATCH.  Its reason is set here when the
 *	subject has no profile.
 * @match: what the profile's rules said: DMZG_ALLOW, DMZG_DENY or
 *	DMZG_NO_MATCH; ignored when @req has a reason
 *
 * Counts the decision, the rule that made it (@req->hit, or the default),
 * and the denial when enforced; records every
 * refusal and complaint unless @req is quiet, and every complaint but
 * only the unexpected refusals.
 *
 * Context: the rcu_read_lock() @s was found under.
 * Return: 0 to let the operation proceed, or the negative errno that
 * refuses it: -EACCES, -EPERM for a capability, -ENOMEM when the module
 * had no memory to decide.
 */
int dmzg_decide(const struct dmzg_subject *s, struct dmzg_request *req,
		int match)
{
	struct dmzg_profile *prof = s->prof;
	bool allowed, complain, quiet;

	if (!prof && !req->reason)
		req->reason = DMZG_REASON_NO_POLICY;
	allowed = !req->reason && dmzg_profile_allows(prof, req->rules, match);
	if (prof) {
		atomic64_inc(&prof->decisions);
		count_hit(prof, req, match);
	}
	if (allowed)
		return 0;
	complain = complaining(prof, req);
	/*
	 * Denials are what the log records: a quiet probe is not one, nor
	 * a refusal the profile expects.  Complain mode grants what it
	 * expected to refuse, and says so.
	 */
	quiet = req->quiet || (req->expected && !complain);
	if (!complain && prof && !quiet)
		atomic64_inc(&prof->denials);
	if (!quiet)
		dmzg_audit_record(complain ? DMZG_EVENT_COMPLAIN :
					     DMZG_EVENT_DENIED, s->conf, req);
	return complain ? 0 : deny_errno(req);
}

/**
 * dmzg_decide_remembered() - count an operation allowed from a memo
 * @prof: the subject's profile
 * @hits: the counters of the rule (or default) that allowed it before;
 *	NULL where no rule counts (a socket class the profile allows)
 *
 * All that dmzg_decide() does with an allowed operation.
 *
 * Context: any RCU read side that keeps @prof's policy.
 */
void dmzg_decide_remembered(struct dmzg_profile *prof,
			    struct dmzg_rule_hits *hits)
{
	atomic64_inc(&prof->decisions);
	if (hits && !dmzg_mutant(HITS))
		dmzg_rule_hit(hits);
}

/**
 * dmzg_decide_current() - decide for current where no rule is consulted
 * @req: the operation, as for dmzg_decide()
 * @match: the verdict the rules would give: DMZG_DENY for an operation
 *	no rule may allow, or one refused for a @req->reason
 *
 * Context: process or softirq context; takes rcu_read_lock() itself.
 * Return: 0 for an unconfined task, else dmzg_decide()'s answer.
 */
int dmzg_decide_current(struct dmzg_request *req, int match)
{
	struct dmzg_subject s;
	int ret = 0;

	rcu_read_lock();
	if (dmzg_subject_find(&s))
		ret = dmzg_decide(&s, req, match);
	rcu_read_unlock();
	return ret;
}
