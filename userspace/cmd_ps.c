// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl ps [--json]: confined processes and their profiles. */
#include <stdio.h>
#include <stdlib.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "json.h"

static const struct cli_command ps_command = {
	.name = "ps",
	.usage = "[--json]",
	.help = "List confined tasks: pid, thread-group id, command, executable\n"
		"and profile.\n",
	.options = json_option,
};

static int by_pid(const void *a, const void *b)
{
	const struct ps_entry *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

int ps_main(int argc, char **argv)
{
	bool json = false;
	struct ps_entry *e = NULL;
	struct cli_args args;
	struct ipc *ipc;
	size_t n = 0;
	int ret;

	cli_start(&args, &ps_command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		if (ret == CLI_OPT_JSON)
			json = true;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	ret = ipc_ps(ipc, &e, &n);
	ipc_close(ipc);
	if (!ret) {
		qsort(e, n, sizeof(*e), by_pid);
		if (json) {
			printf("[");
			for (size_t i = 0; i < n; i++) {
				printf("%s{\"pid\":%u,\"tgid\":%u,\"comm\":",
				       i ? "," : "", e[i].pid, e[i].tgid);
				json_string(stdout, e[i].comm);
				printf(",\"exe\":");
				json_string(stdout, e[i].exe);
				printf(",\"profile\":");
				json_string(stdout, e[i].profile);
				printf("}");
			}
			printf("]\n");
		} else {
			printf("%7s %7s %-16s %-20s %s\n", "PID", "TGID", "COMM",
			       "PROFILE", "EXE");
			for (size_t i = 0; i < n; i++)
				printf("%7u %7u %-16s %-20s %s\n", e[i].pid,
				       e[i].tgid, e[i].comm, e[i].profile,
				       e[i].exe);
		}
	}
	free(e);
	return ret;
}
