/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How often a rule (or a profile's default for one kind of rule) decided,
 * and when it last did: what shows dead rules and hot ones.  One counter
 * per rule, shared by every set the rule is compiled into.
 */
#ifndef _DMZG_RULE_HITS_H
#define _DMZG_RULE_HITS_H

#include <linux/atomic.h>
#include <linux/timekeeping.h>
#include <linux/types.h>

struct dmzg_rule_hits {
	atomic64_t count;
	time64_t last;		/* wall clock seconds; 0: never */
};

/**
 * dmzg_rule_hit() - count a decision made by a rule
 * @h: its counters
 *
 * Inline: called on every decision a rule makes.  The time is written only
 * when it changes, so a hot rule does not dirty it on every call.
 */
static inline void dmzg_rule_hit(struct dmzg_rule_hits *h)
{
	time64_t now = ktime_get_real_seconds();

	atomic64_inc(&h->count);
	if (READ_ONCE(h->last) != now)
		WRITE_ONCE(h->last, now);
}

#endif /* _DMZG_RULE_HITS_H */
