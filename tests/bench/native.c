// SPDX-License-Identifier: GPL-2.0
/*
 * Native micro-benchmarks of the module's decision code: the very sources
 * in kmod/ (hidx, glob, match_path, match_net, policy_src, policy), built
 * in userspace against shim/ instead of the kernel.  For 10 to 100,000
 * rules it times exec-path lookups and CIDR lookups (hits and misses, over
 * a working set far larger than the caches' sweet spot), counts bytes per
 * rule, and times the compile of a 10,000-rule policy into its lookup
 * structures.  Every lookup it times is checked: each probe is first
 * looked up alone and must return the verdict its kind wants (allow for
 * a hit, no match for a miss), and every timed run counts its right
 * verdicts; one wrong verdict ends the program with status 1.
 *
 * Output, one figure a line ("param NAME VALUE" lines say how it measured):
 *   exec-hit|exec-miss|exec-pattern|cidr-hit|cidr-miss RULES NS-PER-LOOKUP
 *   exec-bytes|cidr-bytes RULES BYTES-PER-RULE
 *   policy-bytes RULES BYTES        policy-compile-ms RULES MS
 * A set smaller than 20 rules has no pattern rule, so no exec-pattern line.
 * Usage: native [--quick] [--corrupt-probe]
 *   --corrupt-probe  replace the first exec hit probe by a path no rule
 *                    matches: the check must fail (the harness self-test)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>

#include "shim/kshim.h"
#include "../../kmod/match_net.h"
#include "../../kmod/match_path.h"
#include "../../kmod/policy.h"

#define RUNS 7			/* timed runs per figure; the median is kept */
#define COMPILE_RUNS 5
#define NPROBE 4096		/* distinct probes per set */
#define PATTERN_EVERY 20	/* one exec rule in 20 is a pattern */

static int corrupt_probe;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static u32 rnd_state = 2463534242u;

static u32 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* Realistic paths: a package directory and a binary in it. */
static void rule_path(char *buf, size_t size, u32 i)
{
	snprintf(buf, size, "/usr/lib/pkg%u/bin/tool-%u", i % 997, i);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *t, int n)
{
	qsort(t, n, sizeof(t[0]), cmp_double);
	return t[n / 2];
}

static const char *verdict(int v)
{
	return v == DMZG_NO_MATCH ? "no match" : v == DMZG_ALLOW ? "allow" :
	       v == DMZG_DENY ? "deny" : "an unknown verdict";
}

/* What is being measured, for the figure's line and any error. */
struct probe_kind {
	const char *set;	/* "exec" or "cidr" */
	const char *kind;	/* "hit", "miss", "pattern" */
	u32 rules;
	int want;		/* the verdict every probe must get */
};

static void wrong(const struct probe_kind *k, const char *probe, int got)
{
	fprintf(stderr, "native: %s %u rules, %s probe %s: got %s, want %s\n",
		k->set, k->rules, k->kind, probe, verdict(got),
		verdict(k->want));
	exit(1);
}

struct path_ctx {
	struct dmzg_path_set set;
	char (*probe)[96];
};

static inline int path_one(const void *p, u32 i)
{
	const struct path_ctx *c = p;
	const char *s = c->probe[i % NPROBE];
	const struct dmzg_path_rule *hit;

	return dmzg_path_set_match(&c->set, s, strlen(s), &hit);
}

static void path_name(const void *p, u32 i, char *buf, size_t size)
{
	const struct path_ctx *c = p;

	snprintf(buf, size, "%s", c->probe[i]);
}

struct net_ctx {
	struct dmzg_net_set set;
	struct dmzg_addr *probe;
};

static inline int net_one(const void *p, u32 i)
{
	const struct net_ctx *c = p;
	const struct dmzg_net_rule *hit;

	return dmzg_net_set_match(&c->set, &c->probe[i % NPROBE],
				  DMZG_PROTO_TCP, 443, &hit);
}

