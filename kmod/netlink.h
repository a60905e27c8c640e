/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "dmzguard" generic-netlink family (uapi/dmzguard.h): netlink.c
 * translates requests, netlink_dump.c the status and dump replies,
 * netlink_events.c the records of the "events" group.
 */
#ifndef _DMZG_NETLINK_H
#define _DMZG_NETLINK_H

#include <net/genetlink.h>

#include "uapi/dmzguard.h"

enum { DMZG_MCGRP_EVENTS_IDX };

/* The profile attribute that carries the default of a kind of rule. */
static inline int dmzg_default_attr(u8 rules)
{
	switch (rules) {
	case DMZG_RULE_EXEC:
		return DMZG_P_EXEC_DEFAULT;
	case DMZG_RULE_CONNECT:
		return DMZG_P_CONNECT_DEFAULT;
	case DMZG_RULE_BIND:
		return DMZG_P_BIND_DEFAULT;
	case DMZG_RULE_WRITE:
		return DMZG_P_WRITE_DEFAULT;
	default:
		return DMZG_P_UNIX_DEFAULT;
	}
}

/* netlink_dump.c: replies built for the family netlink.c registers */
int dmzg_nl_status(const struct genl_family *family, struct genl_info *info);
int dmzg_nl_policy_dump(const struct genl_family *family,
			struct sk_buff *skb, struct netlink_callback *cb);
int dmzg_nl_ps_start(struct netlink_callback *cb);
int dmzg_nl_ps_dump(const struct genl_family *family, struct sk_buff *skb,
		    struct netlink_callback *cb);
int dmzg_nl_ps_done(struct netlink_callback *cb);

/* netlink_events.c */
void dmzg_events_start(const struct genl_family *family);
void dmzg_events_stop(void);

int dmzg_netlink_init(void);
void dmzg_netlink_exit(void);

#endif /* _DMZG_NETLINK_H */
