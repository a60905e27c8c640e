/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The decision: who asks (the subject), and one function that turns what
 * the rules said about an object into a verdict.  Hooks gather the
 * object, ask, and return what they are told.
 */
#ifndef _DMZG_DECIDE_H
#define _DMZG_DECIDE_H

#include <linux/types.h>

struct dmzg_net_memo;

struct dmzg_conf;
struct dmzg_policy;
struct dmzg_profile;
struct dmzg_request;
struct dmzg_rule_hits;

/**
 * struct dmzg_subject - the task a decision is about
 * @conf: its label
 * @prof: its profile in @pol; NULL when the profile is not loaded (every
 *	decision then denies)
 * @pol: the active policy, or NULL
 * @memo: current's destination memo, see task.h
 * @label_seq: the sequence of @conf, for a memo made under it
 *
 * Valid under the rcu_read_lock() dmzg_subject_find() was called in.
 */
struct dmzg_subject {
	struct dmzg_conf *conf;
	struct dmzg_profile *prof;
	const struct dmzg_policy *pol;
	struct dmzg_net_memo *memo;
	u64 label_seq;
};

bool dmzg_subject_find(struct dmzg_subject *s);
bool dmzg_current_confined(void);
bool dmzg_profile_allows(const struct dmzg_profile *prof, u8 rules,
			 int match);
int dmzg_decide(const struct dmzg_subject *s, struct dmzg_request *req,
		int match);
int dmzg_decide_current(struct dmzg_request *req, int match);
void dmzg_decide_remembered(struct dmzg_profile *prof,
			    struct dmzg_rule_hits *hits);

#endif /* _DMZG_DECIDE_H */
