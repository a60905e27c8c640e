// SPDX-License-Identifier: GPL-2.0
/* dmzguardctl remove PROFILE...: the active policy without them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "policy_change.h"
#include "printable.h"

static const struct cli_command remove_command = {
	.name = "remove",
	.usage = "[--force] [--confirm SECONDS] PROFILE...",
	.help = "Remove profiles from the active policy in one atomic step; the\n"
		"others stay. Refused while a profile confines running tasks.\n"
		"  --force            remove it anyway (its tasks are then denied\n"
		"                     everything until they exit)\n"
		"  --confirm SECONDS  bring the previous policy back after SECONDS\n"
		"                     (1-3600) unless 'dmzguardctl confirm' is run\n",
	.options = change_options,
	.min_operands = 1,
	.max_operands = -1,
};

static bool named(const char *name, int n, char **names)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* @active without the profiles named, as a policy of copies. */
static int without(struct policy *next, const struct policy *active,
		   int n, char **names)
{
	struct policy keep = *active;

	keep.profiles = NULL;
	keep.nprofiles = 0;
	keep.cap = 0;
	for (size_t i = 0; i < active->nprofiles; i++) {
		struct profile *p;

		if (named(active->profiles[i].name, n, names))
			continue;
		/* A shallow view: merging copies it into @next. */
		p = policy_add_profile(&keep);
		if (!p)
			return -1;
		*p = active->profiles[i];
	}
	keep.files = NULL;
	keep.nfiles = 0;
	n = policy_merge_active(next, &keep);
	free(keep.profiles);
	return n;
}

int remove_main(int argc, char **argv)
{
	struct change_opts o = { 0 };
	struct policy active, next;
	struct cli_args args;
	uint64_t generation;
	struct ipc *ipc;
	char **names;
	int ret, n;

	cli_start(&args, &remove_command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		if (change_option(&args, ret, &o) < 0)
			return EXIT_USAGE;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	names = argv + args.first;
	n = args.count;
	ret = ipc_open(&ipc);
	if (ret)
		return ret;
	policy_init(&active);
	policy_init(&next);
	ret = change_read_active(ipc, &active, &generation);
	for (int i = 0; !ret && i < n; i++) {
		if (policy_find_profile(&active, names[i]))
			continue;
		fputs("remove: no profile '", stderr);
		fput_printable(stderr, names[i]);
		fputs("' in the active policy; nothing changed\n", stderr);
		ret = EXIT_USAGE;
	}
	if (!ret && without(&next, &active, n, names)) {
		fprintf(stderr, "remove: out of memory\n");
		ret = EXIT_IO;
	}
	if (!ret && !next.nprofiles) {
		fprintf(stderr, "remove: that leaves no profile; 'dmzguardctl clear' removes the whole policy\n");
		ret = EXIT_USAGE;
	}
	if (!ret)
		ret = change_commit(ipc, "remove", &active, generation, &next,
				    &o);
	ipc_close(ipc);
	policy_free(&next);
	policy_free(&active);
	return ret;
}
