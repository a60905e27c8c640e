// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for compiled rule sets: path sets (exact, patterns, deny
 * beats allow, transitions) and network sets (CIDR, ports, protocols,
 * IPv4-mapped IPv6 folded into IPv4).
 */
#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../match_net.h"
#include "../match_path.h"
#include "../uapi/dmzguard.h"

struct prule {
	const char *path;
	u8 action;
	u16 target;
};

static void build_paths(struct kunit *test, struct dmzg_path_set *set,
			const struct prule *src, int n)
{
	struct dmzg_path_rule *rules = kcalloc(n, sizeof(*rules), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, rules);
	for (i = 0; i < n; i++) {
		rules[i].path = kstrdup(src[i].path, GFP_KERNEL);
		rules[i].len = strlen(src[i].path);
		rules[i].action = src[i].action;
		rules[i].target = src[i].target;
	}
	KUNIT_ASSERT_EQ(test, 0, dmzg_path_set_build(set, rules, n));
}

static int pmatch(const struct dmzg_path_set *set, const char *path,
		  u16 *target)
{
	const struct dmzg_path_rule *hit;
	int ret = dmzg_path_set_match(set, path, strlen(path), &hit);

	*target = dmzg_path_rule_target(hit);
	/* The rule that decided is one of the set's, of the verdict's kind. */
	if (ret == DMZG_NO_MATCH ? !!hit :
	    !hit || hit < set->rules || hit >= set->rules + set->n ||
	    hit->action != ret)
		return -200;
	return ret;
}

static void path_set_decisions(struct kunit *test)
{
	static const struct prule rules[] = {
		{ "/usr/bin/ls", DMZG_ALLOW, DMZG_NO_TARGET },
		{ "/usr/lib/ftp/**", DMZG_ALLOW, DMZG_NO_TARGET },
		{ "/usr/lib/ftp/evil", DMZG_DENY, DMZG_NO_TARGET },
		{ "/usr/bin/*sh", DMZG_DENY, DMZG_NO_TARGET },
		{ "/usr/bin/*", DMZG_ALLOW, 7 },
		{ "/usr/bin/mailx", DMZG_ALLOW, 3 },
	};
	struct dmzg_path_set set;
	u16 t;

	build_paths(test, &set, rules, ARRAY_SIZE(rules));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "/usr/bin/ls", &t));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			pmatch(&set, "/usr/lib/ftp/a/b", &t));
	KUNIT_EXPECT_EQ(test, DMZG_DENY,
			pmatch(&set, "/usr/lib/ftp/evil", &t));
	KUNIT_EXPECT_EQ(test, DMZG_DENY, pmatch(&set, "/usr/bin/bash", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH, pmatch(&set, "/bin/sh", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			pmatch(&set, "/usr/lib/ftpx", &t));
	/* Transition: the exact rule beats the pattern. */
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "/usr/bin/mailx", &t));
	KUNIT_EXPECT_EQ(test, 3, (int)t);
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "/usr/bin/cat", &t));
	KUNIT_EXPECT_EQ(test, 7, (int)t);
	/* An exact rule without a transition decides: no transition. */
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "/usr/bin/ls", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_TARGET, t);
	dmzg_path_set_free(&set);
}

/* A path, the verdict it must get, and the target of the deciding rule. */
struct pcase {
	const char *path;
	int verdict;
	int target;
};

/* Build a set of @rules and check each of @cases against it. */
static void expect_decisions(struct kunit *test, const struct prule *rules,
			     int nrules, const struct pcase *cases, int ncases)
{
	struct dmzg_path_set set;
	u16 t;
	int i;

	build_paths(test, &set, rules, nrules);
	for (i = 0; i < ncases; i++) {
		KUNIT_EXPECT_EQ_MSG(test, cases[i].verdict,
				    pmatch(&set, cases[i].path, &t),
				    "%s", cases[i].path);
		KUNIT_EXPECT_EQ_MSG(test, cases[i].target, (int)t, "%s",
				    cases[i].path);
	}
	dmzg_path_set_free(&set);
}

static void path_set_longest_anchor(struct kunit *test)
{
	static const struct prule rules[] = {
		{ "/**", DMZG_ALLOW, 1 },
		{ "/opt/app/**", DMZG_ALLOW, 2 },
		{ "/opt/**", DMZG_ALLOW, 3 },
	};
	static const struct pcase cases[] = {
		{ "/opt/app/bin/x", DMZG_ALLOW, 2 },
		{ "/opt/other", DMZG_ALLOW, 3 },
		{ "/etc/x", DMZG_ALLOW, 1 },
	};

	expect_decisions(test, rules, ARRAY_SIZE(rules), cases,
			 ARRAY_SIZE(cases));
}

