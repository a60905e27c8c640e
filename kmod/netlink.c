// SPDX-License-Identifier: GPL-2.0
/*
 * The "dmzguard" generic-netlink family: policy load transactions,
 * status, policy and task dumps, mode switches, clear, seal, and the
 * "events" multicast group.  See uapi/dmzguard.h for the wire format.
 *
 * Every request is validated strictly against a per-command policy; the
 * semantic checks that a policy cannot express (valid patterns, names,
 * limits) are made again here whatever userspace checked, and every
 * refusal names its reason and attribute in the extended ACK.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "dmzguard.h"

enum { DMZG_MCGRP_EVENTS_IDX };

struct dmzg_tx {
	bool active;
	u32 portid;
	unsigned long last;
	struct dmzg_src_policy src;
};

/* Under dmzg_control_mutex. */
static struct dmzg_tx dmzg_tx;
static atomic_t dmzg_released_portid = ATOMIC_INIT(0);

static struct genl_family dmzg_family;

/*
 * Report a reason chosen at run time.  NL_SET_ERR_MSG() only takes
 * literals; the reasons from the policy code are static strings too.
 */
static void set_err(struct netlink_ext_ack *extack, const struct nlattr *attr,
		    const char *why)
{
	if (!extack)
		return;
	extack->_msg = why;
	extack->bad_attr = attr;
}

static void tx_discard(const char *why)
{
	lockdep_assert_held(&dmzg_control_mutex);
	if (!dmzg_tx.active)
		return;
	dmzg_src_free(&dmzg_tx.src);
	dmzg_tx.active = false;
	if (why)
		pr_info("load transaction of port %u discarded: %s\n",
			dmzg_tx.portid, why);
}

static void tx_timeout_fn(struct work_struct *work)
{
	mutex_lock(&dmzg_control_mutex);
	if (dmzg_tx.active &&
	    time_after_eq(jiffies, dmzg_tx.last + DMZG_TX_TIMEOUT_SEC * HZ))
		tx_discard("idle timeout");
	mutex_unlock(&dmzg_control_mutex);
}

static DECLARE_DELAYED_WORK(dmzg_tx_timeout_work, tx_timeout_fn);

static void tx_release_fn(struct work_struct *work)
{
	mutex_lock(&dmzg_control_mutex);
	if (dmzg_tx.active &&
	    dmzg_tx.portid == (u32)atomic_read(&dmzg_released_portid))
		tx_discard("socket closed");
	mutex_unlock(&dmzg_control_mutex);
}

static DECLARE_WORK(dmzg_tx_release_work, tx_release_fn);

static int dmzg_netlink_notify(struct notifier_block *nb, unsigned long ev,
			       void *ptr)
{
	struct netlink_notify *n = ptr;

	/* Atomic context: the discard itself needs the mutex. */
	if (ev == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    READ_ONCE(dmzg_tx.active) && n->portid == READ_ONCE(dmzg_tx.portid)) {
		atomic_set(&dmzg_released_portid, n->portid);
		schedule_work(&dmzg_tx_release_work);
	}
	return NOTIFY_DONE;
}

static struct notifier_block dmzg_netlink_nb = {
	.notifier_call = dmzg_netlink_notify,
};

/* Refuse confined callers, even root: they must not touch the policy. */
static int refuse_confined(struct netlink_ext_ack *extack, u8 cmd)
{
	struct dmzg_audit a = { .op = DMZG_OP_NETLINK };
	struct dmzg_subject s;
	char extra[16];
	bool confined;

	rcu_read_lock();
	confined = dmzg_subject_find(&s);
	if (confined) {
		snprintf(extra, sizeof(extra), "cmd=%u", cmd);
		a.extra = extra;
		/* Always a denial: complain mode does not apply here. */
		dmzg_verdict(NULL, s.conf, false, -EACCES, &a);
	}
	rcu_read_unlock();
	if (!confined)
		return 0;
	NL_SET_ERR_MSG(extack, "refused: the caller is confined by dmzguard");
	return -EACCES;
}

static int dmzg_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			 struct genl_info *info)
{
	return refuse_confined(info->extack, ops->cmd);
}

static int dmzg_dump_start(struct netlink_callback *cb)
{
	return refuse_confined(cb->extack, DMZG_CMD_POLICY_GET);
}

static int refuse_sealed(struct genl_info *info)
{
	if (!dmzg_sealed())
		return 0;
	GENL_SET_ERR_MSG(info, "sealed: policy changes are refused until reboot");
	return -EPERM;
}

