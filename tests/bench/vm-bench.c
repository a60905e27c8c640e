// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-bench: the in-VM benchmark loops.  Each prints one number, the
 * mean guest nanoseconds per operation (under QEMU's instruction-count
 * clock, guest time follows executed instructions).
 *   exec N          fork + execve(/usr/bin/bench-true) + wait
 *   connect N PORT  TCP connect + close to 127.0.0.1:PORT
 *   udp N PORT      sendto() with an address, to 127.0.0.1:PORT
 *   capable N       kill(PID, 0) as root on a process of another user: a
 *                   CAP_KILL capability check and nothing else
 *   latency N PORT PAUSE-US
 *                   N TCP connects as above, PAUSE-US microseconds of sleep
 *                   between two (time the CPU is left to other tasks);
 *                   prints the count, then the mean, 99th percentile and
 *                   maximum ns of a single connect()
 *   latency-until FILE PORT PAUSE-US
 *                   the same, until FILE exists (at least one connect)
 *   listen PORT     the unconfined listener the connect loop talks to
 *   true            exit 0 (what the exec loop runs)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	return sin;
}

static int fail(const char *what)
{
	perror(what);
	return 1;
}

static int run(const char *what, long n, int port)
{
	struct sockaddr_in sin = loopback(port);
	char *argv[] = { "bench-true", "true", NULL };
	double start = now_ns();
	int fd, status;

	if (!strcmp(what, "capable")) {
		pid_t other = fork();

		if (other == 0) {
			if (setgid(65534) || setuid(65534))
				_exit(1);
			pause();
			_exit(0);
		}
		usleep(100000);	/* let it drop to nobody */
		start = now_ns();
		for (long i = 0; i < n; i++)
			if (kill(other, 0))
				return fail("kill");
		printf("%.0f\n", (now_ns() - start) / n);
		kill(other, SIGKILL);
		waitpid(other, &status, 0);
		return 0;
	}
	if (!strcmp(what, "udp")) {
		fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (fd < 0)
			return fail("socket");
		start = now_ns();
		for (long i = 0; i < n; i++)
			if (sendto(fd, "x", 1, 0, (struct sockaddr *)&sin,
				   sizeof(sin)) != 1)
				return fail("sendto");
		close(fd);
	} else {
		for (long i = 0; i < n; i++) {
			if (!strcmp(what, "exec")) {
				pid_t pid = fork();

				if (pid == 0) {
					execv("/usr/bin/bench-true", argv);
					_exit(127);
				}
				if (pid < 0 || waitpid(pid, &status, 0) != pid ||
				    !WIFEXITED(status) || WEXITSTATUS(status))
					return fail("exec");
			} else if (!strcmp(what, "connect")) {
				fd = socket(AF_INET, SOCK_STREAM, 0);
				if (fd < 0 || connect(fd, (struct sockaddr *)&sin,
						      sizeof(sin)))
					return fail("connect");
				close(fd);
			} else {
				fprintf(stderr, "unknown loop %s\n", what);
				return 2;
			}
		}
	}
	printf("%.0f\n", (now_ns() - start) / n);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Time single connects, PAUSE_US apart, N of them or (N < 0) until
 * STOP exists.
 */
static int latency(long n, const char *stop, int port, long pause_us)
{
	struct sockaddr_in sin = loopback(port);
	struct timespec pause = { .tv_sec = pause_us / 1000000,
				  .tv_nsec = pause_us % 1000000 * 1000 };
	long cap = n > 0 ? n : 4096, i;
	double *t = calloc(cap, sizeof(*t)), sum = 0;

	if (!t)
		return fail("latency");
	for (i = 0; n > 0 ? i < n : i == 0 || access(stop, F_OK); i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		double s = now_ns();

		if (fd < 0 || connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
			return fail("connect");
		if (i == cap) {
			cap *= 2;
			t = realloc(t, cap * sizeof(*t));
			if (!t)
				return fail("latency");
		}
		t[i] = now_ns() - s;
		sum += t[i];
		close(fd);
		if (pause_us)
			nanosleep(&pause, NULL);
	}
	qsort(t, i, sizeof(*t), cmp_double);
	printf("%ld %.0f %.0f %.0f\n", i, sum / i, t[i * 99 / 100], t[i - 1]);
	free(t);
	return 0;
}

static int listener(int port)
{
	struct sockaddr_in sin = loopback(port);
	int one = 1, ls = socket(AF_INET, SOCK_STREAM, 0);

	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(ls, (struct sockaddr *)&sin, sizeof(sin)) || listen(ls, 128))
		return fail("listen");
	for (;;) {
		int c = accept(ls, NULL, NULL);

		if (c >= 0)
			close(c);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "true"))
		return 0;
	if (argc >= 5 && !strcmp(argv[1], "latency-until"))
		return latency(-1, argv[2], atoi(argv[3]), atol(argv[4]));
	if (argc >= 3 && !strcmp(argv[1], "listen"))
		return listener(atoi(argv[2]));
	if (argc >= 3 && atol(argv[2]) < 1) {
		fprintf(stderr, "dmzg-bench: %s: N must be positive\n", argv[1]);
		return 2;
	}
	if (argc >= 5 && !strcmp(argv[1], "latency"))
		return latency(atol(argv[2]), NULL, atoi(argv[3]), atol(argv[4]));
	if (argc >= 3)
		return run(argv[1], atol(argv[2]), argc > 3 ? atoi(argv[3]) : 0);
	fprintf(stderr, "usage: dmzg-bench exec|connect|udp|capable N [PORT]\n"
		"       dmzg-bench latency N PORT PAUSE-US\n"
		"       dmzg-bench latency-until FILE PORT PAUSE-US\n");
	return 2;
}