/*
 * Which rule decides (its target tells): an exact deny before a pattern's
 * deny, a pattern's deny before an exact allow, the shortest denying
 * anchor first, whichever the lookup meets first.
 */
static void path_set_deciding_rule(struct kunit *test)
{
	static const struct prule rules[] = {
		{ "/srv/**", DMZG_DENY, 1 },
		{ "/srv/www/**", DMZG_DENY, 2 },
		{ "/srv/www/x", DMZG_DENY, 3 },
		{ "/srv/www/y", DMZG_ALLOW, 4 },
		{ "/opt/**", DMZG_ALLOW, 5 },
		{ "/opt/a/b", DMZG_ALLOW, 6 },
		{ "/opt/a/*", DMZG_DENY, 7 },
	};
	static const struct pcase cases[] = {
		{ "/srv/www/x", DMZG_DENY, 3 },
		{ "/srv/www/y", DMZG_DENY, 1 },
		{ "/opt/a/b", DMZG_DENY, 7 },
		{ "/opt/a/b/c", DMZG_ALLOW, 5 },
		{ "/srv", DMZG_NO_MATCH, DMZG_NO_TARGET },
	};

	expect_decisions(test, rules, ARRAY_SIZE(rules), cases,
			 ARRAY_SIZE(cases));
}

/*
 * Unix rules name a socket as its server bound it: relative patterns match
 * relative names only, absolute ones absolute names only.
 */
static void path_set_relative(struct kunit *test)
{
	static const struct prule rules[] = {
		{ "private/*", DMZG_ALLOW, 1 },
		{ "public/pickup", DMZG_ALLOW, 2 },
		{ "/run/private/*", DMZG_ALLOW, 3 },
		{ "*/bounce", DMZG_DENY, DMZG_NO_TARGET },
		{ "private/**", DMZG_ALLOW, 4 },
		{ "@private/x", DMZG_ALLOW, 5 },
	};
	static const struct prule any[] = {
		{ "**", DMZG_ALLOW, 6 },
		{ "?ublic", DMZG_ALLOW, 7 },
	};
	struct dmzg_path_set set;
	u16 t;

	build_paths(test, &set, rules, ARRAY_SIZE(rules));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			pmatch(&set, "private/cleanup", &t));
	KUNIT_EXPECT_EQ(test, 1, (int)t);
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			pmatch(&set, "private/a/b", &t));
	KUNIT_EXPECT_EQ(test, 4, (int)t);
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "public/pickup", &t));
	KUNIT_EXPECT_EQ(test, 2, (int)t);
	/* A pattern anchored nowhere still finds its relative names. */
	KUNIT_EXPECT_EQ(test, DMZG_DENY, pmatch(&set, "private/bounce", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			pmatch(&set, "/private/cleanup", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			pmatch(&set, "./private/cleanup", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			pmatch(&set, "/public/pickup", &t));
	/* An absolute pattern does not match a relative name. */
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			pmatch(&set, "/run/private/cleanup", &t));
	KUNIT_EXPECT_EQ(test, 3, (int)t);
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			pmatch(&set, "run/private/cleanup", &t));
	/* Nor does a relative one an abstract name. */
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH, pmatch(&set, "@x/bounce", &t));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "@private/x", &t));
	KUNIT_EXPECT_EQ(test, 5, (int)t);
	dmzg_path_set_free(&set);

	build_paths(test, &set, any, ARRAY_SIZE(any));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "public", &t));
	KUNIT_EXPECT_EQ(test, 6, (int)t);
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW, pmatch(&set, "a/b/c", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH, pmatch(&set, "/a/b/c", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH, pmatch(&set, "@a", &t));
	dmzg_path_set_free(&set);
}

static bool under(const struct dmzg_path_set *set, const char *dir)
{
	return dmzg_path_set_allows_under(set, dir, strlen(dir));
}

/* Which directory renames could put an allowed program in place. */
static void path_set_allows_under(struct kunit *test)
{
	static const struct prule rules[] = {
		{ "/usr/sbin/sendmail", DMZG_ALLOW, DMZG_NO_TARGET },
		{ "/opt/app/bin/*", DMZG_ALLOW, DMZG_NO_TARGET },
		{ "/srv/ftp/**", DMZG_DENY, DMZG_NO_TARGET },
	};
	struct dmzg_path_set set;

	build_paths(test, &set, rules, ARRAY_SIZE(rules));
	KUNIT_EXPECT_TRUE(test, under(&set, "/usr/sbin"));
	KUNIT_EXPECT_TRUE(test, under(&set, "/usr"));
	KUNIT_EXPECT_TRUE(test, under(&set, "/opt/app"));
	KUNIT_EXPECT_TRUE(test, under(&set, "/opt/app/bin"));
	KUNIT_EXPECT_TRUE(test, under(&set, "/opt/app/bin/sub"));
	/* Siblings that share a name prefix are not parents. */
	KUNIT_EXPECT_FALSE(test, under(&set, "/usr/sbi"));
	KUNIT_EXPECT_FALSE(test, under(&set, "/opt/ap"));
	KUNIT_EXPECT_FALSE(test, under(&set, "/usr/sbin/sendmail.d"));
	KUNIT_EXPECT_FALSE(test, under(&set, "/var/spool/ftp/upload"));
	/* Deny rules protect nothing. */
	KUNIT_EXPECT_FALSE(test, under(&set, "/srv/ftp/pub"));
	dmzg_path_set_free(&set);
}

