/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every hooked security_NAME() function, and what the hook files need to
 * define their checks.  Each hooks_*.c file defines dmzg_check_NAME()
 * for its functions with DMZG_DEFINE_HOOK(); hook_direct.c builds the
 * trampoline's dispatch from DMZG_HOOK_LIST, in its order: the most
 * frequent calls first, since the trampoline compares the call site with
 * each in turn.
 */
#ifndef _DMZG_HOOKS_H
#define _DMZG_HOOKS_H

#include <linux/compiler.h>
#include <linux/percpu.h>
#include <linux/types.h>

#define DMZG_HOOK_LIST(X)						\
	X(socket_sendmsg)						\
	X(capable)							\
	X(file_open)							\
	X(task_alloc)							\
	X(task_free)							\
	X(socket_create)						\
	X(bprm_check)							\
	X(bprm_committed_creds)						\
	X(socket_connect)						\
	X(unix_stream_connect)						\
	X(unix_may_send)						\
	X(socket_bind)							\
	X(socket_listen)						\
	X(file_receive)							\
	X(ptrace_access_check)						\
	X(path_rename)							\
	X(path_link)							\
	X(path_mknod)							\
	X(path_unlink)							\
	X(path_truncate)						\
	X(path_mkdir)							\
	X(path_rmdir)							\
	X(path_symlink)							\
	X(path_chmod)							\
	X(path_chown)							\
	X(socket_setsockopt)

#define DMZG_HOOK_ID(_name) DMZG_HOOK_##_name,

enum dmzg_hook_id {
	DMZG_HOOK_LIST(DMZG_HOOK_ID)
	DMZG_NR_HOOKS
};

/**
 * struct dmzg_hook - one hooked function
 * @name: the security_*() function
 * @site: its fentry call's address, found at install
 * @seen: its check ran since install (the proof at load)
 * @direct: @site calls the trampoline itself (no other ftrace user
 *	shares the function; otherwise ftrace's trampoline returns into ours)
 */
struct dmzg_hook {
	const char *name;
	unsigned long site;
	bool seen;
	bool direct;
};

extern struct dmzg_hook dmzg_hooks[DMZG_NR_HOOKS];

/*
 * Checks in flight, so that unload waits for them: a check may sleep,
 * which an RCU-tasks grace period alone would not wait for.
 */
DECLARE_PER_CPU(long, dmzg_inflight);

static __always_inline void dmzg_enter(enum dmzg_hook_id id)
{
	this_cpu_inc(dmzg_inflight);
	if (unlikely(!READ_ONCE(dmzg_hooks[id].seen)))
		WRITE_ONCE(dmzg_hooks[id].seen, true);
}

static __always_inline void dmzg_leave(void)
{
	this_cpu_dec(dmzg_inflight);
}

/*
 * Define dmzg_check_NAME(PARAMS), which the trampoline calls with the
 * arguments of an int-returning security_NAME(): @check(ARGS) decides;
 * 0 lets the function run, an error is its return value.
 */
#define DMZG_DEFINE_HOOK(_name, _check, _params, _args)			\
int dmzg_check_##_name _params;						\
int notrace dmzg_check_##_name _params					\
{									\
	int ret;							\
									\
	dmzg_enter(DMZG_HOOK_##_name);					\
	ret = _check _args;						\
	dmzg_leave();							\
	return ret;							\
}

/* The same for a void security_NAME(): @before(ARGS), then the function. */
#define DMZG_DEFINE_VOID_HOOK(_name, _before, _params, _args)		\
int dmzg_check_##_name _params;						\
int notrace dmzg_check_##_name _params					\
{									\
	dmzg_enter(DMZG_HOOK_##_name);					\
	_before _args;							\
	dmzg_leave();							\
	return 0;							\
}

#endif /* _DMZG_HOOKS_H */
