// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl show [--json]: the active policy, as loaded. */
#include <stdio.h>

#include "cmd.h"
#include "ipc.h"

int show_main(int argc, char **argv)
{
	bool json = take_flag(&argc, argv, "--json");
	struct policy pol;
	struct ipc *ipc;
	int ret;

	if (argc > 1 || wants_help(argc, argv)) {
		printf("Usage: %s show [--json]\n"
		       "Print the active policy in the policy language (loading the\n"
		       "output gives the same policy) or as JSON.\n", prog);
		return argc > 1 && !wants_help(argc, argv) ? EXIT_USAGE : EXIT_OK;
	}
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	policy_init(&pol);
	ret = ipc_policy_get(ipc, &pol);
	ipc_close(ipc);
	if (!ret) {
		if (json)
			policy_print_json(stdout, &pol);
		else if (!pol.nprofiles)
			printf("# no policy loaded\n");
		else
			policy_print(stdout, &pol);
	}
	policy_free(&pol);
	return ret;
}
