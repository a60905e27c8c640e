// SPDX-License-Identifier: GPL-2.0
/*
 * Compiling a source policy into the immutable snapshot that decisions
 * read, and the lookups on it that do not belong to one rule set.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "glob.h"
#include "policy.h"

static atomic64_t dmzg_generation = ATOMIC64_INIT(0);

static void free_profile(struct dmzg_profile *p)
{
	u32 i;

	dmzg_path_set_free(&p->exec);
	dmzg_path_set_free(&p->unix_paths);
	dmzg_path_set_free(&p->write);
	dmzg_path_set_free(&p->write_named);
	dmzg_net_set_free(&p->connect);
	dmzg_net_set_free(&p->bind);
	kvfree(p->hits);
	for (i = 0; p->attach && i < p->nattach; i++)
		kfree(p->attach[i]);
	kfree(p->attach);
}

/**
 * dmzg_policy_free() - free a compiled policy
 * @pol: policy; may be NULL.  No reader may still hold it.
 */
void dmzg_policy_free(struct dmzg_policy *pol)
{
	u32 i;

	if (!pol)
		return;
	for (i = 0; pol->profiles && i < pol->nprofiles; i++)
		free_profile(&pol->profiles[i]);
	kvfree(pol->profiles);
	dmzg_path_set_free(&pol->attach);
	dmzg_hidx_free(&pol->names);
	kfree(pol);
}

static int src_index(const struct dmzg_src_policy *src, const char *name)
{
	const struct dmzg_src_profile *p;
	int i = 0;

	list_for_each_entry(p, &src->profiles, list) {
		if (!strcmp(p->name, name))
			return i;
		i++;
	}
	return -1;
}

/*
 * Does a rule go into the set being built: its kind is @op and, with
 * @named, its pattern has no "**" (it names files, not whole trees).
 */
static bool rule_in_set(const struct dmzg_src_rule *r, u8 op, bool named)
{
	return r->op == op && (!named || !strstr(r->path, "**"));
}

static int count_op(const struct dmzg_src_profile *sp, u8 op, bool named)
{
	u32 i, n = 0;

	for (i = 0; i < sp->nrules; i++)
		n += rule_in_set(&sp->rules[i], op, named);
	return n;
}

/*
 * Compile the rules of kind @op into @set.  @hits are the counters of the
 * profile's rules of that kind, in order: a rule in two sets (write and
 * write_named) counts in one place.
 */
static int build_paths(struct dmzg_path_set *set,
		       const struct dmzg_src_policy *src,
		       const struct dmzg_src_profile *sp, u8 op, bool named,
		       struct dmzg_rule_hits *hits, const char **why)
{
	struct dmzg_path_rule *rules = NULL;
	u32 n = count_op(sp, op, named), i, k = 0, nth = 0;
	int ret = -ENOMEM;

	*why = "out of memory";
	if (n) {
		rules = kvcalloc(n, sizeof(*rules), GFP_KERNEL);
		if (!rules)
			return -ENOMEM;
	}
	for (i = 0; i < sp->nrules; i++) {
		const struct dmzg_src_rule *r = &sp->rules[i];
		struct dmzg_path_rule *d;

		if (r->op != op)
			continue;
		nth++;
		if (!rule_in_set(r, op, named))
			continue;
		/* 10,000 rules take milliseconds: let other tasks run. */
		cond_resched();
		d = &rules[k++];
		d->hits = &hits[nth - 1];
		d->action = r->action;
		d->target = DMZG_NO_TARGET;
		if (r->target) {
			int t = src_index(src, r->target);

			if (t < 0) {
				*why = "exec transition names a profile that is not in the policy";
				ret = -EINVAL;
				goto free_rules;
			}
			d->target = t;
		}
		d->len = strlen(r->path);
		d->path = kstrdup(r->path, GFP_KERNEL);
		if (!d->path)
			goto free_rules;
	}
	/* The set owns @rules from here on, also on failure. */
	return dmzg_path_set_build(set, rules, n);

free_rules:
	for (i = 0; i < k; i++)
		kfree(rules[i].path);
	kvfree(rules);
	return ret;
}

