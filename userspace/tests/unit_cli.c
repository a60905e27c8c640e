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

static char out[8192], err[8192];

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run "dmzguardctl ARGS..." (NULL-ended); output lands in out and err. */
static int run(const char *arg, ...)
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
	slurp(fo, out, sizeof(out));
	slurp(fe, err, sizeof(err));
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
	"clear", "seal", "version",
};

/* Every command refuses an unknown flag by name, with its usage line. */
static void refuses_unknown_options(void)
{
	char want[128];

	EXPECT_INT(EXIT_USAGE, run("check", "-q", "x.policy", NULL));
	EXPECT_STR("dmzguardctl check: unknown option '-q'\n"
		   "Usage: dmzguardctl check [--print] FILE...\n", err);
	EXPECT_STR("", out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		EXPECT_INT(EXIT_USAGE, run(commands[i], "--bogus=1", "x", NULL));
		snprintf(want, sizeof(want),
			 "dmzguardctl %s: unknown option '--bogus'\nUsage: dmzguardctl %s",
			 commands[i], commands[i]);
		EXPECT_INT(0, strncmp(want, err, strlen(want)));
		EXPECT_INT(EXIT_OK, run(commands[i], "--help", NULL));
		snprintf(want, sizeof(want), "Usage: dmzguardctl %s",
			 commands[i]);
		EXPECT_INT(0, strncmp(want, out, strlen(want)));
	}
	EXPECT_INT(EXIT_USAGE, run("check", "--print=yes", "x", NULL));
	EXPECT_STR("dmzguardctl check: option '--print' takes no value\n"
		   "Usage: dmzguardctl check [--print] FILE...\n", err);
	EXPECT_INT(EXIT_USAGE, run("watch", "--count", NULL));
	EXPECT_CONTAINS("dmzguardctl watch: option '--count' needs a value\n", err);
	EXPECT_INT(EXIT_USAGE, run("learn", "--seconds", "ten", NULL));
	EXPECT_CONTAINS("dmzguardctl learn: invalid value 'ten' for --seconds (expected a whole number)\n",
			err);
	EXPECT_INT(EXIT_USAGE, run("status", "extra", NULL));
	EXPECT_STR("dmzguardctl status: unexpected argument 'extra'\n"
		   "Usage: dmzguardctl status [--json]\n", err);
	EXPECT_INT(EXIT_USAGE, run("mode", "p", NULL));
	EXPECT_STR("dmzguardctl mode: missing argument\n"
		   "Usage: dmzguardctl mode PROFILE enforce|complain\n", err);
	/* A control byte in an argument is not echoed raw. */
	EXPECT_INT(EXIT_USAGE, run("ps", "--\x1b[2J", NULL));
	EXPECT_CONTAINS("unknown option '--\\x1b[2J'", err);
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
	EXPECT_INT(EXIT_USAGE, run("check", "-p.policy", "--print", "--", NULL));
	EXPECT_STR("dmzguardctl check: unknown option '-p'\n"
		   "Usage: dmzguardctl check [--print] FILE...\n", err);
	EXPECT_INT(EXIT_OK, run("check", "--", "-p.policy", NULL));
	EXPECT_STR("1 profiles, 0 rules, 0 warnings: ok\n", out);
	EXPECT_INT(EXIT_USAGE, run("check", "--", "-p.policy", "--print", NULL));
	EXPECT_STR("--print: cannot read: No such file or directory\n", err);
	/* Options may follow operands, as they always could. */
	EXPECT_INT(EXIT_OK, run("check", "./-p.policy", "--print", NULL));
	EXPECT_CONTAINS("profile p {\n", out);
	unlink("-p.policy");
	if (chdir(cwd) || rmdir(dir))
		t_failed++;
}

