// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of policy_diff() (two parsed policies, no module) and of
 * 'dmzguardctl diff' against the fake module and against files.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "fake_ipc.h"
#include "json_check.h"
#include "policy_diff.h"
#include "test.h"

static const char *const old_text =
	"profile ftpd {\n"
	"\tattach /usr/sbin/vsftpd\n"
	"\tmode enforce\n"
	"\texec allow /usr/bin/ls\n"
	"\texec allow /usr/bin/ls\n"
	"\tconnect allow tcp 127.0.0.1 port 25\n"
	"\tcapability deny chown\n"
	"\tsocket allow netlink\n"
	"}\n"
	"profile same {\n"
	"\tattach /usr/sbin/same\n"
	"\tunix allow /dev/log\n"
	"}\n"
	"profile gone {\n"
	"\tattach /usr/sbin/gone\n"
	"}\n";

static const char *const new_text =
	"profile ftpd {\n"
	"\tattach /usr/sbin/vsftpd\n"
	"\tattach \"/opt/ftp d\"\n"
	"\tmode complain\n"
	"\texec allow /usr/bin/ls\n"
	"\texec allow /usr/lib/ftp/** -> same\n"
	"\texec default allow\n"
	"\tcapability allow chown\n"
	"\tsocket allow netlink inet6\n"
	"}\n"
	"profile same {\n"
	"\tunix allow /dev/log\n"
	"\tattach /usr/sbin/same\n"
	"}\n"
	"profile web {\n"
	"\tattach /usr/sbin/web\n"
	"\tbind allow tcp any port 80\n"
	"}\n";

static int parse_text(struct policy *pol, const char *name, const char *text)
{
	FILE *saved = policy_diag;
	int ret;

	policy_diag = fopen("/dev/null", "w");
	policy_init(pol);
	ret = policy_parse_string(pol, name, text);
	if (!ret)
		ret = policy_finish(pol);
	fclose(policy_diag);
	policy_diag = saved;
	return ret;
}

static char *printed(const struct policy_diff *d, bool json, bool all)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (json)
		policy_diff_print_json(f, d, all);
	else
		policy_diff_print(f, d, all);
	fclose(f);
	return text;
}

static const char *const expected_text =
	"profile ftpd: changed\n"
	"+ attach \"/opt/ftp d\"\n"
	"~ mode enforce -> complain\n"
	"~ exec default deny -> allow\n"
	"- exec allow /usr/bin/ls\n"
	"+ exec allow /usr/lib/ftp/** -> same  # new.policy:6\n"
	"- connect allow tcp 127.0.0.1 port 25\n"
	"+ capability allow chown\n"
	"- capability deny chown\n"
	"+ socket allow inet6\n"
	"\n"
	"profile web: added\n"
	"+ attach /usr/sbin/web\n"
	"+ mode enforce\n"
	"+ exec default deny\n"
	"+ connect default deny\n"
	"+ bind default deny\n"
	"+ unix default deny\n"
	"+ write default deny\n"
	"+ bind allow tcp 0.0.0.0/0 port 80  # new.policy:17\n"
	"+ bind allow tcp ::/0 port 80  # new.policy:17\n"
	"\n"
	"profile gone: removed\n"
	"- attach /usr/sbin/gone\n"
	"- mode enforce\n"
	"- exec default deny\n"
	"- connect default deny\n"
	"- bind default deny\n"
	"- unix default deny\n"
	"- write default deny\n"
	"\n"
	"1 profiles added, 1 removed, 1 changed; 3 rules added, 2 removed\n";

/*
 * Profiles by name; rules as multisets (one of two equal rules removed
 * is a change, order is not); attach patterns as sets.
 */
static void diffs_two_policies(void)
{
	struct policy from, to;
	struct policy_diff d;
	char *text;

	if (parse_text(&from, "old.policy", old_text) ||
	    parse_text(&to, "new.policy", new_text)) {
		t_failed++;
		return;
	}
	EXPECT_INT(0, policy_diff(&from, &to, &d));
	EXPECT_INT(4, d.nprofiles);
	EXPECT_INT(1, d.added);
	EXPECT_INT(1, d.removed);
	EXPECT_INT(1, d.changed);
	EXPECT_INT(1, d.unchanged);
	EXPECT_INT(3, d.rules_added);
	EXPECT_INT(2, d.rules_removed);
	EXPECT_INT(DIFF_UNCHANGED, d.profiles[1].state);
	text = printed(&d, false, false);
	EXPECT_STR(expected_text, text);
	free(text);
	text = printed(&d, false, true);
	EXPECT_CONTAINS("\nprofile same: unchanged\n\nprofile web: added\n", text);
	free(text);
	text = printed(&d, true, false);
	EXPECT_JSON_TEXT(text);
	EXPECT_CONTAINS("{\"name\":\"ftpd\",\"state\":\"changed\",\"changes\":["
			"{\"change\":\"added\",\"what\":\"attach\",\"path\":\"/opt/ftp d\"},"
			"{\"change\":\"modified\",\"what\":\"mode\",\"old\":\"enforce\",\"new\":\"complain\"},"
			"{\"change\":\"modified\",\"what\":\"default\",\"op\":\"exec\",\"old\":\"deny\",\"new\":\"allow\"},"
			"{\"change\":\"removed\",\"what\":\"rule\",\"text\":\"exec allow /usr/bin/ls\",",
			text);
	EXPECT_CONTAINS("\"text\":\"exec allow /usr/lib/ftp/** -> same\",\"rule\":{\"op\":\"exec\",\"action\":\"allow\",\"path\":\"/usr/lib/ftp/**\",\"transition\":\"same\"},\"file\":\"new.policy\",\"line\":6}",
			text);
	EXPECT_CONTAINS("{\"change\":\"added\",\"what\":\"capability\",\"action\":\"allow\",\"name\":\"chown\"}",
			text);
	EXPECT_CONTAINS("\"summary\":{\"profiles_added\":1,\"profiles_removed\":1,\"profiles_changed\":1,\"profiles_unchanged\":1,\"rules_added\":3,\"rules_removed\":2}}\n",
			text);
	free(text);
	policy_diff_free(&d);
	/* A policy compared with itself has no difference. */
	EXPECT_INT(0, policy_diff(&to, &to, &d));
	EXPECT_INT(3, d.unchanged);
	text = printed(&d, false, false);
	EXPECT_STR("0 profiles added, 0 removed, 0 changed; 0 rules added, 0 removed\n",
		   text);
	free(text);
	text = printed(&d, true, false);
	EXPECT_JSON_TEXT(text);
	EXPECT_CONTAINS("{\"profiles\":[],\"summary\":", text);
	free(text);
	policy_diff_free(&d);
	policy_free(&from);
	policy_free(&to);
}

