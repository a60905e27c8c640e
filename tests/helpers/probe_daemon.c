// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe as the test daemon ("serve": the attacker's commands run
 * inside it) and its client ("ask"), and the loads the stress tests put
 * on the module: exec and connect storms, the policy-replace worker, and
 * a storm of short-lived processes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

static void split(char *line, char **a, int *n, int max)
{
	*n = 0;
	for (char *tok = strtok(line, " \t\r\n"); tok && *n < max;
	     tok = strtok(NULL, " \t\r\n"))
		a[(*n)++] = tok;
	a[*n] = NULL;
}

/* serve PORT: on 127.0.0.1:PORT, perform the action each connection sends */
int serve(int port)
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

/* ask PORT ACTION: have the daemon perform ACTION; print its outcome */
int ask(int port, int n, char **a)
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
int stress_worker(const char *stop, int closed_only)
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
	    write_file("/proc/self/make-it-fail", "1")) {
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

/* storm STOPFILE: exec and connect in a loop, at nice 19 */
int storm(const char *stop)
{
	char *a1[] = { "exec", "/usr/bin/allowed-tool", "ping", NULL };
	char *a2[] = { "connect", "tcp", "127.0.0.1", "2525", NULL };
	char *a3[] = { "exec", "/bin/true", NULL };
	char out[256];

	if (nice(19) < 0)
		perror("nice");
	while (access(stop, F_OK)) {
		action(3, a1, out, sizeof(out));
		action(4, a2, out, sizeof(out));
		action(2, a3, out, sizeof(out));
	}
	return 0;
}

/*
 * fork-storm N [closed]: N children that exit at once, one at a time;
 * "closed" injects allocation failures into them all.
 */
int fork_storm(int n, int closed)
{
	int failed = 0;

	if (closed && write_file("/proc/self/make-it-fail", "1"))
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
