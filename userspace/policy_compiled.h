/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The compiled policy's layout, for the files that build and read it
 * (policy_compile.c, replay_decide.c); they are compiled with kshim/ on
 * the include path.  profile_compiled holds the fields of struct
 * dmzg_profile (kmod/policy.h) that decisions read.
 */
#ifndef DMZG_POLICY_COMPILED_H
#define DMZG_POLICY_COMPILED_H

#include "../kmod/match_net.h"
#include "../kmod/match_path.h"
#include "policy.h"

struct profile_compiled {
	const struct profile *src;	/* name, mode, defaults */
	u64 cap_denied;			/* capabilities refused */
	u32 sock_allowed;		/* socket classes allowed */
	struct dmzg_path_set exec, unix_paths;
	/* write rules; those without "**", the only ones kernel files obey */
	struct dmzg_path_set write, write_named;
	struct dmzg_net_set connect, bind;
};

struct policy_compiled {
	const struct policy *src;
	struct profile_compiled *profiles;	/* in @src's order */
	size_t n;
};

/* The profile called @name, or NULL. */
const struct profile_compiled *
policy_compiled_find(const struct policy_compiled *pc, const char *name);

#endif
