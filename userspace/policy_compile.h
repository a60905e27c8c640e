/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A parsed policy compiled into the module's own rule sets (kmod/
 * match_path.c, match_net.c, hidx.c, built here through kshim/), so that
 * dmzguardctl decides exactly as the module would, as kmod/policy.c
 * compiles a loaded policy.  Opaque here: only the files built with
 * kshim/ see its layout (policy_compiled.h).
 */
#ifndef DMZG_POLICY_COMPILE_H
#define DMZG_POLICY_COMPILE_H

#include "policy.h"

struct policy_compiled;

/* Compile @pol, which must outlive the result.  NULL: out of memory. */
struct policy_compiled *policy_compile(const struct policy *pol);
void policy_compiled_free(struct policy_compiled *pc);

#endif
