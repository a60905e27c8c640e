// SPDX-License-Identifier: GPL-2.0
/*
 * The policy language parser.  Line oriented: one statement per line,
 * '#' starts a comment, tokens are separated by blanks, a token may be
 * double-quoted to hold blanks.  Every diagnostic is
 * "FILE:LINE:COL: message" quoting the offending token.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../kmod/glob.h"
#include "policy.h"

#define MAX_TOKENS 64
#define MAX_INCLUDE_DEPTH 8
#define MAX_ERRORS 20
#define MAX_LINE 65536

struct token {
	char *text;
	int col;
};

struct parser {
	struct policy *pol;
	const char *file;	/* interned in pol->files */
	int line;
	struct profile *cur;	/* open profile block, or NULL */
	int cur_statements;
	int depth;
	int errors;
	struct token tok[MAX_TOKENS];
	int ntok;
};

static void vdiag(const struct parser *ps, int col, bool warning,
		  const char *fmt, va_list ap)
{
	fprintf(policy_diag, "%s:%d:%d: %s", ps->file, ps->line, col,
		warning ? "warning: " : "");
	vfprintf(policy_diag, fmt, ap);
	fputc('\n', policy_diag);
}

static int error(struct parser *ps, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int error(struct parser *ps, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(ps, col, false, fmt, ap);
	va_end(ap);
	ps->errors++;
	return -1;
}

static void pos_diag(const struct srcpos *pos, bool warning, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));
static void pos_diag(const struct srcpos *pos, bool warning, const char *fmt,
		     ...)
{
	va_list ap;

	fprintf(policy_diag, "%s:%d:%d: %s", pos->file, pos->line, pos->col,
		warning ? "warning: " : "");
	va_start(ap, fmt);
	vfprintf(policy_diag, fmt, ap);
	va_end(ap);
	fputc('\n', policy_diag);
}

static struct srcpos here(const struct parser *ps, int col)
{
	struct srcpos p = { ps->file, ps->line, col };

	return p;
}

static const char *intern_file(struct policy *pol, const char *name)
{
	char **arr = realloc(pol->files, (pol->nfiles + 1) * sizeof(*arr));

	if (!arr)
		return NULL;
	pol->files = arr;
	arr[pol->nfiles] = strdup(name);
	return arr[pol->nfiles] ? arr[pol->nfiles++] : NULL;
}

/* Split one line into tokens in place.  Return: 0 or -1 (reported). */
static int tokenize(struct parser *ps, char *line)
{
	char *s = line;

	ps->ntok = 0;
	for (;;) {
		char *start, *d;

		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '#')
			return 0;
		if (ps->ntok == MAX_TOKENS)
			return error(ps, (int)(s - line) + 1,
				     "too many tokens on one line (limit %d)",
				     MAX_TOKENS);
		start = s;
		ps->tok[ps->ntok].col = (int)(s - line) + 1;
		if (*s == '"') {
			d = ++s;
			ps->tok[ps->ntok].text = d;
			while (*s && *s != '"') {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				*d++ = *s++;
			}
			if (*s != '"')
				return error(ps, (int)(start - line) + 1,
					     "unterminated string %s", start);
			s++;
			if (*s && *s != ' ' && *s != '\t' && *s != '\r')
				return error(ps, (int)(s - line) + 1,
					     "expected a blank after a closing quote");
			*d = '\0';
			if (*s)
				s++;
		} else {
			ps->tok[ps->ntok].text = s;
			while (*s && *s != ' ' && *s != '\t' && *s != '\r')
				s++;
			if (*s)
				*s++ = '\0';
		}
		ps->ntok++;
	}
}

static bool is(const struct token *t, const char *word)
{
	return !strcmp(t->text, word);
}

static int want_count(struct parser *ps, int min, int max, const char *usage)
{
	if (ps->ntok < min)
		return error(ps, ps->tok[ps->ntok - 1].col +
			     (int)strlen(ps->tok[ps->ntok - 1].text),
			     "incomplete statement (expected '%s')", usage);
	if (ps->ntok > max)
		return error(ps, ps->tok[max].col,
			     "unexpected '%s' (expected '%s')",
			     ps->tok[max].text, usage);
	return 0;
}

