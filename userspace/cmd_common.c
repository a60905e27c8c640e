// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"

int parse_policy_files(struct policy *pol, int n, char **files)
{
	int ret = 0;

	for (int i = 0; i < n; i++)
		if (policy_parse_file(pol, files[i]))
			ret = -1;
	return ret;
}

int read_policy_files(struct policy *pol, int n, char **files)
{
	if (parse_policy_files(pol, n, files) || policy_finish(pol))
		return -1;
	return 0;
}

int finish_over_active(struct policy *pol, const struct policy *active,
		       const char *what)
{
	if (policy_merge_active(pol, active)) {
		fprintf(stderr, "%s: out of memory\n", what);
		return EXIT_IO;
	}
	return policy_finish(pol) ? EXIT_USAGE : 0;
}

/* Commands that take no argument and print one line on success. */
int simple_command(int argc, char **argv, uint8_t cmd, const char *what,
		   const char *help, const char *done)
{
	const struct cli_command command = {
		.name = what, .usage = "", .help = help,
	};
	struct cli_args args;
	struct ipc *ipc;
	int ret;

	cli_start(&args, &command, argc, argv);
	ret = cli_next(&args);
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	ret = ipc_simple(ipc, cmd, what);
	ipc_close(ipc);
	if (!ret)
		printf("%s\n", done);
	return ret;
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
