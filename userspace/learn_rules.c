// SPDX-License-Identifier: GPL-2.0
/*
 * From a complain record to the rule that would have allowed it.  Plain
 * files written are kept apart so that a directory the daemon writes
 * many files in (a spool, an upload area) gets one pattern instead of a
 * rule per file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn_patterns.h"
#include "learn_rules.h"
#include "policy_lex.h"

/* A directory where a daemon writes this many files gets one rule. */
#define LEARN_DIR_FILES 3

void learn_add(struct learned **items, size_t *n, const char *profile,
	       const char *rule, const char *comment)
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
	arr[*n].comment = comment ? strdup(comment) : NULL;
	if (arr[*n].rule)
		(*n)++;
	else
		free(arr[*n].comment);
}

/* Quote a value the way the policy language reads it back. */
static void quoted(char *out, size_t size, const char *v)
{
	size_t o = 0;

	if (!lex_needs_quotes(v)) {
		snprintf(out, size, "%s", v);
		return;
	}
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

/*
 * Linux's default ip_local_port_range: a peer's port in it was picked by
 * the peer's kernel (an FTP client's data port, a resolver's query port)
 * and changes from run to run.
 */
#define EPHEMERAL_LO 32768
#define EPHEMERAL_HI 60999

static bool ephemeral_port(const char *port)
{
	char *end;
	long v = strtol(port, &end, 10);

	return !*end && v >= EPHEMERAL_LO && v <= EPHEMERAL_HI;
}

/*
 * /proc/PID/comm and /proc/PID/task/TID/comm: a daemon names its
 * threads under a pid that changes from run to run.  Each number
 * becomes '*' in @out (the kernel lets a task write only its own
 * thread group's comm); a rule without "**" still names the kernel
 * file, as kernel files require.  Other entries (oom_score_adj) are
 * writable for any process by root: they keep their number.
 */
static bool proc_own_entry(const char *path, char *out, size_t size)
{
	const char *p = path + strlen("/proc/");
	size_t o;

	if (strncmp(path, "/proc/", 6) || *p < '0' || *p > '9')
		return false;
	o = snprintf(out, size, "/proc/*");
	while (*p >= '0' && *p <= '9')
		p++;
	if (!strncmp(p, "/task/", 6) && p[6] >= '0' && p[6] <= '9') {
		o += snprintf(out + o, o < size ? size - o : 0, "/task/*");
		for (p += 6; *p >= '0' && *p <= '9';)
			p++;
	}
	if (strcmp(p, "/comm"))
		return false;
	snprintf(out + o, o < size ? size - o : 0, "%s", p);
	return o < size;
}

/*
 * The rule that would allow @op as @kv records it, or "" if none would;
 * @comment is set to why it is not the record's plain value.
 */
static void rule_for(char *rule, size_t size, int op, const struct kv *kv,
		     int n, const char **comment)
{
	const char *allow = action_name(DMZG_ALLOW);
	const char *proto = event_get(kv, n, "proto");
	char q[EVENT_VALUE_MAX + 8], host[64], own[EVENT_VALUE_MAX];
	const char *v;
	char *port;
	int cap;

	rule[0] = '\0';
	*comment = NULL;
	switch (op) {
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
			/*
			 * UDP only: connect() to port 0 probes a route
			 * (getaddrinfo()), and a datagram peer's port is often
			 * its kernel's pick; a TCP port is a service's.
			 */
			bool udp = !strcmp(proto, "udp");

			if (udp && !strcmp(port, "0"))
				port = "any";
			if (udp && ephemeral_port(port)) {
				port = "32768-60999";
				*comment = "the peer's port was one its kernel picked (32768-60999): it changes from run to run";
			}
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
		if (!v)
			break;
		/*
		 * One a profile refuses by default would let a confined root
		 * undo its confinement: learned as refused without a record.
		 * (An unknown name makes a rule that does not parse.)
		 */
		cap = cap_lookup(v);
		if (cap >= 0 && (DMZG_CAP_DEFAULT_DENY & (1ULL << cap))) {
			snprintf(rule, size,
				 "# asked for %s, refused by default (it would undo the confinement); \"capability deny %s\" refuses it without a record",
				 v, v);
		} else {
			snprintf(rule, size, "capability %s %s", allow, v);
		}
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
		if (proc_own_entry(v, own, sizeof(own))) {
			v = own;
			*comment = "its threads' names, under a pid that changes from run to run";
		}
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
 * Kernel interfaces, programs and trees keep their own rule.  Files with
 * an execute bit are grouped like plain ones: a spool that marks its
 * finished files so (Postfix's queue) gets one rule for the directory, which names them, as
 * a rule must for such a file (no "**").
 */
static bool defer_write(struct learn_set *ls, const char *profile,
			const struct kv *kv, int n)
{
	const char *v = event_get(kv, n, "target");
	const char *object = event_get(kv, n, "object");

	if (!v || (object && strcmp(object, "executable")) || v[0] != '/' ||
	    strpbrk(v, " \t\"\\*?"))
		return false;
	learn_add(&ls->writes, &ls->nwrites, profile, v, NULL);
	return true;
}

/*
 * Does @rule read back as a statement?  A record's values come from a
 * log anyone may have edited: a rule the parser refuses is not learned.
 */
static bool rule_parses(const char *rule)
{
	static FILE *quiet;
	FILE *diag = policy_diag;
	struct policy pol;
	char *text;
	int ret = -1;

	if (!quiet)
		quiet = fopen("/dev/null", "w");
	/* With an attach line: a profile without statements is an error. */
	text = malloc(strlen(rule) + sizeof("profile p {\n\tattach /p\n\t\n}\n"));
	if (!quiet || !text) {
		free(text);
		return false;
	}
	sprintf(text, "profile p {\n\tattach /p\n\t%s\n}\n", rule);
	policy_diag = quiet;
	policy_init(&pol);
	if (!policy_parse_string(&pol, "learned", text))
		ret = policy_finish(&pol);
	policy_free(&pol);
	policy_diag = diag;
	free(text);
	return !ret;
}

bool learn_add_record(struct learn_set *ls, const struct event_record *rec)
{
	char rule[EVENT_VALUE_MAX + 128];
	const char *comment;

	/* Only what a profile let through while it complained. */
	if (rec->kind != DMZG_EVENT_COMPLAIN)
		return true;
	rule_for(rule, sizeof(rule), rec->op, rec->kv, rec->n, &comment);
	if (rule[0] && !rule_parses(rule))
		return false;
	if (rec->op == DMZG_OP_WRITE &&
	    defer_write(ls, rec->profile, rec->kv, rec->n))
		return true;
	if (rule[0])
		learn_add(&ls->items, &ls->n, rec->profile, rule, comment);
	return true;
}

static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) : 0;
}

/* Files written in one directory of one profile, from index @i on. */
static size_t files_in_dir(const struct learn_set *ls, size_t i)
{
	const struct learned *w = &ls->writes[i];
	size_t len = dir_len(w->rule), n = 0;

	for (size_t j = 0; j < ls->nwrites; j++) {
		const struct learned *x = &ls->writes[j];

		n += !strcmp(x->profile, w->profile) &&
		     dir_len(x->rule) == len &&
		     !strncmp(x->rule, w->rule, len);
	}
	return n;
}

void learn_finish(struct learn_set *ls)
{
	char rule[EVENT_VALUE_MAX + 64];

	for (size_t i = 0; i < ls->nwrites; i++) {
		const struct learned *w = &ls->writes[i];
		size_t len = dir_len(w->rule);

		if (len && files_in_dir(ls, i) >= LEARN_DIR_FILES)
			snprintf(rule, sizeof(rule), "%s %s %.*s/*",
				 rule_op_name(DMZG_RULE_WRITE),
				 action_name(DMZG_ALLOW), (int)len, w->rule);
		else
			snprintf(rule, sizeof(rule), "%s %s %s",
				 rule_op_name(DMZG_RULE_WRITE),
				 action_name(DMZG_ALLOW), w->rule);
		learn_add(&ls->items, &ls->n, w->profile, rule, NULL);
	}
	for (size_t i = 0; i < ls->nwrites; i++)
		free(ls->writes[i].rule);
	free(ls->writes);
	ls->writes = NULL;
	ls->nwrites = 0;
	learn_suggest_patterns(&ls->items, &ls->n);
}

void learn_set_free(struct learn_set *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		free(ls->items[i].rule);
		free(ls->items[i].comment);
	}
	free(ls->items);
	for (size_t i = 0; i < ls->nwrites; i++)
		free(ls->writes[i].rule);
	free(ls->writes);
	memset(ls, 0, sizeof(*ls));
}
