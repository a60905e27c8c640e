// SPDX-License-Identifier: GPL-2.0
/*
 * The rule statements of the policy language: exec, write, unix, connect
 * and bind rules and their defaults, and the capability and socket lists.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../kmod/glob.h"
#include "policy_parse.h"
#include "suggest.h"

static int parse_action(struct parser *ps, const struct token *t,
			uint8_t *action)
{
	int a = token_index(ps, t, dmzg_action_names, __DMZG_ACTION_MAX,
			    "action", "allow or deny");

	if (a < 0)
		return -1;
	*action = (uint8_t)a;
	return 0;
}

static int parse_default(struct parser *ps, int op)
{
	struct profile *p = ps->cur;
	uint8_t action;

	if (want_count(ps, 3, 3, "OP default allow|deny") ||
	    parse_action(ps, &ps->lx.tok[2], &action))
		return -1;
	if (p->default_set[op]) {
		if (p->defaults[op] != action)
			return lex_error(&ps->lx, ps->lx.tok[2].col,
					 "conflicting default '%s' for %s (set to %s at line %d)",
					 ps->lx.tok[2].text, rule_op_name(op),
					 action_name(p->defaults[op]),
					 p->default_pos[op].line);
		parser_warn(ps, ps->lx.tok[0].col, "%s default repeated",
			    rule_op_name(op));
	}
	p->defaults[op] = action;
	p->default_set[op] = true;
	p->default_pos[op] = lex_pos(&ps->lx, ps->lx.tok[0].col);
	return 0;
}

static struct rule *new_rule(struct parser *ps, int op, uint8_t action)
{
	struct rule *r = profile_add_rule(ps->cur);

	if (!r) {
		lex_error(&ps->lx, 1, "out of memory");
		return NULL;
	}
	r->op = op;
	r->action = action;
	r->pos = lex_pos(&ps->lx, ps->lx.tok[0].col);
	return r;
}

static int parse_exec(struct parser *ps)
{
	uint8_t action;
	struct rule *r;

	if (refuse_unquoted_blanks(ps, 2, "->"))
		return -1;
	if (ps->lx.ntok == 4)
		return lex_error(&ps->lx, ps->lx.tok[3].col,
				 "incomplete transition '%s' (expected '-> PROFILE')",
				 ps->lx.tok[3].text);
	if (want_count(ps, 3, 5, "exec allow|deny PATH [-> PROFILE]") ||
	    parse_action(ps, &ps->lx.tok[1], &action) ||
	    check_path(ps, &ps->lx.tok[2]))
		return -1;
	if (ps->lx.ntok == 5) {
		if (!tok_is(&ps->lx.tok[3], "->"))
			return lex_error(&ps->lx, ps->lx.tok[3].col,
					 "unexpected '%s' (expected '-> PROFILE')",
					 ps->lx.tok[3].text);
		if (action != DMZG_ALLOW)
			return lex_error(&ps->lx, ps->lx.tok[3].col,
					 "a transition '-> %s' only makes sense on an allow rule",
					 ps->lx.tok[4].text);
		if (check_name(ps, &ps->lx.tok[4]))
			return -1;
	}
	warn_unmatchable(ps, &ps->lx.tok[2]);
	r = new_rule(ps, DMZG_RULE_EXEC, action);
	if (!r)
		return -1;
	r->path = strdup(ps->lx.tok[2].text);
	if (ps->lx.ntok == 5)
		r->target = strdup(ps->lx.tok[4].text);
	return 0;
}

/*
 * write allow|deny PATTERN: where the daemon may change the file system.
 * Kernel interfaces obey only patterns without "**" (see kmod's
 * hooks_file.c), so a tree-wide rule is no way into /proc or /sys.
 */
static int parse_write(struct parser *ps)
{
	uint8_t action;
	struct rule *r;

	if (refuse_unquoted_blanks(ps, 2, NULL) ||
	    want_count(ps, 3, 3, "write allow|deny PATH") ||
	    parse_action(ps, &ps->lx.tok[1], &action) ||
	    check_path(ps, &ps->lx.tok[2]))
		return -1;
	warn_unmatchable(ps, &ps->lx.tok[2]);
	r = new_rule(ps, DMZG_RULE_WRITE, action);
	if (!r)
		return -1;
	r->path = strdup(ps->lx.tok[2].text);
	return 0;
}

