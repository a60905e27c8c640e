/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hook tables, one per hook file; main.c installs them together.
 */
#ifndef _DMZG_HOOKS_H
#define _DMZG_HOOKS_H

#include "ftrace_redirect.h"

extern const struct dmzg_hook_set dmzg_exec_hooks;
extern const struct dmzg_hook_set dmzg_file_hooks;
extern const struct dmzg_hook_set dmzg_net_hooks;
extern const struct dmzg_hook_set dmzg_task_hooks;

#endif /* _DMZG_HOOKS_H */
