// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl mode PROFILE enforce|complain [--file FILE]: switch one
 * profile of the active policy and, with --file, write the mode into the
 * policy file too (as aa-complain does), so that the next load keeps it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "file_read.h"
#include "file_replace.h"
#include "ipc.h"
#include "policy_edit.h"
#include "policy_lex.h"
#include "printable.h"
#include "suggest.h"

static const struct option mode_options[] = {
	{ "file", required_argument, NULL, CLI_OPT_FILE },
	{ 0 }
};

static const struct cli_command mode_command = {
	.name = "mode",
	.usage = "PROFILE enforce|complain [--file FILE]",
	.help = "Switch one profile of the active policy; the next decision\n"
		"uses the new mode. --file FILE also writes the mode into the\n"
		"profile's block in FILE (its 'mode' line rewritten, or one\n"
		"added after 'profile NAME {'; the rest of the file kept as it\n"
		"is, replaced atomically). Without the module only FILE changes.\n",
	.options = mode_options,
	.min_operands = 2,
	.max_operands = 2,
};

/* The edit of a policy file, prepared before the kernel is asked. */
struct mode_edit {
	const char *file;	/* as given */
	char *edited;		/* the file the block is in: FILE or an include */
	int line;		/* of the mode statement */
	bool unchanged;		/* the file already says so */
	struct file_replace fr;
};

/* The profile @name in @text again has mode @mode, or the edit is wrong. */
static bool edit_reads_back(const char *file, const char *text,
			    const char *name, int mode)
{
	FILE *saved = policy_diag, *null = fopen("/dev/null", "w");
	struct policy pol;
	struct profile *p;
	bool ok;

	if (!null)
		return false;
	policy_diag = null;
	policy_init(&pol);
	ok = !policy_parse_string(&pol, file, text) &&
	     (p = policy_find_profile(&pol, name)) && p->mode_set &&
	     p->mode == mode;
	policy_free(&pol);
	fclose(null);
	policy_diag = saved;
	return ok;
}

static int no_profile(const struct policy *pol, const char *file,
		      const char *name)
{
	const char **names = calloc(pol->nprofiles + 1, sizeof(*names));

	for (size_t i = 0; names && i < pol->nprofiles; i++)
		names[i] = pol->profiles[i].name;
	fput_printable(stderr, file);
	fputs(": no profile '", stderr);
	fput_printable(stderr, name);
	fprintf(stderr, "' in this file (nothing changed)%s\n",
		names ? suggest_hint(name, names, pol->nprofiles) : "");
	free(names);
	return EXIT_USAGE;
}

/*
 * Check @e->file, find the profile's block, write its edited text to a
 * temporary file.  Return: 0 or an exit code (reported).
 */
static int prepare_edit(struct mode_edit *e, const char *name, int mode)
{
	const char *word = mode_name(mode);
	char *text, *edited = NULL;
	size_t len, newlen;
	struct policy pol;
	struct profile *p;
	int ret = EXIT_IO;

	policy_init(&pol);
	if (read_policy_files(&pol, 1, (char **)&e->file)) {
		fprintf(stderr, "mode: nothing changed\n");
		policy_free(&pol);
		return EXIT_USAGE;
	}
	p = policy_find_profile(&pol, name);
	if (!p) {
		ret = no_profile(&pol, e->file, name);
		policy_free(&pol);
		return ret;
	}
	e->edited = strdup(p->pos.file);
	text = e->edited ? file_read_all(e->edited, &len) : NULL;
	if (!text) {
		file_diag(p->pos.file, false, "cannot read: %s; nothing changed",
			  strerror(errno));
		goto out;
	}
	if (p->mode_set && p->mode == mode) {
		e->line = p->mode_pos.line;
		e->unchanged = true;
		ret = 0;
		goto out;
	}
	edited = policy_edit_mode(text, len, p, word, &newlen, &e->line);
	if (!edited || strlen(edited) != newlen ||
	    !edit_reads_back(e->edited, edited, name, mode)) {
		file_diag(e->edited, false,
			  "cannot find profile '%s' where it was read (was the file changed meanwhile?); nothing changed",
			  name);
		goto out;
	}
	if (file_replace_prepare(&e->fr, e->edited, edited, newlen)) {
		file_diag(e->edited, false, "cannot write: %s: %s; nothing changed",
			  e->fr.failed, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	free(edited);
	free(text);
	policy_free(&pol);
	return ret;
}

/* Switch the kernel's profile.  *@absent: no module, nothing switched. */
static int switch_kernel(const char *name, int mode, bool *absent)
{
	struct ipc *ipc;
	int ret = ipc_open(&ipc);

	*absent = ret == EXIT_NO_MODULE;
	if (ret)
		return ret;
	ret = ipc_mode(ipc, name, (uint8_t)mode);
	ipc_close(ipc);
	return ret;
}

/* Rename the edited file into place; say what was done. */
static int commit_edit(struct mode_edit *e, const char *name,
		       const char *word, bool kernel_switched)
{
	const char *why = kernel_switched ? "" :
		"; the module is not loaded, so only the file changed";

	if (!e->unchanged && file_replace_commit(&e->fr)) {
		fprintf(stderr, "mode: the kernel's profile %s is now in %s mode, but ",
			name, word);
		fput_printable(stderr, e->edited);
		fprintf(stderr, " was not written (cannot %s: %s)\n",
			e->fr.failed, strerror(errno));
		return EXIT_IO;
	}
	fput_printable(stdout, e->edited);
	printf(":%d: mode %s %s%s\n", e->line, word,
	       e->unchanged ? "already written" : "written", why);
	return EXIT_OK;
}

int mode_main(int argc, char **argv)
{
	struct mode_edit edit = { 0 };
	const char *profile, *word;
	struct cli_args args;
	bool absent;
	int mode, ret;

	cli_start(&args, &mode_command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		edit.file = args.value;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	profile = argv[args.first];
	word = argv[args.first + 1];
	mode = dmzg_lookup(dmzg_mode_names, word);
	if (mode < 0) {
		fprintf(stderr, "%s mode: invalid mode '", prog);
		fput_printable(stderr, word);
		fprintf(stderr, "' (expected enforce or complain)%s\n",
			suggest_hint(word, dmzg_mode_names, __DMZG_MODE_MAX));
		return EXIT_USAGE;
	}
	/* Everything is checked, and the file written aside, first. */
	if (edit.file) {
		ret = prepare_edit(&edit, profile, mode);
		if (ret) {
			free(edit.edited);
			return ret;
		}
	}
	ret = switch_kernel(profile, mode, &absent);
	if (ret && !(absent && edit.file)) {
		if (edit.file) {
			file_replace_abort(&edit.fr);
			fprintf(stderr, "mode: the kernel's profile was not switched, so ");
			fput_printable(stderr, edit.edited);
			fprintf(stderr, " was not changed either\n");
		}
		free(edit.edited);
		return ret;
	}
	if (!ret)
		printf("profile %s: %s\n", profile, word);
	if (edit.file)
		ret = commit_edit(&edit, profile, word, !absent);
	free(edit.edited);
	return ret;
}
