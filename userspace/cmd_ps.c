// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl ps [--json]: confined processes and their profiles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "json.h"
#include "printable.h"

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

/*
 * @s as it may reach a terminal (printable.h): a task names itself, so a
 * newline or an escape sequence in its comm or path must not forge a row
 * or drive the administrator's terminal.  The caller frees the result.
 */
static char *shown(const char *s)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return strdup("?");
	fput_printable(f, s);
	fclose(f);
	return text ? text : strdup("?");
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
		/* No task: e is NULL, which qsort() must not be given. */
		if (n)
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
			for (size_t i = 0; i < n; i++) {
				char *comm = shown(e[i].comm);
				char *exe = shown(e[i].exe);

				printf("%7u %7u %-16s %-20s %s\n", e[i].pid,
				       e[i].tgid, comm ? comm : "?",
				       e[i].profile, exe ? exe : "?");
				free(comm);
				free(exe);
			}
		}
	}
	free(e);
	return ret;
}