/* A component "", "." or "..": "//", a trailing '/', "./" or "../". */
static bool has_dot_component(const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "/");

		if (!n || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return true;
		if (!s[n])
			return false;
		s += n + 1;
	}
}

/*
 * A relative socket name is compared as its server wrote it: nothing
 * resolves "./private/x" to the "private/x" a server binds, so such a
 * spelling is most likely a mistake.
 */
static void warn_relative_spelling(struct parser *ps, const struct token *t)
{
	if (has_dot_component(t->text))
		parser_warn(ps, t->col,
			    "'%s' matches only a socket bound by that very spelling: a relative socket name is compared as bound, with no '.', '..', '//' or trailing '/' resolved",
			    t->text);
}

/*
 * unix allow|deny PATH|@NAME: the socket a peer bound.  A relative PATH
 * matches sockets bound by that relative name, wherever they were bound.
 */
static int parse_unix(struct parser *ps)
{
	const struct token *t;
	uint8_t action;
	struct rule *r;

	if (refuse_unquoted_blanks(ps, 2, NULL) ||
	    want_count(ps, 3, 3, "unix allow|deny PATH|@ABSTRACT") ||
	    parse_action(ps, &ps->lx.tok[1], &action))
		return -1;
	t = &ps->lx.tok[2];
	if (t->text[0] == '@') {
		if (dmzg_glob_has_wildcard(t->text, strlen(t->text)))
			return lex_error(&ps->lx, t->col,
					 "abstract socket name '%s' cannot hold wildcards",
					 t->text);
		if (strlen(t->text) > 108)
			return lex_error(&ps->lx, t->col,
					 "abstract socket name '%s' is longer than 107 bytes",
					 t->text);
	} else if (check_socket_path(ps, t)) {
		return -1;
	} else if (t->text[0] != '/') {
		warn_relative_spelling(ps, t);
	}
	r = new_rule(ps, DMZG_RULE_UNIX, action);
	if (!r)
		return -1;
	r->path = strdup(t->text);
	return 0;
}

static int parse_port_num(const char *s, long *out)
{
	char *end;
	long v;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > 65535)
		return -1;
	*out = v;
	return 0;
}

static int parse_ports(struct parser *ps, const struct token *t,
		       struct rule *r)
{
	char buf[64], *dash;
	long lo, hi;

	/* The full range, port 0 included, is what 'any' means. */
	if (tok_is(t, "any") || tok_is(t, "0-65535")) {
		r->port_lo = 0;
		r->port_hi = 65535;
		return 0;
	}
	if (strlen(t->text) >= sizeof(buf))
		goto bad;
	strcpy(buf, t->text);
	dash = strchr(buf, '-');
	if (dash) {
		*dash = '\0';
		if (parse_port_num(buf, &lo) || parse_port_num(dash + 1, &hi))
			return lex_error(&ps->lx, t->col,
					 "invalid port range '%s' (expected A-B, both 1-65535; every port is 'any' or 0-65535)",
					 t->text);
		if (lo > hi)
			return lex_error(&ps->lx, t->col,
					 "invalid port range '%s' (the range ends before it starts)",
					 t->text);
	} else {
		if (parse_port_num(buf, &lo))
			goto bad;
		hi = lo;
	}
	r->port_lo = lo;
	r->port_hi = hi;
	return 0;
bad:
	return lex_error(&ps->lx, t->col,
			 "invalid port '%s' (expected 1-65535 or a range A-B)",
			 t->text);
}

