// SPDX-License-Identifier: GPL-2.0
/*
 * Names of capabilities, socket classes, operations and protocols, and
 * looking a name up in one of the tables of kmod/names.c.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "../kmod/names.h"
#include "policy.h"

const char *cap_name(int cap)
{
	return cap >= 0 && cap < DMZG_CAP_COUNT ? dmzg_cap_names[cap] : "?";
}

int cap_lookup(const char *name)
{
	if (!strncmp(name, "cap_", 4) || !strncmp(name, "CAP_", 4))
		name += 4;
	for (int i = 0; i < DMZG_CAP_COUNT; i++)
		if (!strcasecmp(name, dmzg_cap_names[i]))
			return i;
	return -1;
}

const char *sock_class_name(int cls)
{
	return cls >= 0 && cls < __DMZG_SOCK_MAX ? dmzg_sock_class_names[cls] : "?";
}

int sock_class_lookup(const char *name)
{
	return dmzg_lookup(dmzg_sock_class_names, name);
}

int name_lookup(const char *const *table, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (table[i] && !strcmp(name, table[i]))
			return (int)i;
	return -1;
}

const char *rule_op_name(int op)
{
	return dmzg_name(dmzg_rule_op_names, op);
}

const char *proto_name(int proto)
{
	return dmzg_name(dmzg_proto_names, proto);
}

const char *action_name(int action)
{
	return dmzg_name(dmzg_action_names, action);
}

const char *mode_name(int mode)
{
	return dmzg_name(dmzg_mode_names, mode);
}

/* "192.0.2.0/24", "2001:db8::/32", or a bare address for a host prefix. */
int format_addr(char *buf, size_t size, const struct rule *r)
{
	char a[INET6_ADDRSTRLEN];
	int af = r->family == DMZG_FAMILY_V4 ? AF_INET : AF_INET6;
	int host = r->family == DMZG_FAMILY_V4 ? 32 : 128;

	if (!inet_ntop(af, r->addr, a, sizeof(a)))
		return snprintf(buf, size, "?");
	if (r->prefix == host)
		return snprintf(buf, size, "%s", a);
	return snprintf(buf, size, "%s/%u", a, r->prefix);
}
