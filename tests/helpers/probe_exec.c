// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: executing a file, in each of the ways the kernel offers
 * (enum exec_how): by path, from an fd, from a memfd copy, by execveat
 * with a directory fd or AT_EMPTY_PATH, through /proc/self/fd/N, from a
 * copy deleted after open, by a PATH lookup, after a chroot, while traced,
 * under no_new_privs, and after an action of the task that executes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

/* In the child: try the exec; on failure send errno down errfd. */
static void exec_child(char **argv, int how, int errfd)
{
	int fd, err, devnull = open("/dev/null", O_RDWR);

	dup2(devnull, 0);
	dup2(devnull, 1);
	switch (how) {
	case EXEC_PATH:
		execv(argv[0], argv);
		break;
	case EXEC_FD:
		/* fexecve of an fd opened on the path */
		fd = open(argv[0], O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			fexecve(fd, argv, environ);
		break;
	case EXEC_MEMFD: {
		/* a memfd copy of the file */
		char buf[65536];
		ssize_t n;
		int src = open(argv[0], O_RDONLY);

		fd = memfd_create("payload", 0);
		while (src >= 0 && fd >= 0 &&
		       (n = read(src, buf, sizeof(buf))) > 0)
			if (write(fd, buf, n) != n)
				break;
		if (fd >= 0)
			fexecve(fd, argv, environ);
		break;
	}
	case EXEC_AT_DIR: {
		/* execveat(dirfd, name) */
		char *slash = strrchr(argv[0], '/');
		char dir[256];

		snprintf(dir, sizeof(dir), "%.*s",
			 (int)(slash - argv[0]), argv[0]);
		fd = open(dir[0] ? dir : "/", O_PATH | O_DIRECTORY);
		syscall(SYS_execveat, fd, slash + 1, argv, environ, 0);
		break;
	}
	case EXEC_AT_EMPTY:
		/* execveat(fd, "", AT_EMPTY_PATH) */
		fd = open(argv[0], O_PATH);
		syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);
		break;
	case EXEC_DELETED: {
		/* a copy, opened, deleted, then run from the fd */
		char tmp[] = "/tmp/m/del/probe-del-XXXXXX", buf[65536];
		int src = open(argv[0], O_RDONLY);
		ssize_t n;

		fd = mkstemp(tmp);
		while (src >= 0 && fd >= 0 &&
		       (n = read(src, buf, sizeof(buf))) > 0)
			if (write(fd, buf, n) != n)
				break;
		fchmod(fd, 0755);
		close(fd);
		fd = open(tmp, O_RDONLY);
		unlink(tmp);
		fexecve(fd, argv, environ);
		break;
	}
	case EXEC_LOOKUP:
		/* a PATH lookup */
		execvp(argv[0], argv);
		break;
	case EXEC_CHROOT:
		/* argv: DIR PATH ARGV0 ARGS: PATH as seen from the new root */
		if (!chroot(argv[0]) && !chdir("/"))
			execv(argv[1], argv + 2);
		break;
	case EXEC_TRACED:
		/* the parent is the tracer: act_exec() lets it go on */
		if (!ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			execv(argv[0], argv);
		break;
	case EXEC_NNP:
		if (!prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			execv(argv[0], argv);
		break;
	case EXEC_AFTER_ACTION: {
		/* what a task did before its exec, that the exec must undo */
		char out[256];
		int j = 0;

		while (argv[j] && strcmp(argv[j], "--"))
			j++;
		if (!argv[j] || !argv[j + 1]) {
			errno = EINVAL;
			break;
		}
		action(j, argv, out, sizeof(out));
		if (strcmp(out, "OK"))
			_exit(124);
		execv(argv[j + 1], argv + j + 2);
		break;
	}
	case EXEC_AFTER_FAILED:
		/* argv: BAD PATH ARGV0 ARGS: an exec that fails, then one */
		execv(argv[0], argv);
		execv(argv[1], argv + 2);
		break;
	case EXEC_PROC_FD: {
		/* the path via /proc/self/fd/N */
		char p[64];

		fd = open(argv[0], O_RDONLY);
		snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
		execv(p, argv);
		break;
	}
	}
	err = errno;
	if (write(errfd, &err, sizeof(err)) < 0)
		_exit(126);
	_exit(127);
}

/*
 * exec PATH ARGS... (and the other ways): run the file in a child; "OK"
 * if it ran and exited 0, "RAN status=N" if it ran and exited N, "RAN
 * signal=N" if a signal ended it, "ERR <errno>" if the exec itself was
 * refused.
 */
int act_exec(struct act *x)
{
	char *out = x->out;
	size_t size = x->size;
	int pfd[2], err = 0, status;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC))
		return report(-1, out, size);
	pid = fork();
	if (pid < 0)
		return report(-1, out, size);
	if (pid == 0)
		exec_child(x->a + 1, x->how, pfd[1]);
	close(pfd[1]);
	if (read(pfd[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(pfd[0]);
	waitpid(pid, &status, 0);
	/* A traced child stops at its exec: let it run on, untraced. */
	if (WIFSTOPPED(status)) {
		ptrace(PTRACE_DETACH, pid, NULL, NULL);
		waitpid(pid, &status, 0);
	}
	if (err) {
		errno = err;
		return report(-1, out, size);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		snprintf(out, size, "OK");
		return 0;
	}
	if (WIFEXITED(status))
		snprintf(out, size, "RAN status=%d", WEXITSTATUS(status));
	else
		snprintf(out, size, "RAN signal=%d", WTERMSIG(status));
	return 2;
}

/* secure: "OK" if this program runs in secure mode (AT_SECURE) */
int act_secure(struct act *x)
{
	if (getauxval(AT_SECURE)) {
		snprintf(x->out, x->size, "OK");
		return 0;
	}
	snprintf(x->out, x->size, "NOT-SECURE");
	return 1;
}
