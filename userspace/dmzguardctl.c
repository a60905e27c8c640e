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
#include "suggest.h"

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
	{ "load", load_main, "replace the profiles policy files define, keep the rest" },
	{ "apply", apply_main, "make policy files (or a directory) the whole policy" },
	{ "remove", remove_main, "remove profiles from the active policy" },
	{ "diff", diff_main, "show what loading policy files would change" },
	{ "confirm", confirm_main, "keep a change made with --confirm" },
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

#define NSUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

/* "; did you mean 'X'?" for a mistyped command or top-level option. */
static const char *word_hint(const char *word, bool option)
{
	static const char *const options[] = { "--help", "--version" };
	const char *names[NSUBCOMMANDS];

	if (option)
		return suggest_hint(word, options, 2);
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		names[i] = subcommands[i].name;
	return suggest_hint(word, names, NSUBCOMMANDS);
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
	options = options && word[0] == '-';
	fprintf(stderr, "%s: unknown %s '", prog,
		options ? "option" : "command");
	fput_printable(stderr, word);
	fprintf(stderr, "'%s\n\n", word_hint(word, options));
	usage(stderr);
	return EXIT_USAGE;
}
