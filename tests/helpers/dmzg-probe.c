// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: the VM tests' stand-in for an attacked daemon.  It performs
 * one action (exec a program, connect, send, bind, ptrace, load a module
 * ...) and prints "OK" or "ERR <ERRNO-NAME>".  "serve PORT" turns it into
 * a small daemon on 127.0.0.1:PORT that performs the action written on
 * each connection, which is how the tests play the FTP-exploit story:
 * the attacker's commands run inside the confined daemon.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/kexec.h>
#include <linux/bpf.h>
#include <linux/netlink.h>
#include <linux/sctp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000
#endif
#ifndef TCP_FASTOPEN_CONNECT
#define TCP_FASTOPEN_CONNECT 30
#endif
#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif
#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

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

static int report(int ok, char *out, size_t size)
{
	if (!out)
		return ok >= 0 ? 0 : 1;
	if (ok >= 0)
		snprintf(out, size, "OK");
	else
		snprintf(out, size, "ERR %s", errname(errno));
	return ok >= 0 ? 0 : 1;
}

static int parse_addr(const char *host, const char *port,
		      struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons(atoi(port));
		*len = sizeof(*in);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(atoi(port));
		*len = sizeof(*in6);
		return AF_INET6;
	}
	errno = EINVAL;
	return -1;
}

/* The ways to execute a file, in do_exec()'s order of "how". */
static const char *const exec_ways[] = {
	"exec", "fexecve", "memfd-exec", "execveat", "procfd-exec",
	"execveat-empty", "deleted-exec", "execp",
};
#define EXEC_WAYS ((int)(sizeof(exec_ways) / sizeof(exec_ways[0])))

/* Run execv in a child; report whether the exec itself succeeded. */
static int uring_op(int op, int fd, struct sockaddr_storage *ss,
		    socklen_t len, int async);