static int build_nets(struct dmzg_net_set *set,
		      const struct dmzg_src_profile *sp, u8 op,
		      struct dmzg_rule_hits *hits, const char **why)
{
	struct dmzg_net_rule *rules = NULL;
	u32 n = count_op(sp, op, false), i, k = 0;

	if (n) {
		rules = kvcalloc(n, sizeof(*rules), GFP_KERNEL);
		if (!rules)
			goto nomem;
	}
	for (i = 0; i < sp->nrules; i++) {
		const struct dmzg_src_rule *r = &sp->rules[i];

		if (r->op != op)
			continue;
		cond_resched();
		dmzg_net_rule_init(&rules[k], r->family, r->addr, r->prefix,
				   r->action, r->proto, r->port_lo,
				   r->port_hi);
		rules[k].hits = &hits[k];
		k++;
	}
	if (dmzg_net_set_build(set, rules, n))
		goto nomem;
	return 0;
nomem:
	*why = "out of memory";
	return -ENOMEM;
}

/* Where the counters of each kind of rule start in the profile's array. */
static void hits_bases(const struct dmzg_src_profile *sp,
		       struct dmzg_rule_hits *hits,
		       struct dmzg_rule_hits **base)
{
	static const u8 order[] = { DMZG_RULE_EXEC, DMZG_RULE_UNIX,
				    DMZG_RULE_WRITE, DMZG_RULE_CONNECT,
				    DMZG_RULE_BIND };
	u32 i, at = 0;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		base[order[i]] = hits ? hits + at : NULL;
		at += count_op(sp, order[i], false);
	}
}

static int build_profile(struct dmzg_profile *p,
			 const struct dmzg_src_policy *src,
			 const struct dmzg_src_profile *sp, const char **why)
{
	struct dmzg_rule_hits *base[__DMZG_RULE_MAX];
	u32 i;
	int ret;

	strscpy(p->name, sp->name, sizeof(p->name));
	p->mode = sp->mode;
	memcpy(p->defaults, sp->defaults, sizeof(p->defaults));
	p->cap_allow = sp->cap_allow;
	p->cap_deny = sp->cap_deny;
	p->cap_denied = (DMZG_CAP_DEFAULT_DENY | sp->cap_deny) & ~sp->cap_allow;
	p->sock_allow = sp->sock_allow;
	p->sock_deny = sp->sock_deny;
	p->sock_allowed = dmzg_sock_classes_allowed(sp->sock_allow,
						    sp->sock_deny);
	p->nrules = sp->nrules;
	atomic64_set(&p->decisions, 0);
	atomic64_set(&p->denials, 0);
	if (sp->nrules) {
		p->hits = kvcalloc(sp->nrules, sizeof(*p->hits), GFP_KERNEL);
		if (!p->hits)
			goto nomem;
	}
	hits_bases(sp, p->hits, base);

	if (sp->nattach) {
		p->attach = kcalloc(sp->nattach, sizeof(char *), GFP_KERNEL);
		if (!p->attach)
			goto nomem;
	}
	for (i = 0; i < sp->nattach; i++) {
		p->attach[i] = kstrdup(sp->attach[i], GFP_KERNEL);
		if (!p->attach[i])
			goto nomem;
		p->nattach = i + 1;
	}
	ret = build_paths(&p->exec, src, sp, DMZG_RULE_EXEC, false,
			  base[DMZG_RULE_EXEC], why);
	if (!ret)
		ret = build_paths(&p->unix_paths, src, sp, DMZG_RULE_UNIX,
				  false, base[DMZG_RULE_UNIX], why);
	if (!ret)
		ret = build_paths(&p->write, src, sp, DMZG_RULE_WRITE, false,
				  base[DMZG_RULE_WRITE], why);
	if (!ret)
		ret = build_paths(&p->write_named, src, sp, DMZG_RULE_WRITE,
				  true, base[DMZG_RULE_WRITE], why);
	if (!ret)
		ret = build_nets(&p->connect, sp, DMZG_RULE_CONNECT,
				 base[DMZG_RULE_CONNECT], why);
	if (!ret)
		ret = build_nets(&p->bind, sp, DMZG_RULE_BIND,
				 base[DMZG_RULE_BIND], why);
	return ret;
nomem:
	*why = "out of memory";
	return -ENOMEM;
}