static int parse_action(struct parser *ps, const struct token *t,
			uint8_t *action)
{
	if (is(t, "allow"))
		*action = DMZG_ALLOW;
	else if (is(t, "deny"))
		*action = DMZG_DENY;
	else
		return error(ps, t->col,
			     "invalid action '%s' (expected allow or deny)",
			     t->text);
	return 0;
}

static int check_path(struct parser *ps, const struct token *t)
{
	size_t len = strlen(t->text), bad;
	enum dmzg_glob_error err;

	err = dmzg_glob_validate(t->text, len, &bad);
	if (err == DMZG_GLOB_OK)
		return 0;
	if (err == DMZG_GLOB_TOO_LONG)
		return error(ps, t->col, "path too long (%zu bytes; the limit is %d)",
			     len, DMZG_PATH_MAX - 1);
	return error(ps, t->col + (int)bad, "invalid path '%s': %s", t->text,
		     dmzg_glob_strerror(err));
}

static void warn_unmatchable(struct parser *ps, const struct token *t)
{
	const char *s = t->text;
	size_t len = strlen(s);

	if (strstr(s, "/./") || strstr(s, "/../") || strstr(s, "//") ||
	    (len > 1 && s[len - 1] == '/') ||
	    (len >= 2 && !strcmp(s + len - 2, "/.")) ||
	    (len >= 3 && !strcmp(s + len - 3, "/.."))) {
		struct srcpos pos = here(ps, t->col);

		pos_diag(&pos, true,
			 "'%s' can never match: the kernel decides on resolved paths, which have no '.', '..', '//' or trailing '/'",
			 s);
		ps->pol->nwarnings++;
	}
}

static bool valid_name(const char *s)
{
	size_t len = strlen(s);

	if (!len || len >= DMZG_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' ||
		      *s == '-'))
			return false;
	return true;
}

static int check_name(struct parser *ps, const struct token *t)
{
	if (valid_name(t->text))
		return 0;
	return error(ps, t->col,
		     "invalid profile name '%s' (expected 1-63 characters of A-Z a-z 0-9 _ . -)",
		     t->text);
}

static int parse_default(struct parser *ps, int op)
{
	struct profile *p = ps->cur;
	uint8_t action;

	if (want_count(ps, 3, 3, "OP default allow|deny") ||
	    parse_action(ps, &ps->tok[2], &action))
		return -1;
	if (p->default_set[op]) {
		if (p->defaults[op] != action)
			return error(ps, ps->tok[2].col,
				     "conflicting default '%s' for %s (set to %s at line %d)",
				     ps->tok[2].text, rule_op_name(op),
				     p->defaults[op] == DMZG_ALLOW ? "allow" : "deny",
				     p->default_pos[op].line);
		struct srcpos pos = here(ps, ps->tok[0].col);

		pos_diag(&pos, true, "%s default repeated", rule_op_name(op));
		ps->pol->nwarnings++;
	}
	p->defaults[op] = action;
	p->default_set[op] = true;
	p->default_pos[op] = here(ps, ps->tok[0].col);
	return 0;
}

static struct rule *new_rule(struct parser *ps, int op, uint8_t action)
{
	struct rule *r = profile_add_rule(ps->cur);

	if (!r) {
		error(ps, 1, "out of memory");
		return NULL;
	}
	r->op = op;
	r->action = action;
	r->pos = here(ps, ps->tok[0].col);
	return r;
}

