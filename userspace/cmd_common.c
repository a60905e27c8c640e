// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ipc.h"

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

/* Commands that take no argument and print one line on success. */
int simple_command(int argc, char **argv, uint8_t cmd, const char *what,
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

int parse_event_limits(int argc, char **argv, long *count, long *seconds)
{
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "--count"))
			*count = strtol(argv[++i], NULL, 10);
		else if (i + 1 < argc && !strcmp(argv[i], "--seconds"))
			*seconds = strtol(argv[++i], NULL, 10);
		else
			return -1;
	}
	return 0;
}

int run_event_stream(long seconds, int (*cb)(const struct event *, void *),
		     void *arg)
{
	struct ipc *ipc;
	int ret;

	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	ipc_catch_signals();
	if (seconds > 0)
		alarm((unsigned int)seconds);
	ret = ipc_watch(ipc, cb, arg);
	ipc_close(ipc);
	return ret;
}
