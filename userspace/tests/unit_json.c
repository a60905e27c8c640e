// SPDX-License-Identifier: GPL-2.0
/*
 * Every --json output is valid JSON: each command run on the fake
 * module with names that need escaping, with empty lists and with none,
 * its output fed to a strict validator.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "fake_ipc.h"
#include "json_check.h"
#include "test.h"


/* Expect each line of @text (JSON Lines) to be valid JSON. */
static void expect_json_lines(const char *text, int lines)
{
	char copy[CLI_OUTPUT_MAX], *line, *nl;
	int n = 0;

	snprintf(copy, sizeof(copy), "%s", text);
	for (line = copy; (nl = strchr(line, '\n')); line = nl + 1, n++) {
		*nl = '\0';
		EXPECT_JSON_TEXT(line);
	}
	EXPECT_STR("", line);
	EXPECT_INT(lines, n);
}

/* The validator refuses what it must, or the tests below prove nothing. */
static void validator_refuses_invalid_json(void)
{
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]",
		"[1.]", "[.5]", "[-]", "[1e]", "\"a\nb\"", "\"\\x41\"",
		"\"\\u12\"", "[1] [2]", "{} x", "[tru]", "[NaN]", "'a'",
		"{\"a\":1}{\"b\":2}", "[\"a\"\"b\"]",
	};
	static const char *const good[] = {
		"{}", "[]", " {\"a\":[1,-2.5e+3,true,false,null,\"\\u00e9\\n\"]}\n",
		"0", "\"\"", "[{},[]]",
	};
	const char *why;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (json_valid(bad[i], &why)) {
			printf("    accepted invalid JSON: %s\n", bad[i]);
			t_failed++;
		}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		EXPECT_JSON_TEXT(good[i]);
	EXPECT_INT(0, json_valid("[1,]", &why));
	EXPECT_STR("unexpected character at byte 3", why);
}

static void status_json_is_valid(void)
{
	struct status_profile prof[] = {
		{ .name = "a\"b\\c", .mode = DMZG_MODE_COMPLAIN, .rules = 3 },
		{ .name = "d", .decisions = 18446744073709551615ULL },
	};

	fake_module_loaded = false;
	run_cli("status", "--json", NULL);
	EXPECT_JSON_TEXT(cli_out);
	fake_module_loaded = true;
	memset(&fake_status, 0, sizeof(fake_status));
	strcpy(fake_status.version, "0.1\x01");
	run_cli("status", "--json", NULL);	/* no profile: empty list */
	EXPECT_JSON_TEXT(cli_out);
	EXPECT_CONTAINS("\"profile_stats\":[]", cli_out);
	fake_status.loaded = true;
	fake_status.prof = prof;
	fake_status.nprof = 2;
	EXPECT_INT(EXIT_OK, run_cli("status", "--json", NULL));
	EXPECT_JSON_TEXT(cli_out);
	memset(&fake_status, 0, sizeof(fake_status));
	fake_module_loaded = false;
}

static void show_json_is_valid(void)
{
	struct policy pol;

	fake_module_loaded = true;
	fake_policy = NULL;
	EXPECT_INT(EXIT_OK, run_cli("show", "--json", NULL));
	EXPECT_STR("{\"profiles\":[]}\n", cli_out);
	EXPECT_JSON_TEXT(cli_out);
	policy_init(&pol);
	EXPECT_INT(0, policy_parse_string(&pol, "j.policy",
		"profile a {\n\tattach \"/opt/my \\\"app\\\"\\\\x\"\n"
		"\texec allow /usr/bin/* -> b\n\tconnect allow tcp any port 80\n"
		"\tcapability allow chown\n\tsocket deny raw\n}\n"
		"profile b {\n\tmode complain\n\texec default allow\n}\n"));
	fake_policy = &pol;
	EXPECT_INT(EXIT_OK, run_cli("show", "--json", NULL));
	EXPECT_JSON_TEXT(cli_out);
	EXPECT_CONTAINS("\"attach\":[\"/opt/my \\\"app\\\"\\\\x\"]", cli_out);
	fake_policy = NULL;
	policy_free(&pol);
	fake_module_loaded = false;
}

static void ps_json_is_valid(void)
{
	static const struct ps_entry tasks[] = {
		{ .pid = 2, .tgid = 2, .comm = "a\"\n\x1b", .exe = "/x\\y\x7f",
		  .profile = "p" },
		{ .pid = 1, .tgid = 1, .comm = "", .exe = "", .profile = "q" },
	};

	fake_module_loaded = true;
	EXPECT_INT(EXIT_OK, run_cli("ps", "--json", NULL));
	EXPECT_STR("[]\n", cli_out);
	fake_tasks = tasks;
	fake_ntasks = 2;
	EXPECT_INT(EXIT_OK, run_cli("ps", "--json", NULL));
	EXPECT_JSON_TEXT(cli_out);
	fake_tasks = NULL;
	fake_ntasks = 0;
	fake_module_loaded = false;
}

static void watch_json_lines_are_valid(void)
{
	static const struct event events[] = {
		{ .kind = DMZG_EVENT_DENIED, .op = DMZG_OP_CONNECT, .pid = 4,
		  .profile = "p\"", .comm = "c\\\t",
		  .line = "deny op=connect profile=p\\x22 pid=4 comm=c\\x5c\\x09 addr=1.2.3.4 quote=\\x22\\x0a" },
		{ .kind = DMZG_EVENT_POLICY, .line = "policy generation=3" },
		{ .kind = DMZG_EVENT_COMPLAIN, .line = "" },
	};

	fake_module_loaded = true;
	fake_events = events;
	fake_nevents = 3;
	EXPECT_INT(EXIT_OK, run_cli("watch", "--json", NULL));
	expect_json_lines(cli_out, 3);
	fake_events = NULL;
	fake_nevents = 0;
	fake_module_loaded = false;
}

void run_json_tests(void)
{
	RUN(validator_refuses_invalid_json);
	RUN(status_json_is_valid);
	RUN(show_json_is_valid);
	RUN(ps_json_is_valid);
	RUN(watch_json_lines_are_valid);
}
