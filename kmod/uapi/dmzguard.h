/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * dmzguard generic-netlink interface.
 *
 * Family "dmzguard", version DMZG_GENL_VERSION, multicast group "events".
 * Every command requires CAP_NET_ADMIN in the initial user namespace and is
 * refused to tasks that dmzguard confines.  Attributes are typed; there are
 * no binary structures on the wire (an address is its raw 4 or 16 bytes).
 *
 * Commands (request attributes -> reply attributes):
 *
 * DMZG_CMD_STATUS        - -> VERSION, SEALED, POLICY_LOADED, GENERATION,
 *                          PROFILE_COUNT, RULE_COUNT, POLICY_BYTES,
 *                          CONFINED_TASKS, TX_ACTIVE, [CONFIRM_LEFT],
 *                          PROFILE* (NAME, MODE, RULE_COUNT, DECISIONS,
 *                          DENIALS, TASKS)
 * DMZG_CMD_TX_BEGIN      - -> -           open a load transaction owned by
 *                          the sending socket; EBUSY if another is open
 * DMZG_CMD_TX_PROFILE    PROFILE (NAME, MODE, defaults, CAP_*, SOCKET_*,
 *                          ATTACH) -> -   declare a profile
 * DMZG_CMD_TX_RULES      NAME, RULES (RULE*) -> -   append rules to a
 *                          profile declared in this transaction
 * DMZG_CMD_TX_COMMIT     [FORCE] [EXPECT_GENERATION] [CONFIRM_SECONDS]
 *                          -> GENERATION, PROFILE_COUNT, RULE_COUNT
 *                          compile and swap in atomically.  Refused
 *                          (EBUSY) if it leaves out a profile that
 *                          confines running tasks, unless FORCE; (ESTALE)
 *                          if the active generation is not
 *                          EXPECT_GENERATION (0: none loaded); (EBUSY)
 *                          while a change awaits confirmation, unless
 *                          CONFIRM_SECONDS.  With CONFIRM_SECONDS the
 *                          policy before the change comes back unless
 *                          DMZG_CMD_CONFIRM arrives within that time
 * DMZG_CMD_TX_ABORT      - -> -           discard the transaction
 * DMZG_CMD_POLICY_GET    dump -> one message per profile header (PROFILE,
 *                          with DEFAULT_HITS) followed by messages of
 *                          NAME, RULES chunks (each rule with HITS and
 *                          LAST_HIT)
 * DMZG_CMD_MODE          NAME, MODE -> -  switch one profile's mode
 * DMZG_CMD_CLEAR         - -> -           remove the policy, unconfine all
 * DMZG_CMD_SEAL          - -> -           refuse policy changes and unload
 *                          until reboot
 * DMZG_CMD_PS            dump -> TASK (PID, TGID, COMM, EXE, NAME)
 * DMZG_CMD_EVENT         multicast only -> EVENT (KIND, OP, PROFILE, PID,
 *                          UID, COMM, LINE); LINE is the dmesg line, whose
 *                          key=value pairs carry the details
 * DMZG_CMD_CONFIRM       - -> -           keep the change made with
 *                          CONFIRM_SECONDS; ENOENT if none awaits
 *
 * Attribute tree:
 *
 * DMZG_A_*     top level (enum dmzg_attr)
 *   DMZG_A_PROFILE        nested enum dmzg_profile_attr
 *     DMZG_P_ATTACH       nested: DMZG_LIST_ITEM strings (path patterns)
 *   DMZG_A_RULES          nested array of DMZG_A_RULE, each enum dmzg_rule_attr
 *   DMZG_A_TASK           nested enum dmzg_task_attr
 *   DMZG_A_EVENT          nested enum dmzg_event_attr
 */
#ifndef _UAPI_LINUX_DMZGUARD_H
#define _UAPI_LINUX_DMZGUARD_H

#include <linux/types.h>

#define DMZG_GENL_NAME		"dmzguard"
#define DMZG_GENL_VERSION	1
#define DMZG_GENL_MCGRP_EVENTS	"events"