static int do_exec(char **argv, int how, char *out, size_t size)
{
	int pfd[2], err = 0, status;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC))
		return report(-1, out, size);
	pid = fork();
	if (pid < 0)
		return report(-1, out, size);
	if (pid == 0) {
		int fd, devnull = open("/dev/null", O_RDWR);

		dup2(devnull, 0);
		dup2(devnull, 1);
		if (how == 0) {
			execv(argv[0], argv);
		} else if (how == 1) {
			/* fexecve of an fd opened on the path */
			fd = open(argv[0], O_RDONLY | O_CLOEXEC);
			if (fd >= 0)
				fexecve(fd, argv, environ);
		} else if (how == 2) {
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
		} else if (how == 3) {
			/* execveat(dirfd, name) */
			char *slash = strrchr(argv[0], '/');
			char dir[256];

			snprintf(dir, sizeof(dir), "%.*s",
				 (int)(slash - argv[0]), argv[0]);
			fd = open(dir[0] ? dir : "/", O_PATH | O_DIRECTORY);
			syscall(SYS_execveat, fd, slash + 1, argv, environ, 0);
		} else if (how == 5) {
			/* execveat(fd, "", AT_EMPTY_PATH) */
			fd = open(argv[0], O_PATH);
			syscall(SYS_execveat, fd, "", argv, environ,
				AT_EMPTY_PATH);
		} else if (how == 6) {
			/* a copy, opened, deleted, then run from the fd */
			char tmp[] = "/tmp/.probe-del-XXXXXX", buf[65536];
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
		} else if (how == 7) {
			/* a PATH lookup */
			execvp(argv[0], argv);
		} else if (how == 4) {
			/* the path via /proc/self/fd/N */
			char p[64];

			fd = open(argv[0], O_RDONLY);
			snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
			execv(p, argv);
		}
		err = errno;
		if (write(pfd[1], &err, sizeof(err)) < 0)
			_exit(126);
		_exit(127);
	}
	close(pfd[1]);
	if (read(pfd[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(pfd[0]);
	waitpid(pid, &status, 0);
	if (err) {
		errno = err;
		return report(-1, out, size);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		snprintf(out, size, "OK");
		return 0;
	}
	snprintf(out, size, "RAN status=%d", status);
	return 2;
}

static int do_net(char **a, int n, char *out, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fam, type, fd, r, one = 1;
	const char *what = a[0];

	if (n < 4) {
		snprintf(out, size, "USAGE %s tcp|udp HOST PORT", what);
		return 3;
	}
	fam = parse_addr(a[2], a[3], &ss, &len);
	if (fam < 0)
		return report(-1, out, size);
	type = !strcmp(a[1], "udp") ? SOCK_DGRAM : SOCK_STREAM;
	fd = socket(n > 4 && !strcmp(a[4], "v6") ? AF_INET6 : fam, type,
		    !strcmp(a[1], "mptcp") ? IPPROTO_MPTCP : 0);
	if (fd < 0)
		return report(-1, out, size);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (!strcmp(what, "connect")) {
		r = connect(fd, (struct sockaddr *)&ss, len);
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;	/* the policy let it through */
	} else if (!strcmp(what, "sendto")) {
		r = sendto(fd, "x", 1, 0, (struct sockaddr *)&ss, len);
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "fastopen")) {
		r = sendto(fd, "x", 1, MSG_FASTOPEN, (struct sockaddr *)&ss,
			   len);
		if (r < 0 && (errno == ECONNREFUSED || errno == EINPROGRESS))
			r = 0;
	} else if (!strcmp(what, "sendmsg") || !strcmp(what, "sendmmsg")) {
		struct iovec iov = { .iov_base = "x", .iov_len = 1 };
		struct mmsghdr mm = { .msg_hdr = { .msg_name = &ss,
				.msg_namelen = len, .msg_iov = &iov,
				.msg_iovlen = 1 } };

		if (!strcmp(what, "sendmsg"))
			r = sendmsg(fd, &mm.msg_hdr, 0);
		else
			r = sendmmsg(fd, &mm, 1, 0) == 1 ? 0 : -1;
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "tfo-connect")) {
		setsockopt(fd, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, &one,
			   sizeof(one));
		r = connect(fd, (struct sockaddr *)&ss, len);
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "uring-connect") ||
		   !strcmp(what, "uring-sendmsg")) {
		r = uring_op(what[6] == 'c' ? IORING_OP_CONNECT :
			     IORING_OP_SENDMSG, fd, &ss, len,
			     n > 5 && !strcmp(a[5], "async"));
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "bind")) {
		r = bind(fd, (struct sockaddr *)&ss, len);
	} else if (!strcmp(what, "listen")) {
		r = bind(fd, (struct sockaddr *)&ss, len);
		if (r == 0)
			r = listen(fd, 1);
	} else {
		errno = EINVAL;
		r = -1;
	}
	r = report(r, out, size);
	close(fd);
	return r;
}

/*
 * One connect or addressed sendmsg through io_uring, with raw syscalls
 * (no liburing in the VM).  IOSQE_ASYNC forces it onto an io-wq worker
 * thread, which must carry the submitter's confinement.
 */
static int uring_op(int op, int fd, struct sockaddr_storage *ss,
		    socklen_t len, int async)
{
	struct io_uring_params p = { 0 };
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = { .msg_name = ss, .msg_namelen = len,
			      .msg_iov = &iov, .msg_iovlen = 1 };
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	unsigned int *tail, *array, mask, *chead, cmask;
	size_t sqlen, cqlen;
	char *sq, *cq;
	int ring, res;

	ring = syscall(__NR_io_uring_setup, 4, &p);
	if (ring < 0)
		return -1;
	sqlen = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cqlen = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sqlen, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
	cq = mmap(NULL, cqlen, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_CQ_RING);
	sqe = mmap(NULL, p.sq_entries * sizeof(*sqe), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqe == MAP_FAILED) {
		close(ring);
		return -1;
	}
	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = op;
	sqe->fd = fd;
	if (op == IORING_OP_CONNECT) {
		sqe->addr = (unsigned long)ss;
		sqe->off = len;
	} else {
		sqe->addr = (unsigned long)&msg;
		sqe->len = 1;
	}
	if (async)
		sqe->flags = IOSQE_ASYNC;
	tail = (unsigned int *)(sq + p.sq_off.tail);
	array = (unsigned int *)(sq + p.sq_off.array);
	mask = *(unsigned int *)(sq + p.sq_off.ring_mask);
	array[*tail & mask] = 0;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0) {
		close(ring);
		return -1;
	}
	chead = (unsigned int *)(cq + p.cq_off.head);
	cmask = *(unsigned int *)(cq + p.cq_off.ring_mask);
	cqe = (struct io_uring_cqe *)(cq + p.cq_off.cqes) + (*chead & cmask);
	res = cqe->res;
	close(ring);
	if (res < 0) {
		errno = -res;
		return -1;
	}
	return 0;
}

