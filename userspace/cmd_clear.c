// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl clear and seal. */
#include <stdio.h>

#include "cmd.h"
#include "ipc.h"

static int simple(int argc, char **argv, uint8_t cmd, const char *what,
		  const char *help, const char *done)
{
	struct ipc *ipc;
	int ret;

	if (argc > 1 || wants_help(argc, argv)) {
		printf("Usage: %s %s\n%s\n", prog, what, help);
		return argc > 1 && !wants_help(argc, argv) ? EXIT_USAGE : EXIT_OK;
	}
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	ret = ipc_simple(ipc, cmd, what);
	ipc_close(ipc);
	if (!ret)
		printf("%s\n", done);
	return ret;
}

int clear_main(int argc, char **argv)
{
	return simple(argc, argv, DMZG_CMD_CLEAR, "clear",
		      "Remove the active policy: every process becomes unconfined.",
		      "policy cleared: nothing is confined");
}

int seal_main(int argc, char **argv)
{
	return simple(argc, argv, DMZG_CMD_SEAL, "seal",
		      "Until reboot, refuse policy loads, mode switches, clear and\n"
		      "rmmod. Cannot be undone.",
		      "sealed until reboot");
}