static int parse_exec(struct parser *ps)
{
	uint8_t action;
	struct rule *r;

	if (ps->ntok >= 2 && is(&ps->tok[1], "default"))
		return parse_default(ps, DMZG_RULE_EXEC);
	if (ps->ntok == 4)
		return error(ps, ps->tok[3].col,
			     "incomplete transition '%s' (expected '-> PROFILE')",
			     ps->tok[3].text);
	if (want_count(ps, 3, 5, "exec allow|deny PATH [-> PROFILE]") ||
	    parse_action(ps, &ps->tok[1], &action) ||
	    check_path(ps, &ps->tok[2]))
		return -1;
	if (ps->ntok == 5) {
		if (!is(&ps->tok[3], "->"))
			return error(ps, ps->tok[3].col,
				     "unexpected '%s' (expected '-> PROFILE')",
				     ps->tok[3].text);
		if (action != DMZG_ALLOW)
			return error(ps, ps->tok[3].col,
				     "a transition '-> %s' only makes sense on an allow rule",
				     ps->tok[4].text);
		if (check_name(ps, &ps->tok[4]))
			return -1;
	}
	warn_unmatchable(ps, &ps->tok[2]);
	r = new_rule(ps, DMZG_RULE_EXEC, action);
	if (!r)
		return -1;
	r->path = strdup(ps->tok[2].text);
	if (ps->ntok == 5)
		r->target = strdup(ps->tok[4].text);
	return 0;
}

