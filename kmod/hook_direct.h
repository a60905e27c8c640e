/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hook mechanism.  A module cannot register LSM hooks on a running
 * kernel, so the fentry site of each hooked security_*() function
 * (hooks.h) gets a direct ftrace call to this module's trampoline.  The
 * trampoline saves the argument registers, finds which function called
 * it by its return address, calls that function's dmzg_check_NAME() with
 * the function's own arguments, and then either returns into the body (0:
 * the kernel goes on as if nothing happened) or, on a refusal, returns
 * straight to the function's caller with the error.
 *
 * Every call enters the module once, through no register-saving ftrace
 * code.  Nothing calls a kernel function through a pointer, and every
 * address this module hands to the kernel starts with ENDBR: safe under
 * IBT by construction (scripts/ibt-check.sh verifies the built module).
 */
#ifndef _DMZG_HOOK_DIRECT_H
#define _DMZG_HOOK_DIRECT_H

#include <linux/types.h>

/* Only ever entered from the hooked functions' fentry sites. */
void dmzg_trampoline(void);
/* A bare return: where a refused call goes, and a no-op call target. */
void dmzg_skip_body(void);
unsigned long dmzg_unknown_site(unsigned long ret);

int dmzg_hooks_install(void);
int dmzg_hooks_arm(void);
void dmzg_hooks_disarm(void);
bool dmzg_hooks_armed(void);
void dmzg_hooks_remove(void);

#endif /* _DMZG_HOOK_DIRECT_H */
