// SPDX-License-Identifier: GPL-2.0
/* The event stream: denials, complain records and policy changes. */
#include <errno.h>
#include <signal.h>
#include <netlink/genl/ctrl.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>

#include "ipc_internal.h"

volatile sig_atomic_t ipc_interrupted;

static const struct ipc_field event_fields[] = {
	IPC_FIELD(DMZG_E_KIND, struct event, kind),
	IPC_FIELD(DMZG_E_OP, struct event, op),
	IPC_FIELD(DMZG_E_PID, struct event, pid),
	IPC_FIELD(DMZG_E_UID, struct event, uid),
};

struct watch_ctx {
	int (*cb)(const struct event *, void *);
	void *arg;
	int stop;
};

static int on_event(struct nl_msg *msg, void *arg)
{
	struct watch_ctx *w = arg;
	struct nlattr *tb[DMZG_A_MAX + 1], *e[DMZG_E_MAX + 1];
	struct event ev;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, DMZG_A_MAX, NULL) ||
	    !tb[DMZG_A_EVENT] ||
	    nla_parse_nested(e, DMZG_E_MAX, tb[DMZG_A_EVENT], NULL))
		return NL_SKIP;
	memset(&ev, 0, sizeof(ev));
	ipc_get_fields(e, event_fields, ARRAY_SIZE(event_fields), &ev);
	ipc_copy_str(ev.profile, sizeof(ev.profile), e[DMZG_E_PROFILE]);
	ipc_copy_str(ev.comm, sizeof(ev.comm), e[DMZG_E_COMM]);
	ipc_copy_str(ev.line, sizeof(ev.line), e[DMZG_E_LINE]);
	if (w->cb(&ev, w->arg))
		w->stop = 1;
	return NL_OK;
}

/*
 * libnl retries a receive that a signal interrupted, so a blocking
 * receive would not return on SIGTERM until the next event: systemd
 * would wait its whole stop timeout.  The signals that end a watch stay
 * blocked except inside pselect(), which returns on them, and the socket
 * does not block, so a receive only reads what is there.
 */
static int watch_loop(struct nl_sock *ev, struct watch_ctx *w)
{
	sigset_t ending, waiting;
	int fd = nl_socket_get_fd(ev), ret = 0;

	sigemptyset(&ending);
	sigaddset(&ending, SIGINT);
	sigaddset(&ending, SIGTERM);
	sigaddset(&ending, SIGALRM);
	if (sigprocmask(SIG_BLOCK, &ending, &waiting) ||
	    nl_socket_set_nonblocking(ev) < 0) {
		perror("watch: cannot wait for events");
		return EXIT_IO;
	}
	while (!w->stop && !ipc_interrupted) {
		fd_set readable;

		FD_ZERO(&readable);
		FD_SET(fd, &readable);
		if (pselect(fd + 1, &readable, NULL, NULL, NULL, &waiting) < 0) {
			if (errno == EINTR)
				continue;
			perror("watch: cannot wait for events");
			ret = EXIT_IO;
			break;
		}
		ret = nl_recvmsgs_default(ev);
		if (ret < 0 && ret != -NLE_INTR && ret != -NLE_AGAIN) {
			fprintf(stderr, "watch: %s\n", nl_geterror(ret));
			ret = EXIT_IO;
			break;
		}
		ret = 0;
	}
	sigprocmask(SIG_SETMASK, &waiting, NULL);
	return ret;
}

int ipc_watch(struct ipc *ipc, int (*cb)(const struct event *, void *),
	      void *arg)
{
	struct watch_ctx w = { cb, arg, 0 };
	struct nl_sock *ev;
	int grp, ret;

	grp = genl_ctrl_resolve_grp(ipc->sk, DMZG_GENL_NAME,
				    DMZG_GENL_MCGRP_EVENTS);
	if (grp < 0) {
		fprintf(stderr, "watch: cannot find the events group: %s\n",
			nl_geterror(grp));
		return EXIT_IO;
	}
	/* Events arrive unsolicited: a socket of their own, no seq check. */
	ev = nl_socket_alloc();
	if (!ev)
		return EXIT_IO;
	nl_socket_disable_seq_check(ev);
	nl_socket_modify_cb(ev, NL_CB_VALID, NL_CB_CUSTOM, on_event, &w);
	ret = genl_connect(ev);
	if (!ret)
		ret = nl_socket_add_membership(ev, grp);
	if (ret < 0) {
		fprintf(stderr, "watch: cannot subscribe: %s%s\n",
			nl_geterror(ret),
			ret == -NLE_PERM ? " (needs CAP_NET_ADMIN)" : "");
		nl_socket_free(ev);
		return ret == -NLE_PERM ? EXIT_PERM : EXIT_IO;
	}
	/* Tell a waiting caller that events will now be seen. */
	w.cb(NULL, w.arg);
	ret = watch_loop(ev, &w);
	nl_socket_free(ev);
	return ret;
}

static void on_signal(int sig)
{
	(void)sig;
	ipc_interrupted = 1;
}

/* SIGINT, SIGTERM and SIGALRM end a watch; no SA_RESTART, so recv returns. */
void ipc_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
}
