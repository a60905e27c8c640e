/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Changing the kernel's policy safely: what load, apply and remove share.
 * Each reads the active policy, builds the one to commit, refuses to
 * leave out a profile that confines running tasks unless forced, and
 * commits it over exactly the generation it read, optionally to be
 * confirmed within some seconds.
 */
#ifndef DMZG_POLICY_CHANGE_H
#define DMZG_POLICY_CHANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "cli_options.h"
#include "policy.h"

struct ipc;

/* The options load, apply and remove take. */
struct change_opts {
	bool force;
	uint32_t confirm_seconds;	/* 0: no confirmation */
};

/* --force and --confirm SECONDS, for the commands' option tables. */
extern const struct option change_options[];

/*
 * Take option @opt (a cli_next() result) into @o.  Return: 1 if it was
 * one of change_options, 0 if not, CLI_BAD_USAGE on a bad value.
 */
int change_option(struct cli_args *args, int opt, struct change_opts *o);

/* The active policy (empty when none) and its generation (0: none). */
int change_read_active(struct ipc *ipc, struct policy *active,
		       uint64_t *generation);

/*
 * Commit @next in place of @active (read at @generation).  Profiles of
 * @active that @next leaves out and that confine tasks are named; without
 * @o->force nothing changes then.  Prints the outcome.  Return: 0 or an
 * exit code.
 */
int change_commit(struct ipc *ipc, const char *what,
		  const struct policy *active, uint64_t generation,
		  const struct policy *next, const struct change_opts *o);

#endif
