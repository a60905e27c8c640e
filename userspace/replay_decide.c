// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding a recorded operation again, hook by hook.  The record holds
 * the object as the hook saw it (a resolved path, a normalised address);
 * what it cannot hold - whether a write's object was a directory moved
 * with what it holds, whether a rename was its source or destination -
 * is taken from what the record does say (object=, access=).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "policy_compiled.h"
#include "replay_decide.h"

/* dmzg_profile_allows(): a match decides, else the rule kind's default. */
static bool profile_allows(const struct profile_compiled *c, uint8_t rules,
			   int match)
{
	if (match != DMZG_NO_MATCH)
		return match == DMZG_ALLOW;
	return c->src->defaults[rules] == DMZG_ALLOW;
}

static const char *get(const struct event_record *rec, const char *key)
{
	return event_get(rec->kv, rec->n, key);
}

/*
 * The decide_*() functions fill @d from what the record says, and return
 * NULL, or why the record lacks what the rules need (d->key names it).
 */
static const char *decide_exec(const struct policy_compiled *pc,
			       const struct profile_compiled *c,
			       const struct event_record *rec,
			       struct replay_decision *d)
{
	const char *path = get(rec, "target");
	const struct dmzg_path_rule *hit = NULL;
	int match = DMZG_NO_MATCH;
	u16 to;

	d->key = "target";
	if (!path)
		return "exec record without target=";
	/* A file without a name matches no rule: only the default applies. */
	if (!get(rec, "anonymous"))
		match = dmzg_path_set_match(&c->exec, path, strlen(path), &hit);
	to = dmzg_path_rule_target(hit);
	d->rules_allow = profile_allows(c, DMZG_RULE_EXEC, match);
	if (d->rules_allow && to != DMZG_NO_TARGET &&
	    strcmp(pc->profiles[to].src->name, c->src->name))
		d->transition = pc->profiles[to].src->name;
	return NULL;
}

/* "1.2.3.4:80" or "[2001:db8::1]:80", as audit.c's put_addr() writes. */
static int parse_addr_port(const char *s, struct dmzg_addr *a, u16 *port)
{
	const char *colon = strrchr(s, ':');
	char host[INET6_ADDRSTRLEN + 2], *end;
	struct in6_addr in6;
	struct in_addr in4;
	unsigned long p;
	size_t hlen;

	if (!colon || !colon[1])
		return -1;
	p = strtoul(colon + 1, &end, 10);
	if (*end || p > 65535 || colon[1] < '0' || colon[1] > '9')
		return -1;
	*port = (u16)p;
	hlen = (size_t)(colon - s);
	if (s[0] == '[') {
		if (hlen < 3 || s[hlen - 1] != ']' || hlen - 2 >= sizeof(host))
			return -1;
		memcpy(host, s + 1, hlen - 2);
		host[hlen - 2] = '\0';
		if (inet_pton(AF_INET6, host, &in6) != 1)
			return -1;
		dmzg_addr_from_in6(a, &in6);
		return 0;
	}
	if (hlen >= sizeof(host))
		return -1;
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	if (inet_pton(AF_INET, host, &in4) != 1)
		return -1;
	dmzg_addr_from_in4(a, in4.s_addr);
	return 0;
}

/* The protocol of a record: older modules wrote "other" for "any". */
static int record_proto(const char *name)
{
	if (!strcmp(name, "other"))
		return DMZG_PROTO_ANY;
	return dmzg_lookup(dmzg_proto_names, name);
}

static const char *decide_unix(const struct profile_compiled *c,
			       const char *path, struct replay_decision *d)
{
	const struct dmzg_path_rule *hit;
	/* As the module: a relative name meets relative rules only. */
	int match = dmzg_path_set_match(&c->unix_paths, path, strlen(path),
					&hit);

	d->rules_allow = profile_allows(c, DMZG_RULE_UNIX, match);
	return NULL;
}

static const char *decide_net(const struct profile_compiled *c,
			      const struct event_record *rec,
			      struct replay_decision *d)
{
	bool local = rec->op == DMZG_OP_BIND || rec->op == DMZG_OP_LISTEN;
	const char *proto = get(rec, "proto");
	const char *where = get(rec, local ? "addr" : "dst");
	const struct dmzg_net_rule *hit;
	struct dmzg_addr addr;
	int p, match;
	u16 port;

	d->key = proto ? (local ? "addr" : "dst") : "proto";
	if (!proto || !where)
		return local ? "no proto= or addr=" : "no proto= or dst=";
	if (!strcmp(proto, "unix") && !local)
		return decide_unix(c, where, d);
	p = record_proto(proto);
	if (p < 0)
		return "unknown proto=";
	d->key = local ? "addr" : "dst";
	if (parse_addr_port(where, &addr, &port))
		return local ? "addr= is not ADDRESS:PORT" :
			       "dst= is not ADDRESS:PORT";
	match = dmzg_net_set_match(local ? &c->bind : &c->connect, &addr,
				   (u8)p, port, &hit);
	d->rules_allow = profile_allows(c, local ? DMZG_RULE_BIND :
						   DMZG_RULE_CONNECT, match);
	return NULL;
}

