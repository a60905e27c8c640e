// SPDX-License-Identifier: GPL-2.0
/*
 * The semantic difference of two policies.  Profiles are matched by
 * name; inside a profile, rules are compared as multisets (the kernel
 * decides by rule, not by the order rules are written in: deny beats
 * allow), and so are attach patterns.
 */
#include <stdlib.h>
#include <string.h>

#include "policy_diff.h"

static struct diff_change *add_change(struct profile_diff *pd,
				      enum diff_what what, char sign)
{
	struct diff_change *c;

	if (pd->nchanges == pd->cap) {
		size_t ncap = pd->cap ? pd->cap * 2 : 16;
		struct diff_change *arr = realloc(pd->changes,
						  ncap * sizeof(*arr));

		if (!arr)
			return NULL;
		pd->changes = arr;
		pd->cap = ncap;
	}
	c = &pd->changes[pd->nchanges++];
	memset(c, 0, sizeof(*c));
	c->what = what;
	c->sign = sign;
	return c;
}

/*
 * A mode or a default: modified when both profiles have it, added or
 * removed when only one does (@from or @to NULL).
 */
static int diff_value(struct profile_diff *pd, enum diff_what what, int op,
		      const uint8_t *from, const uint8_t *to)
{
	struct diff_change *c;

	if (from && to && *from == *to)
		return 0;
	c = add_change(pd, what, !from ? '+' : !to ? '-' : '~');
	if (!c)
		return -1;
	c->op = op;
	c->old_value = from ? *from : 0;
	c->new_value = to ? *to : 0;
	return 0;
}

/* Bits of @to's mask not in @from's: sign '+'; the reverse: '-'. */
static int diff_mask(struct profile_diff *pd, enum diff_what what,
		     uint64_t from, uint64_t to, int nbits, int action)
{
	for (int i = 0; i < nbits; i++) {
		uint64_t bit = 1ULL << i;
		struct diff_change *c;

		if ((from & bit) == (to & bit))
			continue;
		c = add_change(pd, what, to & bit ? '+' : '-');
		if (!c)
			return -1;
		c->bit = i;
		c->action = action;
	}
	return 0;
}

/* Attach patterns of @a that @b lacks (as multisets), with @sign. */
static int diff_attach(struct profile_diff *pd, const struct profile *a,
		       const struct profile *b, char sign)
{
	bool used[DMZG_MAX_ATTACH + 1] = { false };

	for (size_t i = 0; i < a->nattach; i++) {
		size_t j;
		struct diff_change *c;

		for (j = 0; b && j < b->nattach && j <= DMZG_MAX_ATTACH; j++)
			if (!used[j] && !strcmp(a->attach[i], b->attach[j]))
				break;
		if (b && j < b->nattach && j <= DMZG_MAX_ATTACH) {
			used[j] = true;
			continue;
		}
		c = add_change(pd, DIFF_ATTACH, sign);
		if (!c)
			return -1;
		c->attach = a->attach[i];
	}
	return 0;
}

static int by_rule(const void *a, const void *b)
{
	return rule_compare(*(const struct rule *const *)a,
			    *(const struct rule *const *)b);
}

