// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl replay --policy FILE [EVENTS...]: decide recorded denials
 * and complaints again under a candidate policy, with the module's own
 * matchers, and list the decisions that would change.  The log holds
 * only refusals: a denial would now be allowed if the candidate's rules
 * allow it (or its profile complains), a complaint - which proceeded -
 * would now be denied if the rules still refuse it and the profile
 * enforces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "event_source.h"
#include "event_text.h"
#include "ipc.h"
#include "json.h"
#include "policy_compile.h"
#include "printable.h"
#include "replay_decide.h"

/* What the candidate does with a recorded decision, as it is listed. */
enum outcome {
	OUTCOME_ALLOW,		/* flips to allowed by the rules */
	OUTCOME_ALLOW_COMPLAIN,	/* flips to allowed by complain mode */
	OUTCOME_DENY,		/* flips to denied */
	OUTCOME_NOT_BY_RULES,
	OUTCOME_PROFILE_GONE,
	__OUTCOME_MAX,
};

static const char *const outcome_text[__OUTCOME_MAX] = {
	"would allow", "would allow (complain mode)", "would deny",
	"not decided by rules", "profile gone",
};

/* Records the candidate treats alike, listed once. */
struct group {
	enum outcome outcome;
	char *what;		/* " op=... profile=... object pairs" */
	char *transition;	/* an allowed exec's new profile, or NULL */
	unsigned long times;
	char *first_file;
	long first_line;
};

struct replay_totals {
	unsigned long records, decided, to_allow, to_deny, skipped;
	struct group *groups;
	size_t ngroups;
};

/* The pairs that say what a record was about, in the module's order. */
static const char *const *object_keys(int op)
{
	static const char *const file[] = { "anonymous", "target", "object",
					    NULL };
	static const char *const dest[] = { "proto", "dst", NULL };
	static const char *const local[] = { "proto", "addr", NULL };
	static const char *const sock[] = { "class", NULL };
	static const char *const cap[] = { "cap", NULL };
	static const char *const none[] = { NULL };

	switch (op) {
	case DMZG_OP_EXEC:
	case DMZG_OP_WRITE:
		return file;
	case DMZG_OP_CONNECT:
	case DMZG_OP_SENDMSG:
		return dest;
	case DMZG_OP_BIND:
	case DMZG_OP_LISTEN:
		return local;
	case DMZG_OP_SOCKET:
		return sock;
	case DMZG_OP_CAPABILITY:
		return cap;
	default:
		return none;
	}
}

static char *describe(const struct event_record *rec, enum outcome o)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	if (o != OUTCOME_PROFILE_GONE)
		event_put_pair(f, "op", dmzg_name(dmzg_op_names,
						 (unsigned int)rec->op));
	event_put_pair(f, "profile", rec->profile);
	if (o == OUTCOME_NOT_BY_RULES && event_get(rec->kv, rec->n, "reason"))
		event_put_pair(f, "reason",
			       event_get(rec->kv, rec->n, "reason"));
	for (const char *const *k = object_keys(rec->op);
	     o != OUTCOME_PROFILE_GONE && *k; k++) {
		const char *v = event_get(rec->kv, rec->n, *k);

		/* object=program was the old policy's verdict. */
		if (v && !(!strcmp(*k, "object") && !strcmp(v, "program")))
			event_put_pair(f, *k, v);
	}
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

static int add_to_group(struct replay_totals *t, enum outcome o,
			const struct event_record *rec, const char *transition,
			const struct event_file *ef)
{
	char *what = describe(rec, o);
	struct group *g;

	if (!what)
		return -1;
	for (size_t i = 0; i < t->ngroups; i++) {
		g = &t->groups[i];
		if (g->outcome == o && !strcmp(g->what, what) &&
		    !strcmp(g->transition ? g->transition : "",
			    transition ? transition : "")) {
			g->times += rec->times;
			free(what);
			return 0;
		}
	}
	g = realloc(t->groups, (t->ngroups + 1) * sizeof(*g));
	if (!g) {
		free(what);
		return -1;
	}
	t->groups = g;
	g = &g[t->ngroups++];
	memset(g, 0, sizeof(*g));
	g->outcome = o;
	g->what = what;
	g->transition = transition ? strdup(transition) : NULL;
	g->times = rec->times;
	g->first_file = strdup(ef->name);
	g->first_line = ef->line;
	if ((transition && !g->transition) || !g->first_file)
		return -1;
	return 0;
}

