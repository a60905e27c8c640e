// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl learn: listen to complain records (a profile in complain
 * mode logs what it would deny) and print the rules that would allow
 * them, grouped by profile, ready to paste into the policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "cmd.h"
#include "event_line.h"
#include "ipc.h"
#include "policy_lex.h"

struct learned {
	char profile[DMZG_NAME_MAX];
	char *rule;
};

struct learn_ctx {
	struct learned *items;
	size_t n;
	/* Plain files written, grouped into rules when learning ends. */
	struct learned *writes;
	size_t nwrites;
	long count, seen;
};

/* A directory where a daemon writes this many files gets one rule. */
#define LEARN_DIR_FILES 3

static void add_to(struct learned **items, size_t *n, const char *profile,
		   const char *rule)
{
	struct learned *arr;

	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*items)[i].profile, profile) &&
		    !strcmp((*items)[i].rule, rule))
			return;
	arr = realloc(*items, (*n + 1) * sizeof(*arr));
	if (!arr)
		return;
	*items = arr;
	snprintf(arr[*n].profile, sizeof(arr[*n].profile), "%s", profile);
	arr[*n].rule = strdup(rule);
	if (arr[*n].rule)
		(*n)++;
}

static void add(struct learn_ctx *c, const char *profile, const char *rule)
{
	add_to(&c->items, &c->n, profile, rule);
}

/* Quote a value the way the policy language reads it back. */
static void quoted(char *out, size_t size, const char *v)
{
	if (!lex_needs_quotes(v)) {
		snprintf(out, size, "%s", v);
		return;
	}
	size_t o = 0;

	out[o++] = '"';
	for (; *v && o + 3 < size; v++) {
		if (*v == '"' || *v == '\\')
			out[o++] = '\\';
		out[o++] = *v;
	}
	out[o++] = '"';
	out[o] = '\0';
}

/* "1.2.3.4:80" or "[2001:db8::1]:80" -> address and port. */
static int split_hostport(const char *v, char *host, size_t size, char **port)
{
	const char *colon = strrchr(v, ':');

	if (!colon)
		return -1;
	if (v[0] == '[')
		snprintf(host, size, "%.*s", (int)(colon - v - 2), v + 1);
	else
		snprintf(host, size, "%.*s", (int)(colon - v), v);
	*port = (char *)colon + 1;
	return 0;
}

/*
 * The protocol a rule names for a logged proto=: the module logs the
 * rule's own word, but older modules logged "other" for "any".
 */
static const char *rule_proto(const char *logged)
{
	return strcmp(logged, "other") ? logged : proto_name(DMZG_PROTO_ANY);
}

/* The rule that would allow @op as @kv records it, or "" if none would. */
static void rule_for(char *rule, size_t size, const char *op,
		     const struct kv *kv, int n)
{
	const char *allow = action_name(DMZG_ALLOW);
	const char *proto = event_get(kv, n, "proto");
	char q[EVENT_VALUE_MAX + 8], host[64];
	const char *v;
	char *port;

	rule[0] = '\0';
	switch (dmzg_lookup(dmzg_op_names, op)) {
	case DMZG_OP_EXEC:
		v = event_get(kv, n, "target");
		if (!v || event_get(kv, n, "anonymous"))
			break;
		quoted(q, sizeof(q), v);
		snprintf(rule, size, "%s %s %s", rule_op_name(DMZG_RULE_EXEC),
			 allow, q);
		break;
	case DMZG_OP_CONNECT:
	case DMZG_OP_SENDMSG:
		v = event_get(kv, n, "dst");
		if (!proto || !v)
			break;
		if (!strcmp(proto, "unix")) {
			quoted(q, sizeof(q), v);
			snprintf(rule, size, "%s %s %s",
				 rule_op_name(DMZG_RULE_UNIX), allow, q);
		} else if (!split_hostport(v, host, sizeof(host), &port)) {
			snprintf(rule, size, "%s %s %s %s port %s",
				 rule_op_name(DMZG_RULE_CONNECT), allow,
				 rule_proto(proto), host, port);
		}
		break;
	case DMZG_OP_BIND:
	case DMZG_OP_LISTEN:
		v = event_get(kv, n, "addr");
		if (!proto || !v ||
		    split_hostport(v, host, sizeof(host), &port))
			break;
		snprintf(rule, size, "%s %s %s %s port %s",
			 rule_op_name(DMZG_RULE_BIND), allow, rule_proto(proto),
			 host, strcmp(port, "0") ? port : "any");
		break;
	case DMZG_OP_CAPABILITY:
		v = event_get(kv, n, "cap");
		if (v)
			snprintf(rule, size, "capability %s %s", allow, v);
		break;
	case DMZG_OP_SOCKET:
		v = event_get(kv, n, "class");
		if (v)
			snprintf(rule, size, "socket %s %s", allow, v);
		break;
	case DMZG_OP_WRITE:
		v = event_get(kv, n, "target");
		if (!v)
			break;
		quoted(q, sizeof(q), v);
		/* No rule allows it: a daemon may not rewrite what it runs. */
		if (!strcmp(event_get(kv, n, "object") ?: "", "program"))
			snprintf(rule, size,
				 "# wrote %s, which this profile may execute: refused in enforce mode",
				 q);
		else
			snprintf(rule, size, "%s %s %s",
				 rule_op_name(DMZG_RULE_WRITE), allow, q);
		break;
	}
}

