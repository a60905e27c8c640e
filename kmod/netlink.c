// SPDX-License-Identifier: GPL-2.0
/*
 * The "dmzguard" generic-netlink family: requests are validated strictly
 * against a per-command policy, translated into the load transaction's or
 * the control plane's terms, and answered with an extended ACK that names
 * the reason and the attribute of every refusal.  See uapi/dmzguard.h for
 * the wire format.
 *
 * The semantic checks a policy cannot express (valid patterns, names,
 * limits) are made again by the policy code whatever userspace checked.
 */
#include <linux/netlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "audit.h"
#include "compat.h"
#include "control.h"
#include "decide.h"
#include "hook_arm.h"
#include "load.h"
#include "mutant.h"
#include "netlink.h"
#include "policy.h"

static struct genl_family dmzg_family;

/*
 * Report a reason chosen at run time.  NL_SET_ERR_MSG() only takes
 * literals; the reasons from the policy code are static strings too.
 */
static void set_err(struct netlink_ext_ack *extack, const struct nlattr *attr,
		    const char *why)
{
	if (!extack || !why)
		return;
	extack->_msg = why;
	extack->bad_attr = attr;
}

static int dmzg_netlink_notify(struct notifier_block *nb, unsigned long ev,
			       void *ptr)
{
	struct netlink_notify *n = ptr;

	/*
	 * The family lives in the initial network namespace only, and port
	 * ids are per namespace: a socket closing elsewhere with the owner's
	 * port id (anyone can make one in a namespace of their own) is not
	 * the owner leaving.
	 */
	if (ev == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    net_eq(n->net, &init_net))
		dmzg_load_released(n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block dmzg_netlink_nb = {
	.notifier_call = dmzg_netlink_notify,
};

/*
 * A confined task must not touch the policy, nor learn it: every command
 * is refused to it, even as root, whatever its profile's mode.
 */
static int refuse_confined(struct netlink_ext_ack *extack, u8 cmd)
{
	struct dmzg_request req = { .op = DMZG_OP_NETLINK,
				    .object = DMZG_OBJ_COMMAND, .cmd = cmd };
	struct dmzg_subject s;
	bool confined;

	if (dmzg_mutant(NETLINK))
		return 0;
	rcu_read_lock();
	confined = dmzg_subject_find(&s);
	if (confined)
		dmzg_decide(&s, &req, DMZG_DENY);
	rcu_read_unlock();
	if (!confined)
		return 0;
	NL_SET_ERR_MSG(extack, "refused: the caller is confined by dmzguard");
	return -EACCES;
}

static int dmzg_pre_doit(const struct dmzg_genl_op *ops, struct sk_buff *skb,
			 struct genl_info *info)
{
	return refuse_confined(info->extack, ops->cmd);
}

/* --- status and dumps, built by netlink_dump.c --- */

static int dmzg_status(struct sk_buff *skb, struct genl_info *info)
{
	return dmzg_nl_status(&dmzg_family, info);
}

static int dmzg_policy_start(struct netlink_callback *cb)
{
	return refuse_confined(cb->extack, DMZG_CMD_POLICY_GET);
}

static int dmzg_policy_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return dmzg_nl_policy_dump(&dmzg_family, skb, cb);
}

static int dmzg_ps_start(struct netlink_callback *cb)
{
	int ret = refuse_confined(cb->extack, DMZG_CMD_PS);

	return ret ? ret : dmzg_nl_ps_start(cb);
}

static int dmzg_ps_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return dmzg_nl_ps_dump(&dmzg_family, skb, cb);
}

static int refuse_sealed(struct genl_info *info)
{
	if (!dmzg_sealed())
		return 0;
	GENL_SET_ERR_MSG(info, "sealed: policy changes are refused until reboot");
	return -EPERM;
}

/* --- load transaction --- */

static int dmzg_tx_begin(struct sk_buff *skb, struct genl_info *info)
{
	const char *why = NULL;
	int ret;

	ret = dmzg_load_begin(info->snd_portid, &why);
	set_err(info->extack, NULL, why);
	return ret;
}

static const struct nla_policy dmzg_list_policy[DMZG_LIST_MAX + 1] = {
	[DMZG_LIST_ITEM] = { .type = NLA_NUL_STRING, .len = DMZG_PATH_MAX - 1 },
};

