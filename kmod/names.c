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
};

/* The op= of a log line. */
const char *const dmzg_op_names[__DMZG_OP_MAX] = {
	[DMZG_OP_EXEC] = "exec",
	[DMZG_OP_CONNECT] = "connect",
	[DMZG_OP_SENDMSG] = "sendmsg",
	[DMZG_OP_BIND] = "bind",
	[DMZG_OP_LISTEN] = "listen",
	[DMZG_OP_SOCKET] = "socket",
	[DMZG_OP_CAPABILITY] = "capability",
	[DMZG_OP_PTRACE] = "ptrace",
	[DMZG_OP_NETLINK] = "netlink",
	[DMZG_OP_ATTACH] = "attach",
	[DMZG_OP_WRITE] = "write",
};

/*
 * A rule's protocol, and the proto= of a log line: a socket that is
 * neither TCP nor UDP is matched only by rules for "any" protocol.
 */
const char *const dmzg_proto_names[__DMZG_PROTO_MAX] = {
	[DMZG_PROTO_ANY] = "any",
	[DMZG_PROTO_TCP] = "tcp",
	[DMZG_PROTO_UDP] = "udp",
};

const char *const dmzg_mode_names[__DMZG_MODE_MAX] = {
	[DMZG_MODE_ENFORCE] = "enforce",
	[DMZG_MODE_COMPLAIN] = "complain",
};

/* The first word of a log line. */
const char *const dmzg_event_kind_names[__DMZG_EVENT_MAX] = {
	[DMZG_EVENT_DENIED] = "denied",
	[DMZG_EVENT_COMPLAIN] = "complain",
	[DMZG_EVENT_POLICY] = "policy",
};

/* The statement keyword of a rule in the policy language. */
const char *const dmzg_rule_op_names[__DMZG_RULE_MAX] = {
	[DMZG_RULE_EXEC] = "exec",
	[DMZG_RULE_CONNECT] = "connect",
	[DMZG_RULE_BIND] = "bind",
	[DMZG_RULE_UNIX] = "unix",
};

const char *const dmzg_action_names[__DMZG_ACTION_MAX] = {
	[DMZG_ALLOW] = "allow",
	[DMZG_DENY] = "deny",
};