static void net_name(const void *p, u32 i, char *buf, size_t size)
{
	const u8 *a = ((const struct net_ctx *)p)->probe[i].addr;

	snprintf(buf, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

/*
 * FN: N timed lookups, each an inlined ONE; returns how many got the
 * verdict WANT.
 */
#define TIMED_LOOKUPS(fn, one)					\
static u32 fn(const void *ctx, u32 n, int want)			\
{								\
	u32 right = 0;						\
								\
	for (u32 i = 0; i < n; i++)				\
		right += one(ctx, i) == want;			\
	return right;						\
}
TIMED_LOOKUPS(path_lookups, path_one)
TIMED_LOOKUPS(net_lookups, net_one)

struct bench_ops {
	u32 (*lookups)(const void *ctx, u32 n, int want);
	int (*one)(const void *ctx, u32 i);
	void (*name)(const void *ctx, u32 i, char *buf, size_t size);
};

static const struct bench_ops path_ops = { path_lookups, path_one, path_name };
static const struct bench_ops net_ops = { net_lookups, net_one, net_name };

/*
 * Check every probe, then time RUNS runs of LOOKUPS lookups, each of
 * which must get the wanted verdict; print the median ns per lookup.
 */
static void measure(const struct bench_ops *ops, const void *ctx,
		    const struct probe_kind *k, u32 lookups)
{
	double t[RUNS];
	char name[96];

	for (u32 i = 0; i < NPROBE; i++) {
		int got = ops->one(ctx, i);

		if (got != k->want) {
			ops->name(ctx, i, name, sizeof(name));
			wrong(k, name, got);
		}
	}
	for (int r = 0; r < RUNS; r++) {
		double s = now_ns();
		u32 right = ops->lookups(ctx, lookups, k->want);

		t[r] = (now_ns() - s) / lookups;
		if (right != lookups) {
			fprintf(stderr, "native: %s %u rules, %s run %d: %u of %u lookups did not get %s\n",
				k->set, k->rules, k->kind, r + 1, lookups - right,
				lookups, verdict(k->want));
			exit(1);
		}
	}
	printf("%s-%s %u %.1f\n", k->set, k->kind, k->rules, median(t, RUNS));
}

static void bench_paths(u32 n, u32 lookups)
{
	struct dmzg_path_rule *rules = calloc(n, sizeof(*rules));
	struct path_ctx c = { .probe = calloc(NPROBE, sizeof(*c.probe)) };
	struct probe_kind k = { "exec", "hit", n, DMZG_ALLOW };
	char buf[96];

	for (u32 i = 0; i < n; i++) {
		rule_path(buf, sizeof(buf), i);
		if (i % PATTERN_EVERY == PATTERN_EVERY - 1)
			snprintf(buf, sizeof(buf), "/opt/app%u/bin/*", i);
		rules[i].path = strdup(buf);
		rules[i].len = strlen(buf);
		rules[i].action = DMZG_ALLOW;
		rules[i].target = DMZG_NO_TARGET;
	}
	if (dmzg_path_set_build(&c.set, rules, n)) {
		fprintf(stderr, "native: exec %u rules: path set build failed\n", n);
		exit(1);
	}
	/* Hits: exact rules (the rule before a pattern stands in for it). */
	for (u32 i = 0; i < NPROBE; i++) {
		u32 r = rnd() % n;

		if (r % PATTERN_EVERY == PATTERN_EVERY - 1)
			r--;
		rule_path(c.probe[i], sizeof(c.probe[i]), r);
	}
	if (corrupt_probe)
		strcpy(c.probe[0], "/usr/lib/no-such-rule");
	measure(&path_ops, &c, &k, lookups);
	for (u32 i = 0; i < NPROBE; i++)
		snprintf(c.probe[i], sizeof(c.probe[i]), "/usr/bin/sh%u", i);
	k.kind = "miss";
	k.want = DMZG_NO_MATCH;
	measure(&path_ops, &c, &k, lookups);
	/* Patterns: a file under the directory of an existing pattern rule. */
	if (n >= PATTERN_EVERY) {
		for (u32 i = 0; i < NPROBE; i++) {
			u32 r = (rnd() % (n / PATTERN_EVERY)) * PATTERN_EVERY +
				PATTERN_EVERY - 1;

			snprintf(c.probe[i], sizeof(c.probe[i]), "/opt/app%u/bin/x", r);
		}
		k.kind = "pattern";
		k.want = DMZG_ALLOW;
		measure(&path_ops, &c, &k, lookups);
	}
	printf("exec-bytes %u %.0f\n", n, (double)dmzg_path_set_bytes(&c.set) / n);
	dmzg_path_set_free(&c.set);
	free(c.probe);
}

static void bench_nets(u32 n, u32 lookups)
{
	struct dmzg_net_rule *rules = calloc(n, sizeof(*rules));
	struct net_ctx c = { .probe = calloc(NPROBE, sizeof(*c.probe)) };
	struct probe_kind k = { "cidr", "hit", n, DMZG_ALLOW };

	for (u32 i = 0; i < n; i++) {
		u8 a[16] = { 10, (u8)(i >> 16), (u8)(i >> 8), (u8)i };
		/* Mostly hosts, some /24 networks, a few IPv6 /48. */
		u8 prefix = i % 10 == 9 ? 24 : 32;

		if (i % 100 == 99) {
			u8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, (u8)(i >> 8),
				      (u8)i };

			dmzg_net_rule_init(&rules[i], DMZG_FAMILY_V6, v6, 48,
					   DMZG_ALLOW, DMZG_PROTO_TCP, 443, 443);
			continue;
		}
		if (prefix == 24)
			a[3] = 0;
		dmzg_net_rule_init(&rules[i], DMZG_FAMILY_V4, a, prefix,
				   DMZG_ALLOW, DMZG_PROTO_TCP, 1, 65535);
	}
	if (dmzg_net_set_build(&c.set, rules, n)) {
		fprintf(stderr, "native: cidr %u rules: net set build failed\n", n);
		exit(1);
	}
	/* Hits: the address of an IPv4 rule (or inside its /24). */
	for (u32 i = 0; i < NPROBE; i++) {
		u32 r = rnd() % n;

		dmzg_addr_from_in4(&c.probe[i],
				   htonl(0x0a000000 | (r % 100 == 99 ? r - 1 : r)));
	}
	measure(&net_ops, &c, &k, lookups);
	for (u32 i = 0; i < NPROBE; i++)
		dmzg_addr_from_in4(&c.probe[i], htonl(0xc0a80000 | i));
	k.kind = "miss";
	k.want = DMZG_NO_MATCH;
	measure(&net_ops, &c, &k, lookups);
	printf("cidr-bytes %u %.0f\n", n, (double)dmzg_net_set_bytes(&c.set) / n);
	dmzg_net_set_free(&c.set);
	free(c.probe);
}

/* One profile of N rules, half exact exec paths, half IPv4 hosts. */
static void compile_source(struct dmzg_src_policy *src, u32 n)
{
	struct dmzg_src_profile *p = calloc(1, sizeof(*p));
	const char *why = "";
	char buf[96];

	dmzg_src_init(src);
	strcpy(p->name, "big");
	memset(p->defaults, DMZG_DENY, sizeof(p->defaults));
	if (dmzg_src_add_profile(src, p, &why)) {
		fprintf(stderr, "native: compile: profile: %s\n", why);
		exit(1);
	}
	for (u32 i = 0; i < n; i++) {
		struct dmzg_src_rule rule = { .action = DMZG_ALLOW };

		if (i % 2) {
			rule.op = DMZG_RULE_EXEC;
			rule_path(buf, sizeof(buf), i);
			rule.path = buf;
		} else {
			rule.op = DMZG_RULE_CONNECT;
			rule.proto = DMZG_PROTO_TCP;
			rule.family = DMZG_FAMILY_V4;
			rule.prefix = 32;
			rule.port_lo = 1;
			rule.port_hi = 65535;
			rule.addr[0] = 10;
			rule.addr[1] = (u8)(i >> 16);
			rule.addr[2] = (u8)(i >> 8);
			rule.addr[3] = (u8)i;
		}
		if (dmzg_src_add_rule(src, p, &rule, &why)) {
			fprintf(stderr, "native: compile: rule %u: %s\n", i, why);
			exit(1);
		}
	}
}

/* The kernel's side of a load: validate every rule, then compile. */
static void bench_compile(u32 n)
{
	double t[COMPILE_RUNS];

	for (int r = 0; r < COMPILE_RUNS; r++) {
		struct dmzg_src_policy src;
		struct dmzg_policy *pol;
		const char *why = "";
		double s = now_ns();

		compile_source(&src, n);
		pol = dmzg_policy_build(&src, &why);
		t[r] = (now_ns() - s) / 1e6;
		if (IS_ERR(pol)) {
			fprintf(stderr, "native: compile %u rules: %s\n", n, why);
			exit(1);
		}
		if (pol->nrules != n) {
			fprintf(stderr, "native: compile %u rules: the policy has %u\n",
				n, pol->nrules);
			exit(1);
		}
		if (r == 0)
			printf("policy-bytes %u %zu\n", n, pol->bytes);
		dmzg_policy_free(pol);
		dmzg_src_free(&src);
	}
	printf("policy-compile-ms %u %.2f\n", n, median(t, COMPILE_RUNS));
}

int main(int argc, char **argv)
{
	static const u32 sizes[] = { 10, 1000, 10000, 100000 };
	u32 lookups = 2000000;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			lookups = 20000;
		} else if (!strcmp(argv[i], "--corrupt-probe")) {
			corrupt_probe = 1;
		} else {
			fprintf(stderr, "usage: native [--quick] [--corrupt-probe]\n");
			return 2;
		}
	}
	printf("param lookups %u\nparam probes %u\nparam runs %u\n",
	       lookups, NPROBE, RUNS);
	printf("param compile-runs %u\nparam pattern-every %u\n",
	       COMPILE_RUNS, PATTERN_EVERY);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_paths(sizes[i], lookups);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_nets(sizes[i], lookups);
	bench_compile(10000);
	return 0;
}
