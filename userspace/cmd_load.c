// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl load FILE...: validate, push, swap atomically. */
#include <stdio.h>

#include "cmd.h"
#include "ipc.h"

int load_main(int argc, char **argv)
{
	struct policy pol;
	struct ipc *ipc;
	uint64_t gen = 0, bytes = 0;
	int ret;

	if (argc < 2 || wants_help(argc, argv)) {
		printf("Usage: %s load FILE...\n"
		       "Validate the policy files, send them to the module and replace\n"
		       "the active policy in one step. On any error nothing changes.\n",
		       prog);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	policy_init(&pol);
	if (read_policy_files(&pol, argc - 1, argv + 1)) {
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
	else
		fprintf(stderr, "load: nothing changed; the previous policy stays in force\n");
	policy_free(&pol);
	return ret;
}
