/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What changes between two policies, profile by profile: the semantic
 * difference 'diff' prints (modes, defaults, attach patterns, capability
 * and socket lists, rules as multisets), computed without the module.
 */
#ifndef DMZG_POLICY_DIFF_H
#define DMZG_POLICY_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "policy.h"

enum diff_state {
	DIFF_UNCHANGED,
	DIFF_ADDED,
	DIFF_REMOVED,
	DIFF_CHANGED,
};

/* What one change is about. */
enum diff_what {
	DIFF_MODE,		/* value: enum dmzg_mode */
	DIFF_DEFAULT,		/* op, value: enum dmzg_action */
	DIFF_ATTACH,		/* attach */
	DIFF_CAPABILITY,	/* bit, action */
	DIFF_SOCKET,		/* bit (enum dmzg_sock_class), action */
	DIFF_RULE,		/* rule */
};

struct diff_change {
	enum diff_what what;
	char sign;		/* '+' added, '-' removed, '~' modified */
	int op;			/* DIFF_DEFAULT: enum dmzg_rule_op */
	/* DIFF_MODE, DIFF_DEFAULT: before ('-', '~') and after ('+', '~') */
	int old_value, new_value;
	int bit;		/* DIFF_CAPABILITY, DIFF_SOCKET */
	int action;		/* DIFF_CAPABILITY, DIFF_SOCKET */
	const char *attach;	/* DIFF_ATTACH, in one of the policies */
	const struct rule *rule;	/* DIFF_RULE, in one of the policies */
};

struct profile_diff {
	const char *name;
	enum diff_state state;
	struct diff_change *changes;
	size_t nchanges, cap;
};

struct policy_diff {
	/* In @to's order, then the removed ones in @from's. */
	struct profile_diff *profiles;
	size_t nprofiles;
	size_t added, removed, changed, unchanged;	/* profiles */
	size_t rules_added, rules_removed;
};

/*
 * The changes that turn @from into @to.  @d points into both policies,
 * which must outlive it.  Return: 0, or -1 (no memory; @d freed).
 */
int policy_diff(const struct policy *from, const struct policy *to,
		struct policy_diff *d);
void policy_diff_free(struct policy_diff *d);

/*
 * "+ profile NAME" / "- ..." / "~ ..." and an indented line per change,
 * then the summary line; unchanged profiles only when @all.
 */
void policy_diff_print(FILE *out, const struct policy_diff *d, bool all);
/* The same as one JSON object. */
void policy_diff_print_json(FILE *out, const struct policy_diff *d,
			    bool all);

#endif
