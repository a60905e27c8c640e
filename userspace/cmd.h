/* SPDX-License-Identifier: GPL-2.0 */
/* Subcommands of dmzguardctl, one file each. */
#ifndef DMZG_CMD_H
#define DMZG_CMD_H

#include <stdbool.h>
#include <stdint.h>

#include "policy.h"

extern const char *prog;

/* The whole command line, as main() receives it. */
int dmzguardctl_main(int argc, char **argv);

int check_main(int argc, char **argv);
int load_main(int argc, char **argv);
int apply_main(int argc, char **argv);
int remove_main(int argc, char **argv);
int confirm_main(int argc, char **argv);
int diff_main(int argc, char **argv);
int show_main(int argc, char **argv);
int status_main(int argc, char **argv);
int ps_main(int argc, char **argv);
int mode_main(int argc, char **argv);
int watch_main(int argc, char **argv);
int learn_main(int argc, char **argv);
int replay_main(int argc, char **argv);
int clear_main(int argc, char **argv);
int seal_main(int argc, char **argv);

/* Parse and check policy files; print diagnostics.  Return: 0 or -1. */
int read_policy_files(struct policy *pol, int n, char **files);
/* Parse policy files only, leaving the checks across profiles. */
int parse_policy_files(struct policy *pol, int n, char **files);
/*
 * Add the profiles of @active that @pol does not name (what a load of
 * @pol's files makes of the kernel's policy), then check @pol across its
 * profiles: a transition may name a profile the kernel already has.
 * Return: 0 or an exit code.
 */
int finish_over_active(struct policy *pol, const struct policy *active,
		       const char *what);
/* A command without arguments that prints @done on success. */
int simple_command(int argc, char **argv, uint8_t cmd, const char *what,
		   const char *help, const char *done);
/* Stream events to @cb until it returns non-zero, a signal, or @seconds. */
struct event;
int run_event_stream(long seconds, int (*cb)(const struct event *, void *),
		     void *arg);

#endif
