/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a policy would decide of a recorded operation: the hooks'
 * reasoning (kmod/hooks_*.c, kmod/decide.c) applied to the object as the
 * record describes it, with the module's own matchers.
 */
#ifndef DMZG_REPLAY_DECIDE_H
#define DMZG_REPLAY_DECIDE_H

#include <stdbool.h>

#include "event_source.h"

struct policy_compiled;

enum replay_verdict {
	REPLAY_DECIDED,		/* by the rules, the defaults and the mode */
	REPLAY_NOT_BY_RULES,	/* no policy can change it */
	REPLAY_PROFILE_GONE,	/* the policy has no such profile */
	REPLAY_UNREADABLE,	/* the record lacks what the rules need */
};

struct replay_decision {
	enum replay_verdict verdict;
	bool rules_allow;	/* the rules, or else the default, allow */
	bool allowed;		/* the operation proceeds (complain mode too) */
	bool quiet;		/* refused without a record (capability deny) */
	const char *transition;	/* an exec's new profile, or NULL */
	const char *why;	/* for REPLAY_UNREADABLE */
	const char *key;	/* the key at fault, or NULL */
};

/* Decide @rec against @pc. */
void replay_decide(const struct policy_compiled *pc,
		   const struct event_record *rec, struct replay_decision *d);
/* Did the operation proceed when it was recorded (a complaint did). */
bool replay_recorded_allowed(const struct event_record *rec);

#endif
