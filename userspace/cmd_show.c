// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl show [--json]: the active policy, as loaded. */
#include <stdio.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"

static const struct cli_command show_command = {
	.name = "show",
	.usage = "[--json]",
	.help = "Print the active policy in the policy language (loading the\n"
		"output gives the same policy) or as JSON.\n",
	.options = json_option,
};

int show_main(int argc, char **argv)
{
	bool json = false;
	struct cli_args args;
	struct policy pol;
	struct ipc *ipc;
	int ret;

	cli_start(&args, &show_command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		if (ret == CLI_OPT_JSON)
			json = true;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
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
