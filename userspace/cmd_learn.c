// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl learn: turn complain records (a profile in complain mode
 * logs what it would deny) into the rules that would allow them, grouped
 * by profile - listening live, or reading past records from logs - and
 * print them, or merge them into a policy file as a diff or in place.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_options.h"
#include "cmd.h"
#include "event_source.h"
#include "file_read.h"
#include "ipc.h"
#include "learn_rules.h"
#include "line_diff.h"
#include "policy_compile.h"
#include "policy_merge_text.h"
#include "printable.h"
#include "replay_decide.h"

struct learn_ctx {
	struct learn_set set;
	long count, seen;
	/* With --merge, the file's policy: what it allows is not learned. */
	const struct policy_compiled *have;
	struct event_record *rec;
};

/* The key of the value a rule is made of, for a diagnostic's column. */
static const char *object_key(int op)
{
	switch (op) {
	case DMZG_OP_CONNECT:
	case DMZG_OP_SENDMSG:
		return "dst";
	case DMZG_OP_BIND:
	case DMZG_OP_LISTEN:
		return "addr";
	case DMZG_OP_CAPABILITY:
		return "cap";
	case DMZG_OP_SOCKET:
		return "class";
	default:
		return "target";
	}
}

/*
 * Learn from one record, read from @ef (NULL: live), where one whose
 * values make no rule is reported.  Return: true once --count records
 * are learned.
 */
static bool learn_take(struct learn_ctx *c, const struct event_record *rec,
		       struct event_file *ef)
{
	struct replay_decision d;

	if (rec->kind != DMZG_EVENT_COMPLAIN)
		return false;
	if (c->have) {
		replay_decide(c->have, rec, &d);
		/* Allowed, or refused quietly as the file asks: known. */
		if (d.verdict == REPLAY_DECIDED && (d.rules_allow || d.quiet))
			return c->count && ++c->seen >= c->count;
	}
	if (!learn_add_record(&c->set, rec)) {
		if (ef)
			event_file_report(ef, event_file_key_col(ef,
						object_key(rec->op)),
					  "makes no valid rule");
		return false;
	}
	return c->count && ++c->seen >= c->count;
}

static int on_event(const struct event *ev, void *arg)
{
	struct learn_ctx *c = arg;
	const char *why;
	size_t col;

	if (!ev) {
		fprintf(stderr, "learning from complain records (Ctrl-C to stop)\n");
		return 0;
	}
	/* The module's own line: a record watch would print. */
	if (event_source_line(ev->line, c->rec, &why, &col) !=
	    EVENT_LINE_RECORD)
		return 0;
	return learn_take(c, c->rec, NULL);
}

static int learn_from_file(struct learn_ctx *c, const char *name, bool *done)
{
	struct event_file ef;

	if (event_file_open(&ef, name))
		return EXIT_USAGE;
	while (!*done && event_file_next(&ef, c->rec))
		*done = learn_take(c, c->rec, &ef);
	event_file_close(&ef);
	return EXIT_OK;
}

/* The profiles learned for, in the order first seen. */
static size_t profiles_of(const struct learn_set *ls, const char **names)
{
	size_t n = 0;

	for (size_t i = 0; i < ls->n; i++) {
		size_t j = 0;

		while (j < n && strcmp(names[j], ls->items[i].profile))
			j++;
		if (j == n)
			names[n++] = ls->items[i].profile;
	}
	return n;
}

static void print_learned(const struct learn_set *ls, const char **names,
			  size_t nprof)
{
	for (size_t p = 0; p < nprof; p++) {
		printf("%s# learned for profile %s\n", p ? "\n" : "", names[p]);
		for (size_t i = 0; i < ls->n; i++) {
			if (strcmp(ls->items[i].profile, names[p]))
				continue;
			if (ls->items[i].comment)
				printf("\t# %s\n", ls->items[i].comment);
			printf("\t%s\n", ls->items[i].rule);
		}
	}
}

/* A policy file's text; one with a NUL byte in it is not text. */
static char *read_text(const char *path)
{
	size_t len;
	char *text = file_read_all(path, &len);

	if (text && strlen(text) != len) {
		free(text);
		errno = EINVAL;
		return NULL;
	}
	return text;
}