/*
 * Plain files are kept apart so that a directory the daemon writes many
 * files in (a spool, an upload area) gets one pattern instead of a rule
 * per file.  Kernel interfaces and executables keep their own rule: only
 * a rule naming them allows them.
 */
static bool defer_write(struct learn_ctx *c, const char *profile,
			const struct kv *kv, int n)
{
	const char *v = event_get(kv, n, "target");

	if (!v || event_get(kv, n, "object") || v[0] != '/' ||
	    strpbrk(v, " \t\"\\*?"))
		return false;
	add_to(&c->writes, &c->nwrites, profile, v);
	return true;
}

static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) : 0;
}

/* Files written in one directory of one profile, from index @i on. */
static size_t files_in_dir(const struct learn_ctx *c, size_t i)
{
	const struct learned *w = &c->writes[i];
	size_t len = dir_len(w->rule), n = 0;

	for (size_t j = 0; j < c->nwrites; j++) {
		const struct learned *x = &c->writes[j];

		n += !strcmp(x->profile, w->profile) &&
		     dir_len(x->rule) == len &&
		     !strncmp(x->rule, w->rule, len);
	}
	return n;
}

static void flush_writes(struct learn_ctx *c)
{
	char rule[EVENT_VALUE_MAX + 64];

	for (size_t i = 0; i < c->nwrites; i++) {
		const struct learned *w = &c->writes[i];
		size_t len = dir_len(w->rule);

		if (len && files_in_dir(c, i) >= LEARN_DIR_FILES)
			snprintf(rule, sizeof(rule), "%s %s %.*s/*",
				 rule_op_name(DMZG_RULE_WRITE),
				 action_name(DMZG_ALLOW), (int)len, w->rule);
		else
			snprintf(rule, sizeof(rule), "%s %s %s",
				 rule_op_name(DMZG_RULE_WRITE),
				 action_name(DMZG_ALLOW), w->rule);
		add(c, w->profile, rule);
	}
	for (size_t i = 0; i < c->nwrites; i++)
		free(c->writes[i].rule);
	free(c->writes);
}

static int on_event(const struct event *ev, void *arg)
{
	struct learn_ctx *c = arg;
	static struct kv kv[EVENT_MAX_KEYS];
	char rule[EVENT_VALUE_MAX + 128];
	const char *op;
	int n;

	if (!ev) {
		fprintf(stderr, "learning from complain records (Ctrl-C to stop)\n");
		return 0;
	}
	if (ev->kind != DMZG_EVENT_COMPLAIN)
		return 0;
	n = event_line_parse(ev->line, kv, EVENT_MAX_KEYS);
	op = event_get(kv, n, "op");
	/* Not a record of an operation: not counted either. */
	if (!op)
		return 0;
	if (dmzg_lookup(dmzg_op_names, op) == DMZG_OP_WRITE &&
	    defer_write(c, ev->profile, kv, n))
		return c->count && ++c->seen >= c->count;
	rule_for(rule, sizeof(rule), op, kv, n);
	if (rule[0])
		add(c, ev->profile, rule);
	return c->count && ++c->seen >= c->count;
}

static const struct option learn_options[] = {
	{ "count", required_argument, NULL, CLI_OPT_COUNT },
	{ "seconds", required_argument, NULL, CLI_OPT_SECONDS },
	{ 0 }
};

static const struct cli_command learn_command = {
	.name = "learn",
	.usage = "[--count N] [--seconds S]",
	.help = "Switch a profile to complain mode first ('dmzguardctl mode NAME\n"
		"complain'), exercise the daemon, then stop learn (Ctrl-C, N\n"
		"records or S seconds): it prints, per profile, the rules that\n"
		"would have allowed what was logged. Review them before loading.\n",
	.options = learn_options,
};

int learn_main(int argc, char **argv)
{
	struct learn_ctx c = { 0 };
	struct cli_args args;
	long seconds = 0;
	int ret;

	cli_start(&args, &learn_command, argc, argv);
	while ((ret = cli_next(&args)) > 0)
		if (cli_count(&args, ret == CLI_OPT_COUNT ? &c.count : &seconds))
			return EXIT_USAGE;
	if (ret != CLI_OPERANDS)
		return cli_exit_code(ret);
	ret = run_event_stream(seconds, on_event, &c);
	flush_writes(&c);
	for (size_t i = 0; i < c.n; i++) {
		if (!i || strcmp(c.items[i].profile, c.items[i - 1].profile))
			printf("%s# learned for profile %s\n", i ? "\n" : "",
			       c.items[i].profile);
		printf("\t%s\n", c.items[i].rule);
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.items[i].rule);
	free(c.items);
	return ret;
}