/* SCTP: connect, connectx (a socket option) or an implicit sendmsg. */
static int do_sctp(char **a, int n, char *out, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, r;

	if (n < 4 || parse_addr(a[2], a[3], &ss, &len) < 0) {
		snprintf(out, size, "USAGE sctp connect|connectx|sendmsg HOST PORT");
		return 3;
	}
	fd = socket(ss.ss_family, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (fd < 0)
		return report(-1, out, size);
	if (!strcmp(a[1], "connect")) {
		r = connect(fd, (struct sockaddr *)&ss, len);
	} else if (!strcmp(a[1], "connectx")) {
		r = setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, &ss, len);
	} else {
		r = sendto(fd, "x", 1, 0, (struct sockaddr *)&ss, len);
	}
	if (r < 0 && (errno == ECONNREFUSED || errno == EINPROGRESS))
		r = 0;
	r = report(r, out, size);
	close(fd);
	return r;
}

/*
 * Connect (AF_UNSPEC-disconnect) and reconnect: the first address is
 * allowed, the second is what the attacker wants.
 */
static int do_reconnect(char **a, int n, char *out, size_t size)
{
	struct sockaddr_storage ss;
	struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	socklen_t len;
	int fd, r;

	if (n < 6 || parse_addr(a[2], a[3], &ss, &len) < 0) {
		snprintf(out, size, "USAGE reconnect udp OKHOST OKPORT HOST PORT");
		return 3;
	}
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len) ||
	    connect(fd, &unspec, sizeof(unspec)) ||
	    parse_addr(a[4], a[5], &ss, &len) < 0) {
		snprintf(out, size, "SETUP %s", strerror(errno));
		return 3;
	}
	r = connect(fd, (struct sockaddr *)&ss, len);
	if (r == 0 && send(fd, "x", 1, 0) < 0 && errno != ECONNREFUSED)
		r = -1;
	r = report(r, out, size);
	close(fd);
	return r;
}

/*
 * Receive a socket over SCM_RIGHTS from the unix socket PATH and send on
 * it: the sender connected it, not this process.
 */
static int do_scm_recv(const char *path, char *out, size_t size)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char data, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), got = -1, r;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    recvmsg(fd, &msg, 0) < 0) {
		r = report(-1, out, size);
		if (fd >= 0)
			close(fd);
		return r;
	}
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&got, CMSG_DATA(cm), sizeof(got));
	close(fd);
	if (got < 0) {
		errno = EACCES;	/* the descriptor was withheld */
		return report(-1, out, size);
	}
	r = report((int)send(got, "x", 1, 0), out, size);
	close(got);
	return r;
}

/* The unconfined side: hand a socket connected to HOST:PORT to each client. */
static int pass_fd(const char *path, const char *host, const char *port)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct sockaddr_storage ss;
	socklen_t len;
	int ls = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	unlink(path);
	if (parse_addr(host, port, &ss, &len) < 0 ||
	    bind(ls, (struct sockaddr *)&sun, sizeof(sun)) || listen(ls, 4)) {
		perror("pass-fd");
		return 1;
	}
	for (;;) {
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { .iov_base = "s", .iov_len = 1 };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
				      .msg_control = cbuf,
				      .msg_controllen = sizeof(cbuf) };
		struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
		int c = accept(ls, NULL, NULL);
		int s = socket(ss.ss_family, SOCK_DGRAM, 0);

		if (c < 0 || s < 0 || connect(s, (struct sockaddr *)&ss, len))
			return 1;
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &s, sizeof(s));
		if (sendmsg(c, &msg, 0) < 0)
			perror("pass-fd: sendmsg");
		close(s);
		close(c);
	}
}

