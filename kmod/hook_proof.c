// SPDX-License-Identifier: GPL-2.0
/*
 * The proof at load: a hook that is registered but never entered (a site
 * the kernel does not use, a function inlined away, a mechanism that does
 * not work on this kernel) would leave dmzguard checking nothing while it
 * reports itself loaded.  So load runs a small program that makes every
 * hooked call once, and refuses to finish unless every trampoline was
 * entered.
 */
#include <linux/delay.h>
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <linux/umh.h>

#include "hooks.h"
#include "hook_proof.h"

static char hookprobe[256] = "/usr/libexec/dmzguard/hookprobe";
module_param_string(hookprobe, hookprobe, sizeof(hookprobe), 0444);
MODULE_PARM_DESC(hookprobe,
		 "program run at load that makes every hooked call once");

/* The hookprobe's exit codes: the step it could not perform. */
static const char *const dmzg_probe_steps[] = {
	[1] = "open a file",
	[2] = "fork",
	[3] = "read a child's /proc/PID/environ (is /proc mounted?)",
	[4] = "create, bind and listen on a unix socket",
	[5] = "connect a unix socket",
	[6] = "set SO_PRIORITY above 6",
	[7] = "pass a file descriptor over the socket",
	[8] = "make a scratch directory (in /run, /dev/shm or /tmp)",
	[9] = "link and rename in the scratch directory",
	[10] = "create and bind a unix datagram socket",
	[11] = "truncate, chmod, chown, mkdir, symlink or rmdir in the scratch directory",
};

static unsigned int missing(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < DMZG_NR_HOOKS; i++)
		n += !READ_ONCE(dmzg_hooks[i].seen);
	return n;
}

static void explain(int status)
{
	int code = (status >> 8) & 0xff;

	if (status & 0x7f)
		pr_err("%s was killed by signal %d\n", hookprobe, status & 0x7f);
	else if (code > 0 && code < ARRAY_SIZE(dmzg_probe_steps) &&
		 dmzg_probe_steps[code])
		pr_err("%s could not %s (exit status %d)\n", hookprobe,
		       dmzg_probe_steps[code], code);
	else if (code)
		pr_err("%s exited with status %d\n", hookprobe, code);
}

/**
 * dmzg_hooks_prove() - refuse to go on unless every hook is entered
 *
 * Runs the hookprobe program (module parameter hookprobe=PATH) and waits
 * until every armed hook has been entered at least once since, by it or
 * by anything else on the machine.  A task's last reference may be dropped
 * after an RCU grace period, so security_task_free() gets a few seconds.
 *
 * Return: 0, or a negative errno after naming each hook that never fired.
 */
int dmzg_hooks_prove(void)
{
	char path_env[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
	char *argv[2], *envp[2];
	unsigned int i, waited;
	int status;

	/* Only entries from now on count. */
	for (i = 0; i < DMZG_NR_HOOKS; i++)
		WRITE_ONCE(dmzg_hooks[i].seen, false);
	argv[0] = hookprobe;
	argv[1] = NULL;
	envp[0] = path_env;
	envp[1] = NULL;
	status = call_usermodehelper(hookprobe, argv, envp,
				     UMH_WAIT_PROC | UMH_KILLABLE);
	if (status < 0) {
		pr_err("cannot prove the hooks: cannot run %s (error %d); install it or load with hookprobe=PATH\n",
		       hookprobe, status);
		return status;
	}
	for (waited = 0; missing() && waited < 5000; waited += 20) {
		rcu_barrier();
		msleep(20);
	}
	if (!missing())
		return 0;
	explain(status);
	for (i = 0; i < DMZG_NR_HOOKS; i++) {
		const struct dmzg_hook *h = &dmzg_hooks[i];

		if (!READ_ONCE(h->seen))
			pr_err("hook %s did not fire when %s called it (site %pS %s): refusing to load, nothing would be checked there\n",
			       h->name, hookprobe, (void *)h->site,
			       h->direct ? "calls the trampoline" :
			       "is shared with another ftrace user");
	}
	return -EOPNOTSUPP;
}
