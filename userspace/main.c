// SPDX-License-Identifier: GPL-2.0
/* The program's entry; everything else is testable without it. */
#include "cmd.h"

int main(int argc, char **argv)
{
	return dmzguardctl_main(argc, argv);
}