/* --- status --- */

static int put_profile_stats(struct sk_buff *msg,
			     const struct dmzg_profile *p, u32 tasks)
{
	struct nlattr *nest = nla_nest_start(msg, DMZG_A_PROFILE);

	if (!nest ||
	    nla_put_string(msg, DMZG_P_NAME, p->name) ||
	    nla_put_u8(msg, DMZG_P_MODE, READ_ONCE(p->mode)) ||
	    nla_put_u32(msg, DMZG_P_RULE_COUNT, p->nrules) ||
	    nla_put_u64_64bit(msg, DMZG_P_DECISIONS,
			      atomic64_read(&p->decisions), DMZG_P_PAD) ||
	    nla_put_u64_64bit(msg, DMZG_P_DENIALS,
			      atomic64_read(&p->denials), DMZG_P_PAD) ||
	    nla_put_u32(msg, DMZG_P_TASKS, tasks))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int dmzg_status(struct sk_buff *skb, struct genl_info *info)
{
	struct dmzg_ps_entry *ents = NULL;
	struct dmzg_policy *pol;
	struct sk_buff *msg;
	u32 *tasks = NULL, nents = 0, i;
	void *hdr;
	int ret;

	ret = dmzg_task_snapshot(&ents, &nents);
	if (ret)
		return ret;
	mutex_lock(&dmzg_control_mutex);
	pol = rcu_dereference_protected(dmzg_active,
					lockdep_is_held(&dmzg_control_mutex));
	ret = -ENOMEM;
	msg = genlmsg_new(NLMSG_GOODSIZE + (pol ? pol->nprofiles * 128 : 0),
			  GFP_KERNEL);
	if (!msg)
		goto unlock;
	if (pol) {
		tasks = kcalloc(pol->nprofiles, sizeof(*tasks), GFP_KERNEL);
		if (!tasks)
			goto free_msg;
		for (i = 0; i < nents; i++) {
			int idx = dmzg_policy_find(pol, ents[i].conf->name);

			if (idx >= 0)
				tasks[idx]++;
		}
	}
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &dmzg_family, 0, DMZG_CMD_STATUS);
	if (!hdr)
		goto free_msg;
	if (nla_put_string(msg, DMZG_A_VERSION, DMZG_VERSION) ||
	    nla_put_u8(msg, DMZG_A_SEALED, dmzg_sealed()) ||
	    nla_put_u8(msg, DMZG_A_POLICY_LOADED, !!pol) ||
	    nla_put_u32(msg, DMZG_A_CONFINED_TASKS, nents) ||
	    nla_put_u8(msg, DMZG_A_TX_ACTIVE, dmzg_tx.active))
		goto free_msg;
	if (pol) {
		if (nla_put_u64_64bit(msg, DMZG_A_GENERATION, pol->generation,
				      DMZG_A_PAD) ||
		    nla_put_u32(msg, DMZG_A_PROFILE_COUNT, pol->nprofiles) ||
		    nla_put_u32(msg, DMZG_A_RULE_COUNT, pol->nrules) ||
		    nla_put_u64_64bit(msg, DMZG_A_POLICY_BYTES, pol->bytes,
				      DMZG_A_PAD))
			goto free_msg;
		for (i = 0; i < pol->nprofiles; i++)
			if (put_profile_stats(msg, &pol->profiles[i], tasks[i]))
				goto free_msg;
	}
	genlmsg_end(msg, hdr);
	mutex_unlock(&dmzg_control_mutex);
	kfree(tasks);
	dmzg_task_snapshot_free(ents, nents);
	return genlmsg_reply(msg, info);

free_msg:
	nlmsg_free(msg);
unlock:
	mutex_unlock(&dmzg_control_mutex);
	kfree(tasks);
	dmzg_task_snapshot_free(ents, nents);
	return ret;
}

/* --- load transaction --- */

static int tx_check_owner(struct genl_info *info)
{
	if (dmzg_tx.active && dmzg_tx.portid == info->snd_portid) {
		dmzg_tx.last = jiffies;
		mod_delayed_work(system_wq, &dmzg_tx_timeout_work,
				 DMZG_TX_TIMEOUT_SEC * HZ);
		return 0;
	}
	GENL_SET_ERR_MSG(info, "no load transaction open on this socket (send TX_BEGIN first)");
	return -ENOENT;
}

