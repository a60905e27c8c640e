// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl load FILE...: validate, push, swap atomically. */
#include <stdio.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"

static const struct cli_command load_command = {
	.name = "load",
	.usage = "FILE...",
	.help = "Validate the policy files, send them to the module and replace\n"
		"the active policy in one step. On any error nothing changes.\n",
	.min_operands = 1,
	.max_operands = -1,
};

int load_main(int argc, char **argv)
{
	struct cli_args args;
	struct policy pol;
	struct ipc *ipc;
	uint64_t gen = 0, bytes = 0;
	int ret;

	cli_start(&args, &load_command, argc, argv);
	ret = cli_next(&args);
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	policy_init(&pol);
	if (read_policy_files(&pol, args.count, argv + args.first)) {
		policy_free(&pol);
		fprintf(stderr, "load: nothing loaded\n");
		return EXIT_USAGE;
	}
	ret = ipc_open(&ipc);
	if (!ret) {
		ret = ipc_load(ipc, &pol, &gen, &bytes);
		ipc_close(ipc);
	}
	if (!ret)
		printf("loaded %zu profiles, %zu rules (generation %llu, %llu bytes)\n",
		       pol.nprofiles, policy_rule_count(&pol),
		       (unsigned long long)gen, (unsigned long long)bytes);
	else if (ret == EXIT_NO_MODULE)
		fprintf(stderr, "load: nothing loaded: without the module no policy is in force and nothing is confined; load the module, then run load again\n");
	else
		fprintf(stderr, "load: nothing changed; the active policy, if any, stays in force\n");
	policy_free(&pol);
	return ret;
}