static const struct nla_policy dmzg_profile_policy[DMZG_P_MAX + 1] = {
	[DMZG_P_NAME] = { .type = NLA_NUL_STRING, .len = DMZG_NAME_MAX - 1 },
	[DMZG_P_MODE] = NLA_POLICY_MAX(NLA_U8, DMZG_MODE_MAX),
	[DMZG_P_EXEC_DEFAULT] = NLA_POLICY_MAX(NLA_U8, DMZG_ACTION_MAX),
	[DMZG_P_CONNECT_DEFAULT] = NLA_POLICY_MAX(NLA_U8, DMZG_ACTION_MAX),
	[DMZG_P_BIND_DEFAULT] = NLA_POLICY_MAX(NLA_U8, DMZG_ACTION_MAX),
	[DMZG_P_UNIX_DEFAULT] = NLA_POLICY_MAX(NLA_U8, DMZG_ACTION_MAX),
	[DMZG_P_WRITE_DEFAULT] = NLA_POLICY_MAX(NLA_U8, DMZG_ACTION_MAX),
	/* 64-bit masks cannot be policy-checked: see dmzg_src_add_profile() */
	[DMZG_P_CAP_ALLOW] = { .type = NLA_U64 },
	[DMZG_P_CAP_DENY] = { .type = NLA_U64 },
	[DMZG_P_SOCKET_ALLOW] = NLA_POLICY_MASK(NLA_U32, DMZG_SOCK_ALL_MASK),
	[DMZG_P_SOCKET_DENY] = NLA_POLICY_MASK(NLA_U32, DMZG_SOCK_ALL_MASK),
	[DMZG_P_ATTACH] = NLA_POLICY_NESTED(dmzg_list_policy),
};

static const struct nla_policy dmzg_rule_policy[DMZG_R_MAX + 1] = {
	[DMZG_R_OP] = NLA_POLICY_MAX(NLA_U8, DMZG_RULE_MAX),
	[DMZG_R_ACTION] = NLA_POLICY_MAX(NLA_U8, DMZG_ACTION_MAX),
	[DMZG_R_PATH] = { .type = NLA_NUL_STRING, .len = DMZG_PATH_MAX - 1 },
	[DMZG_R_TARGET] = { .type = NLA_NUL_STRING, .len = DMZG_NAME_MAX - 1 },
	[DMZG_R_PROTO] = NLA_POLICY_MAX(NLA_U8, DMZG_PROTO_MAX),
	[DMZG_R_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[DMZG_R_PREFIX] = NLA_POLICY_MAX(NLA_U8, 128),
	[DMZG_R_PORT_LO] = { .type = NLA_U16 },
	[DMZG_R_PORT_HI] = { .type = NLA_U16 },
};

static const struct nla_policy dmzg_tx_profile_policy[DMZG_A_PROFILE + 1] = {
	[DMZG_A_PROFILE] = NLA_POLICY_NESTED(dmzg_profile_policy),
};

static const struct nla_policy dmzg_tx_rules_policy[DMZG_A_RULES + 1] = {
	[DMZG_A_NAME] = { .type = NLA_NUL_STRING, .len = DMZG_NAME_MAX - 1 },
	/*
	 * Each rule is parsed strictly against dmzg_rule_policy in the
	 * handler, so that a bad rule discards the transaction instead of
	 * leaving it open with the rules accepted so far.
	 */
	[DMZG_A_RULES] = { .type = NLA_NESTED },
};

/* Policy ranges are s16 on 6.1. */
static_assert(DMZG_CONFIRM_MAX_SEC <= S16_MAX);

static const struct nla_policy dmzg_commit_policy[DMZG_A_MAX + 1] = {
	[DMZG_A_FORCE] = { .type = NLA_FLAG },
	[DMZG_A_EXPECT_GENERATION] = { .type = NLA_U64 },
	[DMZG_A_CONFIRM_SECONDS] = NLA_POLICY_RANGE(NLA_U32, 1,
						    DMZG_CONFIRM_MAX_SEC),
};

static const struct nla_policy dmzg_mode_policy[DMZG_A_MODE + 1] = {
	[DMZG_A_NAME] = { .type = NLA_NUL_STRING, .len = DMZG_NAME_MAX - 1 },
	[DMZG_A_MODE] = NLA_POLICY_MAX(NLA_U8, DMZG_MODE_MAX),
};

static u8 get_u8(struct nlattr **tb, int type, u8 def)
{
	return tb[type] ? nla_get_u8(tb[type]) : def;
}

static int parse_attach(struct dmzg_src_profile *p, struct nlattr *list,
			struct netlink_ext_ack *extack)
{
	struct nlattr *item;
	int rem, n = 0;

	nla_for_each_nested(item, list, rem)
		n++;
	if (n > DMZG_MAX_ATTACH) {
		NL_SET_ERR_MSG_ATTR(extack, list, "too many attach patterns (limit 64)");
		return -E2BIG;
	}
	p->attach = kcalloc(n, sizeof(char *), GFP_KERNEL);
	if (!p->attach && n)
		return -ENOMEM;
	nla_for_each_nested(item, list, rem) {
		p->attach[p->nattach] = nla_strdup(item, GFP_KERNEL);
		if (!p->attach[p->nattach])
			return -ENOMEM;
		p->nattach++;
	}
	return 0;
}

static int dmzg_tx_profile(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[DMZG_P_MAX + 1];
	struct dmzg_src_profile *p;
	const char *why = NULL;
	int op, ret;

	if (GENL_REQ_ATTR_CHECK(info, DMZG_A_PROFILE)) {
		GENL_SET_ERR_MSG(info, "missing PROFILE attribute");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, DMZG_P_MAX, info->attrs[DMZG_A_PROFILE],
			       dmzg_profile_policy, info->extack);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[DMZG_A_PROFILE], tb,
			      DMZG_P_NAME)) {
		GENL_SET_ERR_MSG(info, "profile needs a name");
		return -EINVAL;
	}
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	nla_strscpy(p->name, tb[DMZG_P_NAME], sizeof(p->name));
	p->mode = get_u8(tb, DMZG_P_MODE, DMZG_MODE_ENFORCE);
	for (op = 0; op < __DMZG_RULE_MAX; op++)
		p->defaults[op] = get_u8(tb, dmzg_default_attr(op), DMZG_DENY);
	if (tb[DMZG_P_CAP_ALLOW])
		p->cap_allow = nla_get_u64(tb[DMZG_P_CAP_ALLOW]);
	if (tb[DMZG_P_CAP_DENY])
		p->cap_deny = nla_get_u64(tb[DMZG_P_CAP_DENY]);
	if (tb[DMZG_P_SOCKET_ALLOW])
		p->sock_allow = nla_get_u32(tb[DMZG_P_SOCKET_ALLOW]);
	if (tb[DMZG_P_SOCKET_DENY])
		p->sock_deny = nla_get_u32(tb[DMZG_P_SOCKET_DENY]);
	if (tb[DMZG_P_ATTACH]) {
		ret = parse_attach(p, tb[DMZG_P_ATTACH], info->extack);
		if (ret)
			goto free_profile;
	}
	ret = dmzg_load_profile(info->snd_portid, p, &why);
	if (!ret)
		return 0;
	set_err(info->extack, ret == -ENOENT ? NULL :
		info->attrs[DMZG_A_PROFILE], why);