/* Pointers to @p's rules, sorted.  Return: NULL on no memory. */
static const struct rule **sorted_rules(const struct profile *p)
{
	const struct rule **v = malloc((p->nrules + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (size_t i = 0; i < p->nrules; i++)
		v[i] = &p->rules[i];
	qsort(v, p->nrules, sizeof(*v), by_rule);
	return v;
}

/*
 * Mark the rules each profile has more often than the other: a sorted
 * merge, so that a profile of many rules is compared in n log n.
 */
static int unmatched_rules(const struct profile *from, const struct profile *to,
			   bool *removed, bool *added)
{
	const struct rule **a = sorted_rules(from), **b = sorted_rules(to);
	size_t i = 0, j = 0;

	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}
	while (i < from->nrules || j < to->nrules) {
		int c = i == from->nrules ? 1 : j == to->nrules ? -1 :
			rule_compare(a[i], b[j]);

		if (c < 0)
			removed[a[i++] - from->rules] = true;
		else if (c > 0)
			added[b[j++] - to->rules] = true;
		else
			i++, j++;
	}
	free(a);
	free(b);
	return 0;
}

/* Rules removed then added, grouped by operation as 'show' groups them. */
static int diff_rules(struct profile_diff *pd, const struct profile *from,
		      const struct profile *to, struct policy_diff *d)
{
	bool *removed = calloc(from->nrules + 1, sizeof(bool));
	bool *added = calloc(to->nrules + 1, sizeof(bool));
	int ret = -1;

	if (!removed || !added || unmatched_rules(from, to, removed, added))
		goto out;
	for (int op = 0; op < __DMZG_RULE_MAX; op++) {
		for (size_t i = 0; i < from->nrules; i++) {
			struct diff_change *c;

			if (!removed[i] || from->rules[i].op != op)
				continue;
			c = add_change(pd, DIFF_RULE, '-');
			if (!c)
				goto out;
			c->rule = &from->rules[i];
			d->rules_removed++;
		}
		for (size_t j = 0; j < to->nrules; j++) {
			struct diff_change *c;

			if (!added[j] || to->rules[j].op != op)
				continue;
			c = add_change(pd, DIFF_RULE, '+');
			if (!c)
				goto out;
			c->rule = &to->rules[j];
			d->rules_added++;
		}
	}
	ret = 0;
out:
	free(removed);
	free(added);
	return ret;
}

/* A profile with nothing: what an added profile is compared with. */
static const struct profile no_profile;

/*
 * The changes from @from to @to; either may be NULL for a profile that
 * only the other policy has, whose every part is then added or removed.
 */
static int diff_profile(struct profile_diff *pd, const struct profile *from,
			const struct profile *to, struct policy_diff *d)
{
	const struct profile *f = from ? from : &no_profile;
	const struct profile *t = to ? to : &no_profile;

	/* In the order 'show' prints a profile. */
	if (diff_attach(pd, f, t, '-') || diff_attach(pd, t, f, '+') ||
	    diff_value(pd, DIFF_MODE, 0, from ? &from->mode : NULL,
		       to ? &to->mode : NULL))
		return -1;
	for (int op = 0; op < __DMZG_RULE_MAX; op++)
		if (diff_value(pd, DIFF_DEFAULT, op,
			       from ? &from->defaults[op] : NULL,
			       to ? &to->defaults[op] : NULL))
			return -1;
	return diff_rules(pd, f, t, d) ||
	       diff_mask(pd, DIFF_CAPABILITY, f->cap_allow, t->cap_allow,
			 DMZG_CAP_COUNT, DMZG_ALLOW) ||
	       diff_mask(pd, DIFF_CAPABILITY, f->cap_deny, t->cap_deny,
			 DMZG_CAP_COUNT, DMZG_DENY) ||
	       diff_mask(pd, DIFF_SOCKET, f->sock_allow, t->sock_allow,
			 __DMZG_SOCK_MAX, DMZG_ALLOW) ||
	       diff_mask(pd, DIFF_SOCKET, f->sock_deny, t->sock_deny,
			 __DMZG_SOCK_MAX, DMZG_DENY) ? -1 : 0;
}

static const struct profile *find_profile(const struct policy *pol,
					  const char *name)
{
	for (size_t i = 0; i < pol->nprofiles; i++)
		if (!strcmp(pol->profiles[i].name, name))
			return &pol->profiles[i];
	return NULL;
}

int policy_diff(const struct policy *from, const struct policy *to,
		struct policy_diff *d)
{
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	d->profiles = calloc(from->nprofiles + to->nprofiles + 1,
			     sizeof(*d->profiles));
	if (!d->profiles)
		return -1;
	for (size_t i = 0; i < to->nprofiles + from->nprofiles; i++) {
		const struct profile *f, *t;
		struct profile_diff *pd;

		if (i < to->nprofiles) {
			t = &to->profiles[i];
			f = find_profile(from, t->name);
		} else {
			f = &from->profiles[i - to->nprofiles];
			t = NULL;
			if (find_profile(to, f->name))
				continue;
		}
		pd = &d->profiles[n++];
		d->nprofiles = n;
		pd->name = t ? t->name : f->name;
		if (diff_profile(pd, f, t, d)) {
			policy_diff_free(d);
			return -1;
		}
		pd->state = !f ? DIFF_ADDED : !t ? DIFF_REMOVED :
			    pd->nchanges ? DIFF_CHANGED : DIFF_UNCHANGED;
		d->added += pd->state == DIFF_ADDED;
		d->removed += pd->state == DIFF_REMOVED;
		d->changed += pd->state == DIFF_CHANGED;
		d->unchanged += pd->state == DIFF_UNCHANGED;
	}
	return 0;
}

void policy_diff_free(struct policy_diff *d)
{
	for (size_t i = 0; i < d->nprofiles; i++)
		free(d->profiles[i].changes);
	free(d->profiles);
	memset(d, 0, sizeof(*d));
}