/* Parse ADDR[/LEN] into @r.  Return: 0, or -1 (reported). */
static int parse_cidr(struct parser *ps, const struct token *t,
		      struct rule *r)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	int host, i;
	long len;

	if (strlen(t->text) >= sizeof(buf))
		goto bad;
	strcpy(buf, t->text);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (inet_pton(AF_INET, buf, r->addr) == 1) {
		r->family = DMZG_FAMILY_V4;
		host = 32;
	} else if (inet_pton(AF_INET6, buf, r->addr) == 1) {
		r->family = DMZG_FAMILY_V6;
		host = 128;
	} else {
		goto bad;
	}
	len = host;
	if (slash) {
		char *end;

		errno = 0;
		len = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || errno || len < 0 || len > host)
			return lex_error(&ps->lx,
					 t->col + (int)(slash - buf) + 1,
					 "invalid prefix length in '%s' (expected 0-%d)",
					 t->text, host);
	}
	r->prefix = (uint8_t)len;
	for (i = 0; i < host / 8; i++) {
		int bits = (int)len - i * 8;
		uint8_t mask = bits >= 8 ? 0xff :
			       bits <= 0 ? 0 : (uint8_t)(0xff << (8 - bits));

		if (r->addr[i] & ~mask)
			return lex_error(&ps->lx, t->col,
					 "invalid CIDR '%s' (host bits set beyond /%ld)",
					 t->text, len);
	}
	if (r->family == DMZG_FAMILY_V6 && r->prefix >= 96 &&
	    !memcmp(r->addr, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12)) {
		/* The kernel decides ::ffff:a.b.c.d as a.b.c.d. */
		memmove(r->addr, r->addr + 12, 4);
		memset(r->addr + 4, 0, 12);
		r->family = DMZG_FAMILY_V4;
		r->prefix -= 96;
	}
	return 0;
bad:
	return lex_error(&ps->lx, t->col,
			 "invalid address '%s' (expected an IPv4 or IPv6 address or CIDR, or 'any')",
			 t->text);
}

static int parse_net(struct parser *ps, int op)
{
	char usage[80];
	uint8_t action;
	struct rule tmpl, *r;
	int proto;

	snprintf(usage, sizeof(usage),
		 "%s allow|deny tcp|udp|any ADDR[/LEN]|any [port N|A-B|any]",
		 rule_op_name(op));
	if (ps->lx.ntok == 5)
		return lex_error(&ps->lx, ps->lx.tok[4].col,
				 "incomplete statement after '%s' (expected '%s')",
				 ps->lx.tok[4].text, usage);
	if (want_count(ps, 4, 6, usage))
		return -1;
	if (parse_action(ps, &ps->lx.tok[1], &action))
		return -1;
	proto = token_index(ps, &ps->lx.tok[2], dmzg_proto_names,
			    __DMZG_PROTO_MAX, "protocol", "tcp, udp or any");
	if (proto < 0)
		return -1;
	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.port_lo = 0;
	tmpl.port_hi = 65535;
	if (ps->lx.ntok == 6) {
		if (!tok_is(&ps->lx.tok[4], "port"))
			return lex_error(&ps->lx, ps->lx.tok[4].col,
					 "unexpected '%s' (expected 'port')",
					 ps->lx.tok[4].text);
		if (parse_ports(ps, &ps->lx.tok[5], &tmpl))
			return -1;
	}
	if (tok_is(&ps->lx.tok[3], "any")) {
		/* Both families: 0.0.0.0/0 and ::/0. */
		for (int fam = 0; fam < 2; fam++) {
			r = new_rule(ps, op, action);
			if (!r)
				return -1;
			r->proto = proto;
			r->family = fam ? DMZG_FAMILY_V6 : DMZG_FAMILY_V4;
			r->prefix = 0;
			r->port_lo = tmpl.port_lo;
			r->port_hi = tmpl.port_hi;
		}
		return 0;
	}
	if (parse_cidr(ps, &ps->lx.tok[3], &tmpl))
		return -1;
	r = new_rule(ps, op, action);
	if (!r)
		return -1;
	memcpy(r->addr, tmpl.addr, sizeof(r->addr));
	r->family = tmpl.family;
	r->prefix = tmpl.prefix;
	r->proto = proto;
	r->port_lo = tmpl.port_lo;
	r->port_hi = tmpl.port_hi;
	return 0;
}

