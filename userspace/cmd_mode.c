// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl mode PROFILE enforce|complain. */
#include <stdio.h>

#include "cmd.h"
#include "ipc.h"

int mode_main(int argc, char **argv)
{
	struct ipc *ipc;
	int mode, ret;

	if (argc != 3 || wants_help(argc, argv)) {
		printf("Usage: %s mode PROFILE enforce|complain\n"
		       "Switch one profile of the active policy; the next decision\n"
		       "uses the new mode.\n", prog);
		return argc != 3 && !wants_help(argc, argv) ? EXIT_USAGE : EXIT_OK;
	}
	mode = dmzg_lookup(dmzg_mode_names, argv[2]);
	if (mode < 0) {
		fprintf(stderr, "mode: invalid mode '%s' (expected enforce or complain)\n",
			argv[2]);
		return EXIT_USAGE;
	}
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	ret = ipc_mode(ipc, argv[1], (uint8_t)mode);
	ipc_close(ipc);
	if (!ret)
		printf("profile %s: %s\n", argv[1], argv[2]);
	return ret;
}