/* Limits enforced by the kernel; userspace checks them first. */
#define DMZG_NAME_MAX		64	/* profile name incl. NUL */
#define DMZG_PATH_MAX		4096	/* path pattern incl. NUL (PATH_MAX) */
#define DMZG_MAX_PROFILES	256
#define DMZG_MAX_ATTACH		64	/* attach patterns per profile */
#define DMZG_MAX_RULES		200000	/* rules per profile */
#define DMZG_MAX_TOTAL_RULES	500000	/* rules per policy */
#define DMZG_MAX_POLICY_BYTES	(64U << 20)	/* compiled policy memory */
#define DMZG_MAX_WILDCARDS	8	/* wildcards per path pattern */
#define DMZG_TX_TIMEOUT_SEC	30	/* idle transaction is discarded */
#define DMZG_CONFIRM_MAX_SEC	3600	/* longest wait for a confirmation */

enum dmzg_cmd {
	DMZG_CMD_UNSPEC,
	DMZG_CMD_STATUS,
	DMZG_CMD_TX_BEGIN,
	DMZG_CMD_TX_PROFILE,
	DMZG_CMD_TX_RULES,
	DMZG_CMD_TX_COMMIT,
	DMZG_CMD_TX_ABORT,
	DMZG_CMD_POLICY_GET,
	DMZG_CMD_MODE,
	DMZG_CMD_CLEAR,
	DMZG_CMD_SEAL,
	DMZG_CMD_PS,
	DMZG_CMD_EVENT,
	DMZG_CMD_CONFIRM,
	__DMZG_CMD_MAX,
};

#define DMZG_CMD_MAX (__DMZG_CMD_MAX - 1)

enum dmzg_attr {
	DMZG_A_UNSPEC,
	DMZG_A_PAD,
	DMZG_A_VERSION,		/* string */
	DMZG_A_SEALED,		/* u8 0/1 */
	DMZG_A_POLICY_LOADED,	/* u8 0/1 */
	DMZG_A_GENERATION,	/* u64 */
	DMZG_A_PROFILE_COUNT,	/* u32 */
	DMZG_A_RULE_COUNT,	/* u32 */
	DMZG_A_POLICY_BYTES,	/* u64 */
	DMZG_A_CONFINED_TASKS,	/* u32 */
	DMZG_A_TX_ACTIVE,	/* u8 0/1 */
	DMZG_A_NAME,		/* string, profile name */
	DMZG_A_MODE,		/* u8 enum dmzg_mode */
	DMZG_A_PROFILE,		/* nested enum dmzg_profile_attr */
	DMZG_A_RULES,		/* nested array of nested enum dmzg_rule_attr */
	DMZG_A_TASK,		/* nested enum dmzg_task_attr */
	DMZG_A_EVENT,		/* nested enum dmzg_event_attr */
	DMZG_A_FORCE,		/* flag: may leave out profiles in use */
	DMZG_A_EXPECT_GENERATION, /* u64: commit only over this policy */
	DMZG_A_CONFIRM_SECONDS,	/* u32, 1..DMZG_CONFIRM_MAX_SEC */
	DMZG_A_CONFIRM_LEFT,	/* u32: seconds until the revert */
	__DMZG_A_MAX,
};

#define DMZG_A_MAX (__DMZG_A_MAX - 1)

/* Items of a nested list such as DMZG_P_ATTACH. */
enum dmzg_list_attr {
	DMZG_LIST_UNSPEC,
	DMZG_LIST_ITEM,
	__DMZG_LIST_MAX,
};

#define DMZG_LIST_MAX (__DMZG_LIST_MAX - 1)

enum dmzg_profile_attr {
	DMZG_P_UNSPEC,
	DMZG_P_PAD,
	DMZG_P_NAME,		/* string [A-Za-z0-9_.-], 1..63 bytes */
	DMZG_P_MODE,		/* u8 enum dmzg_mode */
	DMZG_P_EXEC_DEFAULT,	/* u8 enum dmzg_action */
	DMZG_P_CONNECT_DEFAULT,	/* u8 enum dmzg_action */
	DMZG_P_BIND_DEFAULT,	/* u8 enum dmzg_action */
	DMZG_P_UNIX_DEFAULT,	/* u8 enum dmzg_action */
	DMZG_P_CAP_ALLOW,	/* u64 mask of capability numbers (1 << cap) */
	DMZG_P_CAP_DENY,	/* u64 mask */
	DMZG_P_SOCKET_ALLOW,	/* u32 mask of enum dmzg_sock_class bits */
	DMZG_P_SOCKET_DENY,	/* u32 mask */
	DMZG_P_ATTACH,		/* nested list of path pattern strings */
	DMZG_P_RULE_COUNT,	/* u32, replies only */
	DMZG_P_DECISIONS,	/* u64, replies only */
	DMZG_P_DENIALS,		/* u64, replies only */
	DMZG_P_TASKS,		/* u32, replies only */
	DMZG_P_WRITE_DEFAULT,	/* u8 enum dmzg_action */
	/* replies only: nested array of (OP, HITS, LAST_HIT) */
	DMZG_P_DEFAULT_HITS,
	__DMZG_P_MAX,
};

