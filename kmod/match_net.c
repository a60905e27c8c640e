// SPDX-License-Identifier: GPL-2.0
/*
 * Network rule sets: address normalisation, build and lookup.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "glob.h"
#include "match_net.h"
#include "match_path.h"
#include "uapi/dmzguard.h"

/**
 * dmzg_addr_from_in6() - describe an IPv6 address, folding IPv4-mapped ones
 * @a: result
 * @addr: address
 *
 * ::ffff:a.b.c.d reaches the IPv4 address a.b.c.d, so it must be decided by
 * the IPv4 rules; otherwise writing a denied IPv4 address in mapped form
 * on an IPv6 socket would bypass them.
 */
void dmzg_addr_from_in6(struct dmzg_addr *a, const struct in6_addr *addr)
{
	if (ipv6_addr_v4mapped(addr)) {
		dmzg_addr_from_in4(a, addr->s6_addr32[3]);
		return;
	}
	a->family = DMZG_FAMILY_V6;
	memcpy(a->addr, addr->s6_addr, 16);
}

/* The first @prefix bits of @len address bytes, the rest cleared. */
static void mask_addr(u8 *dst, const u8 *src, u8 len, u8 prefix)
{
	u8 full = prefix / 8;

	memcpy(dst, src, full);
	if (full == len)
		return;
	/* A whole-byte prefix keeps nothing of the next byte. */
	dst[full] = src[full] & (u8)(0xff << (8 - prefix % 8));
	memset(dst + full + 1, 0, len - full - 1);
}

/* The key of a rule or a lookup: family, prefix, masked address. */
static void make_key(u8 *key, u8 family, const u8 *addr, u8 prefix)
{
	key[0] = family;
	key[1] = prefix;
	mask_addr(key + 2, addr, dmzg_addr_len(family), prefix);
}

static u32 key_len(u8 family)
{
	return 2 + dmzg_addr_len(family);
}

/**
 * dmzg_net_rule_init() - fill a rule, masking the address to its prefix
 * @r: rule
 * @family: DMZG_FAMILY_V4 or DMZG_FAMILY_V6
 * @addr: 4 or 16 address bytes
 * @prefix: prefix length, already checked against the family
 * @action: enum dmzg_action
 * @proto: enum dmzg_proto
 * @port_lo: first port, host order
 * @port_hi: last port, host order
 */
void dmzg_net_rule_init(struct dmzg_net_rule *r, u8 family,
			const u8 *addr, u8 prefix, u8 action, u8 proto,
			u16 port_lo, u16 port_hi)
{
	memset(r->key, 0, sizeof(r->key));
	make_key(r->key, family, addr, prefix);
	r->action = action;
	r->proto = proto;
	r->port_lo = port_lo;
	r->port_hi = port_hi;
}

/**
 * dmzg_net_set_build() - index a set of network rules
 * @set: set to fill; freed with dmzg_net_set_free()
 * @rules: rules in policy order; the set owns the array, even on failure
 * @n: number of rules
 *
 * Return: 0 or -ENOMEM.
 */
int dmzg_net_set_build(struct dmzg_net_set *set, struct dmzg_net_rule *rules,
		       u32 n)
{
	struct dmzg_hidx_entry *ent;
	u32 i;
	int ret;

	memset(set, 0, sizeof(*set));
	set->rules = rules;
	set->n = n;
	if (!n)
		return 0;
	ent = kvmalloc_array(n, sizeof(*ent), GFP_KERNEL);
	if (!ent)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const struct dmzg_net_rule *r = &rules[i];

		if (r->key[0] == DMZG_FAMILY_V4)
			__set_bit(r->key[1], set->plen4);
		else
			__set_bit(r->key[1], set->plen6);
		ent[i].key = r->key;
		ent[i].len = key_len(r->key[0]);
		ent[i].hash = dmzg_hash_bytes(r->key, ent[i].len);
		ent[i].value = i;
	}
	ret = dmzg_hidx_build(&set->idx, ent, n);
	kvfree(ent);
	return ret;
}

/**
 * dmzg_net_set_free() - release a set and its rules
 * @set: set; may be zeroed
 */
void dmzg_net_set_free(struct dmzg_net_set *set)
{
	dmzg_hidx_free(&set->idx);
	kvfree(set->rules);
	memset(set, 0, sizeof(*set));
}

/**
 * dmzg_net_set_bytes() - memory held by a set, for accounting
 * @set: set
 *
 * Return: bytes.
 */
size_t dmzg_net_set_bytes(const struct dmzg_net_set *set)
{
	return (size_t)set->n * sizeof(*set->rules) +
	       dmzg_hidx_bytes(&set->idx);
}

static bool rule_covers(const struct dmzg_net_rule *r, u8 proto, u16 port)
{
	if (r->proto != DMZG_PROTO_ANY && r->proto != proto)
		return false;
	return port >= r->port_lo && port <= r->port_hi;
}

/**
 * dmzg_net_set_match() - decide an address, protocol and port
 * @set: set
 * @a: normalised address
 * @proto: enum dmzg_proto of the socket (DMZG_PROTO_ANY if neither)
 * @port: port, host order
 * @hit: set to the rule that decided: the first deny rule found, else the
 *	allow rule with the longest prefix, else NULL
 *
 * Return: DMZG_DENY if any deny rule covers the address, else DMZG_ALLOW if
 * any allow rule does, else DMZG_NO_MATCH.
 */
int dmzg_net_set_match(const struct dmzg_net_set *set,
		       const struct dmzg_addr *a, u8 proto, u16 port,
		       const struct dmzg_net_rule **hit)
{
	u32 len = key_len(a->family);
	const unsigned long *plens;
	u8 key[DMZG_NET_KEY_LEN];
	unsigned int w, nwords;
	bool allowed = false;

	*hit = NULL;
	if (!set->n)
		return DMZG_NO_MATCH;
	if (a->family == DMZG_FAMILY_V4) {
		plens = set->plen4;
		nwords = ARRAY_SIZE(set->plen4);
	} else {
		plens = set->plen6;
		nwords = ARRAY_SIZE(set->plen6);
	}
	/* Each prefix length present, a word of the bitmap at a time. */
	for (w = 0; w < nwords; w++) {
		unsigned long bits = plens[w];

		while (bits) {
			u8 p = w * BITS_PER_LONG + __ffs(bits);
			const struct dmzg_hidx_entry *e;
			u32 pos = 0, h;

			bits &= bits - 1;
			make_key(key, a->family, a->addr, p);
			h = dmzg_hash_bytes(key, len);
			while ((e = dmzg_hidx_next(&set->idx, h, key, len,
						   &pos))) {
				const struct dmzg_net_rule *r =
					&set->rules[e->value];

				if (!rule_covers(r, proto, port))
					continue;
				if (r->action == DMZG_DENY) {
					*hit = r;
					return DMZG_DENY;
				}
				/* Prefix lengths ascend: the last is longest. */
				*hit = r;
				allowed = true;
			}
		}
	}
	return allowed ? DMZG_ALLOW : DMZG_NO_MATCH;
}
