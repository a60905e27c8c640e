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
#include <sys/stat.h>
#include <unistd.h>

#include "../../kmod/version.h"
#include "cmd.h"
#include "fake_ipc.h"
#include "test.h"

char cli_out[CLI_OUTPUT_MAX], cli_err[CLI_OUTPUT_MAX];

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run "dmzguardctl ARGS..." (NULL-ended); output lands in cli_out and cli_err. */
int run_cli(const char *arg, ...)
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

int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/*
 * Write a small valid policy to @path, attached to a file every host
 * has (no warning).  Return: 0 or -1.
 */
static int write_policy(const char *path)
{
	return write_text(path, "profile p {\n\tattach /bin/sh\n}\n");
}

static const char *const commands[] = {
	"status", "check", "load", "diff", "replay", "show", "ps", "mode", "watch", "learn",
	"clear", "seal", "version",
};

/* Every command refuses an unknown flag by name, with its usage line. */
static void refuses_unknown_options(void)
{
	char want[128];

	EXPECT_INT(EXIT_USAGE, run_cli("check", "-q", "x.policy", NULL));
	EXPECT_STR("dmzguardctl check: unknown option '-q'\n"
		   "Usage: dmzguardctl check [--strict] [--print] FILE...\n", cli_err);
	EXPECT_STR("", cli_out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		EXPECT_INT(EXIT_USAGE, run_cli(commands[i], "--bogus=1", "x", NULL));
		snprintf(want, sizeof(want),
			 "dmzguardctl %s: unknown option '--bogus'\nUsage: dmzguardctl %s",
			 commands[i], commands[i]);
		EXPECT_INT(0, strncmp(want, cli_err, strlen(want)));
		EXPECT_INT(EXIT_OK, run_cli(commands[i], "--help", NULL));
		snprintf(want, sizeof(want), "Usage: dmzguardctl %s",
			 commands[i]);
		EXPECT_INT(0, strncmp(want, cli_out, strlen(want)));
	}
	EXPECT_INT(EXIT_USAGE, run_cli("check", "--print=yes", "x", NULL));
	EXPECT_STR("dmzguardctl check: option '--print' takes no value\n"
		   "Usage: dmzguardctl check [--strict] [--print] FILE...\n", cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("watch", "--count", NULL));
	EXPECT_CONTAINS("dmzguardctl watch: option '--count' needs a value\n", cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("learn", "--seconds", "ten", NULL));
	EXPECT_CONTAINS("dmzguardctl learn: invalid value 'ten' for --seconds (expected a whole number)\n",
			cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("status", "extra", NULL));
	EXPECT_STR("dmzguardctl status: unexpected argument 'extra'\n"
		   "Usage: dmzguardctl status [--json]\n", cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("mode", "p", NULL));
	EXPECT_STR("dmzguardctl mode: missing argument\n"
		   "Usage: dmzguardctl mode PROFILE enforce|complain [--file FILE]\n",
		   cli_err);
	/* A control byte in an argument is not echoed raw. */
	EXPECT_INT(EXIT_USAGE, run_cli("ps", "--\x1b[2J", NULL));
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
	EXPECT_INT(EXIT_USAGE, run_cli("check", "-p.policy", "--print", "--", NULL));
	EXPECT_STR("dmzguardctl check: unknown option '-p'\n"
		   "Usage: dmzguardctl check [--strict] [--print] FILE...\n", cli_err);
	EXPECT_INT(EXIT_OK, run_cli("check", "--", "-p.policy", NULL));
	EXPECT_STR("1 profiles, 0 rules, 0 warnings: ok\n", cli_out);
	EXPECT_INT(EXIT_USAGE, run_cli("check", "--", "-p.policy", "--print", NULL));
	EXPECT_STR("--print: cannot read: No such file or directory\n", cli_err);
	/* Options may follow operands, as they always could. */
	EXPECT_INT(EXIT_OK, run_cli("check", "./-p.policy", "--print", NULL));
	EXPECT_CONTAINS("profile p {\n", cli_out);
	unlink("-p.policy");
	if (chdir(cwd) || rmdir(dir))
		t_failed++;
}

