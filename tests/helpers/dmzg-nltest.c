// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-nltest: hostile and half-finished clients of the dmzguard netlink
 * family, for the VM tests.
 *
 *   dmzg-nltest abandon          open a load transaction, stage a profile
 *                                that would confine everything, exit
 *   dmzg-nltest hold SECONDS     open a transaction and keep it open;
 *                                prints "holding port=PORTID"
 *   dmzg-nltest release-elsewhere PORTID
 *                                in a new network namespace, open and
 *                                close a generic netlink socket bound to
 *                                PORTID (another namespace's port ids are
 *                                its own: that must not end a transaction)
 *   dmzg-nltest malformed        send each known-bad request; every one
 *                                must be refused with an error message
 *   dmzg-nltest fuzz SECONDS SEED  random commands and attributes; every
 *                                request must be answered
 *
 * Prints "PASS"/"FAIL" lines of its own; exits non-zero on any failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../kmod/uapi/dmzguard.h"

static int family;

struct result {
	int error;
	int answered;
	char msg[256];
};

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct result *r = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)err - 1;
	int off = sizeof(*nlh) + sizeof(*err), len = nlh->nlmsg_len;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	(void)nla;
	r->error = err->error;
	r->answered = 1;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(err->msg);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && len > off &&
	    !nla_parse(tb, NLMSGERR_ATTR_MAX,
		       (struct nlattr *)((char *)nlh + off), len - off, NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(r->msg, sizeof(r->msg), "%s",
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_ack(struct nl_msg *m, void *arg)
{
	struct result *r = arg;

	(void)m;
	r->answered = 1;
	return NL_STOP;
}

static int on_valid(struct nl_msg *m, void *arg)
{
	(void)m;
	(void)arg;
	return NL_OK;
}

static struct nl_sock *open_sock(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1;

	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "cannot connect\n");
		exit(2);
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	family = genl_ctrl_resolve(sk, DMZG_GENL_NAME);
	if (family < 0) {
		fprintf(stderr, "module not loaded\n");
		exit(2);
	}
	return sk;
}

static struct nl_msg *msg_new(int cmd)
{
	struct nl_msg *m = nlmsg_alloc_size(65536);

	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK, cmd,
		    DMZG_GENL_VERSION);
	return m;
}

static struct result send_msg(struct nl_sock *sk, struct nl_msg *m)
{
	struct result r = { 0 };
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);

	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &r);
	if (nl_send_auto(sk, m) < 0) {
		r.error = -EIO;
	} else {
		struct timeval tv = { 5, 0 };

		setsockopt(nl_socket_get_fd(sk), SOL_SOCKET, SO_RCVTIMEO, &tv,
			   sizeof(tv));
		while (!r.answered && nl_recvmsgs(sk, cb) >= 0)
			;
	}
	nl_cb_put(cb);
	nlmsg_free(m);
	return r;
}

static void put_profile(struct nl_msg *m, const char *name, int mode)
{
	struct nlattr *p = nla_nest_start(m, DMZG_A_PROFILE), *l;

	nla_put_string(m, DMZG_P_NAME, name);
	nla_put_u8(m, DMZG_P_MODE, mode);
	l = nla_nest_start(m, DMZG_P_ATTACH);
	nla_put_string(m, DMZG_LIST_ITEM, "/**");
	nla_nest_end(m, l);
	nla_nest_end(m, p);
}

static int failures;

static void expect_refused(const char *name, struct result r)
{
	if (r.answered && r.error < 0 && r.msg[0]) {
		printf("ok: %s -> %s (%s)\n", name, strerror(-r.error), r.msg);
		return;
	}
	if (r.answered && r.error < 0) {
		printf("ok: %s -> %s (no message)\n", name, strerror(-r.error));
		return;
	}
	printf("FAIL: %s was %s\n", name, r.answered ? "accepted" : "not answered");
	failures++;
}

