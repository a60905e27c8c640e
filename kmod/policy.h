/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy in two forms: the source form a load transaction accumulates
 * (lists of rules, validated one by one as they arrive), and the compiled,
 * immutable snapshot that decisions read under RCU.
 */
#ifndef _DMZG_POLICY_H
#define _DMZG_POLICY_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "hidx.h"
#include "match_net.h"
#include "match_path.h"
#include "rule_hits.h"
#include "uapi/dmzguard.h"

struct dmzg_src_rule {
	u8 op;			/* enum dmzg_rule_op */
	u8 action;		/* enum dmzg_action */
	u8 proto;		/* enum dmzg_proto, net rules */
	u8 family;		/* DMZG_FAMILY_V4/V6, net rules */
	u8 prefix;
	u16 port_lo, port_hi;
	u8 addr[16];
	char *path;		/* exec and unix rules */
	char *target;		/* exec transition, or NULL */
};

struct dmzg_src_profile {
	struct list_head list;
	char name[DMZG_NAME_MAX];
	u8 mode;
	u8 defaults[__DMZG_RULE_MAX];	/* enum dmzg_action, by rule op */
	u64 cap_allow, cap_deny;
	u32 sock_allow, sock_deny;
	char **attach;
	u32 nattach;
	struct dmzg_src_rule *rules;
	u32 nrules, capacity;
};

struct dmzg_src_policy {
	struct list_head profiles;
	u32 nprofiles, nrules;
	size_t bytes;
};

struct dmzg_profile {
	char name[DMZG_NAME_MAX];
	u8 mode;		/* READ_ONCE/WRITE_ONCE: switched live */
	u8 defaults[__DMZG_RULE_MAX];	/* enum dmzg_action, by rule op */
	u64 cap_allow, cap_deny, cap_denied;
	u32 sock_allow, sock_deny, sock_allowed;
	char **attach;
	u32 nattach;
	struct dmzg_path_set exec, unix_paths;
	/* write rules; those without "**", the only ones kernel files obey */
	struct dmzg_path_set write, write_named;
	struct dmzg_net_set connect, bind;
	u32 nrules;
	/* by rule, in the order exec, unix, write, connect, bind */
	struct dmzg_rule_hits *hits;
	/* decisions no rule made, by enum dmzg_rule_op */
	struct dmzg_rule_hits default_hits[__DMZG_RULE_MAX];
	atomic64_t decisions, denials;
};

struct dmzg_policy {
	u64 generation;
	u64 compile_ns;		/* time dmzg_policy_build() took, for the log */
	u32 nprofiles, nrules;
	size_t bytes;
	struct dmzg_profile *profiles;
	struct dmzg_path_set attach;	/* target = profile index */
	struct dmzg_hidx names;		/* value = profile index */
	struct rcu_head rcu;
};

void dmzg_src_init(struct dmzg_src_policy *src);
void dmzg_src_free(struct dmzg_src_policy *src);
bool dmzg_valid_name(const char *name);
struct dmzg_src_profile *dmzg_src_find(struct dmzg_src_policy *src,
				       const char *name);
int dmzg_src_add_profile(struct dmzg_src_policy *src,
			 struct dmzg_src_profile *prof, const char **why);
void dmzg_src_profile_free(struct dmzg_src_profile *prof);
int dmzg_src_add_rule(struct dmzg_src_policy *src,
		      struct dmzg_src_profile *prof,
		      const struct dmzg_src_rule *rule, const char **why);

struct dmzg_policy *dmzg_policy_build(const struct dmzg_src_policy *src,
				      const char **why);
void dmzg_policy_free(struct dmzg_policy *pol);
void dmzg_policy_renumber(struct dmzg_policy *pol);
void dmzg_policy_carry_hits(struct dmzg_policy *dst,
			    const struct dmzg_policy *src);
u32 dmzg_profile_rule_at(const struct dmzg_profile *p, u32 i,
			 const struct dmzg_path_rule **pr,
			 const struct dmzg_net_rule **nr);
int dmzg_policy_find(const struct dmzg_policy *pol, const char *name);
int dmzg_policy_attach_match(const struct dmzg_policy *pol, const char *path,
			     size_t len);

#endif /* _DMZG_POLICY_H */