static int dmzg_tx_begin(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	mutex_lock(&dmzg_control_mutex);
	ret = refuse_sealed(info);
	if (ret)
		goto unlock;
	if (dmzg_tx.active &&
	    time_after_eq(jiffies, dmzg_tx.last + DMZG_TX_TIMEOUT_SEC * HZ))
		tx_discard("idle timeout");
	if (dmzg_tx.active) {
		GENL_SET_ERR_MSG(info, "another policy load is in progress; retry when it ends");
		ret = -EBUSY;
		goto unlock;
	}
	dmzg_src_init(&dmzg_tx.src);
	dmzg_tx.active = true;
	WRITE_ONCE(dmzg_tx.portid, info->snd_portid);
	dmzg_tx.last = jiffies;
	mod_delayed_work(system_wq, &dmzg_tx_timeout_work,
			 DMZG_TX_TIMEOUT_SEC * HZ);
unlock:
	mutex_unlock(&dmzg_control_mutex);
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
	const char *why;
	int ret;

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
	p->exec_default = get_u8(tb, DMZG_P_EXEC_DEFAULT, DMZG_DENY);
	p->connect_default = get_u8(tb, DMZG_P_CONNECT_DEFAULT, DMZG_DENY);
	p->bind_default = get_u8(tb, DMZG_P_BIND_DEFAULT, DMZG_DENY);
	p->unix_default = get_u8(tb, DMZG_P_UNIX_DEFAULT, DMZG_DENY);
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

	mutex_lock(&dmzg_control_mutex);
	ret = tx_check_owner(info);
	if (!ret) {
		ret = dmzg_src_add_profile(&dmzg_tx.src, p, &why);
		if (ret)
			set_err(info->extack, info->attrs[DMZG_A_PROFILE],
				why);
	}
	mutex_unlock(&dmzg_control_mutex);
	if (!ret)
		return 0;
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

static int dmzg_tx_rules(struct sk_buff *skb, struct genl_info *info)
{
	struct dmzg_src_profile *prof;
	struct dmzg_src_rule rule;
	struct nlattr *attr;
	const char *why;
	int rem, ret;

	if (GENL_REQ_ATTR_CHECK(info, DMZG_A_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, DMZG_A_RULES)) {
		GENL_SET_ERR_MSG(info, "missing NAME or RULES attribute");
		return -EINVAL;
	}
	mutex_lock(&dmzg_control_mutex);
	ret = tx_check_owner(info);
	if (ret)
		goto unlock;
	prof = dmzg_src_find(&dmzg_tx.src, nla_data(info->attrs[DMZG_A_NAME]));
	if (!prof) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[DMZG_A_NAME],
				    "rules for a profile not declared in this transaction");
		ret = -ENOENT;
		goto unlock;
	}
	/*
	 * A bad rule fails the whole transaction: a commit after a partly
	 * applied chunk would enforce a policy the administrator never
	 * wrote.
	 */
	nla_for_each_nested(attr, info->attrs[DMZG_A_RULES], rem) {
		ret = parse_rule(attr, &rule, info->extack);
		if (ret)
			goto discard;
		ret = dmzg_src_add_rule(&dmzg_tx.src, prof, &rule, &why);
		if (ret) {
			set_err(info->extack, attr, why);
			goto discard;
		}
	}
	goto unlock;
discard:
	tx_discard("invalid rule");
unlock:
	mutex_unlock(&dmzg_control_mutex);
	return ret;
}

static int dmzg_tx_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct dmzg_policy *pol;
	u64 start;
	struct sk_buff *msg;
	const char *why = "out of memory";
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&dmzg_control_mutex);
	ret = tx_check_owner(info);
	if (ret)
		goto unlock;
	ret = refuse_sealed(info);
	if (ret)
		goto discard;
	start = ktime_get_ns();
	pol = dmzg_policy_build(&dmzg_tx.src, &why);
	if (IS_ERR(pol)) {
		ret = PTR_ERR(pol);
		set_err(info->extack, NULL, why);
		goto discard;
	}
	pol->compile_ns = ktime_get_ns() - start;
	ret = dmzg_control_commit(pol);
	if (ret) {
		dmzg_policy_free(pol);
		goto discard;
	}
	tx_discard(NULL);
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &dmzg_family, 0, DMZG_CMD_TX_COMMIT);
	if (!hdr ||
	    nla_put_u64_64bit(msg, DMZG_A_GENERATION, pol->generation,
			      DMZG_A_PAD) ||
	    nla_put_u32(msg, DMZG_A_PROFILE_COUNT, pol->nprofiles) ||
	    nla_put_u32(msg, DMZG_A_RULE_COUNT, pol->nrules) ||
	    nla_put_u64_64bit(msg, DMZG_A_POLICY_BYTES, pol->bytes,
			      DMZG_A_PAD))
		goto unlock;
	genlmsg_end(msg, hdr);
	mutex_unlock(&dmzg_control_mutex);
	return genlmsg_reply(msg, info);

