// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for path patterns: a table of cases, then the iterative
 * matcher checked against a plain recursive definition on many generated
 * patterns and paths.
 */
#include <kunit/test.h>
#include <linux/random.h>
#include <linux/string.h>

#include "../glob.h"
#include "../uapi/dmzguard.h"

struct glob_case {
	const char *pat, *path;
	bool match;
};

static const struct glob_case glob_cases[] = {
	{ "/bin/sh", "/bin/sh", true },
	{ "/bin/sh", "/bin/sha", false },
	{ "/bin/*", "/bin/sh", true },
	{ "/bin/*", "/bin/", true },
	{ "/bin/*", "/bin/x/sh", false },
	{ "/usr/lib/ftp/**", "/usr/lib/ftp/a/b/c", true },
	{ "/usr/lib/ftp/**", "/usr/lib/ftp/", true },
	{ "/usr/lib/ftp/**", "/usr/lib/ftpx/a", false },
	{ "/usr/**/sh", "/usr/bin/sh", true },
	{ "/usr/**/sh", "/usr/a/b/c/sh", true },
	{ "/usr/**/sh", "/usr/a/b/c/bash", false },
	{ "/usr/*/python3*", "/usr/bin/python3.11", true },
	{ "/usr/*/python3*", "/usr/local/bin/python3", false },
	{ "/tmp/?", "/tmp/a", true },
	{ "/tmp/?", "/tmp/ab", false },
	{ "/tmp/?x", "/tmp//x", false },
	{ "/a*b*c", "/aXXbYYc", true },
	{ "/a*b*c", "/aXXbYY/c", false },
	{ "/**", "/anything/at/all", true },
	{ "/**.so", "/lib/x/libc.so", true },
	{ "/**/x*/y", "/a/xq/b/xr/y", true },
	{ "/**/x*/y", "/a/xq/b/y", false },
};

static void glob_table(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(glob_cases); i++) {
		const struct glob_case *c = &glob_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, c->match,
				    dmzg_glob_match(c->pat, strlen(c->pat),
						    c->path, strlen(c->path)),
				    "pattern %s path %s", c->pat, c->path);
	}
}

/* The definition, recursively: slow but obviously right. */
static bool ref_match(const char *p, const char *s)
{
	if (!*p)
		return !*s;
	if (p[0] == '*' && p[1] == '*') {
		do {
			if (ref_match(p + 2, s))
				return true;
		} while (*s++);
		return false;
	}
	if (*p == '*') {
		do {
			if (ref_match(p + 1, s))
				return true;
			if (*s == '/')
				return false;
		} while (*s++);
		return false;
	}
	if (!*s)
		return false;
	if (*p == '?' ? *s != '/' : *p == *s)
		return ref_match(p + 1, s + 1);
	return false;
}

static void gen(char *buf, int len, const char *alphabet, u32 *seed)
{
	int i, n = strlen(alphabet);

	buf[0] = '/';
	for (i = 1; i < len; i++) {
		*seed = *seed * 1103515245 + 12345;
		buf[i] = alphabet[(*seed >> 16) % n];
	}
	buf[len] = '\0';
	/* No "***": not a valid pattern. */
	while (strstr(buf, "***"))
		memcpy(strstr(buf, "***"), "*a*", 3);
}

static void glob_differential(struct kunit *test)
{
	char pat[16], str[16];
	u32 seed = 42;
	int i, mismatches = 0;

	for (i = 0; i < 200000; i++) {
		gen(pat, 2 + i % 9, "ab/*?", &seed);
		gen(str, 1 + (i / 3) % 12, "ab/", &seed);
		if (dmzg_glob_match(pat, strlen(pat), str, strlen(str)) !=
		    ref_match(pat, str)) {
			if (mismatches++ < 5)
				KUNIT_FAIL(test, "pattern %s path %s: got %d",
					   pat, str,
					   dmzg_glob_match(pat, strlen(pat), str,
							   strlen(str)));
		}
	}
	KUNIT_EXPECT_EQ(test, 0, mismatches);
}

static void glob_anchor(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 9, (int)dmzg_glob_anchor_len("/usr/bin/py*", 12));
	KUNIT_EXPECT_EQ(test, 13,
			(int)dmzg_glob_anchor_len("/usr/lib/ftp/**", 15));
	KUNIT_EXPECT_EQ(test, 1, (int)dmzg_glob_anchor_len("/**", 3));
	KUNIT_EXPECT_EQ(test, 5, (int)dmzg_glob_anchor_len("/bin/sh", 7));
	KUNIT_EXPECT_EQ(test, 8, (int)dmzg_glob_anchor_len("private/*", 9));
	KUNIT_EXPECT_EQ(test, 0, (int)dmzg_glob_anchor_len("*/bounce", 8));
}

static void glob_validate(struct kunit *test)
{
	size_t bad;

	KUNIT_EXPECT_EQ(test, DMZG_GLOB_OK,
			dmzg_glob_validate("/bin/*", 6, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_RELATIVE,
			dmzg_glob_validate("bin/sh", 6, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_EMPTY, dmzg_glob_validate("", 0, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_TRIPLE_STAR,
			dmzg_glob_validate("/a/***", 6, &bad));
	KUNIT_EXPECT_EQ(test, 3, (int)bad);
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_CONTROL_CHAR,
			dmzg_glob_validate("/a\nb", 4, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_TOO_MANY_WILDCARDS,
			dmzg_glob_validate("/*/*/*/*/*/*/*/*/*", 18, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_TOO_LONG,
			dmzg_glob_validate("/x", DMZG_PATH_MAX, &bad));
	/* Unix rules only: the same checks, but relative is fine. */
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_OK,
			dmzg_glob_validate_relative("private/*", 9, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_OK,
			dmzg_glob_validate_relative("/run/x", 6, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_EMPTY,
			dmzg_glob_validate_relative("", 0, &bad));
	KUNIT_EXPECT_EQ(test, DMZG_GLOB_TRIPLE_STAR,
			dmzg_glob_validate_relative("a/***", 5, &bad));
	KUNIT_EXPECT_EQ(test, 2, (int)bad);
}

static struct kunit_case glob_test_cases[] = {
	KUNIT_CASE(glob_table),
	KUNIT_CASE(glob_differential),
	KUNIT_CASE(glob_anchor),
	KUNIT_CASE(glob_validate),
	{}
};

static struct kunit_suite glob_test_suite = {
	.name = "dmzguard_glob",
	.test_cases = glob_test_cases,
};

kunit_test_suite(glob_test_suite);
