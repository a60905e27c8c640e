// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the policy source form (validation as rules arrive) and
 * its compilation (cross references, effective masks, lookups).
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../policy.h"

static struct dmzg_src_profile *new_prof(struct kunit *test, const char *name,
					 const char *attach)
{
	struct dmzg_src_profile *p = kzalloc(sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	strscpy(p->name, name, sizeof(p->name));
	memset(p->defaults, DMZG_DENY, sizeof(p->defaults));
	if (attach) {
		p->attach = kcalloc(1, sizeof(char *), GFP_KERNEL);
		p->attach[0] = kstrdup(attach, GFP_KERNEL);
		p->nattach = 1;
	}
	return p;
}

static int add_exec(struct dmzg_src_policy *src, struct dmzg_src_profile *p,
		    const char *path, u8 action, const char *target,
		    const char **why)
{
	struct dmzg_src_rule r = {
		.op = DMZG_RULE_EXEC, .action = action,
		.path = (char *)path, .target = (char *)target,
	};

	return dmzg_src_add_rule(src, p, &r, why);
}

static int add_path(struct dmzg_src_policy *src, struct dmzg_src_profile *p,
		    u8 op, const char *path, const char **why)
{
	struct dmzg_src_rule r = {
		.op = op, .action = DMZG_ALLOW, .path = (char *)path,
	};

	return dmzg_src_add_rule(src, p, &r, why);
}

static void src_rejects_bad_input(struct kunit *test)
{
	struct dmzg_src_policy src;
	struct dmzg_src_profile *p, *bad;
	struct dmzg_src_rule r = { .op = DMZG_RULE_CONNECT,
				   .family = DMZG_FAMILY_V4, .prefix = 8,
				   .proto = DMZG_PROTO_TCP, .port_lo = 1,
				   .port_hi = 2, .addr = { 10, 0, 0, 1 } };
	const char *why = NULL;

	dmzg_src_init(&src);
	p = new_prof(test, "ftpd", "/usr/sbin/vsftpd");
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_profile(&src, p, &why));

	bad = new_prof(test, "ftpd", NULL);
	KUNIT_EXPECT_EQ(test, -EEXIST, dmzg_src_add_profile(&src, bad, &why));
	dmzg_src_profile_free(bad);
	bad = new_prof(test, "bad name", NULL);
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_profile(&src, bad, &why));
	dmzg_src_profile_free(bad);
	bad = new_prof(test, "x", "relative/path");
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_profile(&src, bad, &why));
	dmzg_src_profile_free(bad);
	bad = new_prof(test, "y", NULL);
	bad->cap_allow = BIT_ULL(16);
	bad->cap_deny = BIT_ULL(16);
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_profile(&src, bad, &why));
	dmzg_src_profile_free(bad);

	KUNIT_EXPECT_EQ(test, -EINVAL,
			add_exec(&src, p, "bin/sh", DMZG_ALLOW, NULL, &why));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			add_exec(&src, p, "/bin/***", DMZG_ALLOW, NULL, &why));
	/* Only a unix rule may name a relative path. */
	KUNIT_EXPECT_EQ(test, 0, add_path(&src, p, DMZG_RULE_UNIX,
					  "private/*", &why));
	KUNIT_EXPECT_EQ(test, -EINVAL, add_path(&src, p, DMZG_RULE_UNIX,
						"private/***", &why));
	KUNIT_EXPECT_EQ(test, -EINVAL, add_path(&src, p, DMZG_RULE_WRITE,
						"spool/x", &why));
	KUNIT_EXPECT_STREQ(test, why,
			   "write rule needs a valid absolute path pattern");
	KUNIT_EXPECT_EQ(test, -EINVAL,
			add_exec(&src, p, "/bin/ls", DMZG_ALLOW, "no way",
				 &why));
	/* Host bits beyond the prefix. */
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_rule(&src, p, &r, &why));
	r.addr[3] = 0;
	KUNIT_EXPECT_EQ(test, 0, dmzg_src_add_rule(&src, p, &r, &why));
	r.port_lo = 3;
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_rule(&src, p, &r, &why));
	r.port_lo = 1;
	r.prefix = 33;
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_rule(&src, p, &r, &why));
	r.prefix = 8;
	r.path = "/x";
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_rule(&src, p, &r, &why));
	KUNIT_EXPECT_EQ(test, 2U, src.nrules);
	dmzg_src_free(&src);
}

