// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of dmzguardctl's command line: every command run as main()
 * would run it, its stdout and stderr captured, the module faked.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../kmod/version.h"
#include "cmd.h"
#include "fake_ipc.h"
#include "test.h"

char cli_out[32768], cli_err[32768];

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run "dmzguardctl ARGS..." (NULL-ended); output lands in cli_out and cli_err. */
int cli_run(const char *arg, ...)
{
	char *argv[32] = { "dmzguardctl" };
	int argc = 1, ret, saved_out, saved_err;
	FILE *fo = tmpfile(), *fe = tmpfile();
	va_list ap;

	va_start(ap, arg);
	for (; arg && argc < 31; arg = va_arg(ap, const char *))
		argv[argc++] = (char *)arg;
	va_end(ap);
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	ret = dmzguardctl_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	slurp(fo, cli_out, sizeof(cli_out));
	slurp(fe, cli_err, sizeof(cli_err));
	return ret;
}

/* Write a small valid policy to @path.  Return: 0 or -1. */
static int write_policy(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs("profile p {\n\tattach /usr/sbin/d\n}\n", f);
	return fclose(f);
}

static const char *const commands[] = {
	"status", "check", "load", "show", "ps", "mode", "watch", "learn",
	"replay",
	"clear", "seal", "version",
};

/* Every command refuses an unknown flag by name, with its usage line. */
static void refuses_unknown_options(void)
{
	char want[128];

	EXPECT_INT(EXIT_USAGE, cli_run("check", "-q", "x.policy", NULL));
	EXPECT_STR("dmzguardctl check: unknown option '-q'\n"
		   "Usage: dmzguardctl check [--print] FILE...\n", cli_err);
	EXPECT_STR("", cli_out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		EXPECT_INT(EXIT_USAGE, cli_run(commands[i], "--bogus=1", "x", NULL));
		snprintf(want, sizeof(want),
			 "dmzguardctl %s: unknown option '--bogus'\nUsage: dmzguardctl %s",
			 commands[i], commands[i]);
		EXPECT_INT(0, strncmp(want, cli_err, strlen(want)));
		EXPECT_INT(EXIT_OK, cli_run(commands[i], "--help", NULL));
		snprintf(want, sizeof(want), "Usage: dmzguardctl %s",
			 commands[i]);
		EXPECT_INT(0, strncmp(want, cli_out, strlen(want)));
	}
	EXPECT_INT(EXIT_USAGE, cli_run("check", "--print=yes", "x", NULL));
	EXPECT_STR("dmzguardctl check: option '--print' takes no value\n"
		   "Usage: dmzguardctl check [--print] FILE...\n", cli_err);
	EXPECT_INT(EXIT_USAGE, cli_run("watch", "--count", NULL));
	EXPECT_CONTAINS("dmzguardctl watch: option '--count' needs a value\n", cli_err);
	EXPECT_INT(EXIT_USAGE, cli_run("learn", "--seconds", "ten", NULL));
	EXPECT_CONTAINS("dmzguardctl learn: invalid value 'ten' for --seconds (expected a whole number)\n",
			cli_err);
	EXPECT_INT(EXIT_USAGE, cli_run("status", "extra", NULL));
	EXPECT_STR("dmzguardctl status: unexpected argument 'extra'\n"
		   "Usage: dmzguardctl status [--json]\n", cli_err);
	EXPECT_INT(EXIT_USAGE, cli_run("mode", "p", NULL));
	EXPECT_STR("dmzguardctl mode: missing argument\n"
		   "Usage: dmzguardctl mode PROFILE enforce|complain\n", cli_err);
	/* A control byte in an argument is not echoed raw. */
	EXPECT_INT(EXIT_USAGE, cli_run("ps", "--\x1b[2J", NULL));
	EXPECT_CONTAINS("unknown option '--\\x1b[2J'", cli_err);
}

