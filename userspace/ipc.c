// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-3 client of the dmzguard generic-netlink family.  Requests ask
 * for an ACK with extended error messages, so a refusal prints the
 * kernel's own reason.
 */
#include <errno.h>
#include <signal.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc.h"

/* Rules per TX_RULES message are bounded by bytes, not count. */
#define CHUNK_BYTES (48 * 1024)

struct ipc {
	struct nl_sock *sk;
	int family;
};

/* Outcome of one request, filled by the callbacks. */
struct reply {
	int error;		/* negative errno from the kernel, or 0 */
	char msg[512];		/* extended ACK message */
	int (*parse)(struct nlmsghdr *nlh, struct nlattr **tb, void *arg);
	void *arg;
	int parse_error;
};

/* @what names the request in messages; NULL keeps it quiet. */
static int exit_for_errno(int err, const char *what, const char *kmsg)
{
	if (!what)
		return err == -EPERM ? EXIT_PERM : EXIT_REFUSED;
	if (err == -EPERM || err == -EACCES) {
		if (kmsg[0]) {
			fprintf(stderr, "%s: %s\n", what, kmsg);
			return EXIT_REFUSED;
		}
		fprintf(stderr,
			"%s: permission denied: needs CAP_NET_ADMIN (run as root)\n",
			what);
		return EXIT_PERM;
	}
	fprintf(stderr, "%s: the kernel refused: %s%s%s\n", what,
		kmsg[0] ? kmsg : strerror(-err), kmsg[0] ? " (" : "",
		kmsg[0] ? strerror(-err) : "");
	if (kmsg[0])
		fputs(")\n", stderr);
	return EXIT_REFUSED;
}

int ipc_open(struct ipc **out)
{
	struct ipc *ipc = calloc(1, sizeof(*ipc));
	int ret, one = 1;

	if (!ipc)
		return EXIT_IO;
	ipc->sk = nl_socket_alloc();
	if (!ipc->sk) {
		free(ipc);
		return EXIT_IO;
	}
	ret = genl_connect(ipc->sk);
	if (ret < 0) {
		fprintf(stderr, "cannot open a netlink socket: %s\n",
			nl_geterror(ret));
		goto fail;
	}
	/* libnl 3.7 has no setter: ask for the kernel's error messages. */
	setsockopt(nl_socket_get_fd(ipc->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	ipc->family = genl_ctrl_resolve(ipc->sk, DMZG_GENL_NAME);
	if (ipc->family < 0) {
		fprintf(stderr,
			"module not loaded: run `modprobe dmzguard` (or `insmod kmod/dmzguard.ko` from the source tree)\n");
		nl_socket_free(ipc->sk);
		free(ipc);
		return EXIT_NO_MODULE;
	}
	*out = ipc;
	return 0;
fail:
	nl_socket_free(ipc->sk);
	free(ipc);
	return EXIT_IO;
}

void ipc_close(struct ipc *ipc)
{
	if (!ipc)
		return;
	nl_socket_free(ipc->sk);
	free(ipc);
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct nlattr *tb[DMZG_A_MAX + 1];
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, DMZG_A_MAX, NULL);
	if (ret < 0) {
		r->parse_error = ret;
		return NL_STOP;
	}
	if (r->parse && r->parse(nlmsg_hdr(msg), tb, r->arg)) {
		r->parse_error = -EINVAL;
		return NL_STOP;
	}
	return NL_OK;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct reply *r = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)err - 1;
	int len = nlh->nlmsg_len, off = sizeof(*nlh) + sizeof(*err);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	(void)nla;
	r->error = err->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(err->msg);
	if (len > off &&
	    !nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		       len - off, NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(r->msg, sizeof(r->msg), "%s",
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	/* A dump that failed midway reports its error in NLMSG_DONE. */
	if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
		int err = *(int *)nlmsg_data(nlh);

		if (err < 0)
			r->error = err;
	}
	return NL_STOP;
}

static struct nl_msg *new_msg(struct ipc *ipc, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(CHUNK_BYTES + 8192);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ipc->family, 0,
			 flags | NLM_F_ACK, cmd, DMZG_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Send @msg (consumed), collect replies.  Return: 0 or an exit code. */
static int transact(struct ipc *ipc, struct nl_msg *msg, const char *what,
		    int (*parse)(struct nlmsghdr *, struct nlattr **, void *),
		    void *arg)
{
	struct reply r = { .parse = parse, .arg = arg };
	struct nl_cb *cb;
	int ret;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return EXIT_IO;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &r);
	ret = nl_send_auto(ipc->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		if (what)
			fprintf(stderr, "%s: cannot send: %s\n", what,
				nl_geterror(ret));
		return EXIT_IO;
	}
	ret = nl_recvmsgs(ipc->sk, cb);
	nl_cb_put(cb);
	if (r.error)
		return exit_for_errno(r.error, what, r.msg);
	if (ret < 0) {
		if (what)
			fprintf(stderr, "%s: %s\n", what, nl_geterror(ret));
		return EXIT_IO;
	}
	if (r.parse_error) {
		if (what)
			fprintf(stderr, "%s: malformed reply from the kernel\n",
				what);
		return EXIT_IO;
	}
	return 0;
}

/* Iterate over every top-level attribute of type @type in a message. */
#define for_each_top(a, nlh, type, rem)					\
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),	\
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem)	\
		if (nla_type(a) == (type))