/* Decide one record and count it.  Return: 0 or -1 (out of memory). */
static int replay_record(struct replay_totals *t,
			 const struct policy_compiled *pc,
			 const struct event_record *rec, struct event_file *ef)
{
	struct replay_decision d;
	bool before = replay_recorded_allowed(rec);

	replay_decide(pc, rec, &d);
	/* Unreadable records are counted with the file's (ef->bad). */
	if (d.verdict == REPLAY_UNREADABLE) {
		event_file_report(ef, d.key ? event_file_key_col(ef, d.key) : 1,
				  d.why);
		return 0;
	}
	t->records++;
	switch (d.verdict) {
	case REPLAY_NOT_BY_RULES:
		t->skipped++;
		return add_to_group(t, OUTCOME_NOT_BY_RULES, rec, NULL, ef);
	case REPLAY_PROFILE_GONE:
		t->skipped++;
		return add_to_group(t, OUTCOME_PROFILE_GONE, rec, NULL, ef);
	case REPLAY_UNREADABLE:
	case REPLAY_DECIDED:
		break;
	}
	t->decided++;
	if (d.allowed == before)
		return 0;
	if (d.allowed) {
		t->to_allow++;
		return add_to_group(t, d.rules_allow ? OUTCOME_ALLOW :
				    OUTCOME_ALLOW_COMPLAIN, rec, d.transition,
				    ef);
	}
	t->to_deny++;
	return add_to_group(t, OUTCOME_DENY, rec, NULL, ef);
}

static void print_text(const struct replay_totals *t)
{
	for (int o = 0; o < __OUTCOME_MAX; o++)
		for (size_t i = 0; i < t->ngroups; i++) {
			const struct group *g = &t->groups[i];

			if ((int)g->outcome != o)
				continue;
			printf("%s:%s", outcome_text[o], g->what);
			if (g->transition)
				printf(" -> %s", g->transition);
			printf(" (%lu time%s, first at ", g->times,
			       g->times == 1 ? "" : "s");
			fput_printable(stdout, g->first_file);
			printf(":%ld)\n", g->first_line);
		}
	printf("%lu records read, %lu decided by rules, %lu would flip (%lu to allow, %lu to deny), %lu skipped\n",
	       t->records, t->decided, t->to_allow + t->to_deny, t->to_allow,
	       t->to_deny, t->skipped);
}

static void print_json(const struct replay_totals *t)
{
	static const char *const outcome_json[__OUTCOME_MAX] = {
		"allow", "allow", "deny", "not_decided_by_rules",
		"profile_gone",
	};
	bool first = true;

	printf("{\"records\":%lu,\"decided_by_rules\":%lu,\"flips\":%lu,"
	       "\"to_allow\":%lu,\"to_deny\":%lu,\"skipped\":%lu,\"groups\":[",
	       t->records, t->decided, t->to_allow + t->to_deny, t->to_allow,
	       t->to_deny, t->skipped);
	for (int o = 0; o < __OUTCOME_MAX; o++)
		for (size_t i = 0; i < t->ngroups; i++) {
			const struct group *g = &t->groups[i];

			if ((int)g->outcome != o)
				continue;
			printf("%s{\"outcome\":\"%s\"", first ? "" : ",",
			       outcome_json[o]);
			first = false;
			if (o <= OUTCOME_DENY)
				printf(",\"by\":\"%s\"",
				       o == OUTCOME_ALLOW_COMPLAIN ?
				       "complain mode" : "rules");
			printf(",\"record\":");
			/* Without the leading blank. */
			json_string(stdout, g->what + 1);
			if (g->transition) {
				printf(",\"transition\":");
				json_string(stdout, g->transition);
			}
			printf(",\"times\":%lu,\"first_file\":", g->times);
			json_string(stdout, g->first_file);
			printf(",\"first_line\":%ld}", g->first_line);
		}
	printf("]}\n");
}