#define DMZG_P_MAX (__DMZG_P_MAX - 1)

enum dmzg_rule_attr {
	DMZG_R_UNSPEC,
	DMZG_R_OP,		/* u8 enum dmzg_rule_op */
	DMZG_R_ACTION,		/* u8 enum dmzg_action */
	DMZG_R_PATH,		/* string: exec and unix rules */
	DMZG_R_TARGET,		/* string: exec transition profile */
	DMZG_R_PROTO,		/* u8 enum dmzg_proto: net rules */
	DMZG_R_ADDR,		/* binary, 4 (IPv4) or 16 (IPv6) bytes */
	DMZG_R_PREFIX,		/* u8, 0..32 or 0..128 */
	DMZG_R_PORT_LO,		/* u16, host order */
	DMZG_R_PORT_HI,		/* u16, host order, >= PORT_LO */
	DMZG_R_HITS,		/* u64, replies only: decisions it made */
	DMZG_R_LAST_HIT,	/* u64, replies only: unix time, 0 never */
	DMZG_R_PAD,
	__DMZG_R_MAX,
};

#define DMZG_R_MAX (__DMZG_R_MAX - 1)

enum dmzg_task_attr {
	DMZG_T_UNSPEC,
	DMZG_T_PID,		/* u32 */
	DMZG_T_TGID,		/* u32 */
	DMZG_T_COMM,		/* string */
	DMZG_T_EXE,		/* string */
	DMZG_T_PROFILE,		/* string */
	__DMZG_T_MAX,
};

#define DMZG_T_MAX (__DMZG_T_MAX - 1)

enum dmzg_event_attr {
	DMZG_E_UNSPEC,
	DMZG_E_KIND,		/* u8 enum dmzg_event_kind */
	DMZG_E_OP,		/* u8 enum dmzg_op */
	DMZG_E_PROFILE,		/* string */
	DMZG_E_PID,		/* u32 */
	DMZG_E_UID,		/* u32 */
	DMZG_E_COMM,		/* string */
	DMZG_E_LINE,		/* string: the dmesg line without prefix */
	__DMZG_E_MAX,
};

#define DMZG_E_MAX (__DMZG_E_MAX - 1)

enum dmzg_mode {
	DMZG_MODE_ENFORCE,
	DMZG_MODE_COMPLAIN,
	__DMZG_MODE_MAX,
};

#define DMZG_MODE_MAX (__DMZG_MODE_MAX - 1)

enum dmzg_action {
	DMZG_ALLOW,
	DMZG_DENY,
	__DMZG_ACTION_MAX,
};

#define DMZG_ACTION_MAX (__DMZG_ACTION_MAX - 1)

enum dmzg_rule_op {
	DMZG_RULE_EXEC,
	DMZG_RULE_CONNECT,	/* connect and sendmsg with an address */
	DMZG_RULE_BIND,		/* bind and listen */
	DMZG_RULE_UNIX,		/* unix-domain connect/send by socket path */
	DMZG_RULE_WRITE,	/* changes to the file system, by path */
	__DMZG_RULE_MAX,
};

#define DMZG_RULE_MAX (__DMZG_RULE_MAX - 1)

enum dmzg_proto {
	DMZG_PROTO_ANY,
	DMZG_PROTO_TCP,		/* TCP and MPTCP */
	DMZG_PROTO_UDP,		/* UDP and UDP-Lite */
	__DMZG_PROTO_MAX,
};

#define DMZG_PROTO_MAX (__DMZG_PROTO_MAX - 1)

