// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl seal: no more policy changes or unloading until reboot. */
#include "cmd.h"
#include "ipc.h"

int seal_main(int argc, char **argv)
{
	return simple_command(argc, argv, DMZG_CMD_SEAL, "seal",
			      "Until reboot, refuse policy loads, mode switches, clear and\n"
			      "rmmod. Cannot be undone.\n",
			      "sealed until reboot");
}