static int build_attach(struct dmzg_policy *pol,
			const struct dmzg_src_policy *src, const char **why)
{
	const struct dmzg_src_profile *sp;
	struct dmzg_path_rule *rules = NULL;
	u32 n = 0, k = 0, i, pi = 0;

	list_for_each_entry(sp, &src->profiles, list)
		n += sp->nattach;
	if (n) {
		rules = kvcalloc(n, sizeof(*rules), GFP_KERNEL);
		if (!rules)
			goto nomem;
	}
	list_for_each_entry(sp, &src->profiles, list) {
		for (i = 0; i < sp->nattach; i++) {
			struct dmzg_path_rule *r = &rules[k];

			r->action = DMZG_ALLOW;
			r->target = pi;
			r->len = strlen(sp->attach[i]);
			r->path = kstrdup(sp->attach[i], GFP_KERNEL);
			if (!r->path)
				goto free_rules;
			k++;
		}
		pi++;
	}
	if (dmzg_path_set_build(&pol->attach, rules, n))
		goto nomem;
	return 0;

free_rules:
	for (i = 0; i < k; i++)
		kfree(rules[i].path);
	kvfree(rules);
nomem:
	*why = "out of memory";
	return -ENOMEM;
}

static int build_names(struct dmzg_policy *pol, const char **why)
{
	struct dmzg_hidx_entry *ent;
	u32 i;
	int ret;

	ent = kvcalloc(pol->nprofiles, sizeof(*ent), GFP_KERNEL);
	if (!ent && pol->nprofiles)
		goto nomem;
	for (i = 0; i < pol->nprofiles; i++) {
		const char *name = pol->profiles[i].name;

		ent[i].key = (const u8 *)name;
		ent[i].len = strlen(name);
		ent[i].hash = dmzg_hash_bytes(name, ent[i].len);
		ent[i].value = i;
	}
	ret = dmzg_hidx_build(&pol->names, ent, pol->nprofiles);
	kvfree(ent);
	if (!ret)
		return 0;
nomem:
	*why = "out of memory";
	return -ENOMEM;
}

static size_t policy_bytes(const struct dmzg_policy *pol)
{
	size_t bytes = sizeof(*pol) +
		       pol->nprofiles * sizeof(*pol->profiles) +
		       dmzg_path_set_bytes(&pol->attach) +
		       dmzg_hidx_bytes(&pol->names);
	u32 i;

	for (i = 0; i < pol->nprofiles; i++) {
		const struct dmzg_profile *p = &pol->profiles[i];

		bytes += p->nrules * sizeof(*p->hits) +
			 dmzg_path_set_bytes(&p->exec) +
			 dmzg_path_set_bytes(&p->unix_paths) +
			 dmzg_path_set_bytes(&p->write) +
			 dmzg_path_set_bytes(&p->write_named) +
			 dmzg_net_set_bytes(&p->connect) +
			 dmzg_net_set_bytes(&p->bind);
	}
	return bytes;
}

/**
 * dmzg_policy_build() - compile a source policy into a snapshot
 * @src: validated source policy; not modified
 * @why: set to a static reason on error
 *
 * Cross-references (exec transitions) are resolved here, since a profile
 * may be named before it is declared.
 *
 * Return: the snapshot, or an ERR_PTR().
 */