static struct nl_msg *rules_msg(const char *profile)
{
	struct nl_msg *m = msg_new(DMZG_CMD_TX_RULES);

	nla_put_string(m, DMZG_A_NAME, profile);
	return m;
}

static int malformed(void)
{
	struct nl_sock *a = open_sock(), *b = open_sock();
	struct nl_msg *m;
	struct nlattr *rules, *rule;
	char *longname = malloc(6000);

	memset(longname, 'a', 5999);
	longname[0] = '/';
	longname[5999] = '\0';

	m = msg_new(DMZG_CMD_TX_PROFILE);
	put_profile(m, "x", 0);
	expect_refused("TX_PROFILE without TX_BEGIN", send_msg(a, m));
	expect_refused("TX_COMMIT without TX_BEGIN",
		       send_msg(a, msg_new(DMZG_CMD_TX_COMMIT)));
	expect_refused("TX_ABORT without TX_BEGIN",
		       send_msg(a, msg_new(DMZG_CMD_TX_ABORT)));
	m = msg_new(DMZG_CMD_STATUS);
	nla_put_u32(m, 200, 1);
	expect_refused("STATUS with an unknown attribute", send_msg(a, m));
	m = msg_new(DMZG_CMD_MODE);
	nla_put_string(m, DMZG_A_NAME, "no-such-profile");
	nla_put_u8(m, DMZG_A_MODE, 0);
	expect_refused("MODE of an unknown profile", send_msg(a, m));
	m = msg_new(DMZG_CMD_MODE);
	nla_put_string(m, DMZG_A_NAME, "x");
	nla_put_u8(m, DMZG_A_MODE, 9);
	expect_refused("MODE out of range", send_msg(a, m));
	m = msg_new(DMZG_CMD_MODE);
	nla_put_string(m, DMZG_A_NAME, "x");
	expect_refused("MODE without a mode", send_msg(a, m));

	if (send_msg(a, msg_new(DMZG_CMD_TX_BEGIN)).error) {
		printf("FAIL: TX_BEGIN refused\n");
		return 1;
	}
	expect_refused("second concurrent TX_BEGIN",
		       send_msg(b, msg_new(DMZG_CMD_TX_BEGIN)));
	m = msg_new(DMZG_CMD_TX_PROFILE);
	put_profile(m, "x", 0);
	expect_refused("TX_PROFILE on another socket's transaction",
		       send_msg(b, m));
	expect_refused("TX_PROFILE without PROFILE",
		       send_msg(a, msg_new(DMZG_CMD_TX_PROFILE)));
	m = msg_new(DMZG_CMD_TX_PROFILE);
	rule = nla_nest_start(m, DMZG_A_PROFILE);
	nla_put_string(m, DMZG_P_NAME, "this-name-is-far-too-long-for-a-profile-name-it-goes-on-and-on-and-on");
	nla_nest_end(m, rule);
	expect_refused("profile name over 63 bytes", send_msg(a, m));
	m = msg_new(DMZG_CMD_TX_PROFILE);
	rule = nla_nest_start(m, DMZG_A_PROFILE);
	nla_put_string(m, DMZG_P_NAME, "bad name");
	nla_nest_end(m, rule);
	expect_refused("profile name with a blank", send_msg(a, m));
	m = msg_new(DMZG_CMD_TX_PROFILE);
	rule = nla_nest_start(m, DMZG_A_PROFILE);
	nla_put_string(m, DMZG_P_NAME, "x");
	nla_put_u32(m, DMZG_P_MODE, 0);
	nla_nest_end(m, rule);
	expect_refused("MODE of the wrong width", send_msg(a, m));
	m = msg_new(DMZG_CMD_TX_PROFILE);
	rule = nla_nest_start(m, DMZG_A_PROFILE);
	nla_put_string(m, DMZG_P_NAME, "x");
	nla_put_u64(m, DMZG_P_CAP_ALLOW, 1ULL << 62);
	nla_nest_end(m, rule);
	expect_refused("unknown capability bit", send_msg(a, m));

	m = msg_new(DMZG_CMD_TX_PROFILE);
	put_profile(m, "victim", 0);
	if (send_msg(a, m).error) {
		printf("FAIL: valid TX_PROFILE refused\n");
		failures++;
	}
	m = rules_msg("undeclared");
	rules = nla_nest_start(m, DMZG_A_RULES);
	rule = nla_nest_start(m, 1);
	nla_put_u8(m, DMZG_R_OP, DMZG_RULE_EXEC);
	nla_put_u8(m, DMZG_R_ACTION, 0);
	nla_put_string(m, DMZG_R_PATH, "/bin/ls");
	nla_nest_end(m, rule);
	nla_nest_end(m, rules);
	expect_refused("rules for an undeclared profile", send_msg(a, m));

	/* Each bad rule discards the transaction: begin again each time. */
	struct { const char *name; int op; const char *path; int alen;
		 int prefix; } bad[] = {
		{ "rule op out of range", 9, "/bin/ls", 0, 0 },
		{ "exec rule with a relative path", DMZG_RULE_EXEC, "bin/ls", 0, 0 },
		{ "exec rule with a 6000-byte path", DMZG_RULE_EXEC, NULL, 0, 0 },
		{ "net rule with a 5-byte address", DMZG_RULE_CONNECT, NULL, 5, 8 },
		{ "net rule with prefix 40 on IPv4", DMZG_RULE_CONNECT, NULL, 4, 40 },
		{ "net rule with a path", DMZG_RULE_CONNECT, "/x", 4, 8 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		static const unsigned char addr[16] = { 10 };

		send_msg(a, msg_new(DMZG_CMD_TX_ABORT));
		send_msg(a, msg_new(DMZG_CMD_TX_BEGIN));
		m = msg_new(DMZG_CMD_TX_PROFILE);
		put_profile(m, "victim", 0);
		send_msg(a, m);
		m = rules_msg("victim");
		rules = nla_nest_start(m, DMZG_A_RULES);
		rule = nla_nest_start(m, 1);
		nla_put_u8(m, DMZG_R_OP, bad[i].op);
		nla_put_u8(m, DMZG_R_ACTION, 0);
		if (bad[i].path)
			nla_put_string(m, DMZG_R_PATH, bad[i].path);
		else if (!bad[i].alen)
			nla_put_string(m, DMZG_R_PATH, longname);
		if (bad[i].alen) {
			nla_put(m, DMZG_R_ADDR, bad[i].alen, addr);
			nla_put_u8(m, DMZG_R_PREFIX, bad[i].prefix);
			nla_put_u8(m, DMZG_R_PROTO, 1);
			nla_put_u16(m, DMZG_R_PORT_LO, 1);
			nla_put_u16(m, DMZG_R_PORT_HI, 2);
		}
		nla_nest_end(m, rule);
		nla_nest_end(m, rules);
		expect_refused(bad[i].name, send_msg(a, m));
		expect_refused("commit after a refused rule",
			       send_msg(a, msg_new(DMZG_CMD_TX_COMMIT)));
	}
	send_msg(a, msg_new(DMZG_CMD_TX_BEGIN));
	m = msg_new(DMZG_CMD_TX_PROFILE);
	put_profile(m, "victim", 0);
	send_msg(a, m);
	m = rules_msg("victim");
	rules = nla_nest_start(m, DMZG_A_RULES);
	rule = nla_nest_start(m, 1);
	nla_put_u8(m, DMZG_R_OP, DMZG_RULE_EXEC);
	nla_put_u8(m, DMZG_R_ACTION, 0);
	nla_put_string(m, DMZG_R_PATH, "/bin/ls");
	nla_put_string(m, DMZG_R_TARGET, "missing");
	nla_nest_end(m, rule);
	nla_nest_end(m, rules);
	send_msg(a, m);
	expect_refused("commit with a transition to a missing profile",
		       send_msg(a, msg_new(DMZG_CMD_TX_COMMIT)));
	free(longname);
	nl_socket_free(a);
	nl_socket_free(b);
	return failures != 0;
}

static void expect_errno(const char *name, struct result r, int err,
			 const char *msg)
{
	if (r.answered && r.error == -err && strstr(r.msg, msg)) {
		printf("ok: %s -> %s (%s)\n", name, strerror(err), r.msg);
		return;
	}
	printf("FAIL: %s: expected %s (%s), got %s (%s)\n", name,
	       strerror(err), msg, r.answered ? strerror(-r.error) : "no answer",
	       r.msg);
	failures++;
}

/* A transaction of one profile that attaches to nothing. */
static void begin_stranger(struct nl_sock *sk)
{
	struct nl_msg *m;
	struct nlattr *p, *l;

	send_msg(sk, msg_new(DMZG_CMD_TX_BEGIN));
	m = msg_new(DMZG_CMD_TX_PROFILE);
	p = nla_nest_start(m, DMZG_A_PROFILE);
	nla_put_string(m, DMZG_P_NAME, "stranger");
	l = nla_nest_start(m, DMZG_P_ATTACH);
	nla_put_string(m, DMZG_LIST_ITEM, "/nonexistent/stranger");
	nla_nest_end(m, l);
	nla_nest_end(m, p);
	send_msg(sk, m);
}

/*
 * What TX_COMMIT checks itself, whatever a client checked before: run
 * while a profile of the active policy confines a task.
 */
static int commit_checks(void)
{
	struct nl_sock *sk = open_sock();
	struct nlattr *rules, *rule;
	struct nl_msg *m;

	begin_stranger(sk);
	expect_errno("commit leaving out a profile in use",
		     send_msg(sk, msg_new(DMZG_CMD_TX_COMMIT)), EBUSY,
		     "the new policy leaves out a profile in use");
	begin_stranger(sk);
	m = msg_new(DMZG_CMD_TX_COMMIT);
	nla_put_flag(m, DMZG_A_FORCE);
	nla_put_u64(m, DMZG_A_EXPECT_GENERATION, 1);
	expect_errno("commit over a generation no longer active",
		     send_msg(sk, m), ESTALE,
		     "the policy changed since it was read");
	begin_stranger(sk);
	m = msg_new(DMZG_CMD_TX_COMMIT);
	nla_put_u32(m, DMZG_A_CONFIRM_SECONDS, 0);
	expect_errno("commit with 0 s to confirm", send_msg(sk, m), ERANGE,
		     "");
	m = msg_new(DMZG_CMD_TX_COMMIT);
	nla_put_u32(m, DMZG_A_CONFIRM_SECONDS, DMZG_CONFIRM_MAX_SEC + 1);
	expect_errno("commit with too long to confirm", send_msg(sk, m),
		     ERANGE, "");
	/* Counters are the kernel's to report, never a loader's to set. */
	m = rules_msg("stranger");
	rules = nla_nest_start(m, DMZG_A_RULES);
	rule = nla_nest_start(m, 1);
	nla_put_u8(m, DMZG_R_OP, DMZG_RULE_EXEC);
	nla_put_u8(m, DMZG_R_ACTION, 0);
	nla_put_string(m, DMZG_R_PATH, "/bin/ls");
	nla_put_u64(m, DMZG_R_HITS, 5);
	nla_nest_end(m, rule);
	nla_nest_end(m, rules);
	expect_refused("a rule that brings its own hit counter",
		       send_msg(sk, m));
	expect_errno("confirm with no change awaiting it",
		     send_msg(sk, msg_new(DMZG_CMD_CONFIRM)), ENOENT,
		     "no policy change awaits confirmation");
	nl_socket_free(sk);
	return failures != 0;
}

static int fuzz(int seconds, unsigned int seed)
{
	struct nl_sock *sk = open_sock();
	time_t end = time(NULL) + seconds;
	unsigned long sent = 0, refused = 0;

	srand(seed);
	while (time(NULL) < end) {
		int cmd = rand() % (DMZG_CMD_MAX + 3);
		struct nl_msg *m;
		struct result r;
		int nattr = rand() % 6;

		/* Sealing would end every later test; everything else goes. */
		if (cmd == DMZG_CMD_SEAL || cmd == DMZG_CMD_POLICY_GET ||
		    cmd == DMZG_CMD_PS)
			continue;
		m = msg_new(cmd);
		for (int i = 0; i < nattr; i++) {
			unsigned char buf[96];
			int len = rand() % (int)sizeof(buf);

			for (int j = 0; j < len; j++)
				buf[j] = rand();
			if (rand() % 3 == 0) {
				struct nlattr *n = nla_nest_start(m, rand() % 20);

				nla_put(m, rand() % 12, len, buf);
				nla_nest_end(m, n);
			} else {
				nla_put(m, rand() % 20, len, buf);
			}
		}
		r = send_msg(sk, m);
		if (!r.answered) {
			printf("FAIL: fuzz message %lu (cmd %d) not answered\n",
			       sent, cmd);
			return 1;
		}
		sent++;
		refused += r.error < 0;
	}
	send_msg(sk, msg_new(DMZG_CMD_TX_ABORT));
	printf("ok: fuzz sent %lu messages, %lu refused, all answered\n",
	       sent, refused);
	nl_socket_free(sk);
	return 0;
}

static int release_elsewhere(uint32_t port)
{
	struct nl_sock *sk;

	if (unshare(CLONE_NEWNET)) {
		perror("unshare(CLONE_NEWNET)");
		return 1;
	}
	sk = nl_socket_alloc();
	if (!sk)
		return 1;
	nl_socket_set_local_port(sk, port);
	if (nl_connect(sk, NETLINK_GENERIC)) {
		fprintf(stderr, "cannot bind port %u in the new namespace\n", port);
		nl_socket_free(sk);
		return 1;
	}
	printf("released port=%u in another network namespace\n", port);
	nl_socket_free(sk);	/* closing it is the NETLINK_URELEASE */
	return 0;
}

int main(int argc, char **argv)
{
	struct nl_sock *sk;
	struct nl_msg *m;

	if (argc >= 2 && !strcmp(argv[1], "abandon")) {
		sk = open_sock();
		if (send_msg(sk, msg_new(DMZG_CMD_TX_BEGIN)).error)
			return 1;
		m = msg_new(DMZG_CMD_TX_PROFILE);
		put_profile(m, "everything", 0);
		send_msg(sk, m);
		printf("abandoning an open transaction\n");
		return 0;	/* the socket closes with the process */
	}
	if (argc >= 3 && !strcmp(argv[1], "hold")) {
		sk = open_sock();
		if (send_msg(sk, msg_new(DMZG_CMD_TX_BEGIN)).error)
			return 1;
		printf("holding port=%u\n", nl_socket_get_local_port(sk));
		fflush(stdout);
		sleep(atoi(argv[2]));
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "release-elsewhere"))
		return release_elsewhere((uint32_t)strtoul(argv[2], NULL, 10));
	if (argc >= 2 && !strcmp(argv[1], "malformed"))
		return malformed();
	if (argc >= 2 && !strcmp(argv[1], "commit-checks"))
		return commit_checks();
	if (argc >= 4 && !strcmp(argv[1], "fuzz"))
		return fuzz(atoi(argv[2]), (unsigned int)atoi(argv[3]));
	fprintf(stderr, "usage: dmzg-nltest abandon|hold S|release-elsewhere PORTID|malformed|commit-checks|fuzz S SEED\n");
	return 2;
}