/* Many rules: every one is found, and a miss stays a miss. */
static void path_set_large(struct kunit *test)
{
	const int n = 20000;
	struct dmzg_path_rule *rules = kcalloc(n, sizeof(*rules), GFP_KERNEL);
	struct dmzg_path_set set;
	char buf[64];
	int i;
	u16 t;

	KUNIT_ASSERT_NOT_NULL(test, rules);
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), i % 2 ? "/srv/%d/bin/*" :
			 "/opt/p%d/tool", i);
		rules[i].path = kstrdup(buf, GFP_KERNEL);
		rules[i].len = strlen(buf);
		rules[i].action = i % 3 ? DMZG_ALLOW : DMZG_DENY;
		rules[i].target = DMZG_NO_TARGET;
	}
	KUNIT_ASSERT_EQ(test, 0, dmzg_path_set_build(&set, rules, n));
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), i % 2 ? "/srv/%d/bin/x" :
			 "/opt/p%d/tool", i);
		KUNIT_EXPECT_EQ(test, i % 3 ? DMZG_ALLOW : DMZG_DENY,
				pmatch(&set, buf, &t));
	}
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH, pmatch(&set, "/opt/p1/tool", &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH, pmatch(&set, "/srv/2/bin/x", &t));
	dmzg_path_set_free(&set);
}

struct nrule {
	const char *addr;
	u8 prefix, action, proto;
	u16 lo, hi;
};

static void build_nets(struct kunit *test, struct dmzg_net_set *set,
		       const struct nrule *src, int n)
{
	struct dmzg_net_rule *rules = kcalloc(n, sizeof(*rules), GFP_KERNEL);
	u8 a[16];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, rules);
	for (i = 0; i < n; i++) {
		bool v4 = in4_pton(src[i].addr, -1, a, -1, NULL);

		if (!v4)
			KUNIT_ASSERT_TRUE(test, in6_pton(src[i].addr, -1, a,
							 -1, NULL));
		dmzg_net_rule_init(&rules[i], v4 ? DMZG_FAMILY_V4 :
				   DMZG_FAMILY_V6, a, src[i].prefix,
				   src[i].action, src[i].proto, src[i].lo,
				   src[i].hi);
	}
	KUNIT_ASSERT_EQ(test, 0, dmzg_net_set_build(set, rules, n));
}

static int nmatch(const struct dmzg_net_set *set, const char *addr, u8 proto,
		  u16 port)
{
	const struct dmzg_net_rule *hit;
	struct in6_addr a6;
	struct dmzg_addr a;
	__be32 a4;
	int ret;

	if (in4_pton(addr, -1, (u8 *)&a4, -1, NULL))
		dmzg_addr_from_in4(&a, a4);
	else if (in6_pton(addr, -1, a6.s6_addr, -1, NULL))
		dmzg_addr_from_in6(&a, &a6);
	else
		return -100;
	ret = dmzg_net_set_match(set, &a, proto, port, &hit);
	if (ret == DMZG_NO_MATCH ? !!hit :
	    !hit || hit < set->rules || hit >= set->rules + set->n ||
	    hit->action != ret)
		return -200;
	return ret;
}

