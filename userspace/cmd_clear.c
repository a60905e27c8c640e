// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl clear: remove the policy. */
#include "cmd.h"
#include "ipc.h"

int clear_main(int argc, char **argv)
{
	return simple_command(argc, argv, DMZG_CMD_CLEAR, "clear",
			      "Remove the active policy: every process becomes unconfined.\n",
			      "policy cleared: nothing is confined");
}
