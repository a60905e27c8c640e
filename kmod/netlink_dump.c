// SPDX-License-Identifier: GPL-2.0
/*
 * Replies that describe state: status (the policy's counters and the
 * confined tasks per profile), the policy dump (profile headers, then
 * their rules in chunks) and the ps dump (a snapshot of confined tasks).
 */
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "control.h"
#include "load.h"
#include "netlink.h"
#include "policy.h"
#include "task.h"
#include "version.h"

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

/**
 * dmzg_nl_status() - the reply to DMZG_CMD_STATUS
 * @family: the family
 * @info: the request
 *
 * Return: 0 or a negative errno.
 */
int dmzg_nl_status(const struct genl_family *family, struct genl_info *info)
{
	struct dmzg_ps_entry *ents = NULL;
	struct dmzg_policy *pol;
	struct sk_buff *msg;
	u32 *tasks = NULL, nents = 0, i, left;
	void *hdr;
	int ret;

	ret = dmzg_task_snapshot(&ents, &nents);
	if (ret)
		return ret;
	dmzg_control_lock();
	pol = dmzg_policy_locked();
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
	hdr = genlmsg_put_reply(msg, info, family, 0, DMZG_CMD_STATUS);
	if (!hdr)
		goto free_msg;
	if (nla_put_string(msg, DMZG_A_VERSION, DMZG_VERSION) ||
	    nla_put_u8(msg, DMZG_A_SEALED, dmzg_sealed()) ||
	    nla_put_u8(msg, DMZG_A_POLICY_LOADED, !!pol) ||
	    nla_put_u32(msg, DMZG_A_CONFINED_TASKS, nents) ||
	    nla_put_u8(msg, DMZG_A_TX_ACTIVE, dmzg_load_active()))
		goto free_msg;
	left = dmzg_load_confirm_left();
	if (left && nla_put_u32(msg, DMZG_A_CONFIRM_LEFT, left))
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
	dmzg_control_unlock();
	kfree(tasks);
	dmzg_task_snapshot_free(ents, nents);
	return genlmsg_reply(msg, info);

free_msg:
	nlmsg_free(msg);
unlock:
	dmzg_control_unlock();
	kfree(tasks);
	dmzg_task_snapshot_free(ents, nents);
	return ret;
}

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

static int put_hits(struct sk_buff *msg, const struct dmzg_rule_hits *h)
{
	if (nla_put_u64_64bit(msg, DMZG_R_HITS, atomic64_read(&h->count),
			      DMZG_R_PAD) ||
	    nla_put_u64_64bit(msg, DMZG_R_LAST_HIT, READ_ONCE(h->last),
			      DMZG_R_PAD))
		return -EMSGSIZE;
	return 0;
}

/* How often each kind of rule's default decided. */
static int put_default_hits(struct sk_buff *msg,
			    const struct dmzg_profile *p)
{
	struct nlattr *list = nla_nest_start(msg, DMZG_P_DEFAULT_HITS);
	struct nlattr *one;
	int op;

	if (!list)
		return -EMSGSIZE;
	for (op = 0; op < __DMZG_RULE_MAX; op++) {
		one = nla_nest_start(msg, op + 1);
		if (!one || nla_put_u8(msg, DMZG_R_OP, op) ||
		    put_hits(msg, &p->default_hits[op]))
			return -EMSGSIZE;
		nla_nest_end(msg, one);
	}
	nla_nest_end(msg, list);
	return 0;
}

