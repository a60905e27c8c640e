/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A parsed policy compiled into the module's own rule sets (kmod/
 * match_path.c, match_net.c, hidx.c, built here through kshim/), so that
 * dmzguardctl decides exactly as the module would.  This mirrors what
 * kmod/policy.c does with a loaded policy: profile_compiled holds the
 * fields of struct dmzg_profile that decisions read.
 */
#ifndef DMZG_POLICY_COMPILE_H
#define DMZG_POLICY_COMPILE_H

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

/* Compile @pol, which must outlive @pc.  Return: 0, or -1 (no memory). */
int policy_compile(struct policy_compiled *pc, const struct policy *pol);
void policy_compiled_free(struct policy_compiled *pc);
/* The profile called @name, or NULL. */
const struct profile_compiled *
policy_compiled_find(const struct policy_compiled *pc, const char *name);

#endif