/* In a temporary directory: FILE with @text; its path in @path. */
static int temp_policy(char *dir, char *path, size_t size, const char *name,
		       const char *text)
{
	snprintf(path, size, "%s/%s", dir, name);
	return write_text(path, text);
}

/*
 * diff FILE compares with what load would leave: the kernel's profiles
 * the file does not name stay (and are not listed), so nothing is ever
 * removed; without the module it says so, exit 3.
 */
static void diff_command_compares_with_the_kernel(void)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", newp[64], oldp[64], want[256];
	struct policy active;

	if (!mkdtemp(dir) || parse_text(&active, "kernel", old_text) ||
	    temp_policy(dir, newp, sizeof(newp), "new.policy",
			"profile ftpd {\n\tattach /bin/sh\n\tmode enforce\n"
			"\texec allow /usr/bin/ls\n\texec allow /usr/bin/cat\n"
			"\tconnect allow tcp 127.0.0.1 port 25\n"
			"\tcapability deny chown\n\tsocket allow netlink\n}\n") ||
	    temp_policy(dir, oldp, sizeof(oldp), "old.policy", old_text)) {
		t_failed++;
		return;
	}
	fake_module_loaded = false;
	EXPECT_INT(EXIT_NO_MODULE, run_cli("diff", newp, NULL));
	EXPECT_STR("", cli_out);
	EXPECT_CONTAINS("diff: the module is not loaded, so no policy is active to compare with; use --against FILE to compare with policy files\n",
			cli_err);
	fake_module_loaded = true;
	fake_policy = &active;
	EXPECT_INT(EXIT_OK, run_cli("diff", newp, NULL));
	snprintf(want, sizeof(want),
		 "profile ftpd: changed\n"
		 "- attach /usr/sbin/vsftpd\n"
		 "+ attach /bin/sh\n"
		 "- exec allow /usr/bin/ls\n"
		 "+ exec allow /usr/bin/cat  # %s:5\n"
		 "\n"
		 "0 profiles added, 0 removed, 1 changed; 1 rules added, 1 removed\n",
		 newp);
	EXPECT_STR(want, cli_out);
	EXPECT_STR("", cli_err);
	EXPECT_INT(EXIT_OK, run_cli("diff", "--all", "--json", newp, NULL));
	EXPECT_JSON_TEXT(cli_out);
	EXPECT_CONTAINS("{\"name\":\"same\",\"state\":\"unchanged\",\"changes\":[]}", cli_out);
	/* No policy loaded: everything is added. */
	fake_policy = NULL;
	EXPECT_INT(EXIT_OK, run_cli("diff", newp, NULL));
	EXPECT_CONTAINS("1 profiles added, 0 removed, 0 changed; 3 rules added, 0 removed\n",
			cli_out);
	/* --against needs no module. */
	fake_module_loaded = false;
	EXPECT_INT(EXIT_OK, run_cli("diff", "--against", oldp, newp, NULL));
	EXPECT_CONTAINS("0 profiles added, 0 removed, 1 changed; 1 rules added, 1 removed\n",
			cli_out);
	EXPECT_INT(EXIT_OK, run_cli("diff", "--against", oldp, oldp, NULL));
	EXPECT_STR("0 profiles added, 0 removed, 0 changed; 0 rules added, 0 removed\n",
		   cli_out);
	/* An invalid file: its diagnostics, exit 1, nothing compared. */
	temp_policy(dir, newp, sizeof(newp), "new.policy", "profile x {\n");
	EXPECT_INT(EXIT_USAGE, run_cli("diff", "--against", oldp, newp, NULL));
	EXPECT_STR("", cli_out);
	EXPECT_CONTAINS("new.policy:1:9: profile 'x' is not closed", cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("diff", NULL));
	EXPECT_CONTAINS("dmzguardctl diff: missing argument\n", cli_err);
	unlink(newp);
	unlink(oldp);
	rmdir(dir);
	policy_free(&active);
}

void run_diff_tests(void)
{
	RUN(diffs_two_policies);
	RUN(diff_command_compares_with_the_kernel);
}
