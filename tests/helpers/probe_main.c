// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: the VM tests' stand-in for an attacked daemon.  It performs
 * one action (exec a program, connect, send, bind, ptrace, load a module
 * ...) and prints "OK" or "ERR <ERRNO-NAME>".  "serve PORT" turns it into
 * a small daemon on 127.0.0.1:PORT that performs the action written on
 * each connection, which is how the tests play the FTP-exploit story:
 * the attacker's commands run inside the confined daemon.
 *
 * This file holds the command table; the actions are in probe_exec.c,
 * probe_file.c, probe_net.c and probe_escalate.c, the ways to run one
 * (a thread, a child, a new user namespace, repeated) in probe_task.c,
 * and the daemon, its client and the stress loads in probe_daemon.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

static const char *errname(int e)
{
	switch (e) {
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EINVAL: return "EINVAL";
	case ENOMEM: return "ENOMEM";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case EADDRINUSE: return "EADDRINUSE";
	case ENETUNREACH: return "ENETUNREACH";
	case EINPROGRESS: return "EINPROGRESS";
	case ENOEXEC: return "ENOEXEC";
	case ESRCH: return "ESRCH";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENOSYS: return "ENOSYS";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	default: return strerror(e);
	}
}

/* "OK" for ok >= 0, else "ERR <errno>"; 0 or 1.  out may be NULL. */
int report(int ok, char *out, size_t size)
{
	if (!out)
		return ok >= 0 ? 0 : 1;
	if (ok >= 0)
		snprintf(out, size, "OK");
	else
		snprintf(out, size, "ERR %s", errname(errno));
	return ok >= 0 ? 0 : 1;
}

static int act_ping(struct act *x)
{
	snprintf(x->out, x->size, "OK");
	return 0;
}

/* Every action: its name, the words it needs (its name included). */
static const struct command {
	const char *name;
	int min;
	act_fn *fn;
	int how;
} commands[] = {
	{ "ping", 1, act_ping, 0 },
	{ "exec", 2, act_exec, EXEC_PATH },
	{ "fexecve", 2, act_exec, EXEC_FD },
	{ "memfd-exec", 2, act_exec, EXEC_MEMFD },
	{ "execveat", 2, act_exec, EXEC_AT_DIR },
	{ "procfd-exec", 2, act_exec, EXEC_PROC_FD },
	{ "execveat-empty", 2, act_exec, EXEC_AT_EMPTY },
	{ "deleted-exec", 2, act_exec, EXEC_DELETED },
	{ "execp", 2, act_exec, EXEC_LOOKUP },
	{ "chroot-exec", 4, act_exec, EXEC_CHROOT },
	{ "traced-exec", 2, act_exec, EXEC_TRACED },
	{ "nnp-exec", 2, act_exec, EXEC_NNP },
	{ "exec-after-failed", 4, act_exec, EXEC_AFTER_FAILED },
	{ "exec-after-action", 4, act_exec, EXEC_AFTER_ACTION },
	{ "secure", 1, act_secure, 0 },
	{ "connect", 1, act_net, 0 },
	{ "connect-many", 4, act_connect_many, 0 },
	{ "sendto", 1, act_net, 0 },
	{ "fastopen", 1, act_net, 0 },
	{ "bind", 1, act_net, 0 },
	{ "listen", 1, act_net, 0 },
	{ "listen-unbound", 1, act_net, 0 },
	{ "sendmsg", 1, act_net, 0 },
	{ "sendmmsg", 1, act_net, 0 },
	{ "tfo-connect", 1, act_net, 0 },
	{ "uring-connect", 1, act_net, 0 },
	{ "uring-sendmsg", 1, act_net, 0 },
	{ "sctp", 1, act_sctp, 0 },
	{ "reconnect", 1, act_reconnect, 0 },
	{ "scm-recv", 2, act_scm_recv, 0 },
	{ "socket", 2, act_socket, 0 },
	{ "sockopt", 2, act_sockopt, 0 },
	{ "unix", 2, act_unix, 0 },
	{ "unshare-net", 1, act_unshare_net, 0 },
	{ "setns", 2, act_setns, 0 },
	{ "read", 2, act_read, 0 },
	{ "write", 3, act_write, 0 },
	{ "fs", 3, act_fs, 0 },
	{ "copy", 3, act_copy, 0 },
	{ "rename", 3, act_rename, 0 },
	{ "link", 3, act_link, 0 },
	{ "mount-bind", 3, act_mount_bind, 0 },
	{ "vm-write", 2, act_poke, 0 },
	{ "mem-write", 2, act_poke, 0 },
	{ "bpf", 1, act_bpf, 0 },
	{ "kexec", 1, act_kexec, 0 },
	{ "ptrace", 2, act_ptrace, 0 },
	{ "delete-module", 2, act_delete_module, 0 },
	{ "finit-module", 2, act_finit_module, 0 },
	{ "repeat", 3, act_repeat, 0 },
	{ "thread", 2, act_thread, 0 },
	{ "fork", 2, act_child, 0 },
	{ "userns", 2, act_child, 0 },
};

