/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decision records: what a decision was about, as the hooks describe it
 * (a typed request, never pre-formatted text), and the log lines and
 * events audit.c makes of it.  The log is downstream of everything: it
 * calls no other part of the module.
 */
#ifndef _DMZG_AUDIT_H
#define _DMZG_AUDIT_H

#include <linux/compiler_attributes.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "uapi/dmzguard.h"

struct dmzg_addr;
struct dmzg_conf;
struct work_struct;

#define DMZG_LINE_MAX 768

/* Why a decision was made without consulting the rules. */
enum dmzg_reason {
	DMZG_REASON_NONE,
	DMZG_REASON_NO_POLICY,		/* the task's profile is not loaded */
	DMZG_REASON_NOMEM,		/* no memory to look at the object */
	DMZG_REASON_UNRESOLVABLE,	/* the object's path has no name */
	DMZG_REASON_TRACED,		/* a profile change while traced */
	DMZG_REASON_NO_NEW_PRIVS,	/* a profile change under no_new_privs */
	DMZG_REASON_SHARED_FS,		/* a profile change sharing fs_struct */
	__DMZG_REASON_MAX,
};

/* How a write changes the file system: the access= of a write record. */
enum dmzg_write_access {
	DMZG_WRITE_OPEN,	/* open for writing or truncating */
	DMZG_WRITE_TRUNCATE,
	DMZG_WRITE_CREATE,	/* a regular file */
	DMZG_WRITE_MKNOD,	/* a device, FIFO or socket node */
	DMZG_WRITE_MKDIR,
	DMZG_WRITE_RMDIR,
	DMZG_WRITE_UNLINK,
	DMZG_WRITE_RENAME,
	DMZG_WRITE_LINK,
	DMZG_WRITE_SYMLINK,
	DMZG_WRITE_CHMOD,
	DMZG_WRITE_CHOWN,
	DMZG_WRITE_RECEIVE,	/* a descriptor open for writing, received */
	__DMZG_WRITE_MAX,
};

/*
 * Why a write was refused whatever the write rules said, or why only a
 * rule (never the default) could allow it: the object= of a write record.
 */
enum dmzg_write_object {
	DMZG_WOBJ_PLAIN,	/* nothing special: the rules decide */
	DMZG_WOBJ_PROGRAM,	/* a path the profile may execute */
	DMZG_WOBJ_KERNEL,	/* a kernel interface (kernel_file.h) */
	DMZG_WOBJ_EXECUTABLE,	/* a file that is or becomes executable */
	DMZG_WOBJ_TREE,		/* a directory moved with what it holds */
	__DMZG_WOBJ_MAX,
};

/* Socket options that reroute what is sent: the option= of a record. */
enum dmzg_sockopt {
	DMZG_SOCKOPT_IP_OPTIONS,	/* IPv4 options: a source route */
	DMZG_SOCKOPT_IPV6_RTHDR,	/* an IPv6 routing header */
	DMZG_SOCKOPT_IPV6_NEXTHOP,
	DMZG_SOCKOPT_IPV6_PKTOPTIONS,	/* RFC 2292 options, a routing header */
	__DMZG_SOCKOPT_MAX,
};

/* Which member of struct dmzg_request's object is set. */
enum dmzg_object {
	DMZG_OBJ_NONE,
	DMZG_OBJ_FILE,		/* exec and write: target=PATH */
	DMZG_OBJ_INET,		/* proto= dst= (addr= for bind and listen) */
	DMZG_OBJ_UNIX,		/* proto=unix dst=PATH or @abstract */
	DMZG_OBJ_SOCKET,	/* class= family= type= proto= */
	DMZG_OBJ_CAP,		/* cap=NAME */
	DMZG_OBJ_TASK,		/* target_pid=N */
	DMZG_OBJ_COMMAND,	/* cmd=N */
	DMZG_OBJ_SOCKOPT,	/* option=NAME via=setsockopt|sendmsg */
};

/**
 * struct dmzg_request - one decision's operation and object, for the log
 * @op: enum dmzg_op
 * @rules: enum dmzg_rule_op whose default applies when no rule matched
 * @reason: enum dmzg_reason
 * @object: enum dmzg_object, which member of the union is valid
 * @anonymous: an exec of a file with no name a rule could match
 * @quiet: refuse without a record (capability probes ask with NOAUDIT)
 * @expected: refused by a rule that names it ("capability deny"): no
 *	record when enforced; complain mode, which grants it, records it
 * @access: for DMZG_OP_WRITE, enum dmzg_write_access
 * @wobj: for DMZG_OP_WRITE, enum dmzg_write_object
 * @path: a path or unix name (not NUL-terminated) and its length
 * @inet: an inet address and port, and the socket's protocol
 * @sock: a socket being created
 * @cap: a capability number
 * @pid: another task's pid
 * @cmd: a generic-netlink command
 * @sockopt: a socket option, and how it was given
 *
 * Pointers in it are only read while the record is made.
 */
struct dmzg_rule_hits;

struct dmzg_request {
	u8 op;
	u8 rules;
	/* the counters of the rule that matched, if one did */
	struct dmzg_rule_hits *hit;
	u8 reason;
	u8 object;
	bool anonymous;
	bool quiet;
	bool expected;
	u8 access;
	u8 wobj;
	union {
		struct {
			const char *name;
			size_t len;
		} path;
		struct {
			const struct dmzg_addr *addr;
			u16 port;
			u8 proto;
		} inet;
		struct {
			u8 class;
			int family, type, protocol;
		} sock;
		int cap;
		pid_t pid;
		u8 cmd;
		struct {
			u8 name;	/* enum dmzg_sockopt */
			bool cmsg;	/* as sendmsg ancillary data */
		} sockopt;
	};
};

/* One record as the events group sends it. */
struct dmzg_event {
	u8 kind, op;
	pid_t pid;
	u32 uid;
	char profile[DMZG_NAME_MAX];
	char comm[TASK_COMM_LEN];
	char line[DMZG_LINE_MAX];
};

void dmzg_audit_record(u8 kind, const struct dmzg_conf *conf,
		       const struct dmzg_request *req);
void dmzg_audit_policy(const char *fmt, ...) __printf(1, 2);
bool dmzg_audit_next_event(struct dmzg_event *e);
int dmzg_audit_init(void);
void dmzg_audit_exit(void);
void dmzg_audit_start(struct work_struct *consumer);
void dmzg_audit_stop(void);

#endif /* _DMZG_AUDIT_H */