discard:
	tx_discard(NULL);
unlock:
	mutex_unlock(&dmzg_control_mutex);
	nlmsg_free(msg);
	return ret;
}

static int dmzg_tx_abort(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	mutex_lock(&dmzg_control_mutex);
	ret = tx_check_owner(info);
	if (!ret)
		tx_discard(NULL);
	mutex_unlock(&dmzg_control_mutex);
	return ret;
}

/* --- policy dump --- */

enum { DUMP_GEN, DUMP_PROFILE, DUMP_RULE, DUMP_HEADER_SENT };

static int put_list(struct sk_buff *msg, int type, char **items, u32 n)
{
	struct nlattr *nest = nla_nest_start(msg, type);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_string(msg, DMZG_LIST_ITEM, items[i]))
			return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_profile_header(struct sk_buff *msg,
			      const struct dmzg_profile *p)
{
	struct nlattr *nest = nla_nest_start(msg, DMZG_A_PROFILE);

	if (!nest ||
	    nla_put_string(msg, DMZG_P_NAME, p->name) ||
	    nla_put_u8(msg, DMZG_P_MODE, READ_ONCE(p->mode)) ||
	    nla_put_u8(msg, DMZG_P_EXEC_DEFAULT, p->exec_default) ||
	    nla_put_u8(msg, DMZG_P_CONNECT_DEFAULT, p->connect_default) ||
	    nla_put_u8(msg, DMZG_P_BIND_DEFAULT, p->bind_default) ||
	    nla_put_u8(msg, DMZG_P_UNIX_DEFAULT, p->unix_default) ||
	    nla_put_u64_64bit(msg, DMZG_P_CAP_ALLOW, p->cap_allow,
			      DMZG_P_PAD) ||
	    nla_put_u64_64bit(msg, DMZG_P_CAP_DENY, p->cap_deny, DMZG_P_PAD) ||
	    nla_put_u32(msg, DMZG_P_SOCKET_ALLOW, p->sock_allow) ||
	    nla_put_u32(msg, DMZG_P_SOCKET_DENY, p->sock_deny) ||
	    nla_put_u32(msg, DMZG_P_RULE_COUNT, p->nrules) ||
	    put_list(msg, DMZG_P_ATTACH, p->attach, p->nattach))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_path_rule(struct sk_buff *msg, const struct dmzg_policy *pol,
			 const struct dmzg_path_rule *r, u8 op)
{
	if (nla_put_u8(msg, DMZG_R_OP, op) ||
	    nla_put_u8(msg, DMZG_R_ACTION, r->action) ||
	    nla_put_string(msg, DMZG_R_PATH, r->path))
		return -EMSGSIZE;
	if (r->target != DMZG_NO_TARGET &&
	    nla_put_string(msg, DMZG_R_TARGET, pol->profiles[r->target].name))
		return -EMSGSIZE;
	return 0;
}

static int put_net_rule(struct sk_buff *msg, const struct dmzg_net_rule *r,
			u8 op)
{
	if (nla_put_u8(msg, DMZG_R_OP, op) ||
	    nla_put_u8(msg, DMZG_R_ACTION, r->action) ||
	    nla_put_u8(msg, DMZG_R_PROTO, r->proto) ||
	    nla_put(msg, DMZG_R_ADDR, dmzg_addr_len(r->key[0]), r->key + 2) ||
	    nla_put_u8(msg, DMZG_R_PREFIX, r->key[1]) ||
	    nla_put_u16(msg, DMZG_R_PORT_LO, r->port_lo) ||
	    nla_put_u16(msg, DMZG_R_PORT_HI, r->port_hi))
		return -EMSGSIZE;
	return 0;
}

/* Rule @i of a profile, in the order exec, unix, connect, bind. */
static int put_rule(struct sk_buff *msg, const struct dmzg_policy *pol,
		    const struct dmzg_profile *p, u32 i)
{
	if (i < p->exec.n)
		return put_path_rule(msg, pol, &p->exec.rules[i],
				     DMZG_RULE_EXEC);
	i -= p->exec.n;
	if (i < p->unix_paths.n)
		return put_path_rule(msg, pol, &p->unix_paths.rules[i],
				     DMZG_RULE_UNIX);
	i -= p->unix_paths.n;
	if (i < p->connect.n)
		return put_net_rule(msg, &p->connect.rules[i],
				    DMZG_RULE_CONNECT);
	i -= p->connect.n;
	return put_net_rule(msg, &p->bind.rules[i], DMZG_RULE_BIND);
}

static int dump_rules(struct sk_buff *skb, const struct dmzg_policy *pol,
		      const struct dmzg_profile *p, long *pos)
{
	struct nlattr *rules, *one;
	u32 start = *pos;

	if (nla_put_string(skb, DMZG_A_NAME, p->name))
		return -EMSGSIZE;
	rules = nla_nest_start(skb, DMZG_A_RULES);
	if (!rules)
		return -EMSGSIZE;
	while (*pos < p->nrules) {
		one = nla_nest_start(skb, *pos - start + 1);
		if (!one || put_rule(skb, pol, p, *pos)) {
			if (one)
				nla_nest_cancel(skb, one);
			break;
		}
		nla_nest_end(skb, one);
		(*pos)++;
	}
	if (*pos == start)
		return -EMSGSIZE;
	nla_nest_end(skb, rules);
	return 0;
}

static int dmzg_policy_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct dmzg_policy *pol;
	long *args = cb->args;
	int ret = 0;
	void *hdr;

	rcu_read_lock();
	pol = rcu_dereference(dmzg_active);
	if (!pol)
		goto out;
	if (!args[DUMP_GEN]) {
		args[DUMP_GEN] = pol->generation;
	} else if (args[DUMP_GEN] != pol->generation) {
		NL_SET_ERR_MSG(cb->extack, "policy replaced during the dump; retry");
		ret = -EAGAIN;
		goto out;
	}
	while (args[DUMP_PROFILE] < pol->nprofiles) {
		const struct dmzg_profile *p = &pol->profiles[args[DUMP_PROFILE]];

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &dmzg_family,
				  NLM_F_MULTI, DMZG_CMD_POLICY_GET);
		if (!hdr)
			break;
		if (!args[DUMP_HEADER_SENT]) {
			if (put_profile_header(skb, p)) {
				genlmsg_cancel(skb, hdr);
				ret = skb->len ? 0 : -EMSGSIZE;
				break;
			}
			args[DUMP_HEADER_SENT] = 1;
		} else if (dump_rules(skb, pol, p, &args[DUMP_RULE])) {
			genlmsg_cancel(skb, hdr);
			ret = skb->len ? 0 : -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		if (args[DUMP_RULE] >= p->nrules) {
			args[DUMP_PROFILE]++;
			args[DUMP_RULE] = 0;
			args[DUMP_HEADER_SENT] = 0;
		}
	}
out:
	rcu_read_unlock();
	return ret ? ret : skb->len;
}

