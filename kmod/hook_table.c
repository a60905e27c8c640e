// SPDX-License-Identifier: GPL-2.0
/*
 * Which security_* functions dmzguard hooks.  One ftrace_ops installs all
 * of them at once; the order is the ftrace thunk's search order, so the
 * hottest functions (capability checks, opens, sends) come first.
 */
#include <linux/binfmts.h>

#include "hooks.h"

struct dmzg_hook dmzg_hooks[] = {
	DMZG_HOOK("security_capable", dmzg_hook_capable, &dmzg_orig_capable),
	DMZG_HOOK("security_file_open", dmzg_hook_file_open,
		  &dmzg_orig_file_open),
	DMZG_HOOK("security_socket_sendmsg", dmzg_hook_socket_sendmsg,
		  &dmzg_orig_socket_sendmsg),
	DMZG_HOOK("security_task_alloc", dmzg_hook_task_alloc,
		  &dmzg_orig_task_alloc),
	DMZG_HOOK("security_task_free", dmzg_hook_task_free,
		  &dmzg_orig_task_free),
	DMZG_HOOK("security_bprm_check", dmzg_hook_bprm_check,
		  &dmzg_orig_bprm_check),
	DMZG_HOOK("security_bprm_committed_creds",
		  dmzg_hook_bprm_committed_creds,
		  &dmzg_orig_bprm_committed_creds),
	DMZG_HOOK("security_socket_create", dmzg_hook_socket_create,
		  &dmzg_orig_socket_create),
	DMZG_HOOK("security_socket_connect", dmzg_hook_socket_connect,
		  &dmzg_orig_socket_connect),
	DMZG_HOOK("security_socket_bind", dmzg_hook_socket_bind,
		  &dmzg_orig_socket_bind),
	DMZG_HOOK("security_socket_listen", dmzg_hook_socket_listen,
		  &dmzg_orig_socket_listen),
	DMZG_HOOK("security_file_receive", dmzg_hook_file_receive,
		  &dmzg_orig_file_receive),
	DMZG_HOOK("security_ptrace_access_check",
		  dmzg_hook_ptrace_access_check,
		  &dmzg_orig_ptrace_access_check),
	DMZG_HOOK("security_path_rename", dmzg_hook_path_rename,
		  &dmzg_orig_path_rename),
	DMZG_HOOK("security_path_link", dmzg_hook_path_link,
		  &dmzg_orig_path_link),
};

const int dmzg_hooks_count = ARRAY_SIZE(dmzg_hooks);