/* Options go anywhere before "--"; after it, everything is an operand. */
static void reads_options_like_getopt(void)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", cwd[4096];

	if (!getcwd(cwd, sizeof(cwd)) || !mkdtemp(dir) || chdir(dir) ||
	    write_policy("-p.policy")) {
		t_failed++;
		return;
	}
	EXPECT_INT(EXIT_USAGE, cli_run("check", "-p.policy", "--print", "--", NULL));
	EXPECT_STR("dmzguardctl check: unknown option '-p'\n"
		   "Usage: dmzguardctl check [--print] FILE...\n", cli_err);
	EXPECT_INT(EXIT_OK, cli_run("check", "--", "-p.policy", NULL));
	EXPECT_STR("1 profiles, 0 rules, 0 warnings: ok\n", cli_out);
	EXPECT_INT(EXIT_USAGE, cli_run("check", "--", "-p.policy", "--print", NULL));
	EXPECT_STR("--print: cannot read: No such file or directory\n", cli_err);
	/* Options may follow operands, as they always could. */
	EXPECT_INT(EXIT_OK, cli_run("check", "./-p.policy", "--print", NULL));
	EXPECT_CONTAINS("profile p {\n", cli_out);
	unlink("-p.policy");
	if (chdir(cwd) || rmdir(dir))
		t_failed++;
}

