// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of learn from files: the rules learned from the records in
 * learn_events.log, their merge into learn.policy as a diff and in
 * place, pattern suggestions, the line diff and the text merge.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "ipc.h"
#include "learn_patterns.h"
#include "line_diff.h"
#include "policy_merge_text.h"
#include "test.h"

static const char learned_text[] =
	"# learned for profile smtpd\n"
	"\tconnect allow tcp 127.0.0.1 port 25\n"
	"\tunix allow /var/spool/postfix/private/rewrite\n"
	"\twrite allow /var/spool/postfix/active/4F2A1\n"
	"\t# covers /var/spool/postfix/pid/unix.123 and /var/spool/postfix/pid/unix.4567\n"
	"\twrite allow /var/spool/postfix/pid/unix.*\n"
	"\n"
	"# learned for profile web\n"
	"\t# covers /proc/4711/status and /proc/4712/status\n"
	"\twrite allow /proc/*/status\n"
	"\tbind allow tcp 0.0.0.0 port 443\n"
	"\t# covers /run/nginx/worker-3.sock and /run/nginx/worker-12.sock\n"
	"\tunix allow /run/nginx/worker-*.sock\n"
	"\twrite allow /var/www/a/index.html\n"
	"\twrite allow /var/www/b/index.html\n"
	"\n"
	"# learned for profile certbot\n"
	"\t# asked for net_admin, refused by default (it would undo the confinement); \"capability deny net_admin\" refuses it without a record\n";

/* The hunks of merging learn_events.log into learn.policy. */
#define MERGE_HUNKS \
	"@@ -9,10 +9,22 @@\n" \
	" \n" \
	" \twrite allow /var/spool/postfix/active/**\n" \
	" \twrite default deny\n" \
	"+\t# learned by dmzguardctl learn\n" \
	"+\tunix allow /var/spool/postfix/private/rewrite\n" \
	"+\t# covers /var/spool/postfix/pid/unix.123 and /var/spool/postfix/pid/unix.4567\n" \
	"+\twrite allow /var/spool/postfix/pid/unix.*\n" \
	" }\n" \
	" \n" \
	" profile web {\n" \
	" \tattach /usr/sbin/nginx\n" \
	" \tmode complain\n" \
	" \twrite default deny\n" \
	"+\t# learned by dmzguardctl learn\n" \
	"+\t# covers /proc/4711/status and /proc/4712/status\n" \
	"+\twrite allow /proc/*/status\n" \
	"+\tbind allow tcp 0.0.0.0 port 443\n" \
	"+\t# covers /run/nginx/worker-3.sock and /run/nginx/worker-12.sock\n" \
	"+\tunix allow /run/nginx/worker-*.sock\n" \
	"+\twrite allow /var/www/a/index.html\n" \
	"+\twrite allow /var/www/b/index.html\n" \
	" }\n"

/* certbot learned a note only: no empty profile is added for it. */
#define MERGE_NOTES \
	"dmzguardctl learn: profile 'certbot' is not in tests/learn.policy and learned no rule, only:\n" \
	"\t# asked for net_admin, refused by default (it would undo the confinement); \"capability deny net_admin\" refuses it without a record\n"

/* Complaints become rules; denials (an attack, maybe) do not. */
static void learns_from_recorded_complaints(void)
{
	EXPECT_INT(EXIT_OK, cli_run("learn", "--from", "tests/learn_events.log", NULL));
	EXPECT_STR(learned_text, cli_out);
	EXPECT_STR("", cli_err);
	EXPECT_INT(EXIT_OK, cli_run("learn", "--count", "1", "--from", "tests/learn_events.log", NULL));
	EXPECT_STR("# learned for profile smtpd\n\tconnect allow tcp 127.0.0.1 port 25\n", cli_out);
	EXPECT_INT(EXIT_USAGE, cli_run("learn", "--write", "--from", "x", NULL));
	EXPECT_STR("dmzguardctl learn: --write needs --merge FILE\n"
		   "Usage: dmzguardctl learn [--count N] [--seconds S | --from EVENTS [--from EVENTS...]]\n"
		   "       [--merge FILE [--write]]\n",
		   cli_err);
	EXPECT_INT(EXIT_USAGE, cli_run("learn", "--seconds", "5", "--from", "x", NULL));
	EXPECT_CONTAINS("dmzguardctl learn: --seconds is for listening, not for --from\n", cli_err);
	EXPECT_INT(EXIT_USAGE, cli_run("learn", "--from", "/nonexistent.log", NULL));
	EXPECT_STR("/nonexistent.log: cannot read: No such file or directory\n", cli_err);
}

