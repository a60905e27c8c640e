// SPDX-License-Identifier: GPL-2.0
/*
 * The policy on the wire: a load as a transaction of profile headers and
 * rules in chunks, and the dump of the active policy parsed back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc_internal.h"

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
	    nla_put_u8(msg, DMZG_P_WRITE_DEFAULT,
		       p->defaults[DMZG_RULE_WRITE]) ||
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
	struct nl_msg *msg = ipc_new_msg(ipc, DMZG_CMD_TX_BEGIN, 0);

	return msg ? ipc_transact(ipc, msg, "load", NULL, NULL) : EXIT_IO;
}

int ipc_tx_profile(struct ipc *ipc, const struct profile *p)
{
	struct nl_msg *msg = ipc_new_msg(ipc, DMZG_CMD_TX_PROFILE, 0);

	if (!msg)
		return EXIT_IO;
	if (put_profile(msg, p)) {
		nlmsg_free(msg);
		fprintf(stderr, "load: profile '%s' does not fit in a message\n",
			p->name);
		return EXIT_USAGE;
	}
	return ipc_transact(ipc, msg, "load", NULL, NULL);
}

static int send_rules(struct ipc *ipc, const struct profile *p)
{
	size_t i = 0;

	while (i < p->nrules) {
		struct nl_msg *msg = ipc_new_msg(ipc, DMZG_CMD_TX_RULES, 0);
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
			if (i > first && bytes > IPC_CHUNK_BYTES)
				break;
			if (put_rule(msg, &p->rules[i], (int)(i - first + 1)))
				goto too_big;
		}
		nla_nest_end(msg, rules);
		ret = ipc_transact(ipc, msg, "load", NULL, NULL);
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

static int put_commit_opts(struct nl_msg *msg, const struct load_opts *o)
{
	if (o->force && nla_put_flag(msg, DMZG_A_FORCE))
		return -1;
	if (o->expect &&
	    nla_put_u64(msg, DMZG_A_EXPECT_GENERATION, o->generation))
		return -1;
	if (o->confirm_seconds &&
	    nla_put_u32(msg, DMZG_A_CONFIRM_SECONDS, o->confirm_seconds))
		return -1;
	return 0;
}

int ipc_load(struct ipc *ipc, const struct policy *pol,
	     const struct load_opts *opts, uint64_t *gen, uint64_t *bytes)
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
		msg = ipc_new_msg(ipc, DMZG_CMD_TX_ABORT, 0);
		if (msg)
			ipc_transact(ipc, msg, NULL, NULL, NULL);
		return ret;
	}
	msg = ipc_new_msg(ipc, DMZG_CMD_TX_COMMIT, 0);
	if (!msg)
		return EXIT_IO;
	if (put_commit_opts(msg, opts)) {
		nlmsg_free(msg);
		return EXIT_IO;
	}
	ret = ipc_transact(ipc, msg, "load", parse_commit, out);
	*gen = out[0];
	*bytes = out[1];
	return ret;
}

/* --- policy dump --- */

static const struct ipc_field rule_fields[] = {
	IPC_FIELD(DMZG_R_HITS, struct rule, hits),
	IPC_FIELD(DMZG_R_LAST_HIT, struct rule, last_hit),
	IPC_FIELD(DMZG_R_PROTO, struct rule, proto),
	IPC_FIELD(DMZG_R_PREFIX, struct rule, prefix),
	IPC_FIELD(DMZG_R_PORT_LO, struct rule, port_lo),
	IPC_FIELD(DMZG_R_PORT_HI, struct rule, port_hi),
};

static const struct ipc_field profile_fields[] = {
	IPC_FIELD(DMZG_P_MODE, struct profile, mode),
	IPC_FIELD(DMZG_P_EXEC_DEFAULT, struct profile,
		  defaults[DMZG_RULE_EXEC]),
	IPC_FIELD(DMZG_P_CONNECT_DEFAULT, struct profile,
		  defaults[DMZG_RULE_CONNECT]),
	IPC_FIELD(DMZG_P_BIND_DEFAULT, struct profile,
		  defaults[DMZG_RULE_BIND]),
	IPC_FIELD(DMZG_P_UNIX_DEFAULT, struct profile,
		  defaults[DMZG_RULE_UNIX]),
	IPC_FIELD(DMZG_P_WRITE_DEFAULT, struct profile,
		  defaults[DMZG_RULE_WRITE]),
	IPC_FIELD(DMZG_P_CAP_ALLOW, struct profile, cap_allow),
	IPC_FIELD(DMZG_P_CAP_DENY, struct profile, cap_deny),
	IPC_FIELD(DMZG_P_SOCKET_ALLOW, struct profile, sock_allow),
	IPC_FIELD(DMZG_P_SOCKET_DENY, struct profile, sock_deny),
};

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
	ipc_get_fields(t, rule_fields, ARRAY_SIZE(rule_fields), r);
	return 0;
}

/* How often each kind of rule's default decided. */
static int parse_default_hits(struct nlattr *list, struct profile *p)
{
	struct nlattr *one, *t[DMZG_R_MAX + 1];
	int rem;

	nla_for_each_nested(one, list, rem) {
		uint8_t op;

		if (nla_parse_nested(t, DMZG_R_MAX, one, NULL) || !t[DMZG_R_OP])
			return -1;
		op = nla_get_u8(t[DMZG_R_OP]);
		if (op >= __DMZG_RULE_MAX)
			return -1;
		if (t[DMZG_R_HITS])
			p->default_hits[op] = nla_get_u64(t[DMZG_R_HITS]);
		if (t[DMZG_R_LAST_HIT])
			p->default_last[op] = nla_get_u64(t[DMZG_R_LAST_HIT]);
	}
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
	ipc_copy_str(p->name, sizeof(p->name), t[DMZG_P_NAME]);
	ipc_get_fields(t, profile_fields, ARRAY_SIZE(profile_fields), p);
	if (t[DMZG_P_ATTACH])
		nla_for_each_nested(item, t[DMZG_P_ATTACH], rem)
			if (profile_add_attach(p, nla_get_string(item)))
				return -1;
	if (t[DMZG_P_DEFAULT_HITS])
		return parse_default_hits(t[DMZG_P_DEFAULT_HITS], p);
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

/*
 * The kernel abandons a dump when a load replaces the policy between two
 * of its reads (EAGAIN): read it again from the start, a few times.
 */
#define POLICY_GET_TRIES 8

int ipc_policy_get(struct ipc *ipc, struct policy *pol)
{
	struct nl_msg *msg;
	int ret, try;

	for (try = 1;; try++) {
		msg = ipc_new_msg(ipc, DMZG_CMD_POLICY_GET, NLM_F_DUMP);
		if (!msg)
			return EXIT_IO;
		/* The last try reports whatever it gets. */
		ipc->retry_error = try < POLICY_GET_TRIES ? -EAGAIN : 0;
		ret = ipc_transact(ipc, msg, "show", parse_policy_msg, pol);
		ipc->retry_error = 0;
		if (!ret || ipc->error != -EAGAIN || try == POLICY_GET_TRIES)
			return ret;
		/* What the abandoned dump gave is dropped. */
		policy_free(pol);
		policy_init(pol);
	}
}