static void copy_str(char *dst, size_t size, struct nlattr *a)
{
	snprintf(dst, size, "%.*s", a ? nla_len(a) : 0,
		 a ? (char *)nla_data(a) : "");
	/* nla_len counts the NUL: strip anything after it. */
	dst[strnlen(dst, size - 1)] = '\0';
}

/* --- status --- */

static int parse_status(struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct status *st = arg;
	struct nlattr *a;
	int rem;

	copy_str(st->version, sizeof(st->version), tb[DMZG_A_VERSION]);
	st->sealed = tb[DMZG_A_SEALED] && nla_get_u8(tb[DMZG_A_SEALED]);
	st->loaded = tb[DMZG_A_POLICY_LOADED] &&
		     nla_get_u8(tb[DMZG_A_POLICY_LOADED]);
	st->tx_active = tb[DMZG_A_TX_ACTIVE] && nla_get_u8(tb[DMZG_A_TX_ACTIVE]);
	if (tb[DMZG_A_GENERATION])
		st->generation = nla_get_u64(tb[DMZG_A_GENERATION]);
	if (tb[DMZG_A_POLICY_BYTES])
		st->bytes = nla_get_u64(tb[DMZG_A_POLICY_BYTES]);
	if (tb[DMZG_A_PROFILE_COUNT])
		st->profiles = nla_get_u32(tb[DMZG_A_PROFILE_COUNT]);
	if (tb[DMZG_A_RULE_COUNT])
		st->rules = nla_get_u32(tb[DMZG_A_RULE_COUNT]);
	if (tb[DMZG_A_CONFINED_TASKS])
		st->confined = nla_get_u32(tb[DMZG_A_CONFINED_TASKS]);
	for_each_top(a, nlh, DMZG_A_PROFILE, rem) {
		struct nlattr *p[DMZG_P_MAX + 1];
		struct status_profile *sp, *arr;

		if (nla_parse_nested(p, DMZG_P_MAX, a, NULL) || !p[DMZG_P_NAME])
			return -1;
		arr = realloc(st->prof, (st->nprof + 1) * sizeof(*arr));
		if (!arr)
			return -1;
		st->prof = arr;
		sp = &arr[st->nprof++];
		memset(sp, 0, sizeof(*sp));
		copy_str(sp->name, sizeof(sp->name), p[DMZG_P_NAME]);
		if (p[DMZG_P_MODE])
			sp->mode = nla_get_u8(p[DMZG_P_MODE]);
		if (p[DMZG_P_RULE_COUNT])
			sp->rules = nla_get_u32(p[DMZG_P_RULE_COUNT]);
		if (p[DMZG_P_TASKS])
			sp->tasks = nla_get_u32(p[DMZG_P_TASKS]);
		if (p[DMZG_P_DECISIONS])
			sp->decisions = nla_get_u64(p[DMZG_P_DECISIONS]);
		if (p[DMZG_P_DENIALS])
			sp->denials = nla_get_u64(p[DMZG_P_DENIALS]);
	}
	return 0;
}

