/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A confined task's memo of its last allowed inet destination: kept in
 * its task table entry (task.c), read and written by hooks_net.c.
 */
#ifndef _DMZG_NET_MEMO_H
#define _DMZG_NET_MEMO_H

#include <linux/types.h>

struct dmzg_profile;
struct dmzg_rule_hits;

/*
 * The last inet destination a confined task's rules allowed, so that a
 * daemon sending datagram after datagram to one peer is not matched
 * again each time.  It holds for the label, profile and policy
 * generation it was decided in, and only the task itself reads or
 * writes it.
 */
struct dmzg_net_memo {
	struct dmzg_profile *prof;	/* NULL: empty */
	struct dmzg_rule_hits *hits;	/* the rule (or default) that allowed */
	u64 generation;
	u64 in4;	/* the sockaddr_in as given, see hooks_net.c; 0: none */
	u64 label_seq;	/* the task's label when it was made, see task.c */
	u8 addr[16];
	u16 port;
	u8 family, proto, rules;
};

#endif /* _DMZG_NET_MEMO_H */