/* Replace @path by @text: a new file beside it, renamed over it. */
static int write_atomically(const char *path, const char *text)
{
	char real[PATH_MAX], *tmp;
	struct stat st;
	size_t len = strlen(text);
	int fd, saved;
	FILE *f;

	/* A link is followed: the file it names is replaced, not the link. */
	if (!realpath(path, real) || stat(real, &st))
		return -1;
	tmp = malloc(strlen(real) + 8);
	if (!tmp)
		return -1;
	sprintf(tmp, "%s.XXXXXX", real);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	f = fdopen(fd, "w");
	if (!f || fchmod(fd, st.st_mode & 07777) ||
	    fwrite(text, 1, len, f) != len || fflush(f) || fsync(fd) ||
	    fclose(f) || rename(tmp, real)) {
		saved = errno;
		if (f)
			fclose(f);
		else
			close(fd);
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return 0;
}

/* The lines learned for @profile: comments before what they explain. */
static int block_lines(const struct learn_set *ls, const char *profile,
		       struct merge_block *b)
{
	b->profile = profile;
	b->n = 0;
	b->lines = calloc(2 * ls->n + 1, sizeof(*b->lines));
	if (!b->lines)
		return -1;
	for (size_t i = 0; i < ls->n; i++) {
		if (strcmp(ls->items[i].profile, profile))
			continue;
		if (ls->items[i].comment) {
			char *c = malloc(strlen(ls->items[i].comment) + 3);

			if (!c)
				return -1;
			sprintf(c, "# %s", ls->items[i].comment);
			b->lines[b->n++] = c;
		}
		b->lines[b->n++] = ls->items[i].rule;
	}
	return 0;
}

static void free_blocks(const struct learn_set *ls, struct merge_block *b,
			size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; b[i].lines && j < b[i].n; j++) {
			bool owned = true;

			for (size_t k = 0; k < ls->n; k++)
				owned &= b[i].lines[j] != ls->items[k].rule;
			if (owned)
				free((char *)b[i].lines[j]);
		}
		free(b[i].lines);
	}
	free(b);
}

/* What was learned for @profile, one line each, comments first. */
static void print_items(FILE *f, const struct learn_set *ls,
			const char *profile)
{
	for (size_t i = 0; i < ls->n; i++) {
		if (strcmp(ls->items[i].profile, profile))
			continue;
		if (ls->items[i].comment)
			fprintf(f, "\t# %s\n", ls->items[i].comment);
		fprintf(f, "\t%s\n", ls->items[i].rule);
	}
}

/* Did @profile learn only notes (comment lines), no rule? */
static bool only_notes(const struct learn_set *ls, const char *profile)
{
	for (size_t i = 0; i < ls->n; i++)
		if (!strcmp(ls->items[i].profile, profile) &&
		    ls->items[i].rule[0] != '#')
			return false;
	return true;
}

/*
 * Profiles that an included file defines cannot be merged into FILE (a
 * second block would be a duplicate), nor new ones that learned only
 * notes (an empty profile): their lines are listed on stderr, and they
 * are dropped from @names.  Return: the count
 * left.
 */
static size_t keep_profiles_of_file(struct policy *pol, const char *file,
				    const struct learn_set *ls,
				    const char **names, size_t nprof)
{
	size_t kept = 0;

	for (size_t p = 0; p < nprof; p++) {
		const struct profile *prof = policy_find_profile(pol, names[p]);

		/* Notes alone (no rule) would make an empty profile. */
		if (!prof && only_notes(ls, names[p])) {
			fprintf(stderr, "%s learn: profile '%s' is not in ",
				prog, names[p]);
			fput_printable(stderr, file);
			fputs(" and learned no rule, only:\n", stderr);
			print_items(stderr, ls, names[p]);
			continue;
		}
		if (!prof || !strcmp(prof->pos.file, file)) {
			names[kept++] = names[p];
			continue;
		}
		fprintf(stderr, "%s learn: profile '%s' is defined in ", prog,
			names[p]);
		fput_printable(stderr, prof->pos.file);
		fputs(", not merged; add there:\n", stderr);
		print_items(stderr, ls, names[p]);
	}
	return kept;
}

/* The merged file, checked to parse, as a diff or written in place. */
static int merge_into(const char *file, const struct learn_set *ls,
		      const char **names, size_t nprof, bool write)
{
	struct merge_block *blocks = calloc(nprof ? nprof : 1,
					    sizeof(*blocks));
	char *old = NULL, *merged = NULL, label[PATH_MAX + 16];
	struct policy check;
	int ret = EXIT_IO;

	if (!blocks)
		goto out;
	for (size_t p = 0; p < nprof; p++)
		if (block_lines(ls, names[p], &blocks[p]))
			goto out;
	old = read_text(file);
	if (!old) {
		fput_printable(stderr, file);
		fprintf(stderr, ": cannot read: %s\n", strerror(errno));
		goto out;
	}
	merged = policy_text_merge(old, blocks, nprof);
	if (!merged)
		goto out;
	/*
	 * What is written must load: never leave a broken policy behind.
	 * Diagnostics name the merged text, whose lines the file has not.
	 */
	snprintf(label, sizeof(label), "%s (learned)", file);
	policy_init(&check);
	if (policy_parse_string(&check, label, merged) ||
	    policy_finish(&check)) {
		policy_free(&check);
		fprintf(stderr, "%s learn: the merged policy does not parse; nothing written\n",
			prog);
		ret = EXIT_USAGE;
		goto out;
	}
	policy_free(&check);
	if (line_diff_print(stdout, file, label, old, merged))
		goto out;
	if (write && write_atomically(file, merged)) {
		fput_printable(stderr, file);
		fprintf(stderr, ": cannot write: %s\n", strerror(errno));
		goto out;
	}
	if (write) {
		fput_printable(stderr, file);
		fputs(": updated\n", stderr);
	}
	ret = EXIT_OK;
out:
	if (blocks)
		free_blocks(ls, blocks, nprof);
	free(old);
	free(merged);
	return ret;
}