int ipc_status(struct ipc *ipc, struct status *st)
{
	struct nl_msg *msg = new_msg(ipc, DMZG_CMD_STATUS, 0);

	memset(st, 0, sizeof(*st));
	if (!msg)
		return EXIT_IO;
	return transact(ipc, msg, "status", parse_status, st);
}

void ipc_status_free(struct status *st)
{
	free(st->prof);
	st->prof = NULL;
	st->nprof = 0;
}

/* --- load --- */

static int put_profile(struct nl_msg *msg, const struct profile *p)
{
	struct nlattr *nest, *list;

	nest = nla_nest_start(msg, DMZG_A_PROFILE);
	if (!nest ||
	    nla_put_string(msg, DMZG_P_NAME, p->name) ||
	    nla_put_u8(msg, DMZG_P_MODE, p->mode) ||
	    nla_put_u8(msg, DMZG_P_EXEC_DEFAULT, p->defaults[DMZG_RULE_EXEC]) ||
	    nla_put_u8(msg, DMZG_P_CONNECT_DEFAULT,
		       p->defaults[DMZG_RULE_CONNECT]) ||
	    nla_put_u8(msg, DMZG_P_BIND_DEFAULT, p->defaults[DMZG_RULE_BIND]) ||
	    nla_put_u8(msg, DMZG_P_UNIX_DEFAULT, p->defaults[DMZG_RULE_UNIX]) ||
	    nla_put_u64(msg, DMZG_P_CAP_ALLOW, p->cap_allow) ||
	    nla_put_u64(msg, DMZG_P_CAP_DENY, p->cap_deny) ||
	    nla_put_u32(msg, DMZG_P_SOCKET_ALLOW, p->sock_allow) ||
	    nla_put_u32(msg, DMZG_P_SOCKET_DENY, p->sock_deny))
		return -1;
	list = nla_nest_start(msg, DMZG_P_ATTACH);
	if (!list)
		return -1;
	for (size_t i = 0; i < p->nattach; i++)
		if (nla_put_string(msg, DMZG_LIST_ITEM, p->attach[i]))
			return -1;
	nla_nest_end(msg, list);
	nla_nest_end(msg, nest);
	return 0;
}