free_profile:
	dmzg_src_profile_free(p);
	return ret;
}

static int parse_rule(struct nlattr *attr, struct dmzg_src_rule *r,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[DMZG_R_MAX + 1];
	bool net;
	int ret, alen;

	ret = nla_parse_nested(tb, DMZG_R_MAX, attr, dmzg_rule_policy, extack);
	if (ret)
		return ret;
	memset(r, 0, sizeof(*r));
	if (!tb[DMZG_R_OP] || !tb[DMZG_R_ACTION]) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "rule needs an operation and an action");
		return -EINVAL;
	}
	r->op = nla_get_u8(tb[DMZG_R_OP]);
	r->action = nla_get_u8(tb[DMZG_R_ACTION]);
	net = r->op == DMZG_RULE_CONNECT || r->op == DMZG_RULE_BIND;
	if (net != !!tb[DMZG_R_ADDR] || net != !!tb[DMZG_R_PREFIX] ||
	    net != !!tb[DMZG_R_PORT_LO] || net != !!tb[DMZG_R_PORT_HI] ||
	    net != !!tb[DMZG_R_PROTO] || net == !!tb[DMZG_R_PATH]) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "net rules need PROTO ADDR PREFIX PORT_*; path rules PATH");
		return -EINVAL;
	}
	if (tb[DMZG_R_PATH])
		r->path = nla_data(tb[DMZG_R_PATH]);
	if (tb[DMZG_R_TARGET])
		r->target = nla_data(tb[DMZG_R_TARGET]);
	if (!net)
		return 0;
	alen = nla_len(tb[DMZG_R_ADDR]);
	if (alen != 4 && alen != 16) {
		NL_SET_ERR_MSG_ATTR(extack, tb[DMZG_R_ADDR],
				    "address must be 4 or 16 bytes");
		return -EINVAL;
	}
	r->family = alen == 4 ? DMZG_FAMILY_V4 : DMZG_FAMILY_V6;
	memcpy(r->addr, nla_data(tb[DMZG_R_ADDR]), alen);
	r->prefix = nla_get_u8(tb[DMZG_R_PREFIX]);
	r->proto = nla_get_u8(tb[DMZG_R_PROTO]);
	r->port_lo = nla_get_u16(tb[DMZG_R_PORT_LO]);
	r->port_hi = nla_get_u16(tb[DMZG_R_PORT_HI]);
	return 0;
}

