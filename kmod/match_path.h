/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A compiled set of path rules (exec rules, unix socket rules, attach
 * patterns).  Exact paths are found by hash; patterns are found by hashing
 * each directory prefix of the path and testing only the patterns anchored
 * there, so a lookup never scans the rule list.
 */
#ifndef _DMZG_MATCH_PATH_H
#define _DMZG_MATCH_PATH_H

#include <linux/types.h>

#include "hidx.h"

#define DMZG_NO_TARGET U16_MAX

struct dmzg_rule_hits;

struct dmzg_path_rule {
	char *path;		/* NUL-terminated, owned by the set */
	u32 len;
	u8 action;		/* enum dmzg_action */
	u16 target;		/* profile index or DMZG_NO_TARGET */
	struct dmzg_rule_hits *hits;	/* owned by the profile, or NULL */
};

struct dmzg_path_set {
	struct dmzg_path_rule *rules;	/* in policy order */
	u32 n;
	struct dmzg_hidx exact;		/* key: the whole path */
	struct dmzg_hidx anchored;	/* key: pattern anchor */
};

/* Outcome of a lookup; DMZG_ALLOW and DMZG_DENY come from the uAPI. */
#define DMZG_NO_MATCH (-1)

int dmzg_path_set_build(struct dmzg_path_set *set,
			struct dmzg_path_rule *rules, u32 n);
void dmzg_path_set_free(struct dmzg_path_set *set);
size_t dmzg_path_set_bytes(const struct dmzg_path_set *set);
int dmzg_path_set_match(const struct dmzg_path_set *set, const char *path,
			size_t len, const struct dmzg_path_rule **hit);
bool dmzg_path_set_allows_under(const struct dmzg_path_set *set,
				const char *dir, size_t len);

/* The profile an exec rule moves to, DMZG_NO_TARGET without one. */
static inline u16 dmzg_path_rule_target(const struct dmzg_path_rule *r)
{
	return r ? r->target : DMZG_NO_TARGET;
}

#endif /* _DMZG_MATCH_PATH_H */
