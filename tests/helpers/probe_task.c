// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: ways to run an action other than directly, as an exploit
 * would to shake off its confinement - repeated, from a thread, from a
 * forked child, or from a child that made itself root of a new user
 * namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

/*
 * repeat N ACTION: count the distinct outcomes.  Only EACCES, the
 * module's refusal, counts as refused; any other error is reported.
 */
int act_repeat(struct act *x)
{
	int times = atoi(x->a[1]), ok = 0, refused = 0, other = 0;
	char one[256], last[256] = "";

	for (int i = 0; i < times; i++) {
		action(x->n - 2, x->a + 2, one, sizeof(one));
		if (!strcmp(one, "OK")) {
			ok++;
		} else if (!strcmp(one, "ERR EACCES")) {
			refused++;
		} else {
			other++;
			snprintf(last, sizeof(last), "%s", one);
		}
	}
	snprintf(x->out, x->size, "%s ok=%d refused=%d other=%d%s%s",
		 other ? "MIXED" : "OK", ok, refused, other,
		 other ? " last=" : "", last);
	return other != 0;
}

struct thread_arg {
	struct act x;
	int ret;
};

static void *thread_main(void *p)
{
	struct thread_arg *t = p;

	t->ret = run_action(&t->x);
	return NULL;
}

/* thread ACTION: the action from a second thread of this process */
int act_thread(struct act *x)
{
	struct thread_arg t = {
		.x = { .n = x->n - 1, .a = x->a + 1, .out = x->out,
		       .size = x->size },
	};
	pthread_t th;

	pthread_create(&th, NULL, thread_main, &t);
	pthread_join(th, NULL);
	return t.ret;
}

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
	if (write_file("/proc/self/uid_map", map))
		return 0;
	write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)gid);
	write_file("/proc/self/gid_map", map);
	return 0;
}

/*
 * fork ACTION, userns ACTION: the action from a child (userns: the child
 * becomes root of a new namespace first); its outcome comes back over a
 * pipe.
 */
int act_child(struct act *x)
{
	char *out = x->out;
	size_t size = x->size;
	int pfd[2], status;
	pid_t pid;

	if (pipe(pfd))
		return report(-1, out, size);
	pid = fork();
	if (pid == 0) {
		int r;

		if (x->a[0][0] == 'u' && enter_userns()) {
			snprintf(out, size, "SETUP userns: %s",
				 strerror(errno));
			r = 3;
		} else {
			r = action(x->n - 1, x->a + 1, out, size);
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
