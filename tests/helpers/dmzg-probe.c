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
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* Run execv in a child; report whether the exec itself succeeded. */
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
	fd = socket(n > 4 && !strcmp(a[4], "v6") ? AF_INET6 : fam, type, 0);
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
	if (n >= 2 && !strcmp(a[0], "exec"))
		return do_exec(a + 1, 0, out, size);
	if (n >= 2 && !strcmp(a[0], "fexecve"))
		return do_exec(a + 1, 1, out, size);
	if (n >= 2 && !strcmp(a[0], "memfd-exec"))
		return do_exec(a + 1, 2, out, size);
	if (n >= 2 && !strcmp(a[0], "execveat"))
		return do_exec(a + 1, 3, out, size);
	if (n >= 2 && !strcmp(a[0], "procfd-exec"))
		return do_exec(a + 1, 4, out, size);
	if (!strcmp(a[0], "connect") || !strcmp(a[0], "sendto") ||
	    !strcmp(a[0], "fastopen") || !strcmp(a[0], "bind") ||
	    !strcmp(a[0], "listen"))
		return do_net(a, n, out, size);
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
	if (n >= 2 && !strcmp(a[0], "thread")) {
		struct thread_arg t = { n - 1, a + 1, out, size, 0 };
		pthread_t th;

		pthread_create(&th, NULL, thread_main, &t);
		pthread_join(th, NULL);
		return t.ret;
	}
	if (n >= 2 && !strcmp(a[0], "fork")) {
		int pfd[2], status;
		pid_t pid;

		if (pipe(pfd))
			return report(-1, out, size);
		pid = fork();
		if (pid == 0) {
			int r = action(n - 1, a + 1, out, size);

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
	if (argc >= 2 && !strcmp(argv[1], "sleep")) {
		pause();
		return 0;
	}
	r = action(argc - 1, argv + 1, out, sizeof(out));
	puts(out);
	return r;
}
