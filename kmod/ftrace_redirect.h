/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The redirect mechanism: a module cannot register LSM hooks on a running
 * kernel, so each hooked security_*() function is redirected with ftrace
 * to a wrapper in this module, which decides and then calls the original.
 * Each hook file declares its own table of wrappers; this is the only
 * code that knows how the redirect is made.
 */
#ifndef _DMZG_FTRACE_REDIRECT_H
#define _DMZG_FTRACE_REDIRECT_H

#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/types.h>

/**
 * struct dmzg_hook - one redirected function
 * @name: the security_*() function
 * @wrapper: the module function that replaces it
 * @orig: where the wrapper finds the original
 * @addr: the original's address, resolved at install
 */
struct dmzg_hook {
	const char *name;
	void *wrapper;
	void **orig;
	unsigned long addr;
};

/* The hooks of one file, installed together with every other file's. */
struct dmzg_hook_set {
	struct dmzg_hook *hooks;
	unsigned int n;
};

#define DMZG_HOOK_SET(_hooks) { .hooks = (_hooks), .n = ARRAY_SIZE(_hooks) }

/* The table entry for hook_NAME() and orig_NAME of security_NAME(). */
#define DMZG_HOOK(_name) {						\
	.name = "security_" #_name,					\
	.wrapper = hook_##_name,					\
	.orig = (void **)&orig_##_name,					\
}

/*
 * Wrappers in flight, so that unload waits for them.  Only the wrappers
 * touch it, through dmzg_enter() and dmzg_leave().
 */
DECLARE_PER_CPU(long, dmzg_inflight);

static inline void dmzg_enter(void)
{
	this_cpu_inc(dmzg_inflight);
}

static inline void dmzg_leave(void)
{
	this_cpu_dec(dmzg_inflight);
}

/*
 * Define orig_NAME and the wrapper hook_NAME(PARAMS) of an int-returning
 * security_NAME(): @check(ARGS) decides, and the original runs only when
 * it returned 0.  The original is called, never tail-jumped to: the thunk
 * lets a call through only when it comes from inside this module.
 */
#define DMZG_DEFINE_HOOK(_name, _check, _params, _args)			\
static int (*orig_##_name)_params;					\
static int hook_##_name _params						\
{									\
	int ret;							\
									\
	dmzg_enter();							\
	ret = _check _args;						\
	if (!ret)							\
		ret = orig_##_name _args;				\
	dmzg_leave();							\
	return ret;							\
}

/* The same for a void security_NAME(): @before(ARGS), then the original. */
#define DMZG_DEFINE_VOID_HOOK(_name, _before, _params, _args)		\
static void (*orig_##_name)_params;					\
static void hook_##_name _params					\
{									\
	dmzg_enter();							\
	_before _args;							\
	orig_##_name _args;						\
	dmzg_leave();							\
}

int dmzg_redirect_install(const struct dmzg_hook_set *const *sets,
			  unsigned int nsets);
void dmzg_redirect_remove(void);

#endif /* _DMZG_FTRACE_REDIRECT_H */