/* Write DATA to PATH (a /proc or binfmt_misc control file). */
static int do_write(const char *path, const char *data, char *out,
		    size_t size)
{
	int fd = open(path, O_WRONLY), r;

	if (fd < 0)
		return report(-1, out, size);
	r = write(fd, data, strlen(data)) == (ssize_t)strlen(data) ? 0 : -1;
	close(fd);
	return report(r, out, size);
}

/* Write one byte into another process, by syscall or by /proc/PID/mem. */
static int do_poke(const char *how, pid_t pid, char *out, size_t size)
{
	static char target = 'a';
	char byte = 'b', path[64];
	struct iovec local = { .iov_base = &byte, .iov_len = 1 };
	struct iovec remote = { .iov_base = &target, .iov_len = 1 };
	int fd, r;

	if (!strcmp(how, "vm-write"))
		return report((int)process_vm_writev(pid, &local, 1, &remote,
						     1, 0), out, size);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return report(-1, out, size);
	r = pwrite(fd, &byte, 1, (off_t)(unsigned long)&target) == 1 ? 0 : -1;
	close(fd);
	return report(r, out, size);
}

/* The smallest BPF program: a socket filter that returns 0. */
static int do_bpf(char *out, size_t size)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = 2;
	attr.license = (unsigned long)"GPL";
	fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd >= 0)
		close(fd);
	return report(fd, out, size);
}

static int do_socket(const char *kind, char *out, size_t size)
{
	int fd;

	if (!strcmp(kind, "raw"))
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	else if (!strcmp(kind, "packet"))
		fd = socket(AF_PACKET, SOCK_RAW, 0);
	else if (!strcmp(kind, "netlink"))
		fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	else if (!strcmp(kind, "ping"))
		fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	else if (!strcmp(kind, "tcp"))
		fd = socket(AF_INET, SOCK_STREAM, 0);
	else {
		errno = EINVAL;
		fd = -1;
	}
	if (fd >= 0)
		close(fd);
	return report(fd, out, size);
}

static int do_unix(const char *path, char *out, size_t size)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), r;

	if (fd < 0)
		return report(-1, out, size);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	r = connect(fd, (struct sockaddr *)&sun,
		    offsetof(struct sockaddr_un, sun_path) + strlen(path));
	if (r < 0 && (errno == ECONNREFUSED || errno == ENOENT))
		r = 0;
	close(fd);
	return report(r, out, size);
}

static int action(int n, char **a, char *out, size_t size);
static int do_write(const char *path, const char *data, char *out,
		    size_t size);

/*
 * Enter a new user namespace and try to become its root, mapped to our
 * own ids (which needs no privilege outside), the way an exploit would.
 * Writing the map needs CAP_SYS_ADMIN inside the new namespace, which a
 * confinement may refuse: then the attempt goes on as an unmapped user.
 */
static int enter_userns(void)
{
	char map[32];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)uid);
	if (do_write("/proc/self/uid_map", map, NULL, 0))
		return 0;
	do_write("/proc/self/setgroups", "deny", NULL, 0);
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)gid);
	do_write("/proc/self/gid_map", map, NULL, 0);
	return 0;
}

struct thread_arg {
	int n;
	char **a;
	char *out;
	size_t size;
	int ret;
};

static void *thread_main(void *p)
{
	struct thread_arg *t = p;

	t->ret = action(t->n, t->a, t->out, t->size);
	return NULL;
}