/*
 * hooks_file.c's write_match().  A write protects programs unless it
 * removes a name (rmdir, unlink); object=tree on a rename is a directory
 * moved with what it holds.  kernel, executable and tree describe the
 * object whatever the policy; program is the policy's own verdict, and
 * hides whether the object was one of the others: it is then decided as
 * a plain file.
 */
static const char *decide_write(const struct profile_compiled *c,
				const struct event_record *rec,
				struct replay_decision *d)
{
	const char *path = get(rec, "target"), *access = get(rec, "access");
	const char *object = get(rec, "object");
	bool plain = !object || !strcmp(object, "program");
	const struct dmzg_path_rule *hit;
	bool protect, dir;
	size_t len;
	int match;

	d->key = path ? "access" : "target";
	if (!path || !access)
		return "write record without target= or access=";
	d->key = "object";
	if (object && strcmp(object, "program") && strcmp(object, "kernel") &&
	    strcmp(object, "executable") && strcmp(object, "tree"))
		return "unknown object=";
	len = strlen(path);
	protect = strcmp(access, "rmdir") && strcmp(access, "unlink");
	dir = object && !strcmp(object, "tree") && !strcmp(access, "rename");
	if (protect &&
	    (dmzg_path_set_match(&c->exec, path, len, &hit) == DMZG_ALLOW ||
	     (dir && dmzg_path_set_allows_under(&c->exec, path, len)))) {
		d->rules_allow = false;
		return NULL;
	}
	match = dmzg_path_set_match(&c->write, path, len, &hit);
	if (plain || match == DMZG_DENY) {
		d->rules_allow = profile_allows(c, DMZG_RULE_WRITE, match);
		return NULL;
	}
	/* Neither the default nor a tree-wide rule: a rule naming it. */
	d->rules_allow = dmzg_path_set_match(&c->write_named, path, len,
					     &hit) == DMZG_ALLOW;
	return NULL;
}

void replay_decide(const struct policy_compiled *pc,
		   const struct event_record *rec, struct replay_decision *d)
{
	const struct profile_compiled *c;
	const char *v, *why = NULL;
	int i;

	memset(d, 0, sizeof(*d));
	d->verdict = REPLAY_DECIDED;
	/* Refused before any rule was asked (reason=), or by no rule. */
	if (get(rec, "reason") || rec->op == DMZG_OP_PTRACE ||
	    rec->op == DMZG_OP_NETLINK || rec->op == DMZG_OP_ATTACH ||
	    rec->op == DMZG_OP_SOCKOPT) {
		d->verdict = REPLAY_NOT_BY_RULES;
		return;
	}
	c = policy_compiled_find(pc, rec->profile);
	if (!c) {
		d->verdict = REPLAY_PROFILE_GONE;
		return;
	}
	switch (rec->op) {
	case DMZG_OP_EXEC:
		why = decide_exec(pc, c, rec, d);
		break;
	case DMZG_OP_CONNECT:
	case DMZG_OP_SENDMSG:
	case DMZG_OP_BIND:
	case DMZG_OP_LISTEN:
		why = decide_net(c, rec, d);
		break;
	case DMZG_OP_WRITE:
		why = decide_write(c, rec, d);
		break;
	case DMZG_OP_CAPABILITY:
		v = get(rec, "cap");
		i = v ? cap_lookup(v) : -1;
		d->key = "cap";
		if (i < 0)
			why = "no known cap=";
		else {
			d->rules_allow = !(c->cap_denied & (1ULL << i));
			d->quiet = c->src->cap_deny & (1ULL << i);
		}
		break;
	case DMZG_OP_SOCKET:
		v = get(rec, "class");
		i = v ? sock_class_lookup(v) : -1;
		d->key = "class";
		if (i < 0)
			why = "no known class=";
		else
			d->rules_allow = c->sock_allowed & (1U << i);
		break;
	default:
		d->verdict = REPLAY_NOT_BY_RULES;
		return;
	}
	if (why) {
		d->verdict = REPLAY_UNREADABLE;
		d->why = why;
		return;
	}
	/* decide.c's complaining(): complain mode lets a refusal through. */
	d->allowed = d->rules_allow || c->src->mode == DMZG_MODE_COMPLAIN;
}

bool replay_recorded_allowed(const struct event_record *rec)
{
	return rec->kind == DMZG_EVENT_COMPLAIN;
}