static void build_resolves_and_looks_up(struct kunit *test)
{
	struct dmzg_src_policy src;
	struct dmzg_src_profile *a, *b;
	struct dmzg_policy *pol;
	const struct dmzg_path_rule *t;
	const char *why = NULL;
	int ia, ib;

	dmzg_src_init(&src);
	a = new_prof(test, "web", "/usr/sbin/nginx");
	b = new_prof(test, "cgi", NULL);
	b->cap_allow = BIT_ULL(13);	/* net_raw */
	b->cap_deny = BIT_ULL(0);	/* chown */
	b->sock_allow = BIT(DMZG_SOCK_PACKET);
	b->sock_deny = BIT(DMZG_SOCK_INET6);
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_profile(&src, a, &why));
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_profile(&src, b, &why));
	/* A transition may name a profile declared later or earlier. */
	KUNIT_ASSERT_EQ(test, 0, add_exec(&src, a, "/usr/lib/cgi-bin/*",
					  DMZG_ALLOW, "cgi", &why));
	KUNIT_ASSERT_EQ(test, 0, add_exec(&src, a, "/bin/*sh", DMZG_DENY,
					  NULL, &why));

	pol = dmzg_policy_build(&src, &why);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	KUNIT_EXPECT_EQ(test, 2U, pol->nprofiles);
	ia = dmzg_policy_find(pol, "web");
	ib = dmzg_policy_find(pol, "cgi");
	KUNIT_EXPECT_EQ(test, 0, ia);
	KUNIT_EXPECT_EQ(test, 1, ib);
	KUNIT_EXPECT_EQ(test, -1, dmzg_policy_find(pol, "nope"));
	KUNIT_EXPECT_EQ(test, 0,
			dmzg_policy_attach_match(pol, "/usr/sbin/nginx", 15));
	KUNIT_EXPECT_EQ(test, -1,
			dmzg_policy_attach_match(pol, "/usr/sbin/nginx2", 16));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			dmzg_path_set_match(&pol->profiles[0].exec,
					    "/usr/lib/cgi-bin/x", 18, &t));
	KUNIT_EXPECT_EQ(test, ib, (int)dmzg_path_rule_target(t));
	KUNIT_EXPECT_EQ(test, DMZG_DENY,
			dmzg_path_set_match(&pol->profiles[0].exec,
					    "/bin/bash", 9, &t));
	/* Effective masks: defaults adjusted by the profile. */
	KUNIT_EXPECT_TRUE(test, pol->profiles[0].cap_denied & BIT_ULL(16));
	KUNIT_EXPECT_FALSE(test, pol->profiles[1].cap_denied & BIT_ULL(13));
	KUNIT_EXPECT_TRUE(test, pol->profiles[1].cap_denied & BIT_ULL(0));
	KUNIT_EXPECT_TRUE(test, pol->profiles[1].sock_allowed &
			  BIT(DMZG_SOCK_PACKET));
	KUNIT_EXPECT_FALSE(test, pol->profiles[1].sock_allowed &
			   BIT(DMZG_SOCK_INET6));
	KUNIT_EXPECT_TRUE(test, pol->profiles[1].sock_allowed &
			  BIT(DMZG_SOCK_INET));
	KUNIT_EXPECT_FALSE(test, pol->profiles[1].sock_allowed &
			   BIT(DMZG_SOCK_NETLINK_ROUTE));
	dmzg_policy_free(pol);
	dmzg_src_free(&src);
}

/*
 * Write rules compile into two sets: all of them, and those without "**"
 * (rules that name files), the only ones kernel interfaces and
 * executables obey.
 */
static void build_splits_named_write_rules(struct kunit *test)
{
	struct dmzg_src_rule tree = { .op = DMZG_RULE_WRITE,
				      .action = DMZG_ALLOW,
				      .path = "/srv/**" };
	struct dmzg_src_rule named = { .op = DMZG_RULE_WRITE,
				       .action = DMZG_ALLOW,
				       .path = "/proc/*/oom_score_adj" };
	struct dmzg_src_rule bad = { .op = DMZG_RULE_WRITE,
				     .action = DMZG_ALLOW, .path = "srv" };
	struct dmzg_src_policy src;
	struct dmzg_src_profile *a;
	const struct dmzg_path_rule *t;
	struct dmzg_policy *pol;
	const char *why = NULL;

	dmzg_src_init(&src);
	a = new_prof(test, "web", "/usr/sbin/nginx");
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_profile(&src, a, &why));
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_rule(&src, a, &tree, &why));
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_rule(&src, a, &named, &why));
	KUNIT_EXPECT_EQ(test, -EINVAL, dmzg_src_add_rule(&src, a, &bad, &why));
	KUNIT_EXPECT_STREQ(test, why,
			   "write rule needs a valid absolute path pattern");
	pol = dmzg_policy_build(&src, &why);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	KUNIT_EXPECT_EQ(test, 2U, pol->profiles[0].write.n);
	KUNIT_EXPECT_EQ(test, 1U, pol->profiles[0].write_named.n);
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			dmzg_path_set_match(&pol->profiles[0].write,
					    "/srv/a/b", 8, &t));
	KUNIT_EXPECT_EQ(test, DMZG_NO_MATCH,
			dmzg_path_set_match(&pol->profiles[0].write_named,
					    "/srv/a/b", 8, &t));
	KUNIT_EXPECT_EQ(test, DMZG_ALLOW,
			dmzg_path_set_match(&pol->profiles[0].write_named,
					    "/proc/12/oom_score_adj", 22, &t));
	/* One counter per rule: the named set counts where the full one does. */
	KUNIT_EXPECT_PTR_EQ(test, t->hits, pol->profiles[0].write.rules[1].hits);
	KUNIT_EXPECT_PTR_EQ(test, t->hits, &pol->profiles[0].hits[1]);
	dmzg_policy_free(pol);
	dmzg_src_free(&src);
}