/* --- ps --- */

enum { PS_ENTS, PS_N, PS_POS };

static int dmzg_ps_start(struct netlink_callback *cb)
{
	struct dmzg_ps_entry *ents;
	u32 n;
	int ret;

	ret = refuse_confined(cb->extack, DMZG_CMD_PS);
	if (ret)
		return ret;
	ret = dmzg_task_snapshot(&ents, &n);
	if (ret)
		return ret;
	cb->args[PS_ENTS] = (long)ents;
	cb->args[PS_N] = n;
	cb->args[PS_POS] = 0;
	return 0;
}

static int dmzg_ps_done(struct netlink_callback *cb)
{
	dmzg_task_snapshot_free((void *)cb->args[PS_ENTS], cb->args[PS_N]);
	return 0;
}

static int dmzg_ps_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dmzg_ps_entry *ents = (void *)cb->args[PS_ENTS];
	long *pos = &cb->args[PS_POS];

	for (; *pos < cb->args[PS_N]; (*pos)++) {
		const struct dmzg_ps_entry *e = &ents[*pos];
		struct nlattr *nest;
		void *hdr;

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &dmzg_family,
				  NLM_F_MULTI, DMZG_CMD_PS);
		if (!hdr)
			break;
		nest = nla_nest_start(skb, DMZG_A_TASK);
		if (!nest ||
		    nla_put_u32(skb, DMZG_T_PID, e->pid) ||
		    nla_put_u32(skb, DMZG_T_TGID, e->tgid) ||
		    nla_put_string(skb, DMZG_T_COMM, e->comm) ||
		    nla_put_string(skb, DMZG_T_EXE, e->conf->exe) ||
		    nla_put_string(skb, DMZG_T_PROFILE, e->conf->name)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		nla_nest_end(skb, nest);
		genlmsg_end(skb, hdr);
	}
	return skb->len;
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
	mutex_lock(&dmzg_control_mutex);
	ret = refuse_sealed(info);
	if (!ret) {
		ret = dmzg_control_set_mode(nla_data(info->attrs[DMZG_A_NAME]),
					    nla_get_u8(info->attrs[DMZG_A_MODE]));
		if (ret == -ENOENT)
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[DMZG_A_NAME],
					    "no such profile in the active policy");
	}
	mutex_unlock(&dmzg_control_mutex);
	return ret;
}

