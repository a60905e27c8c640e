// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

bool take_flag(int *argc, char **argv, const char *flag)
{
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], flag))
			continue;
		memmove(&argv[i], &argv[i + 1], (*argc - i) * sizeof(*argv));
		(*argc)--;
		return true;
	}
	return false;
}

int read_policy_files(struct policy *pol, int n, char **files)
{
	int ret = 0;

	for (int i = 0; i < n; i++)
		if (policy_parse_file(pol, files[i]))
			ret = -1;
	if (!ret && policy_finish(pol))
		ret = -1;
	return ret;
}
