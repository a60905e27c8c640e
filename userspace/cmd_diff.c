// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl diff [--json] [--all] [--against FILE]... FILE...: what
 * 'load FILE...' would change in the active policy.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "policy_diff.h"

static const struct option diff_options[] = {
	{ "json", no_argument, NULL, CLI_OPT_JSON },
	{ "all", no_argument, NULL, CLI_OPT_ALL },
	{ "against", required_argument, NULL, CLI_OPT_AGAINST },
	{ 0 }
};

static const struct cli_command diff_command = {
	.name = "diff",
	.usage = "[--json] [--all] [--against FILE]... FILE...",
	.help = "Show what 'load FILE...' would change: load replaces the profiles\n"
		"the files name and keeps the kernel's other profiles. Each\n"
		"profile added, removed or changed is listed with its changes\n"
		"('+' added, '-' removed, '~' modified; rules as 'show' prints\n"
		"them, an added rule with its FILE:LINE), then a summary line.\n"
		"--all lists unchanged profiles too, --json prints JSON.\n"
		"--against FILE compares with the policy in FILE (repeatable)\n"
		"instead of the kernel's, without the module.\n"
		"Exit status 0 whether or not anything differs.\n",
	.options = diff_options,
	.min_operands = 1,
	.max_operands = -1,
};

/* The policy to compare with: the kernel's, or the --against files'. */
static int read_active(struct policy *active, int nagainst, char **against)
{
	struct ipc *ipc;
	int ret;

	if (nagainst)
		return read_policy_files(active, nagainst, against) ?
		       EXIT_USAGE : EXIT_OK;
	ret = ipc_open(&ipc);
	if (ret == EXIT_NO_MODULE)
		fprintf(stderr, "diff: the module is not loaded, so no policy is active to compare with; use --against FILE to compare with policy files\n");
	if (ret)
		return ret;
	/* No policy loaded reads as an empty policy. */
	ret = ipc_policy_get(ipc, active);
	ipc_close(ipc);
	return ret;
}

static int compare(struct policy *active, struct policy *files, bool json,
		   bool all)
{
	struct policy_diff d;

	/* What the kernel would hold after loading the files. */
	if (policy_diff(active, files, &d)) {
		fprintf(stderr, "diff: out of memory\n");
		return EXIT_IO;
	}
	if (json)
		policy_diff_print_json(stdout, &d, all);
	else
		policy_diff_print(stdout, &d, all);
	policy_diff_free(&d);
	return EXIT_OK;
}

int diff_main(int argc, char **argv)
{
	bool json = false, all = false;
	struct policy files, active;
	struct cli_args args;
	char **against;
	int nagainst = 0, opt, ret;

	against = calloc((size_t)argc + 1, sizeof(*against));
	if (!against)
		return EXIT_IO;
	cli_start(&args, &diff_command, argc, argv);
	while ((opt = cli_next(&args)) > 0) {
		if (opt == CLI_OPT_JSON)
			json = true;
		else if (opt == CLI_OPT_ALL)
			all = true;
		else
			against[nagainst++] = args.value;
	}
	if (opt != CLI_OPERANDS) {
		free(against);
		return cli_exit_code(opt);
	}
	policy_init(&files);
	policy_init(&active);
	/* Files are read on the host they are checked or loaded on. */
	files.check_host_paths = true;
	ret = parse_policy_files(&files, args.count, argv + args.first) ?
	      EXIT_USAGE : EXIT_OK;
	if (!ret)
		ret = read_active(&active, nagainst, against);
	/* What the kernel would hold after loading the files, checked. */
	if (!ret)
		ret = finish_over_active(&files, &active, "diff");
	if (!ret)
		ret = compare(&active, &files, json, all);
	policy_free(&files);
	policy_free(&active);
	free(against);
	return ret;
}
