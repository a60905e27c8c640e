// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl watch [--json] [--count N] [--seconds S]: live events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int watch_main(int argc, char **argv)
{
	struct watch_opts o = { .json = take_flag(&argc, argv, "--json") };
	long seconds = 0;

	if (parse_event_limits(argc, argv, &o.count, &seconds)) {
		printf("Usage: %s watch [--json] [--count N] [--seconds S]\n"
		       "Print denials, complain records and policy changes as they\n"
		       "happen, until interrupted, N events, or S seconds.\n",
		       prog);
		return wants_help(argc, argv) ? EXIT_OK : EXIT_USAGE;
	}
	return run_event_stream(seconds, print_event, &o);
}
