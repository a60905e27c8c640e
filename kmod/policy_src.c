// SPDX-License-Identifier: GPL-2.0
/*
 * The source form of a policy being loaded.  Every profile and rule is
 * validated as it is added, so a transaction never holds anything the
 * compiler would have to second-guess, and limits are enforced before
 * memory is spent.
 */
#include <linux/ctype.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "glob.h"
#include "policy.h"

/**
 * dmzg_src_init() - start an empty source policy
 * @src: policy
 */
void dmzg_src_init(struct dmzg_src_policy *src)
{
	INIT_LIST_HEAD(&src->profiles);
	src->nprofiles = 0;
	src->nrules = 0;
	src->bytes = 0;
}

static void free_rule(struct dmzg_src_rule *r)
{
	kfree(r->path);
	kfree(r->target);
}

/**
 * dmzg_src_profile_free() - free a profile not (or no longer) in a policy
 * @prof: profile; may be NULL
 */
void dmzg_src_profile_free(struct dmzg_src_profile *prof)
{
	u32 i;

	if (!prof)
		return;
	for (i = 0; i < prof->nrules; i++) {
		free_rule(&prof->rules[i]);
		/* 10,000 rules are a millisecond of frees. */
		cond_resched();
	}
	kvfree(prof->rules);
	for (i = 0; i < prof->nattach; i++)
		kfree(prof->attach[i]);
	kfree(prof->attach);
	kfree(prof);
}

/**
 * dmzg_src_free() - free every profile of a source policy
 * @src: policy; left empty and reusable
 */
void dmzg_src_free(struct dmzg_src_policy *src)
{
	struct dmzg_src_profile *p, *tmp;

	list_for_each_entry_safe(p, tmp, &src->profiles, list) {
		list_del(&p->list);
		dmzg_src_profile_free(p);
	}
	dmzg_src_init(src);
}

/**
 * dmzg_valid_name() - check a profile name
 * @name: NUL-terminated name
 *
 * Return: true for 1..63 characters from [A-Za-z0-9_.-].
 */
bool dmzg_valid_name(const char *name)
{
	size_t i, len = strnlen(name, DMZG_NAME_MAX);

	if (len == 0 || len >= DMZG_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!isalnum(c) && c != '_' && c != '.' && c != '-')
			return false;
	}
	return true;
}

/**
 * dmzg_src_find() - find a profile of a source policy by name
 * @src: policy
 * @name: name
 *
 * Return: the profile or NULL.
 */
