// SPDX-License-Identifier: GPL-2.0
/*
 * hookprobe: run by the dmzguard module while it loads, to make every
 * hooked kernel call once so the module can see each hook fire.  Being
 * executed is the exec hooks' turn; then it forks (task alloc and free),
 * opens a file, reads a child's environment (ptrace access check), uses
 * unix sockets (create, bind, listen, connect, a datagram connect, a
 * capability check, sendmsg and the receipt of a file descriptor), and
 * changes a scratch directory in every way write confinement decides
 * (create, link, rename, truncate, chmod, chown, mkdir, symlink, unlink,
 * rmdir).  The exit status names the first step that could not be done
 * (hook_proof.c prints it); the module judges the hooks, not this
 * program.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

enum step {
	STEP_OPEN = 1,
	STEP_FORK,
	STEP_PTRACE,
	STEP_LISTEN,
	STEP_CONNECT,
	STEP_CAPABLE,
	STEP_PASS_FD,
	STEP_SCRATCH,
	STEP_LINK,
	STEP_DGRAM,
	STEP_WRITE_OPS,
};

static int open_file(void)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return STEP_OPEN;
	close(fd);
	return 0;
}

/* A child that waits on a pipe, so that its environment can be read. */
static int fork_and_read_child(void)
{
	char path[64], c = 0;
	int pipefd[2], fd, status, ret = 0;
	pid_t pid;

	if (pipe(pipefd))
		return STEP_FORK;
	pid = fork();
	if (pid < 0)
		return STEP_FORK;
	if (pid == 0) {
		close(pipefd[1]);
		(void)!read(pipefd[0], &c, 1);
		_exit(0);
	}
	close(pipefd[0]);
	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		ret = STEP_PTRACE;
	else
		close(fd);
	(void)!write(pipefd[1], &c, 1);
	close(pipefd[1]);
	if (waitpid(pid, &status, 0) != pid)
		ret = ret ? ret : STEP_FORK;
	return ret;
}

static int send_fd(int sock, int fd)
{
	char data = 'x', cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;

	memset(cbuf, 0, sizeof(cbuf));
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char data, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	close(fd);
	return 0;
}

/*
 * The hooks run before the operations, so only the calls matter, not
 * their results: nothing another local user does to these sockets (take
 * a name, fill a backlog, connect first) can keep a hook from firing or
 * this program from finishing.
 */
static int unix_sockets(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct sockaddr_un dsa = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(sa.sun_family), dlen;
	int srv, cli, pair[2] = { -1, -1 }, prio = 7, ret = 0, dsrv, dcli;

	/* Bound with no name: the kernel picks a random abstract one. */
	srv = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (srv < 0 || bind(srv, (struct sockaddr *)&sa, len) ||
	    listen(srv, 1))
		return STEP_LISTEN;
	len = sizeof(sa);
	if (getsockname(srv, (struct sockaddr *)&sa, &len))
		return STEP_LISTEN;
	cli = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (cli < 0)
		return STEP_CONNECT;
	(void)!connect(cli, (struct sockaddr *)&sa, len);
	/* Above 6 needs CAP_NET_ADMIN: the kernel asks capable(). */
	if (setsockopt(cli, SOL_SOCKET, SO_PRIORITY, &prio, sizeof(prio)))
		ret = STEP_CAPABLE;
	/* A datagram connect: the kernel asks whether it may send there. */
	dsrv = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	dlen = sizeof(dsa.sun_family);
	dcli = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (dsrv < 0 || dcli < 0 ||
	    bind(dsrv, (struct sockaddr *)&dsa, dlen))
		ret = ret ? ret : STEP_DGRAM;
	dlen = sizeof(dsa);
	if (!ret && !getsockname(dsrv, (struct sockaddr *)&dsa, &dlen))
		(void)!connect(dcli, (struct sockaddr *)&dsa, dlen);
	if (dsrv >= 0)
		close(dsrv);
	if (dcli >= 0)
		close(dcli);
	/* A private pair for the descriptor: nobody else can join it. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) ||
	    send_fd(pair[0], cli) || recv_fd(pair[1]))
		ret = ret ? ret : STEP_PASS_FD;
	close(srv);
	close(cli);
	if (pair[0] >= 0) {
		close(pair[0]);
		close(pair[1]);
	}
	return ret;
}

/* A scratch directory on a file system that is writable at boot. */
static int link_and_rename(void)
{
	static const char *const bases[] = { "/run", "/dev/shm", "/tmp" };
	char dir[PATH_MAX], a[PATH_MAX + 4], b[PATH_MAX + 4], c[PATH_MAX + 4];
	char d[PATH_MAX + 4], e[PATH_MAX + 4];
	unsigned int i;
	int fd, ret = 0;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/dmzguard-hookprobe.XXXXXX",
			 bases[i]);
		if (mkdtemp(dir))
			break;
	}
	if (i == sizeof(bases) / sizeof(bases[0]))
		return STEP_SCRATCH;
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(c, sizeof(c), "%s/c", dir);
	snprintf(d, sizeof(d), "%s/d", dir);
	snprintf(e, sizeof(e), "%s/e", dir);
	fd = open(a, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || link(a, b) || rename(b, c))
		ret = STEP_LINK;
	if (fd >= 0)
		close(fd);
	if (!ret && (truncate(a, 0) || chmod(a, 0600) ||
		     chown(a, (uid_t)-1, (gid_t)-1) || mkdir(d, 0700) ||
		     symlink(a, e)))
		ret = STEP_WRITE_OPS;
	unlink(a);
	unlink(b);
	unlink(c);
	unlink(e);
	if (rmdir(d) && !ret)
		ret = STEP_WRITE_OPS;
	rmdir(dir);
	return ret;
}

int main(void)
{
	int (*const steps[])(void) = {
		open_file, fork_and_read_child, unix_sockets, link_and_rename,
	};
	unsigned int i;
	int ret, first = 0;

	/* The module waits for this program: it must end, whatever happens. */
	alarm(20);
	/* Every step runs even after one fails: each hook is its own proof. */
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		ret = steps[i]();
		if (ret && !first)
			first = ret;
	}
	return first;
}