/* Socket classes a profile may create; bit (1 << class). */
enum dmzg_sock_class {
	DMZG_SOCK_INET,		/* AF_INET stream/dgram (TCP, UDP, MPTCP) */
	DMZG_SOCK_INET6,	/* AF_INET6 stream/dgram */
	DMZG_SOCK_UNIX,		/* AF_UNIX */
	DMZG_SOCK_RAW,		/* SOCK_RAW and ICMP "ping" sockets, v4/v6 */
	DMZG_SOCK_PACKET,	/* AF_PACKET */
	DMZG_SOCK_NETLINK,	/* AF_NETLINK */
	DMZG_SOCK_SCTP,		/* IPPROTO_SCTP */
	DMZG_SOCK_OTHER,	/* every other family */
	DMZG_SOCK_NETLINK_ROUTE, /* AF_NETLINK, NETLINK_ROUTE only */
	__DMZG_SOCK_MAX,
};

#define DMZG_SOCK_MAX (__DMZG_SOCK_MAX - 1)
#define DMZG_SOCK_ALL_MASK ((1U << __DMZG_SOCK_MAX) - 1)
#define DMZG_SOCK_DEFAULT_ALLOW ((1U << DMZG_SOCK_INET) | \
				 (1U << DMZG_SOCK_INET6) | \
				 (1U << DMZG_SOCK_UNIX))

/*
 * The classes a profile's socket rules allow.  Class "netlink" names
 * every netlink protocol, the route protocol included: its rules also
 * decide "netlink-route", and a rule naming "netlink-route" decides only
 * that protocol.  A deny wins.
 */
static inline __u32 dmzg_sock_classes_allowed(__u32 allow, __u32 deny)
{
	const __u32 all_netlink = (1U << DMZG_SOCK_NETLINK) |
				  (1U << DMZG_SOCK_NETLINK_ROUTE);

	if (allow & (1U << DMZG_SOCK_NETLINK))
		allow |= all_netlink;
	if (deny & (1U << DMZG_SOCK_NETLINK))
		deny |= all_netlink;
	return (DMZG_SOCK_DEFAULT_ALLOW | allow) & ~deny;
}

/*
 * Capabilities a profile denies unless it allows them by name: those that
 * would let a confined root undo its confinement.  Bit numbers are the
 * CAP_* values of <linux/capability.h>.
 */
#define DMZG_CAP_DEFAULT_DENY ( \
	(1ULL << 12) /* CAP_NET_ADMIN */ | \
	(1ULL << 13) /* CAP_NET_RAW */ | \
	(1ULL << 16) /* CAP_SYS_MODULE */ | \
	(1ULL << 17) /* CAP_SYS_RAWIO */ | \
	(1ULL << 19) /* CAP_SYS_PTRACE */ | \
	(1ULL << 21) /* CAP_SYS_ADMIN */ | \
	(1ULL << 22) /* CAP_SYS_BOOT */ | \
	(1ULL << 33) /* CAP_MAC_ADMIN */ | \
	(1ULL << 38) /* CAP_PERFMON */ | \
	(1ULL << 39) /* CAP_BPF */)
#define DMZG_CAP_COUNT 41	/* CAP_LAST_CAP + 1 on the kernels supported */
#define DMZG_CAP_ALL_MASK ((1ULL << DMZG_CAP_COUNT) - 1)

/* Operations as reported in events and log lines. */
enum dmzg_op {
	DMZG_OP_EXEC,
	DMZG_OP_CONNECT,
	DMZG_OP_SENDMSG,
	DMZG_OP_BIND,
	DMZG_OP_LISTEN,
	DMZG_OP_SOCKET,
	DMZG_OP_CAPABILITY,
	DMZG_OP_PTRACE,
	DMZG_OP_NETLINK,
	DMZG_OP_ATTACH,
	DMZG_OP_WRITE,		/* change the file system: access= says how */
	DMZG_OP_SOCKOPT,	/* a socket option that reroutes what is sent */
	__DMZG_OP_MAX,
};

enum dmzg_event_kind {
	DMZG_EVENT_DENIED,
	DMZG_EVENT_COMPLAIN,
	DMZG_EVENT_POLICY,	/* policy loaded, cleared, mode changed, sealed */
	__DMZG_EVENT_MAX,
};

#endif /* _UAPI_LINUX_DMZGUARD_H */
