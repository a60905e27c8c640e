// SPDX-License-Identifier: GPL-2.0
/*
 * Filling the module's rule sets from a parsed policy, rule for rule as
 * kmod/policy.c fills them from a loaded one: the same sets, the same
 * order, the same masks.  Rules are zeroed and then named field by field,
 * so fields the module adds later start at zero here too.
 */
#include <string.h>

#include <linux/slab.h>

#include "policy_compile.h"
#include "policy_compiled.h"

/* The rule goes into the set for @op; with @named, only without "**". */
static bool rule_in_set(const struct rule *r, uint8_t op, bool named)
{
	return r->op == op && (!named || !strstr(r->path, "**"));
}

static int profile_index(const struct policy *pol, const char *name)
{
	for (size_t i = 0; i < pol->nprofiles; i++)
		if (!strcmp(pol->profiles[i].name, name))
			return (int)i;
	return -1;
}

static int build_paths(struct dmzg_path_set *set, const struct policy *pol,
		       const struct profile *p, uint8_t op, bool named)
{
	struct dmzg_path_rule *rules;
	u32 n = 0, k = 0;

	for (size_t i = 0; i < p->nrules; i++)
		n += rule_in_set(&p->rules[i], op, named);
	rules = kvcalloc(n, sizeof(*rules), GFP_KERNEL);
	if (!rules)
		return -1;
	for (size_t i = 0; i < p->nrules; i++) {
		const struct rule *r = &p->rules[i];
		struct dmzg_path_rule *d;
		int t;

		if (!rule_in_set(r, op, named))
			continue;
		d = &rules[k++];
		memset(d, 0, sizeof(*d));
		d->action = r->action;
		d->target = DMZG_NO_TARGET;
		/* The parser has checked that the profile exists. */
		t = r->target ? profile_index(pol, r->target) : -1;
		if (t >= 0)
			d->target = (u16)t;
		d->len = (u32)strlen(r->path);
		d->path = kstrdup(r->path, GFP_KERNEL);
		if (!d->path)
			break;
	}
	/* The set owns the rules from here on, also on failure. */
	if (dmzg_path_set_build(set, rules, k) || k != n)
		return -1;
	return 0;
}

static int build_nets(struct dmzg_net_set *set, const struct profile *p,
		      uint8_t op)
{
	struct dmzg_net_rule *rules;
	u32 n = 0, k = 0;

	for (size_t i = 0; i < p->nrules; i++)
		n += p->rules[i].op == op;
	rules = kvcalloc(n, sizeof(*rules), GFP_KERNEL);
	if (!rules)
		return -1;
	for (size_t i = 0; i < p->nrules; i++) {
		const struct rule *r = &p->rules[i];

		if (r->op != op)
			continue;
		memset(&rules[k], 0, sizeof(rules[k]));
		dmzg_net_rule_init(&rules[k++], r->family, r->addr, r->prefix,
				   r->action, r->proto, r->port_lo,
				   r->port_hi);
	}
	return dmzg_net_set_build(set, rules, n) ? -1 : 0;
}

static int build_profile(struct profile_compiled *c, const struct policy *pol,
			 const struct profile *p)
{
	c->src = p;
	c->cap_denied = (DMZG_CAP_DEFAULT_DENY | p->cap_deny) & ~p->cap_allow;
	c->sock_allowed = dmzg_sock_classes_allowed(p->sock_allow,
						    p->sock_deny);
	if (build_paths(&c->exec, pol, p, DMZG_RULE_EXEC, false) ||
	    build_paths(&c->unix_paths, pol, p, DMZG_RULE_UNIX, false) ||
	    build_paths(&c->write, pol, p, DMZG_RULE_WRITE, false) ||
	    build_paths(&c->write_named, pol, p, DMZG_RULE_WRITE, true) ||
	    build_nets(&c->connect, p, DMZG_RULE_CONNECT) ||
	    build_nets(&c->bind, p, DMZG_RULE_BIND))
		return -1;
	return 0;
}

struct policy_compiled *policy_compile(const struct policy *pol)
{
	struct policy_compiled *pc = kzalloc(sizeof(*pc), GFP_KERNEL);

	if (!pc)
		return NULL;
	pc->src = pol;
	pc->profiles = kvcalloc(pol->nprofiles, sizeof(*pc->profiles),
				GFP_KERNEL);
	if (!pc->profiles) {
		kfree(pc);
		return NULL;
	}
	for (size_t i = 0; i < pol->nprofiles; i++) {
		/* Counted first, so a partly built profile is freed too. */
		pc->n = i + 1;
		if (build_profile(&pc->profiles[i], pol, &pol->profiles[i])) {
			policy_compiled_free(pc);
			return NULL;
		}
	}
	return pc;
}

void policy_compiled_free(struct policy_compiled *pc)
{
	if (!pc)
		return;
	for (size_t i = 0; pc->profiles && i < pc->n; i++) {
		struct profile_compiled *c = &pc->profiles[i];

		dmzg_path_set_free(&c->exec);
		dmzg_path_set_free(&c->unix_paths);
		dmzg_path_set_free(&c->write);
		dmzg_path_set_free(&c->write_named);
		dmzg_net_set_free(&c->connect);
		dmzg_net_set_free(&c->bind);
	}
	kvfree(pc->profiles);
	kfree(pc);
}

const struct profile_compiled *
policy_compiled_find(const struct policy_compiled *pc, const char *name)
{
	for (size_t i = 0; i < pc->n; i++)
		if (!strcmp(pc->profiles[i].src->name, name))
			return &pc->profiles[i];
	return NULL;
}