static int action(int n, char **a, char *out, size_t size)
{
	if (n < 1) {
		snprintf(out, size, "USAGE");
		return 3;
	}
	if (!strcmp(a[0], "ping")) {
		snprintf(out, size, "OK");
		return 0;
	}
	for (int how = 0; n >= 2 && how < EXEC_WAYS; how++)
		if (!strcmp(a[0], exec_ways[how]))
			return do_exec(a + 1, how, out, size);
	if (!strcmp(a[0], "connect") || !strcmp(a[0], "sendto") ||
	    !strcmp(a[0], "fastopen") || !strcmp(a[0], "bind") ||
	    !strcmp(a[0], "listen") || !strcmp(a[0], "sendmsg") ||
	    !strcmp(a[0], "sendmmsg") || !strcmp(a[0], "tfo-connect") ||
	    !strcmp(a[0], "uring-connect") || !strcmp(a[0], "uring-sendmsg"))
		return do_net(a, n, out, size);
	if (!strcmp(a[0], "sctp"))
		return do_sctp(a, n, out, size);
	if (!strcmp(a[0], "reconnect"))
		return do_reconnect(a, n, out, size);
	if (n >= 2 && !strcmp(a[0], "scm-recv"))
		return do_scm_recv(a[1], out, size);
	if (n >= 3 && !strcmp(a[0], "write"))
		return do_write(a[1], a[2], out, size);
	if (n >= 2 && (!strcmp(a[0], "vm-write") || !strcmp(a[0], "mem-write")))
		return do_poke(a[0], atoi(a[1]), out, size);
	if (!strcmp(a[0], "bpf"))
		return do_bpf(out, size);
	if (!strcmp(a[0], "kexec"))
		return report((int)syscall(SYS_kexec_load, 0, 0, NULL,
					   KEXEC_ARCH_DEFAULT), out, size);
	if (!strcmp(a[0], "unshare-net"))
		return report(unshare(CLONE_NEWNET), out, size);
	if (n >= 2 && !strcmp(a[0], "setns")) {
		int fd = open(a[1], O_RDONLY);

		if (fd < 0)
			return report(-1, out, size);
		return report(setns(fd, CLONE_NEWNET), out, size);
	}
	if (n >= 3 && !strcmp(a[0], "mount-bind"))
		return report(mount(a[1], a[2], NULL, MS_BIND, NULL), out,
			      size);
	if (n >= 3 && !strcmp(a[0], "copy")) {
		/* copy SRC DST: write a file (e.g. over an allowed program) */
		char buf[65536];
		int src = open(a[1], O_RDONLY), dst, ok = 0;
		ssize_t r;

		dst = open(a[2], O_WRONLY | O_CREAT | O_TRUNC, 0755);
		if (src < 0 || dst < 0) {
			ok = -1;
		} else {
			while ((r = read(src, buf, sizeof(buf))) > 0)
				if (write(dst, buf, r) != r) {
					ok = -1;
					break;
				}
		}
		if (src >= 0)
			close(src);
		if (dst >= 0)
			close(dst);
		return report(ok, out, size);
	}
	if (n >= 3 && !strcmp(a[0], "rename"))
		return report(rename(a[1], a[2]), out, size);
	if (n >= 3 && !strcmp(a[0], "link"))
		return report(link(a[1], a[2]), out, size);
	if (n >= 2 && !strcmp(a[0], "socket"))
		return do_socket(a[1], out, size);
	if (n >= 2 && !strcmp(a[0], "unix"))
		return do_unix(a[1], out, size);
	if (n >= 2 && !strcmp(a[0], "ptrace")) {
		pid_t pid = atoi(a[1]);
		long r = ptrace(PTRACE_ATTACH, pid, 0, 0);

		if (r == 0) {
			waitpid(pid, NULL, 0);
			ptrace(PTRACE_DETACH, pid, 0, 0);
		}
		return report((int)r, out, size);
	}
	if (n >= 2 && !strcmp(a[0], "delete-module"))
		return report((int)syscall(SYS_delete_module, a[1],
					   O_NONBLOCK | O_TRUNC), out, size);
	if (n >= 2 && !strcmp(a[0], "finit-module")) {
		int fd = open(a[1], O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			return report(-1, out, size);
		return report((int)syscall(SYS_finit_module, fd, "", 0), out,
			      size);
	}
	if (n >= 3 && !strcmp(a[0], "repeat")) {
		/* repeat N ACTION: count the distinct outcomes */
		int times = atoi(a[1]), ok = 0, refused = 0, other = 0;
		char one[256], last[256] = "";

		for (int i = 0; i < times; i++) {
			action(n - 2, a + 2, one, sizeof(one));
			if (!strcmp(one, "OK")) {
				ok++;
			} else if (!strncmp(one, "ERR E", 5)) {
				refused++;
			} else {
				other++;
				snprintf(last, sizeof(last), "%s", one);
			}
		}
		snprintf(out, size, "%s ok=%d refused=%d other=%d%s%s",
			 other ? "MIXED" : "OK", ok, refused, other,
			 other ? " last=" : "", last);
		return other != 0;
	}
	if (n >= 2 && !strcmp(a[0], "thread")) {
		struct thread_arg t = { n - 1, a + 1, out, size, 0 };
		pthread_t th;

		pthread_create(&th, NULL, thread_main, &t);
		pthread_join(th, NULL);
		return t.ret;
	}
	if (n >= 2 && (!strcmp(a[0], "fork") || !strcmp(a[0], "userns"))) {
		int pfd[2], status;
		pid_t pid;

		if (pipe(pfd))
			return report(-1, out, size);
		pid = fork();
		if (pid == 0) {
			int r;

			/* userns: the child becomes root of a new namespace */
			if (a[0][0] == 'u' && enter_userns()) {
				snprintf(out, size, "SETUP userns: %s",
					 strerror(errno));
				r = 3;
			} else {
				r = action(n - 1, a + 1, out, size);
			}

			if (write(pfd[1], out, strlen(out) + 1) < 0)
				_exit(4);
			_exit(r);
		}
		close(pfd[1]);
		memset(out, 0, size);
		if (read(pfd[0], out, size - 1) < 0)
			snprintf(out, size, "ERR read");
		close(pfd[0]);
		waitpid(pid, &status, 0);
		return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
	}
	snprintf(out, size, "USAGE unknown action '%s'", a[0]);
	return 3;
}

/*
 * stress-worker STOPFILE: the policy-replace stress test's confined
 * worker.  Until STOPFILE exists it asks for what every policy the test
 * swaps in allows (the first and the last of its connect rules, its one
 * exec rule) and what every one denies; any other outcome means a
 * decision was made on something that is neither the old nor the new
 * policy.  With "closed" (allocation failures are being injected) an
 * allowed request may fail, but a denied one must never succeed: it
 * checks that every failure fails closed.  Prints a summary; exits 1 on
 * any violation.
 */
static int stress_worker(const char *stop, int closed_only)
{
	static const struct {
		const char *argv[8];
		int allowed;
	} probes[] = {
		{ { "connect", "tcp", "127.0.0.1", "2525" }, 1 },
		{ { "connect", "tcp", "127.0.0.1", "2599" }, 1 },
		{ { "connect", "tcp", "127.0.0.1", "4444" }, 0 },
		{ { "sendto", "udp", "127.0.0.1", "53" }, 0 },
		{ { "exec", "/usr/bin/allowed-tool", "ping" }, 1 },
		{ { "exec", "/bin/busybox", "true" }, 0 },
	};
	long iterations = 0, violations = 0, errors = 0;
	char out[256], first[512] = "";

	/*
	 * Lowest priority: the workers keep every CPU busy, and the process
	 * under test (the policy loader) still gets to run.
	 */
	if (nice(19) < 0)
		perror("nice");
	/* Under test: every allocation of this task and its children. */
	if (closed_only &&
	    do_write("/proc/self/make-it-fail", "1", NULL, 0)) {
		perror("make-it-fail");
		return 1;
	}

	while (access(stop, F_OK)) {
		for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
			char *a[8];
			int n = 0, ok;

			while (n < 7 && probes[i].argv[n]) {
				a[n] = (char *)probes[i].argv[n];
				n++;
			}
			a[n] = NULL;
			action(n, a, out, sizeof(out));
			ok = !strcmp(out, "OK");
			if (!ok && strcmp(out, "ERR EACCES"))
				errors++;
			if (ok != probes[i].allowed &&
			    !(closed_only && probes[i].allowed)) {
				if (!violations++)
					snprintf(first, sizeof(first),
						 " first: %s %s -> %s", a[0],
						 a[n - 1], out);
			}
		}
		iterations++;
	}
	printf("iterations=%ld failed-otherwise=%ld violations=%ld%s\n",
	       iterations, errors, violations, first);
	return violations != 0;
}

