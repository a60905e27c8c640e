// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl watch [--json] [--count N] [--seconds S]: live events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "event_line.h"
#include "ipc.h"
#include "journal_send.h"
#include "json.h"
#include "printable.h"

struct watch_opts {
	bool json, to_journal;
	struct journal journal;
	int journal_error;
	long count;
	long seen;
};

/* The journal's priority for each kind of event. */
static const char *priority(uint8_t kind)
{
	switch (kind) {
	case DMZG_EVENT_DENIED:
		return "4";	/* warning */
	case DMZG_EVENT_COMPLAIN:
		return "5";	/* notice */
	default:
		return "6";	/* info */
	}
}

/*
 * One journal entry per event: the dmesg line as MESSAGE, and each of
 * its key=value pairs as a field DMZGUARD_KEY, so that journalctl can
 * select on them (journalctl DMZGUARD_OP=exec DMZGUARD_PROFILE=ftpd).
 */
static int journal_event(struct watch_opts *o, const struct event *ev)
{
	static struct kv kv[EVENT_MAX_KEYS];
	const char *names[EVENT_MAX_KEYS + 8], *values[EVENT_MAX_KEYS + 8];
	char keys[EVENT_MAX_KEYS][48], message[sizeof(ev->line) + 16];
	int n = event_line_parse(ev->line, kv, EVENT_MAX_KEYS);
	size_t k = 0;
	int ret;

	snprintf(message, sizeof(message), "dmzguard: %s", ev->line);
	names[k] = "MESSAGE";
	values[k++] = message;
	names[k] = "PRIORITY";
	values[k++] = priority(ev->kind);
	names[k] = "SYSLOG_IDENTIFIER";
	values[k++] = "dmzguard";
	names[k] = "DMZGUARD_KIND";
	values[k++] = dmzg_name(dmzg_event_kind_names, ev->kind);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(kv[i].key), j;

		snprintf(keys[i], sizeof(keys[i]), "DMZGUARD_%s", kv[i].key);
		for (j = 9; keys[i][j]; j++) {
			char c = keys[i][j];

			if (c >= 'a' && c <= 'z')
				keys[i][j] = (char)(c - 'a' + 'A');
			else if (!((c >= 'A' && c <= 'Z') ||
				   (c >= '0' && c <= '9')))
				keys[i][j] = '_';
		}
		if (!len)
			continue;
		names[k] = keys[i];
		values[k++] = kv[i].value;
	}
	ret = journal_send(&o->journal, names, values, k);
	if (ret) {
		fprintf(stderr, "watch: cannot write to the journal (");
		fput_printable(stderr, o->journal.path);
		fprintf(stderr, "): %s\n", strerror(-ret));
		o->journal_error = ret;
		return 1;
	}
	return 0;
}

static int print_event(const struct event *ev, void *arg)
{
	struct watch_opts *o = arg;

	if (!ev) {
		fprintf(stderr, "watching dmzguard events (Ctrl-C to stop)\n");
		return 0;
	}
	if (o->to_journal) {
		if (journal_event(o, ev))
			return 1;
	} else if (o->json) {
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
	{ "journal", no_argument, NULL, CLI_OPT_JOURNAL },
	{ 0 }
};

static const struct cli_command watch_command = {
	.name = "watch",
	.usage = "[--json | --journal] [--count N] [--seconds S]",
	.help = "Print denials, complain records and policy changes as they\n"
		"happen, until interrupted, N events, or S seconds.\n"
		"  --journal  send each to the systemd journal instead: MESSAGE is\n"
		"             the kernel log line, each of its key=value pairs a\n"
		"             field DMZGUARD_KEY, and DMZGUARD_KIND the kind\n"
		"             (what dmzguard-events.service runs)\n",
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
		else if (opt == CLI_OPT_JOURNAL)
			o.to_journal = true;
		else if (cli_count(&args, opt == CLI_OPT_COUNT ? &o.count :
				   &seconds))
			return EXIT_USAGE;
	}
	if (opt != CLI_OPERANDS)
		return cli_exit_code(opt);
	if (o.json && o.to_journal) {
		fprintf(stderr, "%s watch: --json and --journal exclude each other\n",
			prog);
		cli_usage(stderr, &watch_command, false);
		return EXIT_USAGE;
	}
	if (o.to_journal) {
		int err = journal_open(&o.journal);

		if (err) {
			fprintf(stderr, "watch: cannot open a socket for the journal: %s\n",
				strerror(-err));
			return EXIT_IO;
		}
	}
	opt = run_event_stream(seconds, print_event, &o);
	if (o.to_journal)
		journal_close(&o.journal);
	return o.journal_error ? EXIT_IO : opt;
}
