// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl check FILE...: validate offline, no module needed. */
#include <stdio.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"

static const struct option check_options[] = {
	{ "print", no_argument, NULL, CLI_OPT_PRINT },
	{ "strict", no_argument, NULL, CLI_OPT_STRICT },
	{ 0 }
};

static const struct cli_command check_command = {
	.name = "check",
	.usage = "[--strict] [--print] FILE...",
	.help = "Parse and validate policy files without loading them.\n"
		"Errors and warnings name FILE:LINE:COLUMN. --print writes the\n"
		"policy back in canonical form. --strict fails (exit 1) on any\n"
		"warning too; warnings still print as 'warning:'.\n",
	.options = check_options,
	.min_operands = 1,
	.max_operands = -1,
};

int check_main(int argc, char **argv)
{
	struct cli_args args;
	struct policy pol;
	bool print = false, strict = false;
	int opt, ret;

	cli_start(&args, &check_command, argc, argv);
	while ((opt = cli_next(&args)) > 0)
		if (opt == CLI_OPT_PRINT)
			print = true;
		else if (opt == CLI_OPT_STRICT)
			strict = true;
	if (opt != CLI_OPERANDS)
		return cli_exit_code(opt);
	policy_init(&pol);
	/* Files are read on the host they are checked or loaded on. */
	pol.check_host_paths = true;
	ret = read_policy_files(&pol, args.count, argv + args.first);
	if (!ret && strict && pol.nwarnings) {
		printf("%zu profiles, %zu rules, %u warnings: failed (--strict treats warnings as errors)\n",
		       pol.nprofiles, policy_rule_count(&pol), pol.nwarnings);
		ret = -1;
	} else if (!ret) {
		if (print)
			policy_print(stdout, &pol);
		else
			printf("%zu profiles, %zu rules, %u warnings: ok\n",
			       pol.nprofiles, policy_rule_count(&pol),
			       pol.nwarnings);
	}
	policy_free(&pol);
	return ret ? EXIT_USAGE : EXIT_OK;
}
