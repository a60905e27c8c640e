// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl show [--counters] [--json]: the active policy, as loaded,
 * or how often each of its rules decided.
 */
#include <stdio.h>
#include <time.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"

static const struct option show_options[] = {
	{ "json", no_argument, NULL, CLI_OPT_JSON },
	{ "counters", no_argument, NULL, CLI_OPT_COUNTERS },
	{ 0 }
};

static const struct cli_command show_command = {
	.name = "show",
	.usage = "[--counters] [--json]",
	.help = "Print the active policy in the policy language (loading the\n"
		"output gives the same policy) or as JSON.\n"
		"  --counters  how many decisions each rule and each default made,\n"
		"              and when the last was (UTC); with --json, as\n"
		"              \"hits\" and \"last_hit\" (unix time, 0: never)\n",
	.options = show_options,
};

static void put_hits(uint64_t hits, uint64_t last)
{
	char when[32] = "-";
	time_t t = (time_t)last;
	struct tm tm;

	if (last && gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	printf("%12llu  %-19s  ", (unsigned long long)hits, when);
}

/*
 * A table per profile: every rule and every default with its count, so
 * rules that never decide and rules that decide everything stand out.
 */
static void print_counters(const struct policy *pol)
{
	for (size_t i = 0; i < pol->nprofiles; i++) {
		const struct profile *p = &pol->profiles[i];

		printf("%sprofile %s\n%12s  %-19s  %s\n", i ? "\n" : "",
		       p->name, "HITS", "LAST (UTC)", "RULE");
		for (size_t j = 0; j < p->nrules; j++) {
			put_hits(p->rules[j].hits, p->rules[j].last_hit);
			policy_print_rule(stdout, &p->rules[j]);
			putchar('\n');
		}
		for (int op = 0; op < __DMZG_RULE_MAX; op++) {
			put_hits(p->default_hits[op], p->default_last[op]);
			printf("%s default %s\n", rule_op_name(op),
			       action_name(p->defaults[op]));
		}
	}
}

int show_main(int argc, char **argv)
{
	bool json = false, counters = false;
	struct cli_args args;
	struct policy pol;
	struct ipc *ipc;
	int ret;

	cli_start(&args, &show_command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		if (ret == CLI_OPT_JSON)
			json = true;
		else if (ret == CLI_OPT_COUNTERS)
			counters = true;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	policy_init(&pol);
	ret = ipc_policy_get(ipc, &pol);
	ipc_close(ipc);
	if (!ret) {
		if (json)
			policy_print_json_counters(stdout, &pol, counters);
		else if (!pol.nprofiles)
			printf("# no policy loaded\n");
		else if (counters)
			print_counters(&pol);
		else
			policy_print(stdout, &pol);
	}
	policy_free(&pol);
	return ret;
}
