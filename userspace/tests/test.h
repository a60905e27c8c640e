/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small test harness: each TEST prints "PASS name" or "FAIL name", and a
 * failed expectation names file, line, expected and actual.
 */
#ifndef DMZG_TEST_H
#define DMZG_TEST_H

#include <stdio.h>
#include <string.h>

/* Defined in unit_tests.c, shared by every test file. */
extern int t_failed;		/* expectations failed in the current test */
extern int t_pass, t_fail;

/* The command-line tests, in unit_cli.c, and the other test files. */
void run_cli_tests(void);
void run_suggest_tests(void);
void run_json_tests(void);
void run_diff_tests(void);
void run_mode_tests(void);
void run_change_tests(void);
void run_journal_tests(void);

/*
 * Run "dmzguardctl ARGS..." (NULL-ended) as main() would, the module
 * faked (fake_ipc.h); its stdout and stderr land in cli_out and cli_err.
 * Return: its exit code.
 */
#define CLI_OUTPUT_MAX 65536
extern char cli_out[CLI_OUTPUT_MAX], cli_err[CLI_OUTPUT_MAX];
int run_cli(const char *arg, ...);
/* Write @text to @path.  Return: 0 or -1. */
int write_text(const char *path, const char *text);
/* The same as run_cli(), by the name the replay and learn tests use. */
#define cli_run run_cli
/* The tests of replay and the event sources, in unit_replay.c. */
void run_replay_tests(void);
/* The tests of learn from files, in unit_learn.c. */
void run_learn_tests(void);

#define EXPECT_INT(expected, actual) do {				\
	long long e_ = (long long)(expected), a_ = (long long)(actual);	\
	if (e_ != a_) {							\
		printf("    %s:%d: expected %s == %lld, got %lld\n",	\
		       __FILE__, __LINE__, #actual, e_, a_);		\
		t_failed++;						\
	}								\
} while (0)

#define EXPECT_STR(expected, actual) do {				\
	const char *e_ = (expected), *a_ = (actual);			\
	if (!a_ || strcmp(e_, a_)) {					\
		printf("    %s:%d: expected %s == \"%s\", got \"%s\"\n", \
		       __FILE__, __LINE__, #actual, e_, a_ ? a_ : "(null)"); \
		t_failed++;						\
	}								\
} while (0)

#define EXPECT_CONTAINS(needle, hay) do {				\
	const char *n_ = (needle), *h_ = (hay);				\
	if (!h_ || !strstr(h_, n_)) {					\
		printf("    %s:%d: expected %s to contain \"%s\", got \"%s\"\n", \
		       __FILE__, __LINE__, #hay, n_, h_ ? h_ : "(null)"); \
		t_failed++;						\
	}								\
} while (0)

#define RUN(fn) do {							\
	t_failed = 0;							\
	fn();								\
	if (t_failed) {							\
		printf("FAIL %s\n", #fn);				\
		t_fail++;						\
	} else {							\
		printf("PASS %s\n", #fn);				\
		t_pass++;						\
	}								\
} while (0)

#endif
