/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of operations, protocols, modes, event kinds, rule operations,
 * capabilities and socket classes, as policies, log lines and
 * dmzguardctl spell them; compiled into both the module and dmzguardctl.
 */
#ifndef _DMZG_NAMES_H
#define _DMZG_NAMES_H

#include "uapi/dmzguard.h"

extern const char *const dmzg_cap_names[DMZG_CAP_COUNT];
extern const char *const dmzg_sock_class_names[__DMZG_SOCK_MAX];
extern const char *const dmzg_op_names[__DMZG_OP_MAX];
extern const char *const dmzg_proto_names[__DMZG_PROTO_MAX];
extern const char *const dmzg_mode_names[__DMZG_MODE_MAX];
extern const char *const dmzg_event_kind_names[__DMZG_EVENT_MAX];
extern const char *const dmzg_rule_op_names[__DMZG_RULE_MAX];
extern const char *const dmzg_action_names[__DMZG_ACTION_MAX];

/*
 * The name at @i of @table, or "unknown": values that reach here from the
 * wire or from a newer kernel are not trusted to be in range.
 */
static inline const char *dmzg_name_at(const char *const *table,
				       unsigned int n, unsigned int i)
{
	return i < n && table[i] ? table[i] : "unknown";
}

#define dmzg_name(table, i)						\
	dmzg_name_at(table, sizeof(table) / sizeof((table)[0]), i)

#endif /* _DMZG_NAMES_H */
