// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl check FILE...: validate offline, no module needed. */
#include <stdio.h>

#include "cmd.h"
#include "ipc.h"

int check_main(int argc, char **argv)
{
	struct policy pol;
	bool print = take_flag(&argc, argv, "--print");
	int ret;

	if (argc < 2 || wants_help(argc, argv)) {
		printf("Usage: %s check [--print] FILE...\n"
		       "Parse and validate policy files without loading them.\n"
		       "Errors and warnings name FILE:LINE:COLUMN. --print writes the\n"
		       "policy back in canonical form.\n", prog);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	policy_init(&pol);
	ret = read_policy_files(&pol, argc - 1, argv + 1);
	if (!ret) {
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
