// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl mode PROFILE enforce|complain. */
#include <stdio.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "printable.h"
#include "suggest.h"

static const struct cli_command mode_command = {
	.name = "mode",
	.usage = "PROFILE enforce|complain",
	.help = "Switch one profile of the active policy; the next decision\n"
		"uses the new mode.\n",
	.min_operands = 2,
	.max_operands = 2,
};

int mode_main(int argc, char **argv)
{
	const char *profile, *word;
	struct cli_args args;
	struct ipc *ipc;
	int mode, ret;

	cli_start(&args, &mode_command, argc, argv);
	ret = cli_next(&args);
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	profile = argv[args.first];
	word = argv[args.first + 1];
	mode = dmzg_lookup(dmzg_mode_names, word);
	if (mode < 0) {
		fprintf(stderr, "%s mode: invalid mode '", prog);
		fput_printable(stderr, word);
		fprintf(stderr, "' (expected enforce or complain)%s\n",
			suggest_hint(word, dmzg_mode_names, __DMZG_MODE_MAX));
		return EXIT_USAGE;
	}
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	ret = ipc_mode(ipc, profile, (uint8_t)mode);
	ipc_close(ipc);
	if (!ret)
		printf("profile %s: %s\n", profile, word);
	return ret;
}
