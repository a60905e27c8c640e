/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A subcommand's command line, read with getopt_long: options before or
 * after the operands, "--" ends them, -h and --help everywhere; an
 * unknown option, a missing or unwanted value and a wrong number of
 * operands are refused with the usage line.
 */
#ifndef DMZG_CLI_OPTIONS_H
#define DMZG_CLI_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#define CLI_MAX_OPTIONS 8

/* Long options' values: above any short option's character. */
enum cli_option_id {
	CLI_OPT_JSON = 256,
	CLI_OPT_PRINT,
	CLI_OPT_COUNT,
	CLI_OPT_SECONDS,
	CLI_OPT_FORCE,
	CLI_OPT_CONFIRM,
	CLI_OPT_COUNTERS,
	CLI_OPT_STRICT,
	CLI_OPT_ALL,
	CLI_OPT_AGAINST,
	CLI_OPT_FILE,
	CLI_OPT_POLICY,
	CLI_OPT_FROM,
	CLI_OPT_MERGE,
	CLI_OPT_WRITE,
	CLI_OPT_JOURNAL,
};

struct cli_command {
	const char *name;		/* "check" */
	const char *usage;		/* after the name: "[--print] FILE..." */
	const char *help;		/* what it does, for --help */
	const struct option *options;	/* ended by a zeroed entry; or NULL */
	int min_operands, max_operands;	/* max -1: no limit */
};

/* What cli_next() returns besides an option's enum cli_option_id. */
enum cli_outcome {
	CLI_OPERANDS = 0,	/* options done: operands at argv + first */
	CLI_HELP = -1,		/* usage printed on stdout */
	CLI_BAD_USAGE = -2,	/* reported on stderr with the usage line */
};

/* --json, the only option of several commands. */
extern const struct option json_option[];

/* One command line being read. */
struct cli_args {
	const struct cli_command *cmd;
	int argc;
	char **argv;		/* argv[0] is the command's name */
	struct option longopts[CLI_MAX_OPTIONS + 2];
	int option;		/* the option cli_next() returned */
	char *value;		/* its value, if it takes one */
	int first;		/* index of the first operand */
	int count;		/* number of operands */
};

void cli_start(struct cli_args *a, const struct cli_command *cmd, int argc,
	       char **argv);
/* The next option, or an outcome (enum cli_outcome). */
int cli_next(struct cli_args *a);
/* Read the current option's value as a count >= 0.  Return: 0 or CLI_BAD_USAGE. */
int cli_count(struct cli_args *a, long *out);
/* The exit code after @outcome, CLI_HELP or CLI_BAD_USAGE. */
int cli_exit_code(int outcome);
/* "Usage: PROG NAME USAGE", and the help text when @full. */
void cli_usage(FILE *out, const struct cli_command *cmd, bool full);

#endif