/* dmzguardctl and the module share one version, kmod/version.h. */
static void prints_its_version(void)
{
	EXPECT_INT(EXIT_OK, run_cli("--version", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", cli_out);
	EXPECT_INT(EXIT_OK, run_cli("-V", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", cli_out);
	EXPECT_INT(EXIT_OK, run_cli("version", NULL));
	EXPECT_STR("dmzguardctl " DMZG_VERSION "\n", cli_out);
	EXPECT_INT(EXIT_USAGE, run_cli("--verison", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown option '--verison'; did you mean '--version'?\n", cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("--", "--version", NULL));
	EXPECT_CONTAINS("dmzguardctl: unknown command '--version'; did you mean 'version'?\n", cli_err);
}

/* status --json answers in JSON with or without the module. */
static void prints_status_as_json(void)
{
	struct status_profile prof = { .name = "ftp\"d", .rules = 3 };

	fake_module_loaded = false;
	EXPECT_INT(EXIT_NO_MODULE, run_cli("status", "--json", NULL));
	EXPECT_STR("{\"module_loaded\":false}\n", cli_out);
	EXPECT_CONTAINS("module not loaded", cli_err);
	EXPECT_INT(EXIT_NO_MODULE, run_cli("status", NULL));
	EXPECT_STR("", cli_out);
	fake_module_loaded = true;
	memset(&fake_status, 0, sizeof(fake_status));
	strcpy(fake_status.version, "0.1.0");
	fake_status.loaded = true;
	fake_status.generation = 7;
	fake_status.prof = &prof;
	fake_status.nprof = 1;
	EXPECT_INT(EXIT_OK, run_cli("status", "--json", NULL));
	EXPECT_STR("{\"module_loaded\":true,\"version\":\"0.1.0\",\"policy_loaded\":true,"
		   "\"generation\":7,\"profiles\":0,\"rules\":0,\"policy_bytes\":0,"
		   "\"confined_tasks\":0,\"sealed\":false,\"load_in_progress\":false,"
		   "\"confirm_seconds_left\":0,\"profile_stats\":[{\"name\":\"ftp\\\"d\",\"mode\":\"enforce\","
		   "\"rules\":3,\"tasks\":0,\"decisions\":0,\"denials\":0}]}\n", cli_out);
	EXPECT_INT(EXIT_OK, run_cli("status", NULL));
	EXPECT_CONTAINS("dmzguard 0.1.0\npolicy: loaded, generation 7", cli_out);
	fake_status.confirm_left = 42;
	EXPECT_INT(EXIT_OK, run_cli("status", NULL));
	EXPECT_CONTAINS("\nawaiting confirmation: the previous policy comes back in 42 s unless 'dmzguardctl confirm' is run\n",
			cli_out);
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
	EXPECT_INT(EXIT_OK, run_cli("learn", NULL));
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

#define RECORD(op_, text) \
	{ .kind = DMZG_EVENT_COMPLAIN, .op = op_, .profile = "d", .line = text }

/*
 * What a daemon's records hold that changes from run to run becomes a
 * rule that holds next time: a datagram peer's ephemeral port, a route
 * probe's port 0, its threads' names in /proc, the finished files of a
 * spool (their execute bit set).  A TCP port and another process's
 * /proc entry stay as they are; a capability that would undo the
 * confinement becomes a comment, never a rule.
 */
static void learns_rules_that_hold_next_run(void)
{
	static const struct event events[] = {
		RECORD(DMZG_OP_CONNECT, "complain op=connect profile=d pid=1 comm=d exe=/d proto=udp dst=127.0.0.1:34264 uid=101"),
		RECORD(DMZG_OP_CONNECT, "complain op=connect profile=d pid=1 comm=d exe=/d proto=udp dst=127.0.0.1:37237 uid=101"),
		RECORD(DMZG_OP_CONNECT, "complain op=connect profile=d pid=1 comm=d exe=/d proto=udp dst=127.0.0.1:0 uid=101"),
		RECORD(DMZG_OP_CONNECT, "complain op=connect profile=d pid=1 comm=d exe=/d proto=tcp dst=127.0.0.1:8080 uid=0"),
		RECORD(DMZG_OP_CONNECT, "complain op=connect profile=d pid=1 comm=d exe=/d proto=tcp dst=127.0.0.1:50000 uid=0"),
		RECORD(DMZG_OP_WRITE, "complain op=write profile=d pid=1092 comm=d exe=/d target=/proc/1092/oom_score_adj access=open object=kernel uid=0"),
		RECORD(DMZG_OP_WRITE, "complain op=write profile=d pid=1092 comm=d exe=/d target=/proc/1092/task/1094/comm access=open object=kernel uid=101"),
		RECORD(DMZG_OP_WRITE, "complain op=write profile=d pid=2216 comm=d exe=/d target=/proc/2216/task/2218/comm access=open object=kernel uid=101"),
		RECORD(DMZG_OP_WRITE, "complain op=write profile=d pid=1 comm=d exe=/d target=/var/spool/q/active/15F1793DA access=open object=executable uid=0"),
		RECORD(DMZG_OP_WRITE, "complain op=write profile=d pid=1 comm=d exe=/d target=/var/spool/q/active/B35F393DD access=rename object=executable uid=0"),
		RECORD(DMZG_OP_WRITE, "complain op=write profile=d pid=1 comm=d exe=/d target=/var/spool/q/active/F22779504 access=open object=executable uid=0"),
		RECORD(DMZG_OP_CAPABILITY, "complain op=capability profile=d pid=1 comm=d exe=/d cap=net_admin uid=0"),
		RECORD(DMZG_OP_CAPABILITY, "complain op=capability profile=d pid=1 comm=d exe=/d cap=chown uid=0"),
	};

	fake_module_loaded = true;
	fake_events = events;
	fake_nevents = sizeof(events) / sizeof(events[0]);
	EXPECT_INT(EXIT_OK, run_cli("learn", NULL));
	EXPECT_STR("# learned for profile d\n"
		   "\t# the peer's port was one its kernel picked (32768-60999): it changes from run to run\n"
		   "\tconnect allow udp 127.0.0.1 port 32768-60999\n"
		   "\tconnect allow udp 127.0.0.1 port any\n"
		   "\tconnect allow tcp 127.0.0.1 port 8080\n"
		   "\tconnect allow tcp 127.0.0.1 port 50000\n"
		   "\twrite allow /proc/1092/oom_score_adj\n"
		   "\t# its threads' names, under a pid that changes from run to run\n"
		   "\twrite allow /proc/*/task/*/comm\n"
		   "\t# asked for net_admin, refused by default (it would undo the confinement); \"capability deny net_admin\" refuses it without a record\n"
		   "\tcapability allow chown\n"
		   "\twrite allow /var/spool/q/active/*\n", cli_out);
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
	EXPECT_INT(EXIT_OK, run_cli("ps", NULL));
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
	EXPECT_INT(EXIT_NO_MODULE, run_cli("load", path, NULL));
	EXPECT_STR("module not loaded: run `modprobe dmzguard`\n"
		   "load: nothing loaded: without the module no policy is in force and nothing is confined; load the module, then run load again\n",
		   cli_err);
	fake_module_loaded = true;
	fake_load_result = EXIT_REFUSED;
	EXPECT_INT(EXIT_REFUSED, run_cli("load", path, NULL));
	EXPECT_STR("load: nothing changed; the active policy, if any, stays in force\n",
		   cli_err);
	fake_load_result = 0;
	EXPECT_INT(EXIT_OK, run_cli("load", path, NULL));
	EXPECT_STR("load: 1 profiles, 0 rules in force (generation 1, 100 bytes): 0 replaced, 1 added, 0 removed, 0 unchanged\n",
		   cli_out);
	EXPECT_INT(1, fake_loaded_profiles);
	fake_module_loaded = false;
	unlink(path);
	rmdir(dir);
}

/*
 * An attach path that names nothing on this host is a warning (the
 * policy may be meant for another host); --strict makes it fail.
 */
static void warns_about_attach_paths_not_on_this_host(void)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", path[64], text[512], want[512];

	if (!mkdtemp(dir)) {
		t_failed++;
		return;
	}
	snprintf(path, sizeof(path), "%s/daemon", dir);
	write_text(path, "");
	snprintf(text, sizeof(text),
		 "profile p {\n\tattach %s/daemon\n\tattach %s/missing\n"
		 "\tattach %s/*\n\tattach %s/gone/**\n\tattach %s/daemon/x\n}\n",
		 dir, dir, dir, dir, dir);
	snprintf(path, sizeof(path), "%s/p.policy", dir);
	write_text(path, text);
	EXPECT_INT(EXIT_OK, run_cli("check", path, NULL));
	EXPECT_STR("1 profiles, 0 rules, 3 warnings: ok\n", cli_out);
	snprintf(want, sizeof(want),
		 "%s:3:9: warning: attach path '%s/missing' does not exist on this host\n"
		 "%s:5:9: warning: attach pattern '%s/gone/**' matches nothing on this host: directory '%s/gone' does not exist\n"
		 "%s:6:9: warning: attach path '%s/daemon/x' does not exist on this host\n",
		 path, dir, path, dir, dir, path, dir);
	EXPECT_STR(want, cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("check", "--strict", path, NULL));
	EXPECT_STR("1 profiles, 0 rules, 3 warnings: failed (--strict treats warnings as errors)\n",
		   cli_out);
	EXPECT_STR(want, cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("check", "--strict", "--print", path, NULL));
	EXPECT_INT(0, strncmp("1 profiles", cli_out, 10));
	/* Without warnings --strict passes. */
	snprintf(text, sizeof(text), "profile p {\n\tattach %s/daemon\n}\n", dir);
	write_text(path, text);
	EXPECT_INT(EXIT_OK, run_cli("check", "--strict", path, NULL));
	EXPECT_STR("1 profiles, 0 rules, 0 warnings: ok\n", cli_out);
	EXPECT_STR("", cli_err);
	unlink(path);
	snprintf(path, sizeof(path), "%s/daemon", dir);
	unlink(path);
	rmdir(dir);
}

/* Files that cannot be read are named, included ones where included. */
static void names_the_file_in_every_diagnostic(void)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", path[96], inc[96], sub[96];
	char want[512];

	if (!mkdtemp(dir)) {
		t_failed++;
		return;
	}
	snprintf(inc, sizeof(inc), "%s/inc", dir);
	mkdir(inc, 0755);
	snprintf(sub, sizeof(sub), "%s/inc/d.policy", dir);
	mkdir(sub, 0755);
	EXPECT_INT(EXIT_USAGE, run_cli("check", sub, NULL));
	snprintf(want, sizeof(want),
		 "%s: is a directory (name the policy files in it, or include it from a policy file)\n",
		 sub);
	EXPECT_STR(want, cli_err);
	/* An included directory holds a directory named like a policy. */
	snprintf(path, sizeof(path), "%s/main.policy", dir);
	write_text(path, "profile a {\n\tattach /bin/sh\n}\ninclude inc\n");
	EXPECT_INT(EXIT_USAGE, run_cli("check", path, NULL));
	snprintf(want, sizeof(want),
		 "%s:4:9: cannot include '%s/inc/d.policy': is a directory\n",
		 path, dir);
	EXPECT_STR(want, cli_err);
	write_text(path, "include \"no such.policy\"\n");
	EXPECT_INT(EXIT_USAGE, run_cli("diff", "--against", path, path, NULL));
	snprintf(want, sizeof(want),
		 "%s:1:9: cannot include 'no such.policy': No such file or directory\n",
		 path);
	EXPECT_STR(want, cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("check", "", NULL));
	EXPECT_STR("an empty file name cannot be read\n", cli_err);
	snprintf(path, sizeof(path), "%s/none.policy", dir);
	EXPECT_INT(EXIT_USAGE, run_cli("load", path, NULL));
	snprintf(want, sizeof(want),
		 "%s: cannot read: No such file or directory\nload: nothing loaded\n",
		 path);
	EXPECT_STR(want, cli_err);
	snprintf(path, sizeof(path), "%s/main.policy", dir);
	unlink(path);
	rmdir(sub);
	rmdir(inc);
	rmdir(dir);
}

void run_cli_tests(void)
{
	RUN(names_the_file_in_every_diagnostic);
	RUN(warns_about_attach_paths_not_on_this_host);
	RUN(refuses_unknown_options);
	RUN(reads_options_like_getopt);
	RUN(prints_its_version);
	RUN(prints_status_as_json);
	RUN(load_says_when_the_module_is_missing);
	RUN(learns_write_rules_by_directory);
	RUN(learns_rules_that_hold_next_run);
	RUN(ps_escapes_what_tasks_name_themselves);
}