static void split(char *line, char **a, int *n, int max)
{
	*n = 0;
	for (char *tok = strtok(line, " \t\r\n"); tok && *n < max;
	     tok = strtok(NULL, " \t\r\n"))
		a[(*n)++] = tok;
	a[*n] = NULL;
}

static int serve(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int one = 1, ls = socket(AF_INET, SOCK_STREAM, 0);

	signal(SIGPIPE, SIG_IGN);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(ls, (struct sockaddr *)&sin, sizeof(sin)) || listen(ls, 16)) {
		perror("testd: bind/listen");
		return 1;
	}
	for (;;) {
		char line[1024], out[256], *a[32];
		int c = accept(ls, NULL, NULL), n;
		ssize_t r;

		if (c < 0)
			continue;
		r = read(c, line, sizeof(line) - 1);
		if (r > 0) {
			line[r] = '\0';
			split(line, a, &n, 31);
			action(n, a, out, sizeof(out));
			strcat(out, "\n");
			if (write(c, out, strlen(out)) < 0)
				perror("testd: write");
		}
		close(c);
	}
}

static int ask(int port, int n, char **a)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	char buf[1024] = "";
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ssize_t r;

	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		perror("ask: connect");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		strcat(buf, a[i]);
		strcat(buf, i + 1 < n ? " " : "\n");
	}
	if (write(fd, buf, strlen(buf)) < 0)
		return 1;
	r = read(fd, buf, sizeof(buf) - 1);
	if (r <= 0)
		return 1;
	buf[r] = '\0';
	fputs(buf, stdout);
	return strncmp(buf, "OK", 2) != 0;
}

