// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl confirm: keep a change made with --confirm. */
#include "cmd.h"
#include "ipc.h"

int confirm_main(int argc, char **argv)
{
	return simple_command(argc, argv, DMZG_CMD_CONFIRM, "confirm",
			      "Keep the policy change made with --confirm SECONDS; without\n"
			      "this the previous policy comes back when the time is up.\n",
			      "confirmed: the change stays");
}