struct dmzg_policy *dmzg_policy_build(const struct dmzg_src_policy *src,
				      const char **why)
{
	const struct dmzg_src_profile *sp;
	struct dmzg_policy *pol;
	u32 i = 0;
	int ret = -ENOMEM;

	if (list_empty(&src->profiles)) {
		*why = "policy has no profiles";
		return ERR_PTR(-EINVAL);
	}
	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	if (!pol)
		goto nomem;
	pol->profiles = kvcalloc(src->nprofiles, sizeof(*pol->profiles),
				 GFP_KERNEL);
	if (!pol->profiles)
		goto free_pol;
	list_for_each_entry(sp, &src->profiles, list) {
		/* Count first, so a partly built profile is freed too. */
		pol->nprofiles = ++i;
		ret = build_profile(&pol->profiles[i - 1], src, sp, why);
		if (ret)
			goto free_pol;
		pol->nrules += sp->nrules;
	}
	ret = build_attach(pol, src, why);
	if (ret)
		goto free_pol;
	ret = build_names(pol, why);
	if (ret)
		goto free_pol;
	pol->bytes = policy_bytes(pol);
	if (pol->bytes > DMZG_MAX_POLICY_BYTES) {
		*why = "compiled policy exceeds the memory limit (64 MiB)";
		ret = -E2BIG;
		goto free_pol;
	}
	pol->generation = atomic64_inc_return(&dmzg_generation);
	return pol;

free_pol:
	dmzg_policy_free(pol);
	return ERR_PTR(ret);
nomem:
	*why = "out of memory";
	return ERR_PTR(-ENOMEM);
}

/**
 * dmzg_policy_find() - find a profile by name
 * @pol: policy
 * @name: NUL-terminated name
 *
 * Return: the profile's index, or -1.
 */
int dmzg_policy_find(const struct dmzg_policy *pol, const char *name)
{
	u32 len = strnlen(name, DMZG_NAME_MAX), pos = 0;
	const struct dmzg_hidx_entry *e;

	e = dmzg_hidx_next(&pol->names, dmzg_hash_bytes(name, len), name, len,
			   &pos);
	return e ? (int)e->value : -1;
}

/**
 * dmzg_policy_attach_match() - which profile attaches to an executable
 * @pol: policy
 * @path: resolved path of the executable
 * @len: length of @path
 *
 * Return: the profile's index, or -1 if none attaches.
 */
int dmzg_policy_attach_match(const struct dmzg_policy *pol, const char *path,
			     size_t len)
{
	const struct dmzg_path_rule *hit;

	if (dmzg_path_set_match(&pol->attach, path, len, &hit) != DMZG_ALLOW)
		return -1;
	return hit->target;
}

/**
 * dmzg_policy_renumber() - give a policy being made active again a new
 *	generation
 * @pol: policy no task reads
 *
 * Generations only grow, so a task's cached profile index from before
 * can never be taken for one of this policy.
 */
void dmzg_policy_renumber(struct dmzg_policy *pol)
{
	pol->generation = atomic64_inc_return(&dmzg_generation);
}

/**
 * dmzg_profile_rule_at() - rule @i of a profile, in the order exec, unix,
 *	write, connect, bind (the order of its counters and of the dump)
 * @p: profile
 * @i: index, below @p->nrules
 * @pr: set to the path rule, or NULL
 * @nr: set to the network rule, or NULL
 *
 * Return: the rule's enum dmzg_rule_op.
 */
u32 dmzg_profile_rule_at(const struct dmzg_profile *p, u32 i,
			 const struct dmzg_path_rule **pr,
			 const struct dmzg_net_rule **nr)
{
	*pr = NULL;
	*nr = NULL;
	if (WARN_ON_ONCE(i >= p->nrules))
		i = p->nrules - 1;
	if (i < p->exec.n) {
		*pr = &p->exec.rules[i];
		return DMZG_RULE_EXEC;
	}
	i -= p->exec.n;
	if (i < p->unix_paths.n) {
		*pr = &p->unix_paths.rules[i];
		return DMZG_RULE_UNIX;
	}
	i -= p->unix_paths.n;
	if (i < p->write.n) {
		*pr = &p->write.rules[i];
		return DMZG_RULE_WRITE;
	}
	i -= p->write.n;
	if (i < p->connect.n) {
		*nr = &p->connect.rules[i];
		return DMZG_RULE_CONNECT;
	}
	*nr = &p->bind.rules[i - p->connect.n];
	return DMZG_RULE_BIND;
}

