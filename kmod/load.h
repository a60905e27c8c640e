/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The load transaction: a policy source built up profile by profile and
 * rule by rule by one owner (a netlink socket, by port id), then compiled
 * and swapped in at once.  Nothing here knows the wire format.
 */
#ifndef _DMZG_LOAD_H
#define _DMZG_LOAD_H

#include <linux/types.h>

struct dmzg_src_profile;
struct dmzg_src_rule;

/* What a commit made active, for the reply. */
struct dmzg_load_summary {
	u64 generation;
	u32 nprofiles, nrules;
	u64 bytes;
};

int dmzg_load_begin(u32 owner, const char **why);
int dmzg_load_profile(u32 owner, struct dmzg_src_profile *prof,
		      const char **why);
int dmzg_load_rules(u32 owner, const char *profile,
		    const struct dmzg_src_rule *rules, u32 n, u32 *bad,
		    const char **why);
/* What a commit may do, and the policy it expects to replace. */
struct dmzg_commit_opts {
	bool force;		/* may leave out profiles that confine tasks */
	bool expect;		/* @generation must be the active one */
	u64 generation;		/* 0: no policy loaded */
	u32 confirm_seconds;	/* 0: no confirmation needed */
};

int dmzg_load_commit(u32 owner, const struct dmzg_commit_opts *opts,
		     struct dmzg_load_summary *sum, const char **why);
int dmzg_load_confirm(const char **why);
void dmzg_load_cleared(void);
u32 dmzg_load_confirm_left(void);
int dmzg_load_abort(u32 owner, const char **why);
void dmzg_load_invalid(u32 owner);
void dmzg_load_released(u32 owner);
bool dmzg_load_active(void);
void dmzg_load_exit(void);

#endif /* _DMZG_LOAD_H */
