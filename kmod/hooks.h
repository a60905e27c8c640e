/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every hooked security_NAME() function, and what the hook files need to
 * define their checks.  Each hooks_*.c file defines dmzg_check_NAME()
 * for its functions with DMZG_DEFINE_HOOK(); hook_direct.c builds the
 * trampoline's dispatch from DMZG_HOOK_LIST, in its order: the calls of
 * the hottest paths first (a datagram's, a connect's two, then the five
 * of an exec), since the trampoline compares the call site with each in
 * turn.  Each entry gives the function's number of arguments,
 * each passed in a register: DMZG_DEFINE_HOOK() checks it against the
 * check's own.
 */
#ifndef _DMZG_HOOKS_H
#define _DMZG_HOOKS_H

#include <linux/compiler.h>
#include <linux/percpu.h>
#include <linux/types.h>

#define DMZG_HOOK_LIST(X)						\
	X(socket_sendmsg, 3)						\
	X(socket_create, 4)						\
	X(socket_connect, 3)						\
	X(file_open, 1)							\
	X(task_alloc, 2)						\
	X(task_free, 1)							\
	X(bprm_check, 1)						\
	X(bprm_committed_creds, 1)					\
	X(capable, 4)							\
	X(unix_stream_connect, 3)					\
	X(unix_may_send, 2)						\
	X(socket_bind, 3)						\
	X(socket_listen, 2)						\
	X(file_receive, 1)						\
	X(ptrace_access_check, 2)					\
	X(path_rename, 5)						\
	X(path_link, 3)							\
	X(path_mknod, 4)						\
	X(path_unlink, 2)						\
	X(path_truncate, 1)						\
	X(path_mkdir, 3)						\
	X(path_rmdir, 2)						\
	X(path_symlink, 3)						\
	X(path_chmod, 2)						\
	X(path_chown, 3)						\
	X(socket_setsockopt, 3)

#define DMZG_HOOK_ID(_name, _nargs) DMZG_HOOK_##_name,

enum dmzg_hook_id {
	DMZG_HOOK_LIST(DMZG_HOOK_ID)
	DMZG_NR_HOOKS
};

#define DMZG_HOOK_NARGS(_name, _nargs) DMZG_NARGS_##_name = _nargs,

/*
 * How many argument registers each function takes: all that the
 * trampoline saves around its check.
 */
enum dmzg_hook_nargs {
	DMZG_HOOK_LIST(DMZG_HOOK_NARGS)
};

/* The number of arguments in a list of at most six. */
#define DMZG_COUNT_ARGS(...) DMZG_COUNT_ARGS_(__VA_ARGS__, 6, 5, 4, 3, 2, 1)
#define DMZG_COUNT_ARGS_(_1, _2, _3, _4, _5, _6, _n, ...) _n

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
static_assert((DMZG_COUNT_ARGS _args) == DMZG_NARGS_##_name,	\
	      "hooks.h gives security_" #_name " another count");	\
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
static_assert((DMZG_COUNT_ARGS _args) == DMZG_NARGS_##_name,	\
	      "hooks.h gives security_" #_name " another count");	\
int dmzg_check_##_name _params;						\
int notrace dmzg_check_##_name _params					\
{									\
	dmzg_enter(DMZG_HOOK_##_name);					\
	_before _args;							\
	dmzg_leave();							\
	return 0;							\
}

#endif /* _DMZG_HOOKS_H */