static void net_set_decisions(struct kunit *test)
{
	static const struct nrule rules[] = {
		{ "127.0.0.1", 32, DMZG_ALLOW, DMZG_PROTO_TCP, 25, 25 },
		{ "192.0.2.53", 32, DMZG_ALLOW, DMZG_PROTO_UDP, 53, 53 },
		{ "10.0.0.0", 8, DMZG_ALLOW, DMZG_PROTO_ANY, 1000, 2000 },
		{ "10.6.6.0", 24, DMZG_DENY, DMZG_PROTO_ANY, 0, 65535 },
		{ "2001:db8::", 32, DMZG_ALLOW, DMZG_PROTO_TCP, 443, 443 },
		{ "2001:db8:bad::", 48, DMZG_DENY, DMZG_PROTO_TCP, 0, 65535 },
	};
	struct dmzg_net_set set;

	build_nets(test, &set, rules, ARRAY_SIZE(rules));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			nmatch(&set, "127.0.0.1", DMZG_PROTO_TCP, 25));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "127.0.0.1", DMZG_PROTO_UDP, 25));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "127.0.0.1", DMZG_PROTO_TCP, 26));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "127.0.0.2", DMZG_PROTO_TCP, 25));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			nmatch(&set, "192.0.2.53", DMZG_PROTO_UDP, 53));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			nmatch(&set, "10.1.2.3", DMZG_PROTO_UDP, 1500));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "10.1.2.3", DMZG_PROTO_UDP, 999));
	/* Deny beats allow, whatever the prefix lengths. */
	KUNIT_EXPECT_EQ(test, DMZG_DENY,
			nmatch(&set, "10.6.6.9", DMZG_PROTO_TCP, 1500));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			nmatch(&set, "2001:db8:1::1", DMZG_PROTO_TCP, 443));
	KUNIT_EXPECT_EQ(test, DMZG_DENY,
			nmatch(&set, "2001:db8:bad::1", DMZG_PROTO_TCP, 443));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "2001:db9::1", DMZG_PROTO_TCP, 443));
	dmzg_net_set_free(&set);
}

static void net_v4_mapped(struct kunit *test)
{
	static const struct nrule rules[] = {
		{ "203.0.113.7", 32, DMZG_DENY, DMZG_PROTO_ANY, 0, 65535 },
		{ "0.0.0.0", 0, DMZG_ALLOW, DMZG_PROTO_ANY, 0, 65535 },
	};
	struct dmzg_net_set set;
	struct in6_addr a6;
	struct dmzg_addr a;

	/* Normalisation itself. */
	KUNIT_ASSERT_TRUE(test, in6_pton("::ffff:203.0.113.7", -1, a6.s6_addr,
					 -1, NULL));
	dmzg_addr_from_in6(&a, &a6);
	KUNIT_EXPECT_EQ(test, DMZG_FAMILY_V4, (int)a.family);
	KUNIT_EXPECT_EQ(test, 203, (int)a.addr[0]);
	KUNIT_EXPECT_EQ(test, 7, (int)a.addr[3]);
	KUNIT_ASSERT_TRUE(test, in6_pton("::203.0.113.7", -1, a6.s6_addr, -1,
					 NULL));
	dmzg_addr_from_in6(&a, &a6);
	KUNIT_EXPECT_EQ(test, DMZG_FAMILY_V6, (int)a.family);

	build_nets(test, &set, rules, ARRAY_SIZE(rules));
	KUNIT_EXPECT_EQ(test, DMZG_DENY,
			nmatch(&set, "::ffff:203.0.113.7", DMZG_PROTO_TCP,
			       4444));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			nmatch(&set, "::ffff:203.0.113.8", DMZG_PROTO_TCP,
			       4444));
	/* 0.0.0.0/0 covers IPv4 only, not native IPv6. */
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "2001:db8::1", DMZG_PROTO_TCP, 4444));
	dmzg_net_set_free(&set);
}

static void net_prefix_edges(struct kunit *test)
{
	static const struct nrule rules[] = {
		{ "198.51.100.128", 25, DMZG_ALLOW, DMZG_PROTO_TCP, 1, 65535 },
		{ "::", 0, DMZG_DENY, DMZG_PROTO_UDP, 0, 65535 },
	};
	struct dmzg_net_set set;

	build_nets(test, &set, rules, ARRAY_SIZE(rules));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			nmatch(&set, "198.51.100.255", DMZG_PROTO_TCP, 80));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "198.51.100.127", DMZG_PROTO_TCP, 80));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "198.51.100.200", DMZG_PROTO_TCP, 0));
	KUNIT_EXPECT_EQ(test, DMZG_DENY,
			nmatch(&set, "fe80::1", DMZG_PROTO_UDP, 53));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			nmatch(&set, "fe80::1", DMZG_PROTO_TCP, 53));
	dmzg_net_set_free(&set);
}

static struct kunit_case match_test_cases[] = {
	KUNIT_CASE(path_set_decisions),
	KUNIT_CASE(path_set_longest_anchor),
	KUNIT_CASE(path_set_deciding_rule),
	KUNIT_CASE(path_set_relative),
	KUNIT_CASE(path_set_large),
	KUNIT_CASE(path_set_allows_under),
	KUNIT_CASE(net_set_decisions),
	KUNIT_CASE(net_v4_mapped),
	KUNIT_CASE(net_prefix_edges),
	{}
};

static struct kunit_suite match_test_suite = {
	.name = "dmzguard_match",
	.test_cases = match_test_cases,
};

kunit_test_suite(match_test_suite);