/* dmzguardctl and the module share one version, kmod/version.h. */
static void prints_its_version(void)
{
	EXPECT_INT(EXIT_OK, run("--version", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", out);
	EXPECT_INT(EXIT_OK, run("-V", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", out);
	EXPECT_INT(EXIT_OK, run("version", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", out);
	EXPECT_INT(EXIT_USAGE, run("--verison", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown option '--verison'\n", err);
	EXPECT_INT(EXIT_USAGE, run("--", "--version", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown command '--version'\n", err);
}

/* status --json answers in JSON with or without the module. */
static void prints_status_as_json(void)
{
	struct status_profile prof = { .name = "ftp\"d", .rules = 3 };

	fake_module_loaded = false;
	EXPECT_INT(EXIT_NO_MODULE, run("status", "--json", NULL));
	EXPECT_STR("{\"module_loaded\":false}\n", out);
	EXPECT_CONTAINS("module not loaded", err);
	EXPECT_INT(EXIT_NO_MODULE, run("status", NULL));
	EXPECT_STR("", out);
	fake_module_loaded = true;
	memset(&fake_status, 0, sizeof(fake_status));
	strcpy(fake_status.version, "0.1.0");
	fake_status.loaded = true;
	fake_status.generation = 7;
	fake_status.prof = &prof;
	fake_status.nprof = 1;
	EXPECT_INT(EXIT_OK, run("status", "--json", NULL));
	EXPECT_STR("{\"module_loaded\":true,\"version\":\"0.1.0\",\"policy_loaded\":true,"
		   "\"generation\":7,\"profiles\":0,\"rules\":0,\"policy_bytes\":0,"
		   "\"confined_tasks\":0,\"sealed\":false,\"load_in_progress\":false,"
		   "\"confirm_seconds_left\":0,\"profile_stats\":[{\"name\":\"ftp\\\"d\",\"mode\":\"enforce\","
		   "\"rules\":3,\"tasks\":0,\"decisions\":0,\"denials\":0}]}\n", out);
	EXPECT_INT(EXIT_OK, run("status", NULL));
	EXPECT_CONTAINS("dmzguard 0.1.0\npolicy: loaded, generation 7", out);
	fake_status.confirm_left = 42;
	EXPECT_INT(EXIT_OK, run("status", NULL));
	EXPECT_CONTAINS("\nawaiting confirmation: the previous policy comes back in 42 s unless 'dmzguardctl confirm' is run\n",
			out);
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
	EXPECT_INT(EXIT_OK, run("learn", NULL));
	EXPECT_CONTAINS("\twrite allow /var/spool/w/*\n", out);
	EXPECT_CONTAINS("\twrite allow /var/log/w.log\n", out);
	EXPECT_CONTAINS("\twrite allow /proc/7/oom_score_adj\n", out);
	EXPECT_CONTAINS("\t# wrote /usr/bin/w, which this profile may execute", out);
	if (strstr(out, "/var/spool/w/1"))
		EXPECT_STR("no rule per file in /var/spool/w", out);
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
	EXPECT_INT(EXIT_OK, run("ps", NULL));
	EXPECT_CONTAINS("evil\\x0a    1     1 x", out);
	EXPECT_CONTAINS("/tmp/\\x1b]0;owned\\x07x\n", out);
	if (strchr(out, '\x1b'))
		EXPECT_STR("no escape byte in the output", out);
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
	EXPECT_INT(EXIT_NO_MODULE, run("load", path, NULL));
	EXPECT_STR("module not loaded: run `modprobe dmzguard`\n"
		   "load: nothing loaded: without the module no policy is in force and nothing is confined; load the module, then run load again\n",
		   err);
	fake_module_loaded = true;
	fake_load_result = EXIT_REFUSED;
	EXPECT_INT(EXIT_REFUSED, run("load", path, NULL));
	EXPECT_STR("load: nothing changed; the active policy, if any, stays in force\n",
		   err);
	fake_load_result = 0;
	EXPECT_INT(EXIT_OK, run("load", path, NULL));
	EXPECT_STR("load: 1 profiles, 0 rules in force (generation 1, 100 bytes): 0 replaced, 1 added, 0 removed, 0 unchanged\n",
		   out);
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