/*
 * "netlink" is every netlink protocol: its rules decide the route class
 * too, and a rule naming the route class decides only that one.
 */
static void sock_classes_netlink_covers_route(struct kunit *test)
{
	const u32 nl = BIT(DMZG_SOCK_NETLINK), rt = BIT(DMZG_SOCK_NETLINK_ROUTE);

	KUNIT_EXPECT_EQ(test, 0U, dmzg_sock_classes_allowed(0, 0) & (nl | rt));
	KUNIT_EXPECT_EQ(test, rt, dmzg_sock_classes_allowed(rt, 0) & (nl | rt));
	KUNIT_EXPECT_EQ(test, nl | rt,
			dmzg_sock_classes_allowed(nl, 0) & (nl | rt));
	KUNIT_EXPECT_EQ(test, nl, dmzg_sock_classes_allowed(nl, rt) & (nl | rt));
	KUNIT_EXPECT_EQ(test, 0U, dmzg_sock_classes_allowed(rt, nl) & (nl | rt));
	KUNIT_EXPECT_EQ(test, (u32)DMZG_SOCK_DEFAULT_ALLOW,
			dmzg_sock_classes_allowed(0, 0));
}

static void build_rejects_unknown_transition(struct kunit *test)
{
	struct dmzg_src_policy src;
	struct dmzg_src_profile *a;
	struct dmzg_policy *pol;
	const char *why = NULL;

	dmzg_src_init(&src);
	a = new_prof(test, "web", "/usr/sbin/nginx");
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_profile(&src, a, &why));
	KUNIT_ASSERT_EQ(test, 0, add_exec(&src, a, "/usr/bin/x", DMZG_ALLOW,
					  "missing", &why));
	pol = dmzg_policy_build(&src, &why);
	KUNIT_EXPECT_TRUE(test, IS_ERR(pol));
	KUNIT_EXPECT_STREQ(test, why,
			   "exec transition names a profile that is not in the policy");
	dmzg_src_free(&src);
	/* An empty policy is refused too. */
	pol = dmzg_policy_build(&src, &why);
	KUNIT_EXPECT_TRUE(test, IS_ERR(pol));
}

/* A compiled policy of one profile "web" with the given exec rules. */
static struct dmzg_policy *build_exec(struct kunit *test,
				      const char *const *paths, int n)
{
	struct dmzg_src_profile *a = new_prof(test, "web", NULL);
	struct dmzg_src_policy src;
	struct dmzg_policy *pol;
	const char *why = NULL;
	int i;

	dmzg_src_init(&src);
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_profile(&src, a, &why));
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, 0, add_exec(&src, a, paths[i],
						  DMZG_ALLOW, NULL, &why));
	pol = dmzg_policy_build(&src, &why);
	dmzg_src_free(&src);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	return pol;
}

/*
 * A load keeps the counters of the rules it keeps: the same rules of a
 * kind, in order, up to the first that differs; a counter only grows.
 */
