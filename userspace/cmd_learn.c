// SPDX-License-Identifier: GPL-2.0
/*
 * dmzguardctl learn: listen to complain records (a profile in complain
 * mode logs what it would deny) and print the rules that would allow
 * them, grouped by profile, ready to paste into the policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "event_line.h"
#include "ipc.h"

struct learned {
	char profile[DMZG_NAME_MAX];
	char *rule;
};

struct learn_ctx {
	struct learned *items;
	size_t n;
	long count, seen;
};

static void add(struct learn_ctx *c, const char *profile, const char *rule)
{
	struct learned *arr;

	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->items[i].profile, profile) &&
		    !strcmp(c->items[i].rule, rule))
			return;
	arr = realloc(c->items, (c->n + 1) * sizeof(*arr));
	if (!arr)
		return;
	c->items = arr;
	snprintf(arr[c->n].profile, sizeof(arr[c->n].profile), "%s", profile);
	arr[c->n].rule = strdup(rule);
	if (arr[c->n].rule)
		c->n++;
}

/* Quote a value the way the policy language reads it back. */
static void quoted(char *out, size_t size, const char *v)
{
	if (!strpbrk(v, " \t\"\\")) {
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

static int on_event(const struct event *ev, void *arg)
{
	struct learn_ctx *c = arg;
	static struct kv kv[EVENT_MAX_KEYS];
	char rule[EVENT_VALUE_MAX + 128], q[EVENT_VALUE_MAX + 8], host[64];
	const char *op, *v, *proto;
	char *port;
	int n;

	if (!ev) {
		fprintf(stderr, "learning from complain records (Ctrl-C to stop)\n");
		return 0;
	}
	if (ev->kind != DMZG_EVENT_COMPLAIN)
		return 0;
	n = event_line_parse(ev->line, kv, EVENT_MAX_KEYS);
	op = event_get(kv, n, "op");
	proto = event_get(kv, n, "proto");
	rule[0] = '\0';
	if (!op)
		return 0;
	if (!strcmp(op, "exec") && (v = event_get(kv, n, "target")) &&
	    !event_get(kv, n, "anonymous")) {
		quoted(q, sizeof(q), v);
		snprintf(rule, sizeof(rule), "exec allow %s", q);
	} else if ((!strcmp(op, "connect") || !strcmp(op, "sendmsg")) &&
		   proto && !strcmp(proto, "unix") &&
		   (v = event_get(kv, n, "dst"))) {
		quoted(q, sizeof(q), v);
		snprintf(rule, sizeof(rule), "unix allow %s", q);
	} else if ((!strcmp(op, "connect") || !strcmp(op, "sendmsg")) &&
		   proto && (v = event_get(kv, n, "dst")) &&
		   !split_hostport(v, host, sizeof(host), &port)) {
		snprintf(rule, sizeof(rule), "connect allow %s %s port %s",
			 !strcmp(proto, "other") ? "any" : proto, host, port);
	} else if ((!strcmp(op, "bind") || !strcmp(op, "listen")) && proto &&
		   (v = event_get(kv, n, "addr")) &&
		   !split_hostport(v, host, sizeof(host), &port)) {
		snprintf(rule, sizeof(rule), "bind allow %s %s port %s",
			 !strcmp(proto, "other") ? "any" : proto, host,
			 strcmp(port, "0") ? port : "any");
	} else if (!strcmp(op, "capability") && (v = event_get(kv, n, "cap"))) {
		snprintf(rule, sizeof(rule), "capability allow %s", v);
	} else if (!strcmp(op, "socket") && (v = event_get(kv, n, "class"))) {
		snprintf(rule, sizeof(rule), "socket allow %s", v);
	} else if (!strcmp(op, "write") && (v = event_get(kv, n, "target"))) {
		/* No rule allows it: a daemon may not rewrite what it runs. */
		quoted(q, sizeof(q), v);
		snprintf(rule, sizeof(rule),
			 "# wrote %s, which this profile may execute: refused in enforce mode",
			 q);
	}
	if (rule[0])
		add(c, ev->profile, rule);
	return c->count && ++c->seen >= c->count;
}

int learn_main(int argc, char **argv)
{
	struct learn_ctx c = { 0 };
	long seconds = 0;
	int ret;

	if (parse_event_limits(argc, argv, &c.count, &seconds)) {
		printf("Usage: %s learn [--count N] [--seconds S]\n"
		       "Switch a profile to complain mode first ('%s mode NAME\n"
		       "complain'), exercise the daemon, then stop learn (Ctrl-C, N\n"
		       "records or S seconds): it prints, per profile, the rules that\n"
		       "would have allowed what was logged. Review them before loading.\n",
		       prog, prog);
		return wants_help(argc, argv) ? EXIT_OK : EXIT_USAGE;
	}
	ret = run_event_stream(seconds, on_event, &c);
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