static int put_rule(struct nl_msg *msg, const struct rule *r, int idx)
{
	struct nlattr *nest = nla_nest_start(msg, idx);

	if (!nest || nla_put_u8(msg, DMZG_R_OP, r->op) ||
	    nla_put_u8(msg, DMZG_R_ACTION, r->action))
		return -1;
	if (r->op == DMZG_RULE_CONNECT || r->op == DMZG_RULE_BIND) {
		if (nla_put_u8(msg, DMZG_R_PROTO, r->proto) ||
		    nla_put(msg, DMZG_R_ADDR,
			    r->family == DMZG_FAMILY_V4 ? 4 : 16, r->addr) ||
		    nla_put_u8(msg, DMZG_R_PREFIX, r->prefix) ||
		    nla_put_u16(msg, DMZG_R_PORT_LO, r->port_lo) ||
		    nla_put_u16(msg, DMZG_R_PORT_HI, r->port_hi))
			return -1;
	} else {
		if (nla_put_string(msg, DMZG_R_PATH, r->path))
			return -1;
		if (r->target && nla_put_string(msg, DMZG_R_TARGET, r->target))
			return -1;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static size_t rule_bytes(const struct rule *r)
{
	return 96 + (r->path ? strlen(r->path) : 0) +
	       (r->target ? strlen(r->target) : 0);
}

int ipc_tx_begin(struct ipc *ipc)
{
	struct nl_msg *msg = new_msg(ipc, DMZG_CMD_TX_BEGIN, 0);

	return msg ? transact(ipc, msg, "load", NULL, NULL) : EXIT_IO;
}

int ipc_tx_profile(struct ipc *ipc, const struct profile *p)
{
	struct nl_msg *msg = new_msg(ipc, DMZG_CMD_TX_PROFILE, 0);

	if (!msg)
		return EXIT_IO;
	if (put_profile(msg, p)) {
		nlmsg_free(msg);
		fprintf(stderr, "load: profile '%s' does not fit in a message\n",
			p->name);
		return EXIT_USAGE;
	}
	return transact(ipc, msg, "load", NULL, NULL);
}

static int send_rules(struct ipc *ipc, const struct profile *p)
{
	size_t i = 0;

	while (i < p->nrules) {
		struct nl_msg *msg = new_msg(ipc, DMZG_CMD_TX_RULES, 0);
		struct nlattr *rules;
		size_t bytes = 0, first = i;
		int ret;

		if (!msg)
			return EXIT_IO;
		if (nla_put_string(msg, DMZG_A_NAME, p->name) ||
		    !(rules = nla_nest_start(msg, DMZG_A_RULES)))
			goto too_big;
		for (; i < p->nrules; i++) {
			bytes += rule_bytes(&p->rules[i]);
			if (i > first && bytes > CHUNK_BYTES)
				break;
			if (put_rule(msg, &p->rules[i], (int)(i - first + 1)))
				goto too_big;
		}
		nla_nest_end(msg, rules);
		ret = transact(ipc, msg, "load", NULL, NULL);
		if (ret) {
			const struct rule *r = &p->rules[first];

			fprintf(stderr,
				"load: refused in the rules of profile '%s' from %s:%d\n",
				p->name, r->pos.file ? r->pos.file : "-",
				r->pos.line);
			return ret;
		}
		continue;
too_big:
		nlmsg_free(msg);
		fprintf(stderr, "load: a rule of profile '%s' does not fit in a message\n",
			p->name);
		return EXIT_USAGE;
	}
	return 0;
}

static int parse_commit(struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	uint64_t *out = arg;

	(void)nlh;
	if (tb[DMZG_A_GENERATION])
		out[0] = nla_get_u64(tb[DMZG_A_GENERATION]);
	if (tb[DMZG_A_POLICY_BYTES])
		out[1] = nla_get_u64(tb[DMZG_A_POLICY_BYTES]);
	return 0;
}

int ipc_load(struct ipc *ipc, const struct policy *pol, uint64_t *gen,
	     uint64_t *bytes)
{
	uint64_t out[2] = { 0, 0 };
	struct nl_msg *msg;
	int ret;

	ret = ipc_tx_begin(ipc);
	if (ret)
		return ret;
	for (size_t i = 0; i < pol->nprofiles && !ret; i++) {
		ret = ipc_tx_profile(ipc, &pol->profiles[i]);
		if (!ret)
			ret = send_rules(ipc, &pol->profiles[i]);
	}
	if (ret) {
		/* Nothing was enforced; drop what the kernel staged. */
		msg = new_msg(ipc, DMZG_CMD_TX_ABORT, 0);
		if (msg)
			transact(ipc, msg, NULL, NULL, NULL);
		return ret;
	}
	msg = new_msg(ipc, DMZG_CMD_TX_COMMIT, 0);
	if (!msg)
		return EXIT_IO;
	ret = transact(ipc, msg, "load", parse_commit, out);
	*gen = out[0];
	*bytes = out[1];
	return ret;
}

/* --- policy dump --- */

static int parse_rule_attr(struct nlattr *a, struct rule *r)
{
	struct nlattr *t[DMZG_R_MAX + 1];

	if (nla_parse_nested(t, DMZG_R_MAX, a, NULL) || !t[DMZG_R_OP] ||
	    !t[DMZG_R_ACTION])
		return -1;
	r->op = nla_get_u8(t[DMZG_R_OP]);
	r->action = nla_get_u8(t[DMZG_R_ACTION]);
	if (t[DMZG_R_PATH] && !(r->path = strdup(nla_get_string(t[DMZG_R_PATH]))))
		return -1;
	if (t[DMZG_R_TARGET] &&
	    !(r->target = strdup(nla_get_string(t[DMZG_R_TARGET]))))
		return -1;
	if (t[DMZG_R_ADDR]) {
		int len = nla_len(t[DMZG_R_ADDR]);

		if (len != 4 && len != 16)
			return -1;
		memcpy(r->addr, nla_data(t[DMZG_R_ADDR]), len);
		r->family = len == 4 ? DMZG_FAMILY_V4 : DMZG_FAMILY_V6;
	}
	if (t[DMZG_R_PROTO])
		r->proto = nla_get_u8(t[DMZG_R_PROTO]);
	if (t[DMZG_R_PREFIX])
		r->prefix = nla_get_u8(t[DMZG_R_PREFIX]);
	if (t[DMZG_R_PORT_LO])
		r->port_lo = nla_get_u16(t[DMZG_R_PORT_LO]);
	if (t[DMZG_R_PORT_HI])
		r->port_hi = nla_get_u16(t[DMZG_R_PORT_HI]);
	return 0;
}

static int parse_profile_header(struct nlattr *a, struct policy *pol)
{
	struct nlattr *t[DMZG_P_MAX + 1], *item;
	struct profile *p;
	int rem;

	if (nla_parse_nested(t, DMZG_P_MAX, a, NULL) || !t[DMZG_P_NAME])
		return -1;
	p = policy_add_profile(pol);
	if (!p)
		return -1;
	copy_str(p->name, sizeof(p->name), t[DMZG_P_NAME]);
	if (t[DMZG_P_MODE])
		p->mode = nla_get_u8(t[DMZG_P_MODE]);
	if (t[DMZG_P_EXEC_DEFAULT])
		p->defaults[DMZG_RULE_EXEC] = nla_get_u8(t[DMZG_P_EXEC_DEFAULT]);
	if (t[DMZG_P_CONNECT_DEFAULT])
		p->defaults[DMZG_RULE_CONNECT] =
			nla_get_u8(t[DMZG_P_CONNECT_DEFAULT]);
	if (t[DMZG_P_BIND_DEFAULT])
		p->defaults[DMZG_RULE_BIND] = nla_get_u8(t[DMZG_P_BIND_DEFAULT]);
	if (t[DMZG_P_UNIX_DEFAULT])
		p->defaults[DMZG_RULE_UNIX] = nla_get_u8(t[DMZG_P_UNIX_DEFAULT]);
	if (t[DMZG_P_CAP_ALLOW])
		p->cap_allow = nla_get_u64(t[DMZG_P_CAP_ALLOW]);
	if (t[DMZG_P_CAP_DENY])
		p->cap_deny = nla_get_u64(t[DMZG_P_CAP_DENY]);
	if (t[DMZG_P_SOCKET_ALLOW])
		p->sock_allow = nla_get_u32(t[DMZG_P_SOCKET_ALLOW]);
	if (t[DMZG_P_SOCKET_DENY])
		p->sock_deny = nla_get_u32(t[DMZG_P_SOCKET_DENY]);
	if (t[DMZG_P_ATTACH])
		nla_for_each_nested(item, t[DMZG_P_ATTACH], rem)
			if (profile_add_attach(p, nla_get_string(item)))
				return -1;
	return 0;
}

static int parse_policy_msg(struct nlmsghdr *nlh, struct nlattr **tb,
			    void *arg)
{
	struct policy *pol = arg;
	struct nlattr *a;
	struct profile *p;
	int rem;

	(void)nlh;
	if (tb[DMZG_A_PROFILE])
		return parse_profile_header(tb[DMZG_A_PROFILE], pol);
	if (!tb[DMZG_A_NAME] || !tb[DMZG_A_RULES] || !pol->nprofiles)
		return -1;
	p = &pol->profiles[pol->nprofiles - 1];
	if (strcmp(p->name, nla_get_string(tb[DMZG_A_NAME])))
		return -1;
	nla_for_each_nested(a, tb[DMZG_A_RULES], rem) {
		struct rule *r = profile_add_rule(p);

		if (!r || parse_rule_attr(a, r))
			return -1;
	}
	return 0;
}

int ipc_policy_get(struct ipc *ipc, struct policy *pol)
{
	struct nl_msg *msg = new_msg(ipc, DMZG_CMD_POLICY_GET, NLM_F_DUMP);

	if (!msg)
		return EXIT_IO;
	return transact(ipc, msg, "show", parse_policy_msg, pol);
}

/* --- ps --- */

struct ps_list {
	struct ps_entry *ents;
	size_t n;
};

static int parse_ps(struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct nlattr *t[DMZG_T_MAX + 1];
	struct ps_list *l = arg;
	struct ps_entry *arr, *e;

	(void)nlh;
	if (!tb[DMZG_A_TASK] ||
	    nla_parse_nested(t, DMZG_T_MAX, tb[DMZG_A_TASK], NULL))
		return -1;
	arr = realloc(l->ents, (l->n + 1) * sizeof(*arr));
	if (!arr)
		return -1;
	l->ents = arr;
	e = &arr[l->n++];
	memset(e, 0, sizeof(*e));
	if (t[DMZG_T_PID])
		e->pid = nla_get_u32(t[DMZG_T_PID]);
	if (t[DMZG_T_TGID])
		e->tgid = nla_get_u32(t[DMZG_T_TGID]);
	copy_str(e->comm, sizeof(e->comm), t[DMZG_T_COMM]);
	copy_str(e->exe, sizeof(e->exe), t[DMZG_T_EXE]);
	copy_str(e->profile, sizeof(e->profile), t[DMZG_T_PROFILE]);
	return 0;
}

int ipc_ps(struct ipc *ipc, struct ps_entry **ents, size_t *n)
{
	struct nl_msg *msg = new_msg(ipc, DMZG_CMD_PS, NLM_F_DUMP);
	struct ps_list l = { NULL, 0 };
	int ret;

	if (!msg)
		return EXIT_IO;
	ret = transact(ipc, msg, "ps", parse_ps, &l);
	*ents = l.ents;
	*n = l.n;
	return ret;
}

/* --- mode, clear, seal --- */

int ipc_mode(struct ipc *ipc, const char *name, uint8_t mode)
{
	struct nl_msg *msg = new_msg(ipc, DMZG_CMD_MODE, 0);

	if (!msg)
		return EXIT_IO;
	if (nla_put_string(msg, DMZG_A_NAME, name) ||
	    nla_put_u8(msg, DMZG_A_MODE, mode)) {
		nlmsg_free(msg);
		return EXIT_IO;
	}
	return transact(ipc, msg, "mode", NULL, NULL);
}

int ipc_simple(struct ipc *ipc, uint8_t cmd, const char *what)
{
	struct nl_msg *msg = new_msg(ipc, cmd, 0);

	return msg ? transact(ipc, msg, what, NULL, NULL) : EXIT_IO;
}

/* --- events --- */

volatile sig_atomic_t ipc_interrupted;

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
	if (e[DMZG_E_KIND])
		ev.kind = nla_get_u8(e[DMZG_E_KIND]);
	if (e[DMZG_E_OP])
		ev.op = nla_get_u8(e[DMZG_E_OP]);
	if (e[DMZG_E_PID])
		ev.pid = nla_get_u32(e[DMZG_E_PID]);
	if (e[DMZG_E_UID])
		ev.uid = nla_get_u32(e[DMZG_E_UID]);
	copy_str(ev.profile, sizeof(ev.profile), e[DMZG_E_PROFILE]);
	copy_str(ev.comm, sizeof(ev.comm), e[DMZG_E_COMM]);
	copy_str(ev.line, sizeof(ev.line), e[DMZG_E_LINE]);
	if (w->cb(&ev, w->arg))
		w->stop = 1;
	return NL_OK;
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
	while (!w.stop && !ipc_interrupted) {
		ret = nl_recvmsgs_default(ev);
		if (ret < 0 && ret != -NLE_INTR && ret != -NLE_AGAIN) {
			fprintf(stderr, "watch: %s\n", nl_geterror(ret));
			nl_socket_free(ev);
			return EXIT_IO;
		}
	}
	nl_socket_free(ev);
	return 0;
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
