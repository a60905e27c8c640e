// SPDX-License-Identifier: GPL-2.0
/*
 * Every name the module and dmzguardctl both print or parse, in one
 * place, so that a log line, a policy file and the CLI spell them alike.
 */
#include "names.h"

/* Indexed by CAP_* number. */
const char *const dmzg_cap_names[DMZG_CAP_COUNT] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore",
};

const char *const dmzg_sock_class_names[__DMZG_SOCK_MAX] = {
	[DMZG_SOCK_INET] = "inet",
	[DMZG_SOCK_INET6] = "inet6",
	[DMZG_SOCK_UNIX] = "unix",
	[DMZG_SOCK_RAW] = "raw",
	[DMZG_SOCK_PACKET] = "packet",
	[DMZG_SOCK_NETLINK] = "netlink",
	[DMZG_SOCK_SCTP] = "sctp",
	[DMZG_SOCK_OTHER] = "other",
	[DMZG_SOCK_NETLINK_ROUTE] = "netlink-route",
};

/*
 * The tables below follow their uAPI enums, whose values never change;
 * an entry left out prints as "unknown".
 */

/* The op= of a log line, by enum dmzg_op. */
const char *const dmzg_op_names[__DMZG_OP_MAX] = {
	"exec", "connect", "sendmsg", "bind", "listen", "socket",
	"capability", "ptrace", "netlink", "attach", "write", "sockopt",
};

/*
 * A rule's protocol and the proto= of a log line, by enum dmzg_proto: a
 * socket that is neither TCP nor UDP is matched only by rules for "any".
 */
const char *const dmzg_proto_names[__DMZG_PROTO_MAX] = { "any", "tcp", "udp" };

const char *const dmzg_mode_names[__DMZG_MODE_MAX] = { "enforce", "complain" };

/* The first word of a log line, by enum dmzg_event_kind. */
const char *const dmzg_event_kind_names[__DMZG_EVENT_MAX] = {
	"denied", "complain", "policy",
};

/* A rule's keyword in the policy language, by enum dmzg_rule_op. */
const char *const dmzg_rule_op_names[__DMZG_RULE_MAX] = {
	"exec", "connect", "bind", "unix", "write",
};

const char *const dmzg_action_names[__DMZG_ACTION_MAX] = { "allow", "deny" };
