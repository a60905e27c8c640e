// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl watch [--json] [--count N] [--seconds S]: live events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "event_line.h"
#include "ipc.h"
#include "json.h"

struct watch_opts {
	bool json;
	long count;
	long seen;
};

static int print_event(const struct event *ev, void *arg)
{
	struct watch_opts *o = arg;

	if (!ev) {
		fprintf(stderr, "watching dmzguard events (Ctrl-C to stop)\n");
		return 0;
	}
	if (o->json) {
		struct kv kv[EVENT_MAX_KEYS];
		int n = event_line_parse(ev->line, kv, EVENT_MAX_KEYS);

		printf("{\"kind\":\"%s\",\"pid\":%u,\"uid\":%u,\"profile\":",
		       dmzg_name(dmzg_event_kind_names, ev->kind), ev->pid,
		       ev->uid);
		json_string(stdout, ev->profile);
		printf(",\"comm\":");
		json_string(stdout, ev->comm);
		for (int i = 0; i < n; i++) {
			if (!strcmp(kv[i].key, "pid") ||
			    !strcmp(kv[i].key, "uid") ||
			    !strcmp(kv[i].key, "profile") ||
			    !strcmp(kv[i].key, "comm"))
				continue;
			printf(",");
			json_string(stdout, kv[i].key);
			printf(":");
			json_string(stdout, kv[i].value);
		}
		printf(",\"line\":");
		json_string(stdout, ev->line);
		printf("}\n");
	} else {
		printf("%s\n", ev->line);
	}
	fflush(stdout);
	return o->count && ++o->seen >= o->count;
}

static const struct option watch_options[] = {
	{ "json", no_argument, NULL, CLI_OPT_JSON },
	{ "count", required_argument, NULL, CLI_OPT_COUNT },
	{ "seconds", required_argument, NULL, CLI_OPT_SECONDS },
	{ 0 }
};

static const struct cli_command watch_command = {
	.name = "watch",
	.usage = "[--json] [--count N] [--seconds S]",
	.help = "Print denials, complain records and policy changes as they\n"
		"happen, until interrupted, N events, or S seconds.\n",
	.options = watch_options,
};

int watch_main(int argc, char **argv)
{
	struct watch_opts o = { 0 };
	struct cli_args args;
	long seconds = 0;
	int opt;

	cli_start(&args, &watch_command, argc, argv);
	while ((opt = cli_next(&args)) > 0) {
		if (opt == CLI_OPT_JSON)
			o.json = true;
		else if (cli_count(&args, opt == CLI_OPT_COUNT ? &o.count :
				   &seconds))
			return EXIT_USAGE;
	}
	if (opt != CLI_OPERANDS)
		return cli_exit_code(opt);
	return run_event_stream(seconds, print_event, &o);
}
