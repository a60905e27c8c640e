// SPDX-License-Identifier: GPL-2.0
/*
 * The state the checks and the hook mechanism share: each hook's name,
 * site and proof, and the count of checks in flight.  Its own file so
 * that the checks need nothing of the mechanism that calls them.
 */
#include "hooks.h"

DEFINE_PER_CPU(long, dmzg_inflight);

#define DMZG_HOOK_ENTRY(_name, _nargs) \
	[DMZG_HOOK_##_name] = { .name = "security_" #_name },

struct dmzg_hook dmzg_hooks[DMZG_NR_HOOKS] = {
	DMZG_HOOK_LIST(DMZG_HOOK_ENTRY)
};
