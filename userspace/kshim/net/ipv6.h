/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMZG_KSHIM_NET_IPV6_H
#define DMZG_KSHIM_NET_IPV6_H

#include <linux/in6.h>
#include <stdbool.h>

/* ::ffff:a.b.c.d */
static inline bool ipv6_addr_v4mapped(const struct in6_addr *a)
{
	return IN6_IS_ADDR_V4MAPPED(a);
}

#endif
