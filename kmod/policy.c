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

static int build_paths(struct dmzg_path_set *set,
		       const struct dmzg_src_policy *src,
		       const struct dmzg_src_profile *sp, u8 op, bool named,
		       const char **why)
{
	struct dmzg_path_rule *rules = NULL;
	u32 n = count_op(sp, op, named), i, k = 0;
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

		if (!rule_in_set(r, op, named))
			continue;
		/* 10,000 rules take milliseconds: let other tasks run. */
		cond_resched();
		d = &rules[k++];
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
		      const char **why)
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
		dmzg_net_rule_init(&rules[k++], r->family, r->addr, r->prefix,
				   r->action, r->proto, r->port_lo,
				   r->port_hi);
	}
	if (dmzg_net_set_build(set, rules, n))
		goto nomem;
	return 0;
nomem:
	*why = "out of memory";
	return -ENOMEM;
}

static int build_profile(struct dmzg_profile *p,
			 const struct dmzg_src_policy *src,
			 const struct dmzg_src_profile *sp, const char **why)
{
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
	p->sock_allowed = (DMZG_SOCK_DEFAULT_ALLOW | sp->sock_allow) &
			  ~sp->sock_deny;
	p->nrules = sp->nrules;
	atomic64_set(&p->decisions, 0);
	atomic64_set(&p->denials, 0);

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
	ret = build_paths(&p->exec, src, sp, DMZG_RULE_EXEC, false, why);
	if (!ret)
		ret = build_paths(&p->unix_paths, src, sp, DMZG_RULE_UNIX,
				  false, why);
	if (!ret)
		ret = build_paths(&p->write, src, sp, DMZG_RULE_WRITE, false,
				  why);
	if (!ret)
		ret = build_paths(&p->write_named, src, sp, DMZG_RULE_WRITE,
				  true, why);
	if (!ret)
		ret = build_nets(&p->connect, sp, DMZG_RULE_CONNECT, why);
	if (!ret)
		ret = build_nets(&p->bind, sp, DMZG_RULE_BIND, why);
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

		bytes += dmzg_path_set_bytes(&p->exec) +
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
	u16 target;

	if (dmzg_path_set_match(&pol->attach, path, len, &target) !=
	    DMZG_ALLOW)
		return -1;
	return target;
}