/* Values that make no rule, or no profile, are reported, not learned. */
static void refuses_records_that_make_no_rule(void)
{
	char path[] = "/tmp/dmzg-learn-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (!f) {
		t_failed++;
		return;
	}
	fputs("dmzguard: complain op=capability profile=p pid=1 comm=c exe=/e cap=fly uid=0\n"
	      "dmzguard: complain op=write profile=p pid=1 comm=c exe=/e target=relative/x access=open uid=0\n"
	      "dmzguard: complain op=exec profile=p\\x0a pid=1 comm=c exe=/e target=/bin/x uid=0\n"
	      "dmzguard: complain op=exec profile=p pid=1 comm=c exe=/e target=/bin/ok uid=0\n", f);
	fclose(f);
	EXPECT_INT(EXIT_OK, cli_run("learn", "--from", path, NULL));
	EXPECT_STR("# learned for profile p\n\texec allow /bin/ok\n", cli_out);
	EXPECT_CONTAINS(":1:64: unreadable dmzguard record (makes no valid rule): 'dmzguard: complain op=capability profile=p pid=1 comm=c exe=/e cap=fly uid=0'\n", cli_err);
	EXPECT_CONTAINS(":2:59: unreadable dmzguard record (makes no valid rule): ", cli_err);
	EXPECT_CONTAINS(":3:28: unreadable dmzguard record (profile= is not a profile name): 'dmzguard: complain op=exec profile=p\\x0a pid=1", cli_err);
	unlink(path);
}

/* Postfix's clients connect to the relative names its master bound. */
static void learns_relative_unix_names(void)
{
	char path[] = "/tmp/dmzg-learn-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (!f) {
		t_failed++;
		return;
	}
	fputs("[  383.000001] dmzguard: complain op=connect profile=postfix pid=1236 comm=smtpd exe=/usr/lib/postfix/sbin/smtpd proto=unix dst=private/proxymap uid=0\n", f);
	fclose(f);
	EXPECT_INT(EXIT_OK, cli_run("learn", "--from", path, NULL));
	EXPECT_STR("# learned for profile postfix\n\tunix allow private/proxymap\n",
		   cli_out);
	EXPECT_STR("", cli_err);
	unlink(path);
}

/* What the file's policy allows already is not added; the rest is a diff. */
static void merges_into_a_policy_file(void)
{
	EXPECT_INT(EXIT_OK, cli_run("learn", "--from", "tests/learn_events.log",
				"--merge", "tests/learn.policy", NULL));
	EXPECT_STR("--- tests/learn.policy\n+++ tests/learn.policy (learned)\n"
		   MERGE_HUNKS, cli_out);
	EXPECT_STR(MERGE_NOTES,
		   cli_err);
}

