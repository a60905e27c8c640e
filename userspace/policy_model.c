// SPDX-License-Identifier: GPL-2.0
/* The policy data model: construction, counting, comparison, freeing. */
#include <stdlib.h>
#include <string.h>

#include "policy.h"

FILE *policy_diag;

void policy_init(struct policy *pol)
{
	memset(pol, 0, sizeof(*pol));
	if (!policy_diag)
		policy_diag = stderr;
}

static void free_rule(struct rule *r)
{
	free(r->path);
	free(r->target);
}

void policy_free(struct policy *pol)
{
	for (size_t i = 0; i < pol->nprofiles; i++) {
		struct profile *p = &pol->profiles[i];

		for (size_t j = 0; j < p->nrules; j++)
			free_rule(&p->rules[j]);
		free(p->rules);
		for (size_t j = 0; j < p->nattach; j++)
			free(p->attach[j]);
		free(p->attach);
	}
	free(pol->profiles);
	for (size_t i = 0; i < pol->nfiles; i++)
		free(pol->files[i]);
	free(pol->files);
	memset(pol, 0, sizeof(*pol));
}

static void *grow(void *arr, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return arr;
	ncap = *cap ? *cap * 2 : 8;
	p = realloc(arr, ncap * size);
	if (!p)
		return NULL;
	*cap = ncap;
	return p;
}

struct profile *policy_add_profile(struct policy *pol)
{
	struct profile *arr, *p;

	arr = grow(pol->profiles, &pol->cap, pol->nprofiles, sizeof(*arr));
	if (!arr)
		return NULL;
	pol->profiles = arr;
	p = &arr[pol->nprofiles++];
	memset(p, 0, sizeof(*p));
	for (int i = 0; i < __DMZG_RULE_MAX; i++)
		p->defaults[i] = DMZG_DENY;
	return p;
}

struct rule *profile_add_rule(struct profile *p)
{
	struct rule *arr, *r;

	arr = grow(p->rules, &p->cap, p->nrules, sizeof(*arr));
	if (!arr)
		return NULL;
	p->rules = arr;
	r = &arr[p->nrules++];
	memset(r, 0, sizeof(*r));
	return r;
}

int profile_add_attach(struct profile *p, const char *path)
{
	char **arr = realloc(p->attach, (p->nattach + 1) * sizeof(*arr));

	if (!arr)
		return -1;
	p->attach = arr;
	arr[p->nattach] = strdup(path);
	if (!arr[p->nattach])
		return -1;
	p->nattach++;
	return 0;
}

struct profile *policy_find_profile(struct policy *pol, const char *name)
{
	for (size_t i = 0; i < pol->nprofiles; i++)
		if (!strcmp(pol->profiles[i].name, name))
			return &pol->profiles[i];
	return NULL;
}

static int copy_profile(struct profile *d, const struct profile *s)
{
	struct profile copy = *s;

	copy.rules = NULL;
	copy.nrules = 0;
	copy.cap = 0;
	copy.attach = NULL;
	copy.nattach = 0;
	memset(&copy.pos, 0, sizeof(copy.pos));
	memset(&copy.mode_pos, 0, sizeof(copy.mode_pos));
	memset(copy.default_pos, 0, sizeof(copy.default_pos));
	*d = copy;
	for (size_t i = 0; i < s->nattach; i++)
		if (profile_add_attach(d, s->attach[i]))
			return -1;
	for (size_t i = 0; i < s->nrules; i++) {
		struct rule *r = profile_add_rule(d);

		if (!r)
			return -1;
		*r = s->rules[i];
		memset(&r->pos, 0, sizeof(r->pos));
		r->path = NULL;
		r->target = NULL;
		if (s->rules[i].path) {
			r->path = strdup(s->rules[i].path);
			if (!r->path)
				return -1;
		}
		if (s->rules[i].target) {
			r->target = strdup(s->rules[i].target);
			if (!r->target)
				return -1;
		}
	}
	return 0;
}

/*
 * Copies of the profiles of @active that @files does not name go after
 * those of @files: what a load of @files alone makes of the kernel's
 * policy.  The copies have no source positions.  Return: 0 or -1 (no
 * memory; @files may then hold a partial copy and is to be freed).
 */
int policy_merge_active(struct policy *files, const struct policy *active)
{
	for (size_t i = 0; i < active->nprofiles; i++) {
		const struct profile *s = &active->profiles[i];
		struct profile *d;

		if (policy_find_profile(files, s->name))
			continue;
		d = policy_add_profile(files);
		if (!d || copy_profile(d, s))
			return -1;
		/* Diagnostics about it name where it comes from. */
		d->pos.file = "(active policy)";
	}
	return 0;
}

size_t policy_rule_count(const struct policy *pol)
{
	size_t n = 0;

	for (size_t i = 0; i < pol->nprofiles; i++)
		n += pol->profiles[i].nrules;
	return n;
}

bool rule_equal(const struct rule *a, const struct rule *b)
{
	return !rule_compare(a, b);
}

/* NULL (no path, no transition) first. */
static int str_compare(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

#define CMP_FIELD(a, b, f)						\
	do {								\
		if ((a)->f != (b)->f)					\
			return (a)->f < (b)->f ? -1 : 1;		\
	} while (0)

int rule_compare(const struct rule *a, const struct rule *b)
{
	int c;

	CMP_FIELD(a, b, op);
	CMP_FIELD(a, b, action);
	c = str_compare(a->path, b->path);
	if (!c)
		c = str_compare(a->target, b->target);
	if (c || (a->op != DMZG_RULE_CONNECT && a->op != DMZG_RULE_BIND))
		return c;
	CMP_FIELD(a, b, proto);
	CMP_FIELD(a, b, family);
	CMP_FIELD(a, b, prefix);
	CMP_FIELD(a, b, port_lo);
	CMP_FIELD(a, b, port_hi);
	return memcmp(a->addr, b->addr, a->family == DMZG_FAMILY_V4 ? 4 : 16);
}

/* Rules of one operation, in order: the kernel keeps them grouped so. */
static bool rules_equal_by_op(const struct profile *a, const struct profile *b)
{
	for (int op = 0; op < __DMZG_RULE_MAX; op++) {
		size_t i = 0, j = 0;

		for (;;) {
			while (i < a->nrules && a->rules[i].op != op)
				i++;
			while (j < b->nrules && b->rules[j].op != op)
				j++;
			if (i == a->nrules || j == b->nrules)
				break;
			if (!rule_equal(&a->rules[i], &b->rules[j]))
				return false;
			i++;
			j++;
		}
		if (i != a->nrules || j != b->nrules)
			return false;
	}
	return true;
}

/* Same enforcement: names, modes, defaults, masks, attach and rules. */
bool policy_equal(const struct policy *a, const struct policy *b)
{
	if (a->nprofiles != b->nprofiles)
		return false;
	for (size_t i = 0; i < a->nprofiles; i++) {
		const struct profile *p = &a->profiles[i], *q = &b->profiles[i];

		if (strcmp(p->name, q->name) || p->mode != q->mode ||
		    memcmp(p->defaults, q->defaults, sizeof(p->defaults)) ||
		    p->cap_allow != q->cap_allow || p->cap_deny != q->cap_deny ||
		    p->sock_allow != q->sock_allow ||
		    p->sock_deny != q->sock_deny ||
		    p->nattach != q->nattach || p->nrules != q->nrules)
			return false;
		for (size_t j = 0; j < p->nattach; j++)
			if (strcmp(p->attach[j], q->attach[j]))
				return false;
		if (!rules_equal_by_op(p, q))
			return false;
	}
	return true;
}