/* dmzguardctl and the module share one version, kmod/version.h. */
static void prints_its_version(void)
{
	EXPECT_INT(EXIT_OK, cli_run("--version", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", cli_out);
	EXPECT_INT(EXIT_OK, cli_run("-V", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", cli_out);
	EXPECT_INT(EXIT_OK, cli_run("version", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", cli_out);
	EXPECT_INT(EXIT_USAGE, cli_run("--verison", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown option '--verison'\n", cli_err);
	EXPECT_INT(EXIT_USAGE, cli_run("--", "--version", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown command '--version'\n", cli_err);
}

/* status --json answers in JSON with or without the module. */
static void prints_status_as_json(void)
{
	struct status_profile prof = { .name = "ftp\"d", .rules = 3 };

	fake_module_loaded = false;
	EXPECT_INT(EXIT_NO_MODULE, cli_run("status", "--json", NULL));
	EXPECT_STR("{\"module_loaded\":false}\n", cli_out);
	EXPECT_CONTAINS("module not loaded", cli_err);
	EXPECT_INT(EXIT_NO_MODULE, cli_run("status", NULL));
	EXPECT_STR("", cli_out);
	fake_module_loaded = true;
	memset(&fake_status, 0, sizeof(fake_status));
	strcpy(fake_status.version, "0.1.0");
	fake_status.loaded = true;
	fake_status.generation = 7;
	fake_status.prof = &prof;
	fake_status.nprof = 1;
	EXPECT_INT(EXIT_OK, cli_run("status", "--json", NULL));
	EXPECT_STR("{\"module_loaded\":true,\"version\":\"0.1.0\",\"policy_loaded\":true,"
		   "\"generation\":7,\"profiles\":0,\"rules\":0,\"policy_bytes\":0,"
		   "\"confined_tasks\":0,\"sealed\":false,\"load_in_progress\":false,"
		   "\"profile_stats\":[{\"name\":\"ftp\\\"d\",\"mode\":\"enforce\","
		   "\"rules\":3,\"tasks\":0,\"decisions\":0,\"denials\":0}]}\n", cli_out);
	EXPECT_INT(EXIT_OK, cli_run("status", NULL));
	EXPECT_CONTAINS("dmzguard 0.1.0\npolicy: loaded, generation 7", cli_out);
	fake_module_loaded = false;
	memset(&fake_status, 0, sizeof(fake_status));
}

#define COMPLAIN(text) \
	{ .kind = DMZG_EVENT_COMPLAIN, .op = DMZG_OP_WRITE, \
	  .profile = "web", .line = text }

/*
 * learn turns write complaints into rules: one pattern for a directory
 * the daemon writes three or more files in, one rule per other file, the
 * kernel file and the executable by their own name, and a comment for a
 * program the profile may execute.
 */
static void learns_write_rules_by_directory(void)
{
	static const struct event events[] = {
		COMPLAIN("complain op=write profile=web pid=1 comm=w exe=/w target=/var/spool/w/1 access=create uid=0"),
		COMPLAIN("complain op=write profile=web pid=1 comm=w exe=/w target=/var/spool/w/2 access=create uid=0"),
		COMPLAIN("complain op=write profile=web pid=1 comm=w exe=/w target=/var/spool/w/3 access=open uid=0"),
		COMPLAIN("complain op=write profile=web pid=1 comm=w exe=/w target=/var/log/w.log access=open uid=0"),
		COMPLAIN("complain op=write profile=web pid=1 comm=w exe=/w target=/proc/7/oom_score_adj access=open object=kernel uid=0"),
		COMPLAIN("complain op=write profile=web pid=1 comm=w exe=/w target=/usr/bin/w access=open object=program uid=0"),
	};

	fake_module_loaded = true;
	fake_events = events;
	fake_nevents = sizeof(events) / sizeof(events[0]);
	EXPECT_INT(EXIT_OK, cli_run("learn", NULL));
	EXPECT_CONTAINS("\twrite allow /var/spool/w/*\n", cli_out);
	EXPECT_CONTAINS("\twrite allow /var/log/w.log\n", cli_out);
	EXPECT_CONTAINS("\twrite allow /proc/7/oom_score_adj\n", cli_out);
	EXPECT_CONTAINS("\t# wrote /usr/bin/w, which this profile may execute", cli_out);
	if (strstr(cli_out, "/var/spool/w/1"))
		EXPECT_STR("no rule per file in /var/spool/w", cli_out);
	fake_events = NULL;
	fake_nevents = 0;
	fake_module_loaded = false;
}

/*
 * A confined task chooses its comm and its path: a newline would forge a
 * row, an escape sequence would drive the administrator's terminal.
 */
static void ps_escapes_what_tasks_name_themselves(void)
{
	static const struct ps_entry tasks[] = {
		{ .pid = 7, .tgid = 7, .comm = "evil\n    1     1 x",
		  .exe = "/tmp/\x1b]0;owned\x07x", .profile = "web" },
	};

	fake_module_loaded = true;
	fake_tasks = tasks;
	fake_ntasks = 1;
	EXPECT_INT(EXIT_OK, cli_run("ps", NULL));
	EXPECT_CONTAINS("evil\\x0a    1     1 x", cli_out);
	EXPECT_CONTAINS("/tmp/\\x1b]0;owned\\x07x\n", cli_out);
	if (strchr(cli_out, '\x1b'))
		EXPECT_STR("no escape byte in the output", cli_out);
	fake_tasks = NULL;
	fake_ntasks = 0;
	fake_module_loaded = false;
}

/* Without the module there is no previous policy to stay in force. */
static void load_says_when_the_module_is_missing(void)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", path[64];

	if (!mkdtemp(dir)) {
		t_failed++;
		return;
	}
	snprintf(path, sizeof(path), "%s/p.policy", dir);
	write_policy(path);
	fake_module_loaded = false;
	EXPECT_INT(EXIT_NO_MODULE, cli_run("load", path, NULL));
	EXPECT_STR("module not loaded: run `modprobe dmzguard`\n"
		   "load: nothing loaded: without the module no policy is in force and nothing is confined; load the module, then run load again\n",
		   cli_err);
	fake_module_loaded = true;
	fake_load_result = EXIT_REFUSED;
	EXPECT_INT(EXIT_REFUSED, cli_run("load", path, NULL));
	EXPECT_STR("load: nothing changed; the active policy, if any, stays in force\n",
		   cli_err);
	fake_load_result = 0;
	EXPECT_INT(EXIT_OK, cli_run("load", path, NULL));
	EXPECT_STR("loaded 1 profiles, 0 rules (generation 1, 100 bytes)\n", cli_out);
	EXPECT_INT(1, fake_loaded_profiles);
	fake_module_loaded = false;
	unlink(path);
	rmdir(dir);
}

void run_cli_tests(void)
{
	RUN(refuses_unknown_options);
	RUN(reads_options_like_getopt);
	RUN(prints_its_version);
	RUN(prints_status_as_json);
	RUN(load_says_when_the_module_is_missing);
	RUN(learns_write_rules_by_directory);
	RUN(ps_escapes_what_tasks_name_themselves);
}
