/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmzg-probe (probe_main.c): what the files that implement its actions
 * share.  An action is a list of words, its name first ("connect tcp
 * 127.0.0.1 4444"); it writes its outcome ("OK", "ERR <ERRNO-NAME>", ...)
 * into a buffer and returns 0 when it did what it was asked.
 */
#ifndef DMZG_PROBE_H
#define DMZG_PROBE_H

#include <stddef.h>

struct act {
	int n;		/* words in a[], the action's name included */
	char **a;
	char *out;	/* the outcome, size bytes */
	size_t size;
	int how;	/* the command table's variant of the action */
};

typedef int act_fn(struct act *x);

/* The ways to execute a file (probe_exec.c), one command each. */
enum exec_how {
	EXEC_PATH,		/* exec: execv */
	EXEC_FD,		/* fexecve: of an fd opened on the path */
	EXEC_MEMFD,		/* memfd-exec: fexecve of a memfd copy */
	EXEC_AT_DIR,		/* execveat: a directory fd and the name */
	EXEC_PROC_FD,		/* procfd-exec: /proc/self/fd/N */
	EXEC_AT_EMPTY,		/* execveat-empty: AT_EMPTY_PATH */
	EXEC_DELETED,		/* deleted-exec: a copy deleted after open */
	EXEC_LOOKUP,		/* execp: a PATH lookup */
	EXEC_CHROOT,		/* chroot-exec: DIR PATH ARGV0...: chroot, exec */
	EXEC_TRACED,		/* traced-exec: traced by its parent, exec */
	EXEC_NNP,		/* nnp-exec: under PR_SET_NO_NEW_PRIVS, exec */
	EXEC_AFTER_FAILED,	/* exec-after-failed: BAD PATH ARGV0...: exec
				 * BAD (it must fail), then PATH in the same task */
	EXEC_AFTER_ACTION,	/* exec-after-action: ACTION... -- PATH ARGV0...:
				 * ACTION, then (if it gave OK) PATH in the same
				 * task, which exits 124 if it did not */
};

/* probe_main.c */
int action(int n, char **a, char *out, size_t size);
int run_action(struct act *x);
int report(int ok, char *out, size_t size);

/* probe_task.c: how an action is run */
act_fn act_repeat, act_thread, act_child;

/* probe_exec.c */
act_fn act_exec, act_secure;

/* probe_file.c */
int write_file(const char *path, const char *data);
act_fn act_read, act_write, act_copy, act_rename, act_link, act_mount_bind, act_fs;

/* probe_net.c */
int pass_fd(const char *path, const char *host, const char *port);
act_fn act_net, act_connect_many, act_sctp, act_reconnect, act_scm_recv, act_socket,
	act_sockopt, act_unix, act_unshare_net, act_setns;

/* probe_escalate.c */
act_fn act_poke, act_bpf, act_kexec, act_ptrace, act_delete_module,
	act_finit_module;

/* probe_daemon.c: the probe as the test daemon, its client, its load */
int serve(int port);
int ask(int port, int n, char **a);
int storm(const char *stop);
int stress_worker(const char *stop, int closed_only);
int fork_storm(int n, int closed);

#endif