/* The @i-th rule attribute of @rules. */
static struct nlattr *nth_rule(struct nlattr *rules, u32 i)
{
	struct nlattr *attr;
	int rem;

	nla_for_each_nested(attr, rules, rem)
		if (!i--)
			return attr;
	return NULL;
}

static int dmzg_tx_rules(struct sk_buff *skb, struct genl_info *info)
{
	struct dmzg_src_rule *rules;
	const char *why = NULL;
	struct nlattr *attr;
	int rem, ret = 0;
	u32 n = 0, bad;

	if (GENL_REQ_ATTR_CHECK(info, DMZG_A_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, DMZG_A_RULES)) {
		GENL_SET_ERR_MSG(info, "missing NAME or RULES attribute");
		return -EINVAL;
	}
	nla_for_each_nested(attr, info->attrs[DMZG_A_RULES], rem)
		n++;
	rules = kvmalloc_array(n, sizeof(*rules), GFP_KERNEL);
	if (!rules) {
		/* A chunk that cannot be taken fails the transaction too. */
		dmzg_load_invalid(info->snd_portid);
		return -ENOMEM;
	}
	n = 0;
	nla_for_each_nested(attr, info->attrs[DMZG_A_RULES], rem) {
		ret = parse_rule(attr, &rules[n++], info->extack);
		if (ret) {
			/* A malformed rule fails the whole transaction. */
			dmzg_load_invalid(info->snd_portid);
			goto free_rules;
		}
	}
	ret = dmzg_load_rules(info->snd_portid,
			      nla_data(info->attrs[DMZG_A_NAME]), rules, n,
			      &bad, &why);
	if (ret)
		set_err(info->extack, bad < n ?
			nth_rule(info->attrs[DMZG_A_RULES], bad) :
			info->attrs[DMZG_A_NAME], why);
free_rules:
	kvfree(rules);
	return ret;
}

static int dmzg_tx_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *expect = info->attrs[DMZG_A_EXPECT_GENERATION];
	struct nlattr *confirm = info->attrs[DMZG_A_CONFIRM_SECONDS];
	struct dmzg_commit_opts opts = {
		.force = nla_get_flag(info->attrs[DMZG_A_FORCE]),
		.expect = !!expect,
		.generation = expect ? nla_get_u64(expect) : 0,
		.confirm_seconds = confirm ? nla_get_u32(confirm) : 0,
	};
	const char *why = "out of memory";
	struct dmzg_load_summary sum;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = dmzg_load_commit(info->snd_portid, &opts, &sum, &why);
	if (ret) {
		set_err(info->extack, NULL, why);
		goto free_msg;
	}
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &dmzg_family, 0, DMZG_CMD_TX_COMMIT);
	if (!hdr ||
	    nla_put_u64_64bit(msg, DMZG_A_GENERATION, sum.generation,
			      DMZG_A_PAD) ||
	    nla_put_u32(msg, DMZG_A_PROFILE_COUNT, sum.nprofiles) ||
	    nla_put_u32(msg, DMZG_A_RULE_COUNT, sum.nrules) ||
	    nla_put_u64_64bit(msg, DMZG_A_POLICY_BYTES, sum.bytes,
			      DMZG_A_PAD))
		goto free_msg;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

free_msg:
	nlmsg_free(msg);
	return ret;
}

static int dmzg_tx_abort(struct sk_buff *skb, struct genl_info *info)
{
	const char *why = NULL;
	int ret;

	ret = dmzg_load_abort(info->snd_portid, &why);
	set_err(info->extack, NULL, why);
	return ret;
}

/* --- mode, clear, seal --- */

