/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rules that would have allowed what complain records logged, per
 * profile, for learn to print or merge into a policy file.
 */
#ifndef DMZG_LEARN_RULES_H
#define DMZG_LEARN_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "event_source.h"
#include "policy.h"

struct learned {
	char profile[DMZG_NAME_MAX];
	char *rule;		/* one statement of the policy language */
	char *comment;		/* what a suggested pattern covers, or NULL */
};

struct learn_set {
	struct learned *items;	/* in the order first seen */
	size_t n;
	/* Plain files written, grouped into rules by learn_finish(). */
	struct learned *writes;
	size_t nwrites;
};

/*
 * Learn the rule that would allow @rec if it is a complaint.  Return:
 * false if its values make no rule the parser reads back.
 */
bool learn_add_record(struct learn_set *ls, const struct event_record *rec);
/*
 * Group the plain writes by directory, then suggest one pattern for
 * paths that differ in one numbered component (learn_patterns.c).
 */
void learn_finish(struct learn_set *ls);
void learn_set_free(struct learn_set *ls);
/* Add @rule for @profile unless it is there; it may carry @comment. */
void learn_add(struct learned **items, size_t *n, const char *profile,
	       const char *rule, const char *comment);

#endif