int main(int argc, char **argv)
{
	char out[256];
	int r;

	if (argc >= 3 && !strcmp(argv[1], "serve"))
		return serve(atoi(argv[2]));
	if (argc >= 4 && !strcmp(argv[1], "ask"))
		return ask(atoi(argv[2]), argc - 3, argv + 3);
	if (argc >= 4 && !strcmp(argv[1], "runas")) {
		/* runas UID PATH ARGS...: drop to UID (and GID = UID), exec */
		uid_t uid = (uid_t)atoi(argv[2]);

		if (setgroups(0, NULL) || setgid(uid) || setuid(uid)) {
			perror("runas");
			return 1;
		}
		execv(argv[3], argv + 3);
		perror("runas: exec");
		return 1;
	}
	if (argc >= 3 && !strcmp(argv[1], "script")) {
		/*
		 * script CMD ARGS [-- CMD ARGS]...: run each command in turn
		 * from this process, which a policy may not confine even
		 * when it confines the shell that started it.
		 */
		int i = 2, rc = 0;

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
	if (argc >= 5 && !strcmp(argv[1], "pass-fd"))
		return pass_fd(argv[2], argv[3], argv[4]);
	if (argc >= 3 && !strcmp(argv[1], "storm")) {
		/* storm STOPFILE: exec and connect in a loop, at nice 19 */
		char *a1[] = { "exec", "/usr/bin/allowed-tool", "ping", NULL };
		char *a2[] = { "connect", "tcp", "127.0.0.1", "2525", NULL };
		char *a3[] = { "exec", "/bin/true", NULL };

		if (nice(19) < 0)
			perror("nice");
		while (access(argv[2], F_OK)) {
			action(3, a1, out, sizeof(out));
			action(4, a2, out, sizeof(out));
			action(2, a3, out, sizeof(out));
		}
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "stress-worker"))
		return stress_worker(argv[2],
				     argc >= 4 && !strcmp(argv[3], "closed"));
	if (argc >= 3 && !strcmp(argv[1], "fork-storm")) {
		/*
		 * fork-storm N [closed]: N children that exit at once, one at
		 * a time; "closed" injects allocation failures into them all.
		 */
		int n = atoi(argv[2]), failed = 0;

		if (argc >= 4 && !strcmp(argv[3], "closed") &&
		    do_write("/proc/self/make-it-fail", "1", NULL, 0))
			return 1;

		for (int i = 0; i < n; i++) {
			pid_t pid = fork();

			if (pid == 0)
				_exit(0);
			if (pid < 0 || waitpid(pid, NULL, 0) != pid)
				failed++;
		}
		printf("forked=%d failed=%d\n", n, failed);
		return failed != 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "sleep")) {
		pause();
		return 0;
	}
	r = action(argc - 1, argv + 1, out, sizeof(out));
	puts(out);
	return r;
}
