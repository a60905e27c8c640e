/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A compiled set of network rules for one operation class (connect/send or
 * bind/listen).  Rules are hashed by (family, prefix length, masked
 * address); a lookup probes once per prefix length present in the set, so
 * its cost depends on how many distinct prefix lengths the policy uses
 * (at most 33 + 129), never on how many rules it has.
 */
#ifndef _DMZG_MATCH_NET_H
#define _DMZG_MATCH_NET_H

#include <linux/bitmap.h>
#include <linux/in6.h>
#include <linux/string.h>
#include <linux/types.h>

#include "hidx.h"

#define DMZG_FAMILY_V4 4
#define DMZG_FAMILY_V6 6
#define DMZG_NET_KEY_LEN 18	/* family, prefix, 16 address bytes */

/* An address as rules see it: IPv4-mapped IPv6 is folded into IPv4. */
struct dmzg_addr {
	u8 family;		/* DMZG_FAMILY_V4 or DMZG_FAMILY_V6 */
	u8 addr[16];		/* IPv4 uses the first 4 bytes */
};

struct dmzg_rule_hits;

struct dmzg_net_rule {
	u8 key[DMZG_NET_KEY_LEN];	/* family, prefix, masked address */
	u8 action;			/* enum dmzg_action */
	u8 proto;			/* enum dmzg_proto */
	u16 port_lo, port_hi;		/* host order, inclusive */
	struct dmzg_rule_hits *hits;	/* owned by the profile, or NULL */
};

struct dmzg_net_set {
	struct dmzg_net_rule *rules;	/* in policy order */
	u32 n;
	struct dmzg_hidx idx;
	DECLARE_BITMAP(plen4, 33);	/* prefix lengths present, IPv4 */
	DECLARE_BITMAP(plen6, 129);	/* prefix lengths present, IPv6 */
};

static inline u8 dmzg_addr_len(u8 family)
{
	return family == DMZG_FAMILY_V4 ? 4 : 16;
}

/* Describe an IPv4 address (@addr in network order); inline: per packet. */
static inline void dmzg_addr_from_in4(struct dmzg_addr *a, __be32 addr)
{
	memset(a, 0, sizeof(*a));
	a->family = DMZG_FAMILY_V4;
	memcpy(a->addr, &addr, 4);
}

void dmzg_addr_from_in6(struct dmzg_addr *a, const struct in6_addr *addr);
void dmzg_net_rule_init(struct dmzg_net_rule *r, u8 family,
			const u8 *addr, u8 prefix, u8 action, u8 proto,
			u16 port_lo, u16 port_hi);
int dmzg_net_set_build(struct dmzg_net_set *set, struct dmzg_net_rule *rules,
		       u32 n);
void dmzg_net_set_free(struct dmzg_net_set *set);
size_t dmzg_net_set_bytes(const struct dmzg_net_set *set);
int dmzg_net_set_match(const struct dmzg_net_set *set,
		       const struct dmzg_addr *a, u8 proto, u16 port,
		       const struct dmzg_net_rule **hit);

#endif /* _DMZG_MATCH_NET_H */