static int dmzg_mode(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, DMZG_A_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, DMZG_A_MODE)) {
		GENL_SET_ERR_MSG(info, "missing NAME or MODE attribute");
		return -EINVAL;
	}
	dmzg_control_lock();
	ret = refuse_sealed(info);
	if (!ret) {
		ret = dmzg_control_set_mode(nla_data(info->attrs[DMZG_A_NAME]),
					    nla_get_u8(info->attrs[DMZG_A_MODE]));
		if (ret == -ENOENT)
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[DMZG_A_NAME],
					    "no such profile in the active policy");
	}
	dmzg_control_unlock();
	return ret;
}

static int dmzg_clear(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	dmzg_control_lock();
	ret = refuse_sealed(info);
	if (!ret) {
		dmzg_load_cleared();
		dmzg_control_clear();
		dmzg_hooks_idle();
	}
	dmzg_control_unlock();
	return ret;
}

static int dmzg_seal(struct sk_buff *skb, struct genl_info *info)
{
	int ret = 0;

	dmzg_control_lock();
	/* Sealed, the policy could neither be confirmed nor reverted. */
	if (dmzg_load_confirm_left()) {
		GENL_SET_ERR_MSG(info, "a policy change awaits confirmation");
		ret = -EBUSY;
	} else {
		dmzg_control_seal();
	}
	dmzg_control_unlock();
	return ret;
}

static int dmzg_confirm_doit(struct sk_buff *skb, struct genl_info *info)
{
	const char *why = NULL;
	int ret;

	ret = dmzg_load_confirm(&why);
	set_err(info->extack, NULL, why);
	return ret;
}

static const struct genl_ops dmzg_ops[] = {
	{ .cmd = DMZG_CMD_STATUS, .doit = dmzg_status,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_TX_BEGIN, .doit = dmzg_tx_begin,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_TX_PROFILE, .doit = dmzg_tx_profile,
	  .policy = dmzg_tx_profile_policy, .maxattr = DMZG_A_PROFILE,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_TX_RULES, .doit = dmzg_tx_rules,
	  .policy = dmzg_tx_rules_policy, .maxattr = DMZG_A_RULES,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_TX_COMMIT, .doit = dmzg_tx_commit,
	  .policy = dmzg_commit_policy, .maxattr = DMZG_A_MAX,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_TX_ABORT, .doit = dmzg_tx_abort,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_POLICY_GET, .start = dmzg_policy_start,
	  .dumpit = dmzg_policy_dumpit, .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_MODE, .doit = dmzg_mode,
	  .policy = dmzg_mode_policy, .maxattr = DMZG_A_MODE,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_CLEAR, .doit = dmzg_clear,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_SEAL, .doit = dmzg_seal,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_CONFIRM, .doit = dmzg_confirm_doit,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_PS, .start = dmzg_ps_start,
	  .dumpit = dmzg_ps_dumpit, .done = dmzg_nl_ps_done,
	  .flags = GENL_ADMIN_PERM },
};

static const struct genl_multicast_group dmzg_mcgrps[] = {
	[DMZG_MCGRP_EVENTS_IDX] = { .name = DMZG_GENL_MCGRP_EVENTS,
				    .flags = GENL_MCAST_CAP_NET_ADMIN },
};

static struct genl_family dmzg_family __ro_after_init = {
	.name = DMZG_GENL_NAME,
	.version = DMZG_GENL_VERSION,
	.module = THIS_MODULE,
	.netnsok = false,
	.pre_doit = dmzg_pre_doit,
	.ops = dmzg_ops,
	.n_ops = ARRAY_SIZE(dmzg_ops),
	.mcgrps = dmzg_mcgrps,
	.n_mcgrps = ARRAY_SIZE(dmzg_mcgrps),
};

/**
 * dmzg_netlink_init() - register the family and start sending events
 *
 * Return: 0 or a negative errno.
 */
int dmzg_netlink_init(void)
{
	int ret;

	ret = netlink_register_notifier(&dmzg_netlink_nb);
	if (ret)
		return ret;
	ret = genl_register_family(&dmzg_family);
	if (ret)
		goto unregister_notifier;
	dmzg_events_start(&dmzg_family);
	return 0;

unregister_notifier:
	netlink_unregister_notifier(&dmzg_netlink_nb);
	return ret;
}

/**
 * dmzg_netlink_exit() - stop events, unregister, drop an open transaction
 */
void dmzg_netlink_exit(void)
{
	dmzg_events_stop();
	genl_unregister_family(&dmzg_family);
	netlink_unregister_notifier(&dmzg_netlink_nb);
	dmzg_load_exit();
}