static void carry_hits_keeps_unchanged_rules(struct kunit *test)
{
	static const char *const before[] = { "/bin/a", "/bin/b", "/bin/c" };
	static const char *const after[] = { "/bin/a", "/bin/x", "/bin/c" };
	struct dmzg_policy *old = build_exec(test, before, 3);
	struct dmzg_policy *new = build_exec(test, after, 3);
	struct dmzg_profile *o = &old->profiles[0], *p = &new->profiles[0];

	atomic64_set(&o->hits[0].count, 5);
	o->hits[0].last = 1000;
	atomic64_set(&o->hits[2].count, 7);
	atomic64_set(&o->default_hits[DMZG_RULE_EXEC].count, 3);
	atomic64_set(&p->hits[0].count, 9);
	dmzg_policy_carry_hits(new, old);
	KUNIT_EXPECT_EQ(test, 9LL, atomic64_read(&p->hits[0].count));
	KUNIT_EXPECT_EQ(test, 1000LL, p->hits[0].last);
	KUNIT_EXPECT_EQ(test, 0LL, atomic64_read(&p->hits[1].count));
	KUNIT_EXPECT_EQ(test, 0LL, atomic64_read(&p->hits[2].count));
	KUNIT_EXPECT_EQ(test, 3LL,
			atomic64_read(&p->default_hits[DMZG_RULE_EXEC].count));
	KUNIT_EXPECT_NE(test, old->generation, new->generation);
	dmzg_policy_renumber(old);
	KUNIT_EXPECT_GT(test, old->generation, new->generation);
	dmzg_policy_free(old);
	dmzg_policy_free(new);
}

/* A policy of one profile "web" with the given rules. */
static struct dmzg_policy *build_rules(struct kunit *test,
				       const struct dmzg_src_rule *rules,
				       int n)
{
	struct dmzg_src_profile *a = new_prof(test, "web", NULL);
	struct dmzg_src_policy src;
	struct dmzg_policy *pol;
	const char *why = NULL;
	int i;

	dmzg_src_init(&src);
	KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_profile(&src, a, &why));
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, 0, dmzg_src_add_rule(&src, a, &rules[i],
							   &why));
	pol = dmzg_policy_build(&src, &why);
	dmzg_src_free(&src);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	return pol;
}

/*
 * Kinds of rules come in the order exec, unix, write, connect, bind,
 * whatever their numbers: a change that drops the only unix rule keeps
 * the counters of the connect and bind rules after it.
 */
static void carry_hits_across_kinds(struct kunit *test)
{
	const struct dmzg_src_rule ex = { .op = DMZG_RULE_EXEC,
					  .action = DMZG_ALLOW,
					  .path = "/bin/a" };
	const struct dmzg_src_rule un = { .op = DMZG_RULE_UNIX,
					  .action = DMZG_ALLOW,
					  .path = "/run/a.sock" };
	const struct dmzg_src_rule co = { .op = DMZG_RULE_CONNECT,
					  .action = DMZG_ALLOW,
					  .proto = DMZG_PROTO_TCP,
					  .family = DMZG_FAMILY_V4,
					  .addr = { 10, 0, 0, 5 }, .prefix = 32,
					  .port_lo = 25, .port_hi = 25 };
	const struct dmzg_src_rule bi = { .op = DMZG_RULE_BIND,
					  .action = DMZG_ALLOW,
					  .proto = DMZG_PROTO_TCP,
					  .family = DMZG_FAMILY_V4,
					  .prefix = 0, .port_lo = 21,
					  .port_hi = 21 };
	const struct dmzg_src_rule before[] = { ex, un, co, bi };
	const struct dmzg_src_rule after[] = { bi, co, ex };
	struct dmzg_policy *old = build_rules(test, before, 4);
	struct dmzg_policy *new = build_rules(test, after, 3);
	struct dmzg_profile *o = &old->profiles[0], *p = &new->profiles[0];

	/* Counters in the order exec, unix, write, connect, bind. */
	atomic64_set(&o->hits[0].count, 1);
	atomic64_set(&o->hits[1].count, 2);
	atomic64_set(&o->hits[2].count, 3);
	atomic64_set(&o->hits[3].count, 4);
	dmzg_policy_carry_hits(new, old);
	KUNIT_EXPECT_EQ(test, 1LL, atomic64_read(&p->hits[0].count));
	KUNIT_EXPECT_EQ(test, 3LL, atomic64_read(&p->hits[1].count));
	KUNIT_EXPECT_EQ(test, 4LL, atomic64_read(&p->hits[2].count));
	dmzg_policy_free(old);
	dmzg_policy_free(new);
}

static struct kunit_case policy_test_cases[] = {
	KUNIT_CASE(carry_hits_across_kinds),
	KUNIT_CASE(carry_hits_keeps_unchanged_rules),
	KUNIT_CASE(src_rejects_bad_input),
	KUNIT_CASE(build_resolves_and_looks_up),
	KUNIT_CASE(build_rejects_unknown_transition),
	KUNIT_CASE(build_splits_named_write_rules),
	KUNIT_CASE(sock_classes_netlink_covers_route),
	{}
};

static struct kunit_suite policy_test_suite = {
	.name = "dmzguard_policy",
	.test_cases = policy_test_cases,
};

kunit_test_suite(policy_test_suite);
