// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl status [--json]: what the module is enforcing. */
#include <stdio.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "json.h"

static const struct cli_command status_command = {
	.name = "status",
	.usage = "[--json]",
	.help = "Module version, policy summary, confined-process count,\n"
		"per-profile decisions and denials, and whether it is sealed.\n",
	.options = json_option,
};

static void print_text(const struct status *st)
{
	printf("dmzguard %s\n", st->version);
	if (st->loaded)
		printf("policy: loaded, generation %llu, %u profiles, %u rules, %llu bytes\n",
		       (unsigned long long)st->generation, st->profiles,
		       st->rules, (unsigned long long)st->bytes);
	else
		printf("policy: none loaded (nothing is confined)\n");
	printf("confined tasks: %u\n", st->confined);
	printf("sealed: %s\n", st->sealed ? "yes (until reboot)" : "no");
	if (st->tx_active)
		printf("load in progress: yes\n");
	if (st->confirm_left)
		printf("awaiting confirmation: the previous policy comes back in %u s unless 'dmzguardctl confirm' is run\n",
		       st->confirm_left);
	if (!st->nprof)
		return;
	printf("\n%-24s %-9s %7s %6s %12s %10s\n", "PROFILE", "MODE", "RULES",
	       "TASKS", "DECISIONS", "DENIALS");
	for (size_t i = 0; i < st->nprof; i++) {
		const struct status_profile *p = &st->prof[i];

		printf("%-24s %-9s %7u %6u %12llu %10llu\n", p->name,
		       mode_name(p->mode),
		       p->rules, p->tasks, (unsigned long long)p->decisions,
		       (unsigned long long)p->denials);
	}
}

static void print_json(const struct status *st)
{
	printf("{\"module_loaded\":true,\"version\":");
	json_string(stdout, st->version);
	printf(",\"policy_loaded\":%s,\"generation\":%llu,\"profiles\":%u,"
	       "\"rules\":%u,\"policy_bytes\":%llu,\"confined_tasks\":%u,"
	       "\"sealed\":%s,\"load_in_progress\":%s,"
	       "\"confirm_seconds_left\":%u,\"profile_stats\":[",
	       st->loaded ? "true" : "false",
	       (unsigned long long)st->generation, st->profiles, st->rules,
	       (unsigned long long)st->bytes, st->confined,
	       st->sealed ? "true" : "false",
	       st->tx_active ? "true" : "false", st->confirm_left);
	for (size_t i = 0; i < st->nprof; i++) {
		const struct status_profile *p = &st->prof[i];

		printf("%s{\"name\":", i ? "," : "");
		json_string(stdout, p->name);
		printf(",\"mode\":\"%s\",\"rules\":%u,\"tasks\":%u,"
		       "\"decisions\":%llu,\"denials\":%llu}",
		       mode_name(p->mode),
		       p->rules, p->tasks, (unsigned long long)p->decisions,
		       (unsigned long long)p->denials);
	}
	printf("]}\n");
}

int status_main(int argc, char **argv)
{
	bool json = false;
	struct cli_args args;
	struct status st;
	struct ipc *ipc;
	int ret;

	cli_start(&args, &status_command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		if (ret == CLI_OPT_JSON)
			json = true;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	ret = ipc_open(&ipc);
	/* No module is a state a script asks about, so it gets JSON too. */
	if (ret == EXIT_NO_MODULE && json)
		printf("{\"module_loaded\":false}\n");
	if (ret)
		return ret;
	ret = ipc_status(ipc, &st);
	ipc_close(ipc);
	if (!ret) {
		if (json)
			print_json(&st);
		else
			print_text(&st);
	}
	ipc_status_free(&st);
	return ret;
}
