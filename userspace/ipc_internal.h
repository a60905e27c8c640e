/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the pieces of the netlink client share, all in ipc.c: the
 * connection, building a request, running it to its ACK, and decoding
 * reply attributes.
 */
#ifndef DMZG_IPC_INTERNAL_H
#define DMZG_IPC_INTERNAL_H

#include <stddef.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "ipc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Rules per TX_RULES message are bounded by bytes, not count. */
#define IPC_CHUNK_BYTES (48 * 1024)

struct ipc {
	struct nl_sock *sk;
	int family;
	int error;	/* the kernel's error of the last request, or 0 */
	int retry_error;	/* an error the caller retries: not reported */
};

/* Parses one reply message; non-zero marks the reply malformed. */
typedef int (*ipc_parse_fn)(struct nlmsghdr *nlh, struct nlattr **tb,
			    void *arg);

/* A request for @cmd that asks for an ACK; room for a chunk of rules. */
struct nl_msg *ipc_new_msg(struct ipc *ipc, uint8_t cmd, int flags);
/*
 * Send @msg (consumed), hand each reply to @parse.  @what names the
 * request in messages; NULL keeps it quiet, as does an error equal to
 * ipc->retry_error.  Return: 0 or an exit code; ipc->error holds the
 * kernel's error (a negative errno), if any.
 */
int ipc_transact(struct ipc *ipc, struct nl_msg *msg, const char *what,
		 ipc_parse_fn parse, void *arg);
/* Copy string attribute @a (may be NULL: "") into @dst, NUL-terminated. */
void ipc_copy_str(char *dst, size_t size, struct nlattr *a);

/* An optional integer attribute and the field of a struct it fills. */
struct ipc_field {
	int attr;
	size_t offset;
	size_t size;		/* 1, 2, 4 or 8 bytes */
};

#define IPC_FIELD(attr, type, member)					\
	{ attr, offsetof(type, member), sizeof(((type *)0)->member) }

/* Fill the fields of @obj whose attribute is present in @tb. */
void ipc_get_fields(struct nlattr **tb, const struct ipc_field *fields,
		    size_t n, void *obj);

#endif