static int put_profile_header(struct sk_buff *msg,
			      const struct dmzg_profile *p)
{
	struct nlattr *nest = nla_nest_start(msg, DMZG_A_PROFILE);
	int op;

	if (!nest || put_default_hits(msg, p))
		return -EMSGSIZE;
	for (op = 0; op < __DMZG_RULE_MAX; op++)
		if (nla_put_u8(msg, dmzg_default_attr(op), p->defaults[op]))
			return -EMSGSIZE;
	if (nla_put_string(msg, DMZG_P_NAME, p->name) ||
	    nla_put_u8(msg, DMZG_P_MODE, READ_ONCE(p->mode)) ||
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

/* Rule @i of a profile, in the order exec, unix, write, connect, bind. */
static int put_rule(struct sk_buff *msg, const struct dmzg_policy *pol,
		    const struct dmzg_profile *p, u32 i)
{
	const struct dmzg_path_rule *pr;
	const struct dmzg_net_rule *nr;
	u32 op = dmzg_profile_rule_at(p, i, &pr, &nr);

	if (put_hits(msg, &p->hits[i]))
		return -EMSGSIZE;
	return pr ? put_path_rule(msg, pol, pr, op) : put_net_rule(msg, nr, op);
}

/*
 * Rules one call of the dump writes at most, over all its messages (the
 * profiles' headers aside).  It runs under
 * rcu_read_lock(), where it cannot reschedule: filling a whole buffer
 * with rules took 0.35 ms on the benchmark's one-CPU guest, during which
 * a task woken meanwhile waits.  Between two calls the dumping task
 * returns to user space.
 */
#define DMZG_DUMP_RULES_PER_CALL 64

/* One message of @p's rules from *@pos on, at most *@budget of them. */
static int dump_rules(struct sk_buff *skb, const struct dmzg_policy *pol,
		      const struct dmzg_profile *p, long *pos, u32 *budget)
{
	struct nlattr *rules, *one;
	u32 start = *pos;

	if (nla_put_string(skb, DMZG_A_NAME, p->name))
		return -EMSGSIZE;
	rules = nla_nest_start(skb, DMZG_A_RULES);
	if (!rules)
		return -EMSGSIZE;
	while (*pos < p->nrules && *pos - start < *budget) {
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
	*budget -= *pos - start;
	nla_nest_end(skb, rules);
	return 0;
}

/**
 * dmzg_nl_policy_dump() - DMZG_CMD_POLICY_GET: one message per profile
 *	header, then its rules in as many messages as they need
 * @family: the family
 * @skb: reply buffer
 * @cb: dump state; fails with -EAGAIN if the policy is replaced or
 *	cleared meanwhile
 *
 * Return: bytes written, 0 at the end, or a negative errno.
 */
int dmzg_nl_policy_dump(const struct genl_family *family,
			struct sk_buff *skb, struct netlink_callback *cb)
{
	u32 budget = DMZG_DUMP_RULES_PER_CALL;
	const struct dmzg_policy *pol;
	long *args = cb->args;
	int ret = 0;
	void *hdr;

	rcu_read_lock();
	pol = dmzg_policy_current();
	if (!pol && !args[DUMP_GEN])
		goto out;
	if (!args[DUMP_GEN]) {
		args[DUMP_GEN] = pol->generation;
	} else if (!pol || args[DUMP_GEN] != pol->generation) {
		/* What was sent is no longer the policy: not a whole one. */
		NL_SET_ERR_MSG(cb->extack,
			       "policy replaced or cleared during the dump; retry");
		ret = -EAGAIN;
		goto out;
	}
	while (args[DUMP_PROFILE] < pol->nprofiles) {
		const struct dmzg_profile *p = &pol->profiles[args[DUMP_PROFILE]];

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, family, NLM_F_MULTI,
				  DMZG_CMD_POLICY_GET);
		if (!hdr)
			break;
		if (!args[DUMP_HEADER_SENT]) {
			if (put_profile_header(skb, p)) {
				genlmsg_cancel(skb, hdr);
				ret = skb->len ? 0 : -EMSGSIZE;
				break;
			}
			args[DUMP_HEADER_SENT] = 1;
		} else if (dump_rules(skb, pol, p, &args[DUMP_RULE], &budget)) {
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
		/* The next call goes on, from user space's next read. */
		if (!budget)
			break;
	}
out:
	rcu_read_unlock();
	return ret ? ret : skb->len;
}

enum { PS_ENTS, PS_N, PS_POS };

/**
 * dmzg_nl_ps_start() - start of a DMZG_CMD_PS dump: take the snapshot
 * @cb: dump state
 *
 * Return: 0 or a negative errno.
 */
int dmzg_nl_ps_start(struct netlink_callback *cb)
{
	struct dmzg_ps_entry *ents;
	u32 n;
	int ret;

	ret = dmzg_task_snapshot(&ents, &n);
	if (ret)
		return ret;
	cb->args[PS_ENTS] = (long)ents;
	cb->args[PS_N] = n;
	cb->args[PS_POS] = 0;
	return 0;
}

/**
 * dmzg_nl_ps_done() - end of a DMZG_CMD_PS dump: free the snapshot
 * @cb: dump state
 *
 * Return: 0.
 */
int dmzg_nl_ps_done(struct netlink_callback *cb)
{
	dmzg_task_snapshot_free((void *)cb->args[PS_ENTS], cb->args[PS_N]);
	return 0;
}

/**
 * dmzg_nl_ps_dump() - DMZG_CMD_PS: one message per confined task
 * @family: the family
 * @skb: reply buffer
 * @cb: dump state
 *
 * Return: bytes written, 0 at the end.
 */
int dmzg_nl_ps_dump(const struct genl_family *family, struct sk_buff *skb,
		    struct netlink_callback *cb)
{
	struct dmzg_ps_entry *ents = (void *)cb->args[PS_ENTS];
	long *pos = &cb->args[PS_POS];

	for (; *pos < cb->args[PS_N]; (*pos)++) {
		const struct dmzg_ps_entry *e = &ents[*pos];
		struct nlattr *nest;
		void *hdr;

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, family, NLM_F_MULTI,
				  DMZG_CMD_PS);
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