static int dmzg_clear(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	mutex_lock(&dmzg_control_mutex);
	ret = refuse_sealed(info);
	if (!ret)
		dmzg_control_clear();
	mutex_unlock(&dmzg_control_mutex);
	return ret;
}

static int dmzg_seal(struct sk_buff *skb, struct genl_info *info)
{
	mutex_lock(&dmzg_control_mutex);
	dmzg_control_seal();
	mutex_unlock(&dmzg_control_mutex);
	return 0;
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
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_TX_ABORT, .doit = dmzg_tx_abort,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_POLICY_GET, .start = dmzg_dump_start,
	  .dumpit = dmzg_policy_dump, .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_MODE, .doit = dmzg_mode,
	  .policy = dmzg_mode_policy, .maxattr = DMZG_A_MODE,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_CLEAR, .doit = dmzg_clear,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_SEAL, .doit = dmzg_seal,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = DMZG_CMD_PS, .start = dmzg_ps_start, .dumpit = dmzg_ps_dump,
	  .done = dmzg_ps_done, .flags = GENL_ADMIN_PERM },
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
 * dmzg_netlink_event() - broadcast one record on the events group
 * @kind: enum dmzg_event_kind
 * @op: enum dmzg_op
 * @profile: profile name ("" for policy events)
 * @pid: pid of the subject
 * @uid: uid of the subject in the initial namespace
 * @comm: command name of the subject
 * @line: the log line
 *
 * Context: process context (the audit work item).
 */
void dmzg_netlink_event(u8 kind, u8 op, const char *profile, pid_t pid,
			u32 uid, const char *comm, const char *line)
{
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&dmzg_family, &init_net,
				DMZG_MCGRP_EVENTS_IDX))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &dmzg_family, 0, DMZG_CMD_EVENT);
	if (!hdr)
		goto free_msg;
	nest = nla_nest_start(msg, DMZG_A_EVENT);
	if (!nest ||
	    nla_put_u8(msg, DMZG_E_KIND, kind) ||
	    nla_put_u8(msg, DMZG_E_OP, op) ||
	    nla_put_string(msg, DMZG_E_PROFILE, profile) ||
	    nla_put_u32(msg, DMZG_E_PID, pid) ||
	    nla_put_u32(msg, DMZG_E_UID, uid) ||
	    nla_put_string(msg, DMZG_E_COMM, comm) ||
	    nla_put_string(msg, DMZG_E_LINE, line))
		goto free_msg;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	genlmsg_multicast(&dmzg_family, msg, 0, DMZG_MCGRP_EVENTS_IDX,
			  GFP_KERNEL);
	return;
free_msg:
	nlmsg_free(msg);
}

/**
 * dmzg_netlink_init() - register the family and the socket-release notifier
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
		netlink_unregister_notifier(&dmzg_netlink_nb);
	return ret;
}

/**
 * dmzg_netlink_exit() - unregister and drop an open transaction
 */
void dmzg_netlink_exit(void)
{
	genl_unregister_family(&dmzg_family);
	netlink_unregister_notifier(&dmzg_netlink_nb);
	cancel_delayed_work_sync(&dmzg_tx_timeout_work);
	cancel_work_sync(&dmzg_tx_release_work);
	mutex_lock(&dmzg_control_mutex);
	tx_discard(NULL);
	mutex_unlock(&dmzg_control_mutex);
}