static const struct option learn_options[] = {
	{ "count", required_argument, NULL, CLI_OPT_COUNT },
	{ "seconds", required_argument, NULL, CLI_OPT_SECONDS },
	{ "from", required_argument, NULL, CLI_OPT_FROM },
	{ "merge", required_argument, NULL, CLI_OPT_MERGE },
	{ "write", no_argument, NULL, CLI_OPT_WRITE },
	{ 0 }
};

static const struct cli_command learn_command = {
	.name = "learn",
	.usage = "[--count N] [--seconds S | --from EVENTS [--from EVENTS...]]\n"
		 "       [--merge FILE [--write]]",
	.help = "Switch a profile to complain mode first ('dmzguardctl mode NAME\n"
		"complain'), exercise the daemon, then stop learn (Ctrl-C, N\n"
		"records or S seconds): it prints, per profile, the rules that\n"
		"would have allowed what was logged. Review them before loading.\n"
		"--from EVENTS reads past records instead (dmesg, journalctl -k or\n"
		"-o json, watch [--json] output; '-' is standard input); repeat it\n"
		"for several files. Paths that differ in one numbered component get\n"
		"one rule with '*' there, commented with the paths it covers.\n"
		"--merge FILE adds the rules FILE's policy does not already allow\n"
		"to its profiles (new profiles at its end) and prints the change as\n"
		"a unified diff; --write also replaces FILE with the result.\n",
	.options = learn_options,
};

int learn_main(int argc, char **argv)
{
	struct learn_ctx c = { 0 };
	struct policy_compiled *have = NULL;
	const char *merge = NULL, **names = NULL;
	struct cli_args args;
	struct policy pol;
	char **from;
	long seconds = 0;
	int nfrom = 0, ret;
	bool write = false, done = false;
	size_t nprof;

	from = calloc((size_t)argc, sizeof(*from));
	if (!from)
		return EXIT_IO;
	cli_start(&args, &learn_command, argc, argv);
	while ((ret = cli_next(&args)) > 0) {
		if (ret == CLI_OPT_FROM)
			from[nfrom++] = args.value;
		else if (ret == CLI_OPT_MERGE)
			merge = args.value;
		else if (ret == CLI_OPT_WRITE)
			write = true;
		else if (cli_count(&args, ret == CLI_OPT_COUNT ? &c.count :
				   &seconds))
			ret = CLI_BAD_USAGE;
		if (ret == CLI_BAD_USAGE)
			break;
	}
	if (ret == CLI_OPERANDS && ((write && !merge) || (nfrom && seconds))) {
		fprintf(stderr, "%s learn: %s\n", prog, write && !merge ?
			"--write needs --merge FILE" :
			"--seconds is for listening, not for --from");
		cli_usage(stderr, &learn_command, false);
		ret = CLI_BAD_USAGE;
	}
	if (ret != CLI_OPERANDS) {
		free(from);
		return cli_exit_code(ret);
	}
	policy_init(&pol);
	c.rec = malloc(sizeof(*c.rec));
	ret = c.rec ? EXIT_OK : EXIT_IO;
	if (!ret && merge) {
		if (read_policy_files(&pol, 1, (char **)&merge)) {
			ret = EXIT_USAGE;
		} else {
			have = policy_compile(&pol);
			c.have = have;
			ret = have ? EXIT_OK : EXIT_IO;
		}
	}
	if (!ret && nfrom)
		for (int i = 0; i < nfrom && !ret && !done; i++)
			ret = learn_from_file(&c, from[i], &done);
	else if (!ret)
		ret = run_event_stream(seconds, on_event, &c);
	learn_finish(&c.set);
	names = calloc(c.set.n + 1, sizeof(*names));
	if (!names)
		ret = ret ? ret : EXIT_IO;
	nprof = names ? profiles_of(&c.set, names) : 0;
	if (!ret && merge)
		nprof = keep_profiles_of_file(&pol, merge, &c.set, names,
					      nprof);
	if (!ret && merge && !nprof) {
		fput_printable(stderr, merge);
		fputs(": nothing to add\n", stderr);
	} else if (!ret && merge) {
		ret = merge_into(merge, &c.set, names, nprof, write);
	} else if (names) {
		/* What live learning heard before it failed is still shown. */
		print_learned(&c.set, names, nprof);
	}
	free(names);
	free(from);
	free(c.rec);
	learn_set_free(&c.set);
	policy_compiled_free(have);
	policy_free(&pol);
	return ret;
}