static int parse_unix(struct parser *ps)
{
	const struct token *t;
	uint8_t action;
	struct rule *r;

	if (ps->ntok >= 2 && is(&ps->tok[1], "default"))
		return parse_default(ps, DMZG_RULE_UNIX);
	if (want_count(ps, 3, 3, "unix allow|deny PATH|@ABSTRACT") ||
	    parse_action(ps, &ps->tok[1], &action))
		return -1;
	t = &ps->tok[2];
	if (t->text[0] == '@') {
		if (dmzg_glob_has_wildcard(t->text, strlen(t->text)))
			return error(ps, t->col,
				     "abstract socket name '%s' cannot hold wildcards",
				     t->text);
		if (strlen(t->text) > 108)
			return error(ps, t->col,
				     "abstract socket name '%s' is longer than 107 bytes",
				     t->text);
	} else if (check_path(ps, t)) {
		return -1;
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

	if (is(t, "any")) {
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
			goto bad;
		if (lo > hi)
			return error(ps, t->col,
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
	return error(ps, t->col,
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
			return error(ps, t->col + (int)(slash - buf) + 1,
				     "invalid prefix length in '%s' (expected 0-%d)",
				     t->text, host);
	}
	r->prefix = (uint8_t)len;
	for (i = 0; i < host / 8; i++) {
		int bits = (int)len - i * 8;
		uint8_t mask = bits >= 8 ? 0xff :
			       bits <= 0 ? 0 : (uint8_t)(0xff << (8 - bits));

		if (r->addr[i] & ~mask)
			return error(ps, t->col,
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
	return error(ps, t->col,
		     "invalid address '%s' (expected an IPv4 or IPv6 address or CIDR, or 'any')",
		     t->text);
}

static int parse_net(struct parser *ps, int op)
{
	const char *usage = op == DMZG_RULE_CONNECT ?
		"connect allow|deny tcp|udp|any ADDR[/LEN]|any [port N|A-B|any]" :
		"bind allow|deny tcp|udp|any ADDR[/LEN]|any [port N|A-B|any]";
	uint8_t action, proto;
	struct rule tmpl, *r;

	if (ps->ntok >= 2 && is(&ps->tok[1], "default"))
		return parse_default(ps, op);
	if (ps->ntok == 5)
		return error(ps, ps->tok[4].col,
			     "incomplete statement after '%s' (expected '%s')",
			     ps->tok[4].text, usage);
	if (want_count(ps, 4, 6, usage))
		return -1;
	if (parse_action(ps, &ps->tok[1], &action))
		return -1;
	if (is(&ps->tok[2], "tcp"))
		proto = DMZG_PROTO_TCP;
	else if (is(&ps->tok[2], "udp"))
		proto = DMZG_PROTO_UDP;
	else if (is(&ps->tok[2], "any"))
		proto = DMZG_PROTO_ANY;
	else
		return error(ps, ps->tok[2].col,
			     "invalid protocol '%s' (expected tcp, udp or any)",
			     ps->tok[2].text);
	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.port_lo = 0;
	tmpl.port_hi = 65535;
	if (ps->ntok == 6) {
		if (!is(&ps->tok[4], "port"))
			return error(ps, ps->tok[4].col,
				     "unexpected '%s' (expected 'port')",
				     ps->tok[4].text);
		if (parse_ports(ps, &ps->tok[5], &tmpl))
			return -1;
	}
	if (is(&ps->tok[3], "any")) {
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
	if (parse_cidr(ps, &ps->tok[3], &tmpl))
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

static int parse_caps(struct parser *ps)
{
	struct profile *p = ps->cur;
	uint8_t action;

	if (want_count(ps, 3, MAX_TOKENS, "capability allow|deny NAME...") ||
	    parse_action(ps, &ps->tok[1], &action))
		return -1;
	for (int i = 2; i < ps->ntok; i++) {
		int cap = cap_lookup(ps->tok[i].text);
		uint64_t bit;

		if (cap < 0)
			return error(ps, ps->tok[i].col,
				     "unknown capability '%s' (expected a name such as net_bind_service or sys_chroot)",
				     ps->tok[i].text);
		bit = 1ULL << cap;
		if ((action == DMZG_ALLOW ? p->cap_deny : p->cap_allow) & bit)
			return error(ps, ps->tok[i].col,
				     "capability '%s' is both allowed and denied",
				     ps->tok[i].text);
		if (action == DMZG_ALLOW)
			p->cap_allow |= bit;
		else
			p->cap_deny |= bit;
	}
	return 0;
}

static int parse_sockets(struct parser *ps)
{
	struct profile *p = ps->cur;
	uint8_t action;

	if (want_count(ps, 3, MAX_TOKENS, "socket allow|deny CLASS...") ||
	    parse_action(ps, &ps->tok[1], &action))
		return -1;
	for (int i = 2; i < ps->ntok; i++) {
		int cls = sock_class_lookup(ps->tok[i].text);
		uint32_t bit;

		if (cls < 0)
			return error(ps, ps->tok[i].col,
				     "unknown socket class '%s' (expected inet, inet6, unix, raw, packet, netlink, sctp or other)",
				     ps->tok[i].text);
		bit = 1U << cls;
		if ((action == DMZG_ALLOW ? p->sock_deny : p->sock_allow) & bit)
			return error(ps, ps->tok[i].col,
				     "socket class '%s' is both allowed and denied",
				     ps->tok[i].text);
		if (action == DMZG_ALLOW)
			p->sock_allow |= bit;
		else
			p->sock_deny |= bit;
	}
	return 0;
}

static int parse_mode(struct parser *ps)
{
	if (want_count(ps, 2, 2, "mode enforce|complain"))
		return -1;
	if (is(&ps->tok[1], "enforce"))
		ps->cur->mode = DMZG_MODE_ENFORCE;
	else if (is(&ps->tok[1], "complain"))
		ps->cur->mode = DMZG_MODE_COMPLAIN;
	else
		return error(ps, ps->tok[1].col,
			     "invalid mode '%s' (expected enforce or complain)",
			     ps->tok[1].text);
	if (ps->cur->mode_set)
		return error(ps, ps->tok[0].col, "mode given twice");
	ps->cur->mode_set = true;
	return 0;
}

static int parse_attach(struct parser *ps)
{
	if (want_count(ps, 2, 2, "attach PATH") || check_path(ps, &ps->tok[1]))
		return -1;
	if (ps->cur->nattach == DMZG_MAX_ATTACH)
		return error(ps, ps->tok[0].col,
			     "too many attach lines in profile '%s' (limit %d)",
			     ps->cur->name, DMZG_MAX_ATTACH);
	warn_unmatchable(ps, &ps->tok[1]);
	if (profile_add_attach(ps->cur, ps->tok[1].text))
		return error(ps, 1, "out of memory");
	return 0;
}

static int parse_file(struct parser *ps, const char *path);

static int parse_include(struct parser *ps)
{
	char full[PATH_MAX * 2], *dir;
	const char *arg;
	struct stat st;
	int ret = 0;

	if (want_count(ps, 2, 2, "include PATH"))
		return -1;
	arg = ps->tok[1].text;
	if (arg[0] == '/') {
		snprintf(full, sizeof(full), "%s", arg);
	} else {
		dir = strdup(ps->file);
		if (!dir)
			return error(ps, 1, "out of memory");
		char *slash = strrchr(dir, '/');

		if (slash)
			slash[1] = '\0';
		else
			dir[0] = '\0';
		snprintf(full, sizeof(full), "%s%s", dir, arg);
		free(dir);
	}
	if (ps->depth >= MAX_INCLUDE_DEPTH)
		return error(ps, ps->tok[1].col,
			     "includes nested deeper than %d (a cycle?) at '%s'",
			     MAX_INCLUDE_DEPTH, arg);
	if (stat(full, &st))
		return error(ps, ps->tok[1].col, "cannot include '%s': %s", arg,
			     strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		struct dirent **names;
		int n = scandir(full, &names, NULL, alphasort);

		if (n < 0)
			return error(ps, ps->tok[1].col,
				     "cannot include '%s': %s", arg,
				     strerror(errno));
		for (int i = 0; i < n; i++) {
			const char *nm = names[i]->d_name;
			size_t len = strlen(nm);
			char sub[PATH_MAX * 3];

			if (len > 7 && !strcmp(nm + len - 7, ".policy")) {
				snprintf(sub, sizeof(sub), "%s/%s", full, nm);
				if (parse_file(ps, sub))
					ret = -1;
			}
			free(names[i]);
		}
		free(names);
		return ret;
	}
	return parse_file(ps, full);
}

static struct profile *find_profile(struct policy *pol, const char *name)
{
	for (size_t i = 0; i < pol->nprofiles; i++)
		if (!strcmp(pol->profiles[i].name, name))
			return &pol->profiles[i];
	return NULL;
}

static int open_profile(struct parser *ps)
{
	struct profile *p, *dup;
	int bad = 0;

	if (ps->ntok == 2)
		return error(ps, ps->tok[1].col + (int)strlen(ps->tok[1].text),
			     "expected '{' after profile name '%s'",
			     ps->tok[1].text);
	if (want_count(ps, 3, 3, "profile NAME {"))
		return -1;
	if (!is(&ps->tok[2], "{"))
		return error(ps, ps->tok[2].col, "unexpected '%s' (expected '{')",
			     ps->tok[2].text);
	/* Errors below still open the block, so its '}' is not misread. */
	if (check_name(ps, &ps->tok[1]))
		bad = -1;
	dup = find_profile(ps->pol, ps->tok[1].text);
	if (dup)
		bad = error(ps, ps->tok[1].col,
			    "duplicate profile name '%s' (first defined at %s:%d)",
			    ps->tok[1].text, dup->pos.file, dup->pos.line);
	if (ps->pol->nprofiles == DMZG_MAX_PROFILES)
		return error(ps, ps->tok[1].col,
			     "too many profiles (limit %d)", DMZG_MAX_PROFILES);
	p = policy_add_profile(ps->pol);
	if (!p)
		return error(ps, 1, "out of memory");
	snprintf(p->name, sizeof(p->name), "%s", ps->tok[1].text);
	p->pos = here(ps, ps->tok[1].col);
	ps->cur = p;
	ps->cur_statements = 0;
	return bad;
}

static int close_profile(struct parser *ps)
{
	if (want_count(ps, 1, 1, "}"))
		return -1;
	if (!ps->cur_statements) {
		pos_diag(&ps->cur->pos, false, "empty profile '%s'",
			 ps->cur->name);
		ps->errors++;
	}
	ps->cur = NULL;
	return 0;
}

static int statement(struct parser *ps)
{
	const struct token *k = &ps->tok[0];

	if (!ps->cur) {
		if (is(k, "profile"))
			return open_profile(ps);
		if (is(k, "include"))
			return parse_include(ps);
		return error(ps, k->col,
			     "unknown keyword '%s' (expected profile or include)",
			     k->text);
	}
	if (is(k, "}"))
		return close_profile(ps);
	ps->cur_statements++;
	if (is(k, "attach"))
		return parse_attach(ps);
	if (is(k, "mode"))
		return parse_mode(ps);
	if (is(k, "exec"))
		return parse_exec(ps);
	if (is(k, "connect"))
		return parse_net(ps, DMZG_RULE_CONNECT);
	if (is(k, "bind"))
		return parse_net(ps, DMZG_RULE_BIND);
	if (is(k, "unix"))
		return parse_unix(ps);
	if (is(k, "capability"))
		return parse_caps(ps);
	if (is(k, "socket"))
		return parse_sockets(ps);
	if (is(k, "profile"))
		return error(ps, k->col,
			     "profile '%s' is not closed before the next 'profile' (missing '}')",
			     ps->cur->name);
	return error(ps, k->col,
		     "unknown keyword '%s' (expected attach, mode, exec, connect, bind, unix, capability, socket or '}')",
		     k->text);
}

static int parse_text(struct parser *ps, char *text)
{
	char *line = text, *nl;

	for (ps->line = 1; line; ps->line++) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (strlen(line) > MAX_LINE) {
			error(ps, 1, "line too long (%zu bytes)", strlen(line));
		} else if (!tokenize(ps, line) && ps->ntok) {
			statement(ps);
		}
		if (ps->errors >= MAX_ERRORS) {
			fprintf(policy_diag, "%s: too many errors, giving up\n",
				ps->file);
			break;
		}
		line = nl ? nl + 1 : NULL;
	}
	if (ps->cur) {
		pos_diag(&ps->cur->pos, false,
			 "profile '%s' is not closed (missing '}' before the end of the file)",
			 ps->cur->name);
		ps->errors++;
		ps->cur = NULL;
	}
	return ps->errors ? -1 : 0;
}

static int parse_buffer(struct parser *outer, struct policy *pol,
			const char *name, char *text, int depth)
{
	struct parser ps = { .pol = pol, .depth = depth };
	int ret;

	ps.file = intern_file(pol, name);
	if (!ps.file) {
		fprintf(policy_diag, "%s: out of memory\n", name);
		return -1;
	}
	ret = parse_text(&ps, text);
	if (outer)
		outer->errors += ps.errors;
	return ret;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int parse_file_depth(struct parser *outer, struct policy *pol,
			    const char *path, int depth)
{
	size_t len = 0;
	char *text;
	int ret;

	text = read_all(path, &len);
	if (!text) {
		fprintf(policy_diag, "%s: cannot read: %s\n", path,
			strerror(errno));
		if (outer)
			outer->errors++;
		return -1;
	}
	if (strlen(text) != len) {
		fprintf(policy_diag, "%s:%d:%d: NUL byte in policy file\n", path,
			1, 1);
		free(text);
		if (outer)
			outer->errors++;
		return -1;
	}
	ret = parse_buffer(outer, pol, path, text, depth);
	free(text);
	return ret;
}

static int parse_file(struct parser *ps, const char *path)
{
	return parse_file_depth(ps, ps->pol, path, ps->depth + 1);
}

int policy_parse_file(struct policy *pol, const char *path)
{
	return parse_file_depth(NULL, pol, path, 0);
}

int policy_parse_string(struct policy *pol, const char *name,
			const char *text)
{
	char *copy = strdup(text);
	int ret;

	if (!copy)
		return -1;
	ret = parse_buffer(NULL, pol, name, copy, 0);
	free(copy);
	return ret;
}

static bool net_covers(const struct rule *outer, const struct rule *inner)
{
	int bytes, bits;

	if (outer->family != inner->family || outer->prefix > inner->prefix)
		return false;
	if (outer->proto != DMZG_PROTO_ANY && outer->proto != inner->proto)
		return false;
	if (outer->port_lo > inner->port_lo || outer->port_hi < inner->port_hi)
		return false;
	bytes = outer->prefix / 8;
	bits = outer->prefix % 8;
	if (memcmp(outer->addr, inner->addr, bytes))
		return false;
	return !bits || !((outer->addr[bytes] ^ inner->addr[bytes]) &
			  (uint8_t)(0xff << (8 - bits)));
}

static bool path_covers(const struct rule *outer, const struct rule *inner)
{
	const char *o = outer->path, *i = inner->path;

	if (!strcmp(o, i))
		return true;
	/* Only a literal inner path can be proven covered by a pattern. */
	return !dmzg_glob_has_wildcard(i, strlen(i)) &&
	       dmzg_glob_match(o, strlen(o), i, strlen(i));
}

/*
 * Warn about allow rules that a deny rule (deny beats allow) shadows and
 * rules another covers.  Quadratic, so only for hand-sized profiles.
 */
#define SHADOW_CHECK_MAX 4000
static void warn_shadowed(struct policy *pol, const struct profile *p)
{
	if (p->nrules > SHADOW_CHECK_MAX)
		return;
	for (size_t a = 0; a < p->nrules; a++) {
		const struct rule *ra = &p->rules[a];

		for (size_t d = 0; d < p->nrules; d++) {
			const struct rule *rd = &p->rules[d];
			bool covered;

			if (d == a || rd->op != ra->op)
				continue;
			if (ra->op == DMZG_RULE_CONNECT || ra->op == DMZG_RULE_BIND)
				covered = net_covers(rd, ra);
			else
				covered = path_covers(rd, ra);
			if (!covered)
				continue;
			if (rd->action == DMZG_DENY && ra->action == DMZG_ALLOW) {
				pos_diag(&ra->pos, true,
					 "this allow rule never takes effect: the deny rule at line %d covers it (deny beats allow)",
					 rd->pos.line);
				pol->nwarnings++;
				break;
			}
			if (rd->action == ra->action && d < a) {
				pos_diag(&ra->pos, true,
					 "this rule is redundant: the rule at line %d already covers it",
					 rd->pos.line);
				pol->nwarnings++;
				break;
			}
		}
	}
}

/* Cross-profile checks, once every file is parsed. */
int policy_finish(struct policy *pol)
{
	int errors = 0;
	size_t total = 0;

	for (size_t i = 0; i < pol->nprofiles; i++) {
		struct profile *p = &pol->profiles[i];
		bool targeted = false;

		for (size_t j = 0; j < p->nrules; j++) {
			struct rule *r = &p->rules[j];

			if (r->target && !find_profile(pol, r->target)) {
				pos_diag(&r->pos, false,
					 "exec transition to unknown profile '%s'",
					 r->target);
				errors++;
			}
		}
		for (size_t k = 0; k < pol->nprofiles && !targeted; k++)
			for (size_t j = 0; j < pol->profiles[k].nrules; j++)
				if (pol->profiles[k].rules[j].target &&
				    !strcmp(pol->profiles[k].rules[j].target,
					    p->name))
					targeted = true;
		if (!p->nattach && !targeted) {
			pos_diag(&p->pos, true,
				 "profile '%s' has no attach line and no exec rule transitions to it: it never applies",
				 p->name);
			pol->nwarnings++;
		}
		for (size_t a = 0; a < p->nattach; a++)
			for (size_t k = 0; k <= i; k++)
				for (size_t b = 0; b < pol->profiles[k].nattach;
				     b++) {
					if (k == i && b >= a)
						break;
					if (strcmp(pol->profiles[k].attach[b],
						   p->attach[a]))
						continue;
					pos_diag(&p->pos, false,
						 "attach path '%s' of profile '%s' is already attached to profile '%s'",
						 p->attach[a], p->name,
						 pol->profiles[k].name);
					errors++;
				}
		if (p->nrules > DMZG_MAX_RULES) {
			pos_diag(&p->pos, false,
				 "profile '%s' has %zu rules (limit %d)",
				 p->name, p->nrules, DMZG_MAX_RULES);
			errors++;
		}
		total += p->nrules;
		warn_shadowed(pol, p);
	}
	if (total > DMZG_MAX_TOTAL_RULES) {
		fprintf(policy_diag, "policy has %zu rules (limit %d)\n", total,
			DMZG_MAX_TOTAL_RULES);
		errors++;
	}
	if (!pol->nprofiles) {
		fprintf(policy_diag, "policy has no profiles\n");
		errors++;
	}
	return errors ? -1 : 0;
}