static bool same_rule(const struct dmzg_policy *a, u32 opa,
		      const struct dmzg_path_rule *pa,
		      const struct dmzg_net_rule *na,
		      const struct dmzg_policy *b, u32 opb,
		      const struct dmzg_path_rule *pb,
		      const struct dmzg_net_rule *nb)
{
	if (opa != opb)
		return false;
	if (na)
		return !memcmp(na->key, nb->key, sizeof(na->key)) &&
		       na->action == nb->action && na->proto == nb->proto &&
		       na->port_lo == nb->port_lo && na->port_hi == nb->port_hi;
	if (pa->action != pb->action || pa->len != pb->len ||
	    memcmp(pa->path, pb->path, pa->len))
		return false;
	if (pa->target == DMZG_NO_TARGET || pb->target == DMZG_NO_TARGET)
		return pa->target == pb->target;
	return !strcmp(a->profiles[pa->target].name,
		       b->profiles[pb->target].name);
}

/* Where each kind of rule comes in the order of dmzg_profile_rule_at(). */
static const u8 dmzg_rule_rank[__DMZG_RULE_MAX] = {
	[DMZG_RULE_EXEC] = 0, [DMZG_RULE_UNIX] = 1, [DMZG_RULE_WRITE] = 2,
	[DMZG_RULE_CONNECT] = 3, [DMZG_RULE_BIND] = 4,
};

static void carry_one(struct dmzg_rule_hits *dst,
		      const struct dmzg_rule_hits *src)
{
	s64 n = atomic64_read(&src->count);

	if (n > atomic64_read(&dst->count))
		atomic64_set(&dst->count, n);
	if (READ_ONCE(src->last) > dst->last)
		dst->last = READ_ONCE(src->last);
}

/* Counters of @src's rules that @dst has too, kind by kind, in order. */
static void carry_profile(const struct dmzg_policy *dpol,
			  struct dmzg_profile *dst,
			  const struct dmzg_policy *spol,
			  const struct dmzg_profile *src)
{
	u32 i = 0, j = 0, op;

	for (op = 0; op < __DMZG_RULE_MAX; op++)
		carry_one(&dst->default_hits[op], &src->default_hits[op]);
	/*
	 * Both walk the rules kind by kind; a rule carries its counters
	 * over while the rules of its kind agree up to it.
	 */
	while (i < dst->nrules && j < src->nrules) {
		const struct dmzg_path_rule *pa, *pb;
		const struct dmzg_net_rule *na, *nb;
		u32 opa = dmzg_profile_rule_at(dst, i, &pa, &na);
		u32 opb = dmzg_profile_rule_at(src, j, &pb, &nb);

		cond_resched();
		if (same_rule(dpol, opa, pa, na, spol, opb, pb, nb)) {
			carry_one(&dst->hits[i++], &src->hits[j++]);
			continue;
		}
		/*
		 * Skip the rest of this kind on the side that is behind
		 * (both, if they are on the same kind).
		 */
		op = dmzg_rule_rank[opa] <= dmzg_rule_rank[opb] ? opa : opb;
		while (i < dst->nrules &&
		       dmzg_profile_rule_at(dst, i, &pa, &na) == op)
			i++;
		while (j < src->nrules &&
		       dmzg_profile_rule_at(src, j, &pb, &nb) == op)
			j++;
	}
}

/**
 * dmzg_policy_carry_hits() - keep the counters of rules a change keeps
 * @dst: policy about to become active; no task reads it yet
 * @src: the active policy, or NULL
 *
 * A profile of @dst takes the counters of the profile of the same name in
 * @src, for its defaults and for each rule that is the same in both, kind
 * by kind, up to the first rule of that kind that differs.  A counter is
 * raised to @src's, never lowered, so carrying back a policy that gave
 * its counters away keeps what was counted since.  Hits @src counts while
 * this runs may be missed.
 */
void dmzg_policy_carry_hits(struct dmzg_policy *dst,
			    const struct dmzg_policy *src)
{
	u32 i;

	if (!src)
		return;
	for (i = 0; i < dst->nprofiles; i++) {
		int k = dmzg_policy_find(src, dst->profiles[i].name);

		if (k >= 0)
			carry_profile(dst, &dst->profiles[i], src,
				      &src->profiles[k]);
	}
}
