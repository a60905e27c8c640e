// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl ps [--json]: confined processes and their profiles. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "ipc.h"
#include "json.h"

static int by_pid(const void *a, const void *b)
{
	const struct ps_entry *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

int ps_main(int argc, char **argv)
{
	bool json = take_flag(&argc, argv, "--json");
	struct ps_entry *e = NULL;
	struct ipc *ipc;
	size_t n = 0;
	int ret;

	if (argc > 1 || wants_help(argc, argv)) {
		printf("Usage: %s ps [--json]\n"
		       "List confined tasks: pid, thread-group id, command, executable\n"
		       "and profile.\n", prog);
		return argc > 1 && !wants_help(argc, argv) ? EXIT_USAGE : EXIT_OK;
	}
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