/* Count the entries of @dir other than . and .. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* --write replaces the file in one step, keeping its mode. */
static void writes_the_merge_in_place(void)
{
	char dir[] = "/tmp/dmzg-learn-XXXXXX", path[64], cmd[256];
	struct stat st;
	FILE *f;

	if (!mkdtemp(dir)) {
		t_failed++;
		return;
	}
	snprintf(path, sizeof(path), "%s/p.policy", dir);
	snprintf(cmd, sizeof(cmd), "cp tests/learn.policy %s && chmod 640 %s",
		 path, path);
	if (system(cmd)) {
		t_failed++;
		return;
	}
	EXPECT_INT(EXIT_OK, cli_run("learn", "--from", "tests/learn_events.log",
				"--merge", path, "--write", NULL));
	EXPECT_CONTAINS(MERGE_HUNKS, cli_out);
	EXPECT_CONTAINS("/p.policy: updated\n", cli_err);
	EXPECT_INT(0, stat(path, &st));
	EXPECT_INT(0640, st.st_mode & 07777);
	EXPECT_INT(1, entries(dir));	/* no temporary file left */
	/* The file now allows all it learned: a second merge adds nothing. */
	EXPECT_INT(EXIT_OK, cli_run("learn", "--from", "tests/learn_events.log",
				"--merge", path, NULL));
	EXPECT_STR("", cli_out);
	EXPECT_CONTAINS("/p.policy: nothing to add\n", cli_err);
	/* A policy that does not parse is not merged into. */
	f = fopen(path, "w");
	if (f) {
		fputs("profile p {\n\tbogus\n}\n", f);
		fclose(f);
	}
	EXPECT_INT(EXIT_USAGE, cli_run("learn", "--from", "tests/learn_events.log",
				   "--merge", path, "--write", NULL));
	EXPECT_CONTAINS("/p.policy:2:2: unknown keyword 'bogus'", cli_err);
	/* A profile an included file defines is listed, not merged. */
	f = fopen(path, "w");
	if (f) {
		fputs("include web.policy\n", f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd),
		 "printf 'profile web {\\n\\tattach /usr/sbin/nginx\\n}\\n' > %s/web.policy",
		 dir);
	if (system(cmd))
		t_failed++;
	EXPECT_INT(EXIT_OK, cli_run("learn", "--from", "tests/learn_events.log",
				"--merge", path, NULL));
	EXPECT_CONTAINS("dmzguardctl learn: profile 'web' is defined in ", cli_err);
	EXPECT_CONTAINS("/web.policy, not merged; add there:\n"
			"\t# covers /proc/4711/status and /proc/4712/status\n"
			"\twrite allow /proc/*/status\n", cli_err);
	EXPECT_CONTAINS("+profile smtpd {\n", cli_out);
	if (strstr(cli_out, "profile web"))
		EXPECT_STR("no web block in the diff", cli_out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		t_failed++;
}

static void add_item(struct learned **items, size_t *n, const char *profile,
		     const char *rule)
{
	learn_add(items, n, profile, rule, NULL);
}

/* Only numbers are generalised, one component at a time, never "**". */
static void suggests_patterns_for_numbered_components(void)
{
	struct learned *items = NULL;
	size_t n = 0;

	add_item(&items, &n, "a", "write allow /proc/1/status");
	add_item(&items, &n, "a", "write allow /var/www/a/x");
	add_item(&items, &n, "a", "write allow /proc/22/status");
	add_item(&items, &n, "a", "write allow /var/www/b/x");
	add_item(&items, &n, "b", "write allow /proc/333/status");
	add_item(&items, &n, "a", "exec allow /proc/4/status");
	add_item(&items, &n, "a", "unix allow /run/1/2");
	add_item(&items, &n, "a", "unix allow /run/3/4");
	add_item(&items, &n, "a", "write allow /v/1.2.3.4.5.6.7.8.9");
	add_item(&items, &n, "a", "write allow /v/9.8.7.6.5.4.3.2.1");
	add_item(&items, &n, "a", "write allow /srv/v1/log");
	add_item(&items, &n, "a", "write allow /srv/v2/log");
	learn_suggest_patterns(&items, &n);
	EXPECT_INT(10, n);
	if (n == 10) {
		EXPECT_STR("write allow /proc/*/status", items[0].rule);
		EXPECT_STR("covers /proc/1/status and /proc/22/status", items[0].comment);
		EXPECT_STR("write allow /var/www/a/x", items[1].rule);
		EXPECT_STR("write allow /var/www/b/x", items[2].rule);
		EXPECT_STR("write allow /proc/333/status", items[3].rule);
		EXPECT_STR("exec allow /proc/4/status", items[4].rule);
		EXPECT_STR("unix allow /run/1/2", items[5].rule);
		EXPECT_STR("unix allow /run/3/4", items[6].rule);
		EXPECT_STR("write allow /v/1.2.3.4.5.6.7.8.9", items[7].rule);
		EXPECT_STR("write allow /v/9.8.7.6.5.4.3.2.1", items[8].rule);
		EXPECT_STR("write allow /srv/v*/log", items[9].rule);
		EXPECT_STR("covers /srv/v1/log and /srv/v2/log", items[9].comment);
	}
	for (size_t i = 0; i < n; i++) {
		if (strstr(items[i].rule, "**"))
			EXPECT_STR("no **", items[i].rule);
		free(items[i].rule);
		free(items[i].comment);
	}
	free(items);
}

static char *diff_of(const char *a, const char *b)
{
	static char buf[4096];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	if (!f)
		return NULL;
	line_diff_print(f, "old", "new", a, b);
	fclose(f);
	return buf;
}

/* The diff reads as diff -u's (checked against GNU diff's output). */
static void prints_unified_diffs(void)
{
	EXPECT_STR("", diff_of("a\nb\n", "a\nb\n"));
	EXPECT_STR("--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n",
		   diff_of("a\nb\nc\n", "a\nx\nc\n"));
	EXPECT_STR("--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n",
		   diff_of("", "a\nb\n"));
	EXPECT_STR("--- old\n+++ new\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n",
		   diff_of("a\nb", "a\nb\nc\n"));
	/* Changes far apart: two hunks of three lines of context. */
	EXPECT_STR("--- old\n+++ new\n"
		   "@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n"
		   "@@ -9,3 +10,4 @@\n 9\n 10\n 11\n+12\n",
		   diff_of("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n",
			   "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"));
}

/* Comments, blanks and indentation stay; lines go before the '}'. */
static void merges_text_keeping_the_rest(void)
{
	const char *web[] = { "write allow /x" }, *neu[] = { "exec allow /y" };
	struct merge_block blocks[] = {
		{ .profile = "web", .lines = web, .n = 1 },
		{ .profile = "new", .lines = neu, .n = 1 },
	};
	char *out = policy_text_merge(
		"# web { } profile web {\n"
		"profile webx {\n}\n"
		"profile web {   # the site\n"
		"    # two blanks\n\n"
		"    attach /usr/sbin/nginx\n"
		"  }  # end\n"
		"# tail", blocks, 2);

	EXPECT_STR("# web { } profile web {\n"
		   "profile webx {\n}\n"
		   "profile web {   # the site\n"
		   "    # two blanks\n\n"
		   "    attach /usr/sbin/nginx\n"
		   "    # learned by dmzguardctl learn\n"
		   "    write allow /x\n"
		   "  }  # end\n"
		   "# tail\n"
		   "\n"
		   "profile new {\n"
		   "\t# TODO: attach /path/to/the/daemon (without an attach line or\n"
		   "\t# an exec transition to it, this profile never applies)\n"
		   "\t# learned by dmzguardctl learn\n"
		   "\texec allow /y\n"
		   "}\n", out);
	free(out);
}

void run_learn_tests(void)
{
	RUN(learns_from_recorded_complaints);
	RUN(refuses_records_that_make_no_rule);
	RUN(learns_relative_unix_names);
	RUN(merges_into_a_policy_file);
	RUN(writes_the_merge_in_place);
	RUN(suggests_patterns_for_numbered_components);
	RUN(prints_unified_diffs);
	RUN(merges_text_keeping_the_rest);
}
