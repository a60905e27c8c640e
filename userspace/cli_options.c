// SPDX-License-Identifier: GPL-2.0
/*
 * The one reader of subcommand options, so that every command refuses
 * what it does not understand the same way: an unknown flag used to be
 * read as a file name ('check -q FILE' tried to open '-q').
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "printable.h"
#include "suggest.h"

const struct option json_option[] = {
	{ "json", no_argument, NULL, CLI_OPT_JSON },
	{ 0 }
};

void cli_usage(FILE *out, const struct cli_command *cmd, bool full)
{
	fprintf(out, "Usage: %s %s%s%s\n", prog, cmd->name,
		cmd->usage[0] ? " " : "", cmd->usage);
	if (full)
		fputs(cmd->help, out);
}

/* "PROG NAME: message 'ARG'" and the usage line, on stderr. */
static int refuse(const struct cli_args *a, const char *what, const char *arg,
		  const char *why)
{
	fprintf(stderr, "%s %s: %s '", prog, a->cmd->name, what);
	fput_printable(stderr, arg);
	fprintf(stderr, "'%s\n", why);
	cli_usage(stderr, a->cmd, false);
	return CLI_BAD_USAGE;
}

void cli_start(struct cli_args *a, const struct cli_command *cmd, int argc,
	       char **argv)
{
	int n = 0;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->argc = argc;
	a->argv = argv;
	for (; cmd->options && cmd->options[n].name && n < CLI_MAX_OPTIONS; n++)
		a->longopts[n] = cmd->options[n];
	a->longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	/* 0, not 1: glibc starts afresh, for a second command line. */
	optind = 0;
	opterr = 0;
}

static const char *option_name(const struct cli_args *a, int val)
{
	for (const struct option *o = a->longopts; o->name; o++)
		if (o->val == val)
			return o->name;
	return "?";
}

/* "; did you mean '--NAME'?" for an unknown long option @word, or "". */
static const char *option_hint(const struct cli_args *a, const char *word)
{
	static char hint[96];
	const char *names[CLI_MAX_OPTIONS + 2], *name;
	size_t n = 0;

	if (strncmp(word, "--", 2))
		return "";
	for (const struct option *o = a->longopts; o->name; o++)
		names[n++] = o->name;
	name = suggest_name(word + 2, names, n);
	if (!name)
		return "";
	snprintf(hint, sizeof(hint), "; did you mean '--%s'?", name);
	return hint;
}

static int check_operands(struct cli_args *a)
{
	a->first = optind;
	a->count = a->argc - optind;
	if (a->count < a->cmd->min_operands) {
		fprintf(stderr, "%s %s: missing argument\n", prog, a->cmd->name);
		cli_usage(stderr, a->cmd, false);
		return CLI_BAD_USAGE;
	}
	if (a->cmd->max_operands >= 0 && a->count > a->cmd->max_operands)
		return refuse(a, "unexpected argument",
			      a->argv[a->first + a->cmd->max_operands], "");
	return CLI_OPERANDS;
}

int cli_next(struct cli_args *a)
{
	char name[64];
	int c;

	c = getopt_long(a->argc, a->argv, ":h", a->longopts, NULL);
	a->option = c;
	a->value = optarg;
	switch (c) {
	case -1:
		return check_operands(a);
	case 'h':
		cli_usage(stdout, a->cmd, true);
		return CLI_HELP;
	case ':':
		snprintf(name, sizeof(name), "--%s", option_name(a, optopt));
		return refuse(a, "option", name, " needs a value");
	case '?':
		if (optopt >= CLI_OPT_JSON) {
			snprintf(name, sizeof(name), "--%s",
				 option_name(a, optopt));
			return refuse(a, "option", name, " takes no value");
		}
		if (optopt) {
			snprintf(name, sizeof(name), "-%c", optopt);
			return refuse(a, "unknown option", name, "");
		}
		/* An unknown long option: glibc has stepped past it. */
		snprintf(name, sizeof(name), "%.*s",
			 (int)strcspn(a->argv[optind - 1], "="),
			 a->argv[optind - 1]);
		return refuse(a, "unknown option", name, option_hint(a, name));
	default:
		return c;
	}
}

int cli_count(struct cli_args *a, long *out)
{
	char name[64], *end;
	long v;

	errno = 0;
	v = strtol(a->value, &end, 10);
	if (a->value[0] < '0' || a->value[0] > '9' || *end || errno) {
		snprintf(name, sizeof(name), "--%s", option_name(a, a->option));
		fprintf(stderr, "%s %s: invalid value '", prog, a->cmd->name);
		fput_printable(stderr, a->value);
		fprintf(stderr, "' for %s (expected a whole number)\n", name);
		cli_usage(stderr, a->cmd, false);
		return CLI_BAD_USAGE;
	}
	*out = v;
	return 0;
}

int cli_exit_code(int outcome)
{
	return outcome == CLI_HELP ? EXIT_OK : EXIT_USAGE;
}
