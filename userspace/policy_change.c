// SPDX-License-Identifier: GPL-2.0
/* What load, apply and remove share: see policy_change.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "ipc.h"
#include "policy_change.h"
#include "printable.h"

const struct option change_options[] = {
	{ "force", no_argument, NULL, CLI_OPT_FORCE },
	{ "confirm", required_argument, NULL, CLI_OPT_CONFIRM },
	{ 0 }
};

int change_option(struct cli_args *args, int opt, struct change_opts *o)
{
	long v;

	if (opt == CLI_OPT_FORCE) {
		o->force = true;
		return 1;
	}
	if (opt != CLI_OPT_CONFIRM)
		return 0;
	if (cli_count(args, &v))
		return CLI_BAD_USAGE;
	if (v < 1 || v > DMZG_CONFIRM_MAX_SEC) {
		fprintf(stderr,
			"%s %s: invalid value '%s' for --confirm (expected 1 to %d seconds)\n",
			prog, args->cmd->name, args->value,
			DMZG_CONFIRM_MAX_SEC);
		cli_usage(stderr, args->cmd, false);
		return CLI_BAD_USAGE;
	}
	o->confirm_seconds = (uint32_t)v;
	return 1;
}

int change_read_active(struct ipc *ipc, struct policy *active,
		       uint64_t *generation)
{
	struct status st;
	int ret;

	ret = ipc_status(ipc, &st);
	if (ret)
		return ret;
	*generation = st.loaded ? st.generation : 0;
	ipc_status_free(&st);
	if (!*generation)
		return 0;
	/*
	 * A change between the two requests makes the commit fail (it
	 * expects this generation) rather than undo that change.
	 */
	return ipc_policy_get(ipc, active);
}

/* Tasks confined by a profile of @active that @next leaves out. */
static size_t report_dropped(struct ipc *ipc, const char *what,
			     const struct policy *active,
			     const struct policy *next, bool force)
{
	struct ps_entry *ents = NULL;
	size_t n = 0, dropped = 0;

	if (ipc_ps(ipc, &ents, &n))
		return 0;	/* the kernel checks again at commit */
	for (size_t i = 0; i < active->nprofiles; i++) {
		const char *name = active->profiles[i].name;
		size_t tasks = 0;

		if (policy_find_profile((struct policy *)next, name))
			continue;
		for (size_t j = 0; j < n; j++) {
			if (strcmp(ents[j].profile, name))
				continue;
			if (!tasks++)
				fprintf(stderr, "%s: %sprofile '%s' confines running tasks:",
					what, force ? "warning: " : "", name);
			if (tasks <= 10) {
				fprintf(stderr, " %u (", ents[j].pid);
				fput_printable(stderr, ents[j].comm);
				fputc(')', stderr);
			}
		}
		if (tasks > 10)
			fprintf(stderr, " and %zu more", tasks - 10);
		if (tasks)
			fputc('\n', stderr);
		dropped += tasks;
	}
	free(ents);
	if (dropped)
		fprintf(stderr,
			force ? "%s: without their profile they are denied everything until they exit\n" :
				"%s: without their profile they would be denied everything; nothing changed (--force does it anyway)\n",
			what);
	return dropped;
}

/* "N profiles replaced, N added, N removed, N kept" of a change. */
static void print_summary(const char *what, const struct policy *active,
			  const struct policy *next, uint64_t gen,
			  uint64_t bytes)
{
	size_t replaced = 0, added = 0, removed = 0, kept = 0;

	for (size_t i = 0; i < next->nprofiles; i++) {
		struct profile *p = &next->profiles[i];
		const struct policy *one = &(struct policy){
			.profiles = p, .nprofiles = 1 };
		struct profile *was;

		was = policy_find_profile((struct policy *)active, p->name);
		if (!was) {
			added++;
			continue;
		}
		if (policy_equal(one, &(struct policy){ .profiles = was,
							.nprofiles = 1 }))
			kept++;
		else
			replaced++;
	}
	for (size_t i = 0; i < active->nprofiles; i++)
		if (!policy_find_profile((struct policy *)next,
					 active->profiles[i].name))
			removed++;
	printf("%s: %zu profiles, %zu rules in force (generation %llu, %llu bytes): %zu replaced, %zu added, %zu removed, %zu unchanged\n",
	       what, next->nprofiles, policy_rule_count(next),
	       (unsigned long long)gen, (unsigned long long)bytes, replaced,
	       added, removed, kept);
}

int change_commit(struct ipc *ipc, const char *what,
		  const struct policy *active, uint64_t generation,
		  const struct policy *next, const struct change_opts *o)
{
	struct load_opts lo = {
		.force = o->force,
		.expect = true,
		.generation = generation,
		.confirm_seconds = o->confirm_seconds,
	};
	uint64_t gen = 0, bytes = 0;
	int ret;

	if (report_dropped(ipc, what, active, next, o->force) && !o->force)
		return EXIT_REFUSED;
	ret = ipc_load(ipc, next, &lo, &gen, &bytes);
	if (ret) {
		fprintf(stderr, "%s: nothing changed; the active policy, if any, stays in force\n",
			what);
		return ret;
	}
	print_summary(what, active, next, gen, bytes);
	if (o->confirm_seconds)
		printf("%s: the previous policy comes back in %u s unless 'dmzguardctl confirm' is run\n",
		       what, o->confirm_seconds);
	return 0;
}
