/* SPDX-License-Identifier: GPL-2.0 */
/* Hooked only while a policy is loaded (see hook_arm.c). */
#ifndef _DMZG_HOOK_ARM_H
#define _DMZG_HOOK_ARM_H

int dmzg_hooks_load(void);
int dmzg_hooks_need(const char **why);
void dmzg_hooks_idle(void);
void dmzg_hooks_unload(void);
unsigned int dmzg_hooks_called_directly(void);

#endif /* _DMZG_HOOK_ARM_H */