int run_action(struct act *x)
{
	if (x->n < 1) {
		snprintf(x->out, x->size, "USAGE");
		return 3;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct command *c = &commands[i];

		if (x->n >= c->min && !strcmp(x->a[0], c->name)) {
			x->how = c->how;
			return c->fn(x);
		}
	}
	snprintf(x->out, x->size, "USAGE unknown action '%s'", x->a[0]);
	return 3;
}

int action(int n, char **a, char *out, size_t size)
{
	struct act x = { .n = n, .a = a, .out = out, .size = size };

	return run_action(&x);
}

/* runas UID PATH ARGS...: drop to UID (and GID = UID), exec */
static int runas(char **argv)
{
	uid_t uid = (uid_t)atoi(argv[0]);

	if (setgroups(0, NULL) || setgid(uid) || setuid(uid)) {
		perror("runas");
		return 1;
	}
	execv(argv[1], argv + 1);
	perror("runas: exec");
	return 1;
}

/*
 * script CMD ARGS [-- CMD ARGS]...: run each command in turn from this
 * process, which a policy may not confine even when it confines the
 * shell that started it.
 */
static int script(int argc, char **argv)
{
	int i = 0, rc = 0;

	while (i < argc) {
		int j = i, status;
		pid_t pid;

		while (j < argc && strcmp(argv[j], "--"))
			j++;
		argv[j < argc ? j : argc] = NULL;
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			execv(argv[i], argv + i);
			perror("script: exec");
			_exit(127);
		}
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			rc = 1;
		i = j + 1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	char out[256];
	int r;

	if (argc >= 3 && !strcmp(argv[1], "serve"))
		return serve(atoi(argv[2]));
	if (argc >= 4 && !strcmp(argv[1], "ask"))
		return ask(atoi(argv[2]), argc - 3, argv + 3);
	if (argc >= 4 && !strcmp(argv[1], "runas"))
		return runas(argv + 2);
	if (argc >= 3 && !strcmp(argv[1], "script"))
		return script(argc - 2, argv + 2);
	if (argc >= 5 && !strcmp(argv[1], "pass-fd"))
		return pass_fd(argv[2], argv[3], argv[4]);
	if (argc >= 3 && !strcmp(argv[1], "storm"))
		return storm(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "stress-worker"))
		return stress_worker(argv[2],
				     argc >= 4 && !strcmp(argv[3], "closed"));
	if (argc >= 3 && !strcmp(argv[1], "fork-storm"))
		return fork_storm(atoi(argv[2]),
				  argc >= 4 && !strcmp(argv[3], "closed"));
	if (argc >= 2 && !strcmp(argv[1], "sleep")) {
		pause();
		return 0;
	}
	r = action(argc - 1, argv + 1, out, sizeof(out));
	puts(out);
	return r;
}
