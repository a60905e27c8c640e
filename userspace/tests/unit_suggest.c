// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the "did you mean" hints: the distance itself, and each
 * message that carries one (policy keywords, capabilities, socket
 * classes, modes, actions, commands, long options).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "fake_ipc.h"
#include "suggest.h"
#include "test.h"

static void measures_edit_distance(void)
{
	EXPECT_INT(0, suggest_distance("mode", "mode", 2));
	EXPECT_INT(1, suggest_distance("mdoe", "mode", 2));	/* swap */
	EXPECT_INT(1, suggest_distance("conect", "connect", 2));
	EXPECT_INT(1, suggest_distance("Mode", "mode", 2));
	EXPECT_INT(2, suggest_distance("net_admn", "net_admin_", 2));
	EXPECT_INT(1, suggest_distance("net_admn", "net_admin", 2));
	EXPECT_INT(3, suggest_distance("socket", "exec", 2));	/* capped */
	EXPECT_INT(3, suggest_distance("a", "abcdef", 2));
}

static void suggests_only_one_near_candidate(void)
{
	static const char *const names[] = { "inet", "inet6", NULL, "unix" };

	EXPECT_STR("unix", suggest_name("unx", names, 4));
	/* "inet7" is one edit from both: no guess. */
	EXPECT_INT(1, suggest_name("inet7", names, 4) == NULL);
	/* Short words get one edit only. */
	EXPECT_INT(1, suggest_name("ux", names, 4) == NULL);
	/* A known word is not a typo. */
	EXPECT_INT(1, suggest_name("inet", names, 4) == NULL);
	EXPECT_STR("; did you mean 'inet6'?", suggest_hint("inet66", names, 4));
	EXPECT_STR("", suggest_hint("tcp", names, 4));
}

/* "check FILE" on @text; the first error line. */
static const char *check_error(const char *text)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", path[64];
	char *line, *nl;

	if (!mkdtemp(dir))
		return "(no temporary directory)";
	snprintf(path, sizeof(path), "%s/s.policy", dir);
	if (write_text(path, text))
		return "(cannot write)";
	run_cli("check", path, NULL);
	unlink(path);
	rmdir(dir);
	for (line = cli_err; (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		if (!strstr(line, ": warning: "))
			break;
	}
	/* Drop the directory: messages name the file as given. */
	return strstr(line, "/s.policy") ? strstr(line, "/s.policy") + 1 : line;
}

#define BLOCK(body) "profile p {\n\tattach /usr/sbin/d\n" body "}\n"

static void hints_at_policy_typos(void)
{
	EXPECT_STR("s.policy:1:1: unknown keyword 'profiel' (expected profile or include); did you mean 'profile'?",
		   check_error("profiel p {\n}\n"));
	EXPECT_STR("s.policy:1:1: unknown keyword 'inclde' (expected profile or include); did you mean 'include'?",
		   check_error("inclde x.policy\n"));
	EXPECT_STR("s.policy:3:2: unknown keyword 'atach' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}'); did you mean 'attach'?",
		   check_error(BLOCK("\tatach /usr/sbin/e\n")));
	EXPECT_STR("s.policy:3:2: unknown keyword 'capabilty' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}'); did you mean 'capability'?",
		   check_error(BLOCK("\tcapabilty allow chown\n")));
	/* Nothing near: no hint. */
	EXPECT_STR("s.policy:3:2: unknown keyword 'network' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}')",
		   check_error(BLOCK("\tnetwork inet\n")));
	EXPECT_STR("s.policy:3:19: unknown capability 'cap_net_bind_servce' (expected a name such as net_bind_service or sys_chroot); did you mean 'net_bind_service'?",
		   check_error(BLOCK("\tcapability allow cap_net_bind_servce\n")));
	EXPECT_STR("s.policy:3:24: unknown capability 'net_admn' (expected a name such as net_bind_service or sys_chroot); did you mean 'net_admin'?",
		   check_error(BLOCK("\tcapability deny chown net_admn\n")));
	EXPECT_STR("s.policy:3:19: unknown capability 'CAP_SYS_CHROT' (expected a name such as net_bind_service or sys_chroot); did you mean 'sys_chroot'?",
		   check_error(BLOCK("\tcapability allow CAP_SYS_CHROT\n")));
	EXPECT_STR("s.policy:3:15: unknown socket class 'netlnk' (expected inet, inet6, unix, raw, packet, netlink, netlink-route, sctp or other); did you mean 'netlink'?",
		   check_error(BLOCK("\tsocket allow netlnk\n")));
	EXPECT_STR("s.policy:3:15: unknown socket class 'inet7' (expected inet, inet6, unix, raw, packet, netlink, netlink-route, sctp or other)",
		   check_error(BLOCK("\tsocket allow inet7\n")));
	EXPECT_STR("s.policy:3:7: invalid mode 'complian' (expected enforce or complain); did you mean 'complain'?",
		   check_error(BLOCK("\tmode complian\n")));
	EXPECT_STR("s.policy:3:7: invalid action 'alow' (expected allow or deny); did you mean 'allow'?",
		   check_error(BLOCK("\texec alow /bin/ls\n")));
	EXPECT_STR("s.policy:3:16: invalid protocol 'tpc' (expected tcp, udp or any); did you mean 'tcp'?",
		   check_error(BLOCK("\tconnect allow tpc any\n")));
}

static void hints_at_command_line_typos(void)
{
	EXPECT_INT(EXIT_USAGE, run_cli("stauts", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown command 'stauts'; did you mean 'status'?\n\nUsage:",
			cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("lod", "x", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown command 'lod'; did you mean 'load'?\n",
			cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("frobnicate", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown command 'frobnicate'\n\nUsage:",
			cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("check", "--prnt", "x", NULL));
	EXPECT_STR("dmzguardctl check: unknown option '--prnt'; did you mean '--print'?\n"
		   "Usage: dmzguardctl check [--strict] [--print] FILE...\n",
		   cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("watch", "--cuont=3", NULL));
	EXPECT_CONTAINS("dmzguardctl watch: unknown option '--cuont'; did you mean '--count'?\n",
			cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("show", "--hlep", NULL));
	EXPECT_CONTAINS("dmzguardctl show: unknown option '--hlep'; did you mean '--help'?\n",
			cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("mode", "p", "complian", NULL));
	EXPECT_STR("dmzguardctl mode: invalid mode 'complian' (expected enforce or complain); did you mean 'complain'?\n",
		   cli_err);
}

void run_suggest_tests(void)
{
	RUN(measures_edit_distance);
	RUN(suggests_only_one_near_candidate);
	RUN(hints_at_policy_typos);
	RUN(hints_at_command_line_typos);
}
