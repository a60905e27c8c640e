// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl: check and load dmzguard policies, and see what the module
 * enforces.  No argument prints the status.
 */
#include <stdio.h>
#include <string.h>

#include "../kmod/version.h"
#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "printable.h"

const char *prog = "dmzguardctl";

static const struct cli_command version_command = {
	.name = "version",
	.usage = "",
	.help = "Print dmzguardctl's version ('status' shows the module's).\n",
};

/* dmzguardctl and the module are released together: one version. */
static int version_main(int argc, char **argv)
{
	struct cli_args args;
	int ret;

	cli_start(&args, &version_command, argc, argv);
	ret = cli_next(&args);
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	printf("%s %s\n", prog, DMZG_VERSION);
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*main)(int argc, char **argv);
	const char *help;
} subcommands[] = {
	{ "status", status_main, "module version, policy summary, counters (default)" },
	{ "check", check_main, "validate policy files offline" },
	{ "load", load_main, "validate policy files and enforce them atomically" },
	{ "show", show_main, "print the active policy in the policy language" },
	{ "ps", ps_main, "list confined processes" },
	{ "mode", mode_main, "switch a profile between enforce and complain" },
	{ "watch", watch_main, "stream denials and policy events" },
	{ "learn", learn_main, "turn complain events into policy rules" },
	{ "replay", replay_main, "which past decisions a candidate policy would change" },
	{ "clear", clear_main, "remove the policy; every process unconfined" },
	{ "seal", seal_main, "refuse policy changes and unloading until reboot" },
	{ "version", version_main, "print dmzguardctl's version" },
};

static void usage(FILE *out)
{
	fprintf(out, "Usage: %s [--version] [COMMAND [ARGS]]\n\nCommands:\n",
		prog);
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]);
	     i++)
		fprintf(out, "  %-8s %s\n", subcommands[i].name,
			subcommands[i].help);
	fprintf(out,
		"\n'%s COMMAND --help' describes one command.\n"
		"Exit codes: 0 ok, 1 usage or invalid policy, 2 refused by the kernel,\n"
		"3 module not loaded, 4 permission denied, 5 system error,\n"
		"6 replay: a past decision would change.\n",
		prog);
}

int dmzguardctl_main(int argc, char **argv)
{
	bool options = true;
	const char *word;

	if (argc > 1 && !strcmp(argv[1], "--")) {
		options = false;
		argc--;
		argv++;
	}
	if (argc < 2)
		return status_main(1, (char *[]){ "status", NULL });
	word = argv[1];
	if (options && (!strcmp(word, "-h") || !strcmp(word, "--help"))) {
		usage(stdout);
		return EXIT_OK;
	}
	if (options && (!strcmp(word, "-V") || !strcmp(word, "--version"))) {
		argv[1] = "version";
		return version_main(argc - 1, argv + 1);
	}
	if (!strcmp(word, "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]);
	     i++)
		if (!strcmp(word, subcommands[i].name))
			return subcommands[i].main(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown %s '", prog,
		options && word[0] == '-' ? "option" : "command");
	fput_printable(stderr, word);
	fputs("'\n\n", stderr);
	usage(stderr);
	return EXIT_USAGE;
}
