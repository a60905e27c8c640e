// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl load FILE...: replace the profiles the files name, keep
 * the others.  dmzguardctl apply FILE|DIR...: make the files the whole
 * policy.  Both validate first and swap in one step.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_options.h"
#include "cmd.h"
#include "ipc.h"
#include "policy_change.h"
#include "printable.h"

static const struct cli_command load_command = {
	.name = "load",
	.usage = "[--confirm SECONDS] FILE...",
	.help = "Validate the policy files and replace the profiles they define\n"
		"in the active policy; its other profiles stay as they are. The\n"
		"change is one atomic step: on any error nothing changes.\n"
		"  --confirm SECONDS  bring the previous policy back after SECONDS\n"
		"                     (1-3600) unless 'dmzguardctl confirm' is run\n",
	.options = change_options,
	.min_operands = 1,
	.max_operands = -1,
};

static const struct cli_command apply_command = {
	.name = "apply",
	.usage = "[--force] [--confirm SECONDS] FILE|DIR...",
	.help = "Validate the policy files (a directory stands for its *.policy\n"
		"files, in name order) and make them the whole active policy in\n"
		"one atomic step. Profiles they leave out are removed; that is\n"
		"refused while such a profile confines running tasks.\n"
		"  --force            remove them anyway (their tasks are then\n"
		"                     denied everything until they exit)\n"
		"  --confirm SECONDS  bring the previous policy back after SECONDS\n"
		"                     (1-3600) unless 'dmzguardctl confirm' is run\n",
	.options = change_options,
	.min_operands = 1,
	.max_operands = -1,
};

struct file_list {
	char **names;
	size_t n;
};

static int list_add(struct file_list *l, const char *name)
{
	char **arr = realloc(l->names, (l->n + 1) * sizeof(*arr));

	if (!arr)
		return -1;
	l->names = arr;
	arr[l->n] = strdup(name);
	if (!arr[l->n])
		return -1;
	l->n++;
	return 0;
}

static void list_free(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's *.policy files (not hidden ones), in name order. */
static int add_dir(struct file_list *l, const char *dir)
{
	size_t first = l->n, len;
	struct dirent *d;
	char path[4096];
	DIR *dh;
	int ret = 0;

	dh = opendir(dir);
	if (!dh) {
		fprintf(stderr, "apply: cannot read directory '");
		fput_printable(stderr, dir);
		fprintf(stderr, "': %m\n");
		return -1;
	}
	while (!ret && (d = readdir(dh))) {
		len = strlen(d->d_name);
		if (d->d_name[0] == '.' || len < 8 ||
		    strcmp(d->d_name + len - 7, ".policy"))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, d->d_name) >=
		    (int)sizeof(path) || list_add(l, path))
			ret = -1;
	}
	closedir(dh);
	if (ret)
		return ret;
	if (l->n == first) {
		fprintf(stderr, "apply: directory '");
		fput_printable(stderr, dir);
		fprintf(stderr, "' has no .policy file\n");
		return -1;
	}
	qsort(l->names + first, l->n - first, sizeof(*l->names), by_name);
	return 0;
}

/* Operands as files; for apply, directories stand for their files. */
static int gather(struct file_list *l, int n, char **ops, bool dirs)
{
	struct stat st;

	for (int i = 0; i < n; i++) {
		if (dirs && !stat(ops[i], &st) && S_ISDIR(st.st_mode)) {
			if (add_dir(l, ops[i]))
				return -1;
		} else if (list_add(l, ops[i])) {
			return -1;
		}
	}
	return 0;
}

static int change_main(int argc, char **argv,
		       const struct cli_command *command, bool whole)
{
	const char *what = command->name;
	struct change_opts o = { 0 };
	struct policy pol, active;
	struct file_list files = { 0 };
	struct cli_args args;
	uint64_t generation = 0;
	struct ipc *ipc;
	int ret;

	cli_start(&args, command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		if (change_option(&args, ret, &o) < 0)
			return EXIT_USAGE;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	policy_init(&pol);
	policy_init(&active);
	ret = EXIT_USAGE;
	/* Files are read on the host they are checked or loaded on. */
	pol.check_host_paths = true;
	if (gather(&files, args.count, argv + args.first, whole) ||
	    parse_policy_files(&pol, (int)files.n, files.names)) {
		fprintf(stderr, "%s: nothing loaded\n", what);
		goto free;
	}
	ret = ipc_open(&ipc);
	if (ret == EXIT_NO_MODULE)
		fprintf(stderr, "%s: nothing loaded: without the module no policy is in force and nothing is confined; load the module, then run %s again\n",
			what, what);
	if (ret)
		goto free;
	ret = change_read_active(ipc, &active, &generation);
	/* The checks across profiles see what the kernel would hold. */
	if (!ret)
		ret = whole ? (policy_finish(&pol) ? EXIT_USAGE : 0) :
			      finish_over_active(&pol, &active, what);
	if (ret == EXIT_USAGE)
		fprintf(stderr, "%s: nothing loaded\n", what);
	if (!ret)
		ret = change_commit(ipc, what, &active, generation, &pol, &o);
	ipc_close(ipc);
free:
	list_free(&files);
	policy_free(&active);
	policy_free(&pol);
	return ret;
}

int load_main(int argc, char **argv)
{
	return change_main(argc, argv, &load_command, false);
}

int apply_main(int argc, char **argv)
{
	return change_main(argc, argv, &apply_command, true);
}