int parse_rule(struct parser *ps, int op)
{
	if (ps->lx.ntok >= 2 && tok_is(&ps->lx.tok[1], "default"))
		return parse_default(ps, op);
	switch (op) {
	case DMZG_RULE_EXEC:
		return parse_exec(ps);
	case DMZG_RULE_UNIX:
		return parse_unix(ps);
	case DMZG_RULE_WRITE:
		return parse_write(ps);
	default:
		return parse_net(ps, op);
	}
}

/* A statement that allows or denies a list of names, each one bit. */
struct name_list {
	const char *usage;
	const char *what;	/* "unknown WHAT 'NAME'" */
	const char *expected;	/* what a known name looks like */
	int (*lookup)(const char *name);
	/* "; did you mean 'X'?" for an unknown name, or "" */
	const char *(*hint)(const char *name);
};

/* Set the bit of each name in @allow or @deny.  Return: 0 or -1. */
static int parse_name_list(struct parser *ps, const struct name_list *l,
			   uint64_t *allow, uint64_t *deny)
{
	uint8_t action;

	if (want_count(ps, 3, LEX_MAX_TOKENS, l->usage) ||
	    parse_action(ps, &ps->lx.tok[1], &action))
		return -1;
	for (int i = 2; i < ps->lx.ntok; i++) {
		const struct token *t = &ps->lx.tok[i];
		int idx = l->lookup(t->text);
		uint64_t bit;

		if (idx < 0)
			return lex_error(&ps->lx, t->col,
					 "unknown %s '%s' (expected %s)%s",
					 l->what, t->text, l->expected,
					 l->hint(t->text));
		bit = 1ULL << idx;
		if ((action == DMZG_ALLOW ? *deny : *allow) & bit)
			return lex_error(&ps->lx, t->col,
					 "%s '%s' is both allowed and denied",
					 l->what, t->text);
		if (action == DMZG_ALLOW)
			*allow |= bit;
		else
			*deny |= bit;
	}
	return 0;
}

/* Capabilities are read with or without "cap_", in any case. */
static const char *cap_hint(const char *name)
{
	char lower[64];
	size_t i;

	if (!strncasecmp(name, "cap_", 4))
		name += 4;
	for (i = 0; name[i] && i + 1 < sizeof(lower); i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	return suggest_hint(lower, dmzg_cap_names, DMZG_CAP_COUNT);
}

static const char *sock_class_hint(const char *name)
{
	return suggest_hint(name, dmzg_sock_class_names, __DMZG_SOCK_MAX);
}

static const struct name_list capabilities = {
	.usage = "capability allow|deny NAME...",
	.what = "capability",
	.expected = "a name such as net_bind_service or sys_chroot",
	.lookup = cap_lookup,
	.hint = cap_hint,
};

static const struct name_list socket_classes = {
	.usage = "socket allow|deny CLASS...",
	.what = "socket class",
	.expected = "inet, inet6, unix, raw, packet, netlink, netlink-route, sctp or other",
	.lookup = sock_class_lookup,
	.hint = sock_class_hint,
};

int parse_caps(struct parser *ps)
{
	return parse_name_list(ps, &capabilities, &ps->cur->cap_allow,
			       &ps->cur->cap_deny);
}

/* Bits set before an error stay set, as for capabilities. */
int parse_sockets(struct parser *ps)
{
	uint64_t allow = ps->cur->sock_allow, deny = ps->cur->sock_deny;
	int ret = parse_name_list(ps, &socket_classes, &allow, &deny);

	const uint64_t nl = 1ULL << DMZG_SOCK_NETLINK;
	const uint64_t route = 1ULL << DMZG_SOCK_NETLINK_ROUTE;
	/* Only this line's rule can newly make the pair. */
	bool was = (ps->cur->sock_allow & route) && (ps->cur->sock_deny & nl);

	ps->cur->sock_allow = (uint32_t)allow;
	ps->cur->sock_deny = (uint32_t)deny;
	if (!ret && !was && (allow & route) && (deny & nl))
		parser_warn(ps, ps->lx.tok[2].col,
			    "'socket allow netlink-route' never takes effect: 'socket deny netlink' denies every netlink protocol, the route protocol included");
	return ret;
}
