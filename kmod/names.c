// SPDX-License-Identifier: GPL-2.0
/*
 * The names of capabilities and socket classes, compiled into both the
 * module (log lines) and dmzguardctl (policy language), so they agree.
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