struct dmzg_src_profile *dmzg_src_find(struct dmzg_src_policy *src,
				       const char *name)
{
	struct dmzg_src_profile *p;

	list_for_each_entry(p, &src->profiles, list)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static bool valid_path_pattern(const char *path)
{
	size_t bad;

	return dmzg_glob_validate(path, strlen(path), &bad) == DMZG_GLOB_OK;
}

/*
 * A relative pattern names a socket bound by that relative name: the
 * peer check sees the name as bound, never the directory it was bound in.
 */
static bool valid_socket_pattern(const char *path)
{
	size_t bad;

	return dmzg_glob_validate_relative(path, strlen(path), &bad) ==
	       DMZG_GLOB_OK;
}

static int charge(struct dmzg_src_policy *src, size_t bytes,
		  const char **why)
{
	if (bytes > DMZG_MAX_POLICY_BYTES - src->bytes) {
		*why = "policy exceeds the memory limit (64 MiB)";
		return -E2BIG;
	}
	src->bytes += bytes;
	return 0;
}

static bool valid_defaults(const struct dmzg_src_profile *prof)
{
	int op;

	for (op = 0; op < __DMZG_RULE_MAX; op++)
		if (prof->defaults[op] > DMZG_ACTION_MAX)
			return false;
	return true;
}

/**
 * dmzg_src_add_profile() - add a declared profile to a source policy
 * @src: policy
 * @prof: profile with name, mode, defaults, masks and attach patterns set
 *	and no rules; on success the policy owns it
 * @why: set to a static reason on error
 *
 * Return: 0, -EINVAL for an invalid profile, -EEXIST for a duplicate name,
 * -E2BIG when a limit would be exceeded.
 */
int dmzg_src_add_profile(struct dmzg_src_policy *src,
			 struct dmzg_src_profile *prof, const char **why)
{
	size_t bytes = sizeof(*prof);
	u32 i;

	if (!dmzg_valid_name(prof->name)) {
		*why = "profile name must be 1-63 characters of [A-Za-z0-9_.-]";
		return -EINVAL;
	}
	if (prof->mode > DMZG_MODE_MAX || !valid_defaults(prof)) {
		*why = "invalid mode or default action";
		return -EINVAL;
	}
	if (prof->cap_allow & prof->cap_deny) {
		*why = "a capability is both allowed and denied";
		return -EINVAL;
	}
	if ((prof->cap_allow | prof->cap_deny) & ~DMZG_CAP_ALL_MASK) {
		*why = "unknown capability bit";
		return -EINVAL;
	}
	if (prof->sock_allow & prof->sock_deny) {
		*why = "a socket class is both allowed and denied";
		return -EINVAL;
	}
	if ((prof->sock_allow | prof->sock_deny) & ~DMZG_SOCK_ALL_MASK) {
		*why = "unknown socket class bit";
		return -EINVAL;
	}
	if (prof->nattach > DMZG_MAX_ATTACH) {
		*why = "too many attach patterns (limit 64)";
		return -E2BIG;
	}
	for (i = 0; i < prof->nattach; i++) {
		if (!valid_path_pattern(prof->attach[i])) {
			*why = "invalid attach path pattern";
			return -EINVAL;
		}
		bytes += strlen(prof->attach[i]) + 1 + sizeof(char *);
	}
	if (dmzg_src_find(src, prof->name)) {
		*why = "duplicate profile name";
		return -EEXIST;
	}
	if (src->nprofiles >= DMZG_MAX_PROFILES) {
		*why = "too many profiles (limit 256)";
		return -E2BIG;
	}
	if (charge(src, bytes, why))
		return -E2BIG;
	list_add_tail(&prof->list, &src->profiles);
	src->nprofiles++;
	return 0;
}

static bool host_bits_clear(const struct dmzg_src_rule *r)
{
	struct dmzg_net_rule nr;

	dmzg_net_rule_init(&nr, r->family, r->addr, r->prefix, 0, 0, 0, 0);
	return !memcmp(nr.key + 2, r->addr, dmzg_addr_len(r->family));
}

static int check_rule(const struct dmzg_src_rule *r, const char **why)
{
	switch (r->op) {
	case DMZG_RULE_EXEC:
		if (!r->path || !valid_path_pattern(r->path)) {
			*why = "exec rule needs a valid absolute path pattern";
			return -EINVAL;
		}
		if (r->target && !dmzg_valid_name(r->target)) {
			*why = "invalid transition profile name";
			return -EINVAL;
		}
		break;
	case DMZG_RULE_WRITE:
		if (!r->path || !valid_path_pattern(r->path)) {
			*why = "write rule needs a valid absolute path pattern";
			return -EINVAL;
		}
		if (r->target) {
			*why = "only exec rules take a transition";
			return -EINVAL;
		}
		break;
	case DMZG_RULE_UNIX:
		if (!r->path) {
			*why = "unix rule needs a socket path";
			return -EINVAL;
		}
		if (r->path[0] == '@') {
			if (dmzg_glob_has_wildcard(r->path, strlen(r->path))) {
				*why = "abstract unix socket names take no wildcards";
				return -EINVAL;
			}
		} else if (!valid_socket_pattern(r->path)) {
			*why = "unix rule needs a valid socket path pattern or @abstract name";
			return -EINVAL;
		}
		if (r->target) {
			*why = "only exec rules take a transition";
			return -EINVAL;
		}
		break;
	case DMZG_RULE_CONNECT:
	case DMZG_RULE_BIND:
		if (r->path || r->target) {
			*why = "network rules take no path or transition";
			return -EINVAL;
		}
		if (r->family != DMZG_FAMILY_V4 && r->family != DMZG_FAMILY_V6) {
			*why = "network rule needs an IPv4 or IPv6 address";
			return -EINVAL;
		}
		if (r->prefix > (r->family == DMZG_FAMILY_V4 ? 32 : 128)) {
			*why = "prefix length too long for the address family";
			return -EINVAL;
		}
		if (r->proto > DMZG_PROTO_MAX) {
			*why = "unknown protocol";
			return -EINVAL;
		}
		if (r->port_lo > r->port_hi) {
			*why = "port range ends before it starts";
			return -EINVAL;
		}
		/* Host bits must be clear, so show prints what was loaded. */
		if (!host_bits_clear(r)) {
			*why = "address has host bits set beyond its prefix";
			return -EINVAL;
		}
		break;
	default:
		*why = "unknown rule operation";
		return -EINVAL;
	}
	if (r->action > DMZG_DENY) {
		*why = "unknown rule action";
		return -EINVAL;
	}
	return 0;
}

/**
 * dmzg_src_add_rule() - validate a rule and append a copy to a profile
 * @src: policy the profile belongs to (for limits and accounting)
 * @prof: profile
 * @rule: rule; its strings are copied
 * @why: set to a static reason on error
 *
 * Return: 0, -EINVAL for an invalid rule, -E2BIG past a limit, -ENOMEM.
 */
int dmzg_src_add_rule(struct dmzg_src_policy *src,
		      struct dmzg_src_profile *prof,
		      const struct dmzg_src_rule *rule, const char **why)
{
	struct dmzg_src_rule *r;
	size_t bytes = sizeof(*r);
	int ret;

	ret = check_rule(rule, why);
	if (ret)
		return ret;
	if (prof->nrules >= DMZG_MAX_RULES) {
		*why = "too many rules in one profile (limit 200000)";
		return -E2BIG;
	}
	if (src->nrules >= DMZG_MAX_TOTAL_RULES) {
		*why = "too many rules in the policy (limit 500000)";
		return -E2BIG;
	}
	if (rule->path)
		bytes += strlen(rule->path) + 1;
	if (rule->target)
		bytes += strlen(rule->target) + 1;
	if (charge(src, bytes, why))
		return -E2BIG;
	if (prof->nrules == prof->capacity) {
		u32 ncap = prof->capacity ? prof->capacity * 2 : 16;
		struct dmzg_src_rule *nr;

		nr = kvmalloc_array(ncap, sizeof(*nr), GFP_KERNEL);
		if (!nr)
			goto nomem;
		if (prof->nrules)
			memcpy(nr, prof->rules,
			       prof->nrules * sizeof(*nr));
		kvfree(prof->rules);
		prof->rules = nr;
		prof->capacity = ncap;
	}
	r = &prof->rules[prof->nrules];
	*r = *rule;
	r->path = NULL;
	r->target = NULL;
	if (rule->path) {
		r->path = kstrdup(rule->path, GFP_KERNEL);
		if (!r->path)
			goto nomem;
	}
	if (rule->target) {
		r->target = kstrdup(rule->target, GFP_KERNEL);
		if (!r->target) {
			kfree(r->path);
			goto nomem;
		}
	}
	prof->nrules++;
	src->nrules++;
	return 0;

nomem:
	src->bytes -= bytes;
	*why = "out of memory";
	return -ENOMEM;
}
