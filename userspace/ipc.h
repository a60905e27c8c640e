/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the dmzguard module over generic netlink (libnl-3).  Every
 * function returns 0 or an exit code from enum exit_code, having printed
 * what went wrong and what to do about it.
 */
#ifndef DMZG_IPC_H
#define DMZG_IPC_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "policy.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 1,		/* bad usage or invalid policy */
	EXIT_REFUSED = 2,	/* the kernel refused the request */
	EXIT_NO_MODULE = 3,	/* the module is not loaded */
	EXIT_PERM = 4,		/* not permitted (CAP_NET_ADMIN) */
	EXIT_IO = 5,		/* netlink or system failure */
	EXIT_FLIPS = 6,		/* replay: a past decision would change */
};

struct ipc;

struct status_profile {
	char name[DMZG_NAME_MAX];
	uint8_t mode;
	uint32_t rules, tasks;
	uint64_t decisions, denials;
};

struct status {
	char version[32];
	bool sealed, loaded, tx_active;
	uint64_t generation, bytes;
	uint32_t profiles, rules, confined;
	uint32_t confirm_left;	/* seconds until a change reverts; 0 none */
	struct status_profile *prof;
	size_t nprof;
};

struct ps_entry {
	uint32_t pid, tgid;
	char comm[32];
	char exe[4096];
	char profile[DMZG_NAME_MAX];
};

struct event {
	uint8_t kind, op;
	uint32_t pid, uid;
	char profile[DMZG_NAME_MAX];
	char comm[32];
	char line[1024];
};

/* Set by a signal handler to end ipc_watch(). */
extern volatile sig_atomic_t ipc_interrupted;

int ipc_open(struct ipc **out);
void ipc_close(struct ipc *ipc);
int ipc_status(struct ipc *ipc, struct status *st);
void ipc_status_free(struct status *st);
/* What a load may do, and the policy it expects to replace. */
struct load_opts {
	bool force;		/* may leave out profiles that confine tasks */
	bool expect;		/* @generation must be the active one */
	uint64_t generation;	/* 0: none loaded */
	uint32_t confirm_seconds;	/* 0: no confirmation needed */
};

int ipc_load(struct ipc *ipc, const struct policy *pol,
	     const struct load_opts *opts, uint64_t *gen, uint64_t *bytes);
int ipc_tx_begin(struct ipc *ipc);
int ipc_tx_profile(struct ipc *ipc, const struct profile *p);
int ipc_policy_get(struct ipc *ipc, struct policy *pol);
int ipc_ps(struct ipc *ipc, struct ps_entry **ents, size_t *n);
int ipc_mode(struct ipc *ipc, const char *name, uint8_t mode);
int ipc_simple(struct ipc *ipc, uint8_t cmd, const char *what);
/*
 * Deliver events to @cb until it returns non-zero or ipc_interrupted is
 * set.  @cb is first called with NULL once the subscription is live.
 */
int ipc_watch(struct ipc *ipc, int (*cb)(const struct event *, void *),
	      void *arg);
void ipc_catch_signals(void);

#endif