static void free_totals(struct replay_totals *t)
{
	for (size_t i = 0; i < t->ngroups; i++) {
		free(t->groups[i].what);
		free(t->groups[i].transition);
		free(t->groups[i].first_file);
	}
	free(t->groups);
}

/* Replay every record of @name.  Return: 0 or an exit code. */
static int replay_file(struct replay_totals *t,
		       const struct policy_compiled *pc, const char *name,
		       struct event_record *rec)
{
	struct event_file ef;
	int ret = EXIT_OK;

	if (event_file_open(&ef, name))
		return EXIT_USAGE;
	while (event_file_next(&ef, rec))
		if (replay_record(t, pc, rec, &ef)) {
			fprintf(stderr, "%s replay: out of memory\n", prog);
			ret = EXIT_IO;
			break;
		}
	t->records += ef.bad;
	t->skipped += ef.bad;
	event_file_close(&ef);
	return ret;
}

static const struct option replay_options[] = {
	{ "policy", required_argument, NULL, CLI_OPT_POLICY },
	{ "json", no_argument, NULL, CLI_OPT_JSON },
	{ 0 }
};

static const struct cli_command replay_command = {
	.name = "replay",
	.usage = "--policy FILE [--policy FILE...] [--json] [EVENTS...]",
	.help = "Decide the denials and complaints recorded in EVENTS (dmesg,\n"
		"journalctl -k or -o json, or watch [--json] output; standard\n"
		"input if none or '-') again under the policy in the FILEs, with\n"
		"the module's own matchers, and list the decisions that would\n"
		"change: a denial now allowed, a complaint now denied. Records no\n"
		"rule decides (ptrace, sockopt, refused transitions) and those of\n"
		"profiles the policy lacks are listed apart, never as changes.\n"
		"A summary line ends the list; --json prints it all as one JSON\n"
		"object. Exit status 0 if nothing would change, 6 if something\n"
		"would.\n",
	.options = replay_options,
	.max_operands = -1,
};

int replay_main(int argc, char **argv)
{
	struct replay_totals t = { 0 };
	struct policy_compiled *pc = NULL;
	struct event_record *rec;
	struct cli_args args;
	struct policy pol;
	char **files = NULL;
	int nfiles = 0, ret;
	bool json = false;
	char *stdin_only[] = { "-" }, **events;
	int nevents;

	cli_start(&args, &replay_command, argc, argv);
	files = calloc((size_t)argc, sizeof(*files));
	if (!files)
		return EXIT_IO;
	while ((ret = cli_next(&args)) > 0) {
		if (ret == CLI_OPT_JSON)
			json = true;
		else
			files[nfiles++] = args.value;
	}
	if (ret != CLI_OPERANDS) {
		free(files);
		return cli_exit_code(ret);
	}
	if (!nfiles) {
		free(files);
		fprintf(stderr, "%s replay: --policy FILE is required\n", prog);
		cli_usage(stderr, &replay_command, false);
		return EXIT_USAGE;
	}
	policy_init(&pol);
	if (read_policy_files(&pol, nfiles, files)) {
		free(files);
		policy_free(&pol);
		return EXIT_USAGE;
	}
	free(files);
	rec = malloc(sizeof(*rec));
	if (rec)
		pc = policy_compile(&pol);
	if (!pc) {
		fprintf(stderr, "%s replay: out of memory\n", prog);
		free(rec);
		policy_free(&pol);
		return EXIT_IO;
	}
	/* No EVENTS: standard input, as for "-". */
	events = args.count ? args.argv + args.first : stdin_only;
	nevents = args.count ? args.count : 1;
	ret = EXIT_OK;
	for (int i = 0; i < nevents && ret == EXIT_OK; i++)
		ret = replay_file(&t, pc, events[i], rec);
	if (ret == EXIT_OK) {
		if (json)
			print_json(&t);
		else
			print_text(&t);
		if (t.to_allow + t.to_deny)
			ret = EXIT_FLIPS;
	}
	free_totals(&t);
	free(rec);
	policy_compiled_free(pc);
	policy_free(&pol);
	return ret;
}
