// SPDX-License-Identifier: GPL-2.0
/*
 * The "events" multicast group: a work item drains the log's queue of
 * records and sends each to the group's listeners, if there are any, and
 * to the kernel's audit log.
 */
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "audit.h"
#include "kaudit.h"
#include "netlink.h"

/* The family the events are sent on, while started. */
static const struct genl_family *dmzg_events_family;

static void send_event(const struct dmzg_event *e)
{
	const struct genl_family *family = dmzg_events_family;
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(family, &init_net, DMZG_MCGRP_EVENTS_IDX))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, family, 0, DMZG_CMD_EVENT);
	if (!hdr)
		goto free_msg;
	nest = nla_nest_start(msg, DMZG_A_EVENT);
	if (!nest ||
	    nla_put_u8(msg, DMZG_E_KIND, e->kind) ||
	    nla_put_u8(msg, DMZG_E_OP, e->op) ||
	    nla_put_string(msg, DMZG_E_PROFILE, e->profile) ||
	    nla_put_u32(msg, DMZG_E_PID, e->pid) ||
	    nla_put_u32(msg, DMZG_E_UID, e->uid) ||
	    nla_put_string(msg, DMZG_E_COMM, e->comm) ||
	    nla_put_string(msg, DMZG_E_LINE, e->line))
		goto free_msg;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	genlmsg_multicast(family, msg, 0, DMZG_MCGRP_EVENTS_IDX, GFP_KERNEL);
	return;
free_msg:
	nlmsg_free(msg);
}

static void events_fn(struct work_struct *work)
{
	struct dmzg_event *e;

	/* A record is too large for the stack. */
	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return;
	while (dmzg_audit_next_event(e)) {
		send_event(e);
		dmzg_kaudit_record(e);
	}
	kfree(e);
}

static DECLARE_WORK(dmzg_events_work, events_fn);

/**
 * dmzg_events_start() - have the log schedule the sender for each record
 * @family: the registered family whose "events" group gets them
 */
void dmzg_events_start(const struct genl_family *family)
{
	dmzg_events_family = family;
	dmzg_audit_start(&dmzg_events_work);
}

/**
 * dmzg_events_stop() - stop sending; no send runs after this returns
 *
 * Context: before the family is unregistered.
 */
void dmzg_events_stop(void)
{
	dmzg_audit_stop();
	cancel_work_sync(&dmzg_events_work);
}
