// SPDX-License-Identifier: GPL-2.0
/*
 * Native micro-benchmarks of the module's decision code: the very sources
 * in kmod/ (hidx, glob, match_path, match_net, policy_src, policy), built
 * in userspace against shim/ instead of the kernel.  For 10 to 100,000
 * rules it prints ns per exec-path lookup and per CIDR lookup (hits and
 * misses, over a working set far larger than the caches' sweet spot),
 * bytes per rule, and the time to compile a 10,000-rule policy into its
 * lookup structures.
 * Usage: native [--quick]
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>

#include "shim/kshim.h"
#include "../../kmod/match_net.h"
#include "../../kmod/match_path.h"
#include "../../kmod/policy.h"

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

/* Median of 7 runs of LOOKUPS calls of fn; ns per call. */
#define RUNS 7
static double time_lookups(void (*fn)(void *, u32), void *ctx, u32 lookups)
{
	double t[RUNS];

	for (int r = 0; r < RUNS; r++) {
		double s = now_ns();

		fn(ctx, lookups);
		t[r] = (now_ns() - s) / lookups;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	return t[RUNS / 2];
}

struct path_ctx {
	struct dmzg_path_set set;
	char (*probe)[96];
	u32 nprobe;
	long sink;
};

static void path_lookups(void *p, u32 n)
{
	struct path_ctx *c = p;
	u16 t;

	for (u32 i = 0; i < n; i++) {
		const char *s = c->probe[i % c->nprobe];

		c->sink += dmzg_path_set_match(&c->set, s, strlen(s), &t);
	}
}

struct net_ctx {
	struct dmzg_net_set set;
	struct dmzg_addr *probe;
	u32 nprobe;
	long sink;
};

static void net_lookups(void *p, u32 n)
{
	struct net_ctx *c = p;

	for (u32 i = 0; i < n; i++)
		c->sink += dmzg_net_set_match(&c->set, &c->probe[i % c->nprobe],
					      DMZG_PROTO_TCP, 443);
}

static void bench_paths(u32 n, u32 lookups)
{
	struct dmzg_path_rule *rules = calloc(n, sizeof(*rules));
	struct path_ctx c = { .nprobe = 4096 };
	size_t strings = 0;
	char buf[96];
	double hit, miss, pat;

	for (u32 i = 0; i < n; i++) {
		rule_path(buf, sizeof(buf), i);
		/* One rule in 20 is a pattern, as in real profiles. */
		if (i % 20 == 19)
			snprintf(buf, sizeof(buf), "/opt/app%u/bin/*", i);
		rules[i].path = strdup(buf);
		rules[i].len = strlen(buf);
		rules[i].action = DMZG_ALLOW;
		rules[i].target = DMZG_NO_TARGET;
		strings += rules[i].len + 1;
	}
	if (dmzg_path_set_build(&c.set, rules, n)) {
		fprintf(stderr, "path set build failed\n");
		exit(1);
	}
	c.probe = calloc(c.nprobe, sizeof(*c.probe));
	for (u32 i = 0; i < c.nprobe; i++) {
		u32 k = rnd() % n;

		rule_path(c.probe[i], sizeof(c.probe[i]), k % 20 == 19 ? k - 1 : k);
	}
	hit = time_lookups(path_lookups, &c, lookups);
	for (u32 i = 0; i < c.nprobe; i++)
		snprintf(c.probe[i], sizeof(c.probe[i]), "/usr/bin/sh%u", i);
	miss = time_lookups(path_lookups, &c, lookups);
	for (u32 i = 0; i < c.nprobe; i++) {
		u32 k = (rnd() % (n / 20 + 1)) * 20 + 19;

		snprintf(c.probe[i], sizeof(c.probe[i]), "/opt/app%u/bin/x", k);
	}
	pat = n >= 20 ? time_lookups(path_lookups, &c, lookups) : 0;
	printf("exec  %7u rules: hit %6.1f ns  miss %6.1f ns  pattern %6.1f ns  %5.0f bytes/rule\n",
	       n, hit, miss, pat,
	       (double)dmzg_path_set_bytes(&c.set) / n);
	(void)strings;
	dmzg_path_set_free(&c.set);
	free(c.probe);
}

static void bench_nets(u32 n, u32 lookups)
{
	struct dmzg_net_rule *rules = calloc(n, sizeof(*rules));
	struct net_ctx c = { .nprobe = 4096 };
	double hit, miss;

	for (u32 i = 0; i < n; i++) {
		u8 a[16] = { 10, (u8)(i >> 16), (u8)(i >> 8), (u8)i };
		/* Mostly hosts, some /24 and /16 networks, a few IPv6. */
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
		fprintf(stderr, "net set build failed\n");
		exit(1);
	}
	c.probe = calloc(c.nprobe, sizeof(*c.probe));
	for (u32 i = 0; i < c.nprobe; i++) {
		u32 k = rnd() % n;

		dmzg_addr_from_in4(&c.probe[i],
				   htonl(0x0a000000 | (k % 100 == 99 ? k - 1 : k)));
	}
	hit = time_lookups(net_lookups, &c, lookups);
	for (u32 i = 0; i < c.nprobe; i++)
		dmzg_addr_from_in4(&c.probe[i], htonl(0xc0a80000 | i));
	miss = time_lookups(net_lookups, &c, lookups);
	printf("cidr  %7u rules: hit %6.1f ns  miss %6.1f ns  %5.0f bytes/rule\n",
	       n, hit, miss, (double)dmzg_net_set_bytes(&c.set) / n);
	dmzg_net_set_free(&c.set);
	free(c.probe);
}

/* The kernel's side of a load: validate every rule, then compile. */
static void bench_compile(u32 n)
{
	double t[5], s;

	for (int r = 0; r < 5; r++) {
		struct dmzg_src_policy src;
		struct dmzg_src_profile *p = calloc(1, sizeof(*p));
		struct dmzg_policy *pol;
		const char *why = "";
		char buf[96];

		s = now_ns();
		dmzg_src_init(&src);
		strcpy(p->name, "big");
		memset(p->defaults, DMZG_DENY, sizeof(p->defaults));
		if (dmzg_src_add_profile(&src, p, &why)) {
			fprintf(stderr, "profile: %s\n", why);
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
			if (dmzg_src_add_rule(&src, p, &rule, &why)) {
				fprintf(stderr, "rule %u: %s\n", i, why);
				exit(1);
			}
		}
		pol = dmzg_policy_build(&src, &why);
		t[r] = (now_ns() - s) / 1e6;
		if (IS_ERR(pol)) {
			fprintf(stderr, "build: %s\n", why);
			exit(1);
		}
		if (r == 0)
			printf("policy %u rules: %zu bytes in the kernel (%.0f bytes/rule)\n",
			       n, pol->bytes, (double)pol->bytes / n);
		dmzg_policy_free(pol);
		dmzg_src_free(&src);
	}
	qsort(t, 5, sizeof(t[0]), cmp_double);
	printf("policy %u rules: validated and compiled in %.2f ms (median of 5)\n",
	       n, t[2]);
}

int main(int argc, char **argv)
{
	int quick = argc > 1 && !strcmp(argv[1], "--quick");
	static const u32 sizes[] = { 10, 1000, 10000, 100000 };
	u32 lookups = quick ? 20000 : 2000000;

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_paths(sizes[i], lookups);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_nets(sizes[i], lookups);
	bench_compile(10000);
	return 0;
}
