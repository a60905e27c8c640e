// SPDX-License-Identifier: GPL-2.0
/*
 * load, apply, remove and --confirm against a fake module: what each
 * sends (the whole policy, over the generation it read), and what each
 * refuses before sending anything.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_ipc.h"
#include "test.h"

/* The kernel's policy: "helper", confining vsftpd (pid 812), and "spare". */
static struct policy active;
static const struct ps_entry helper_task = {
	.pid = 812, .tgid = 812, .comm = "vsftpd", .exe = "/usr/sbin/vsftpd",
	.profile = "helper",
};
static char dir[] = "/tmp/dmzg-change-XXXXXX";

static void path_in(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
}

static int setup(void)
{
	char p[128];

	policy_init(&active);
	if (policy_parse_string(&active, "kernel",
				"profile helper {\n\tattach /bin/sh\n"
				"\texec allow /bin/true\n}\n"
				"profile spare {\n\tattach /bin/cat\n}\n") ||
	    policy_finish(&active) || !mkdtemp(dir))
		return -1;
	path_in(p, sizeof(p), "web.policy");
	if (write_text(p, "profile web {\n\tattach /bin/ls\n"
			  "\texec allow /usr/bin/cgi -> helper\n}\n"))
		return -1;
	path_in(p, sizeof(p), "alone.policy");
	if (write_text(p, "profile alone {\n\tattach /bin/echo\n}\n"))
		return -1;
	fake_module_loaded = true;
	fake_status.loaded = true;
	fake_status.generation = 7;
	fake_policy = &active;
	fake_tasks = &helper_task;
	fake_ntasks = 1;
	return 0;
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		t_failed++;
	policy_free(&active);
	fake_module_loaded = false;
	memset(&fake_status, 0, sizeof(fake_status));
	fake_policy = NULL;
	fake_tasks = NULL;
	fake_ntasks = 0;
	fake_load_result = 0;
}

/* A load keeps the kernel's other profiles, may name them, and expects
 * the generation it read. */
static void load_keeps_the_profiles_it_does_not_name(void)
{
	char p[128];

	path_in(p, sizeof(p), "web.policy");
	memset(&fake_load_opts, 0, sizeof(fake_load_opts));
	EXPECT_INT(EXIT_OK, run_cli("load", p, NULL));
	EXPECT_STR("web helper spare", fake_loaded_names);
	EXPECT_INT(1, fake_load_opts.expect);
	EXPECT_INT(7, fake_load_opts.generation);
	EXPECT_INT(0, fake_load_opts.force);
	EXPECT_INT(0, fake_load_opts.confirm_seconds);
	EXPECT_STR("load: 3 profiles, 2 rules in force (generation 1, 100 bytes): 0 replaced, 1 added, 0 removed, 2 unchanged\n",
		   cli_out);
}

/* Without the kernel's "helper", the transition names nothing. */
static void load_checks_transitions_against_what_the_kernel_keeps(void)
{
	char p[128];

	path_in(p, sizeof(p), "web.policy");
	fake_policy = NULL;
	fake_status.loaded = false;
	fake_loaded_names[0] = '\0';
	EXPECT_INT(EXIT_USAGE, run_cli("load", p, NULL));
	EXPECT_CONTAINS("web.policy:3:2: exec transition to unknown profile 'helper'\n",
			cli_err);
	EXPECT_CONTAINS("load: nothing loaded\n", cli_err);
	EXPECT_STR("", fake_loaded_names);
	fake_policy = &active;
	fake_status.loaded = true;
}

static void apply_refuses_to_drop_a_profile_in_use(void)
{
	char p[128];

	path_in(p, sizeof(p), "alone.policy");
	fake_loaded_names[0] = '\0';
	EXPECT_INT(EXIT_REFUSED, run_cli("apply", p, NULL));
	EXPECT_STR("apply: profile 'helper' confines running tasks: 812 (vsftpd)\n"
		   "apply: without their profile they would be denied everything; nothing changed (--force does it anyway)\n",
		   cli_err);
	EXPECT_STR("", fake_loaded_names);
	EXPECT_INT(EXIT_OK, run_cli("apply", "--force", p, NULL));
	EXPECT_STR("apply: warning: profile 'helper' confines running tasks: 812 (vsftpd)\n"
		   "apply: without their profile they are denied everything until they exit\n",
		   cli_err);
	EXPECT_STR("alone", fake_loaded_names);
	EXPECT_INT(1, fake_load_opts.force);
	EXPECT_CONTAINS("0 replaced, 1 added, 2 removed, 0 unchanged\n", cli_out);
}

/* A directory stands for its *.policy files, in name order. */
static void apply_reads_a_directory(void)
{
	char d[128], p[160];

	path_in(d, sizeof(d), "policy.d");
	if (mkdir(d, 0700)) {
		t_failed++;
		return;
	}
	EXPECT_INT(EXIT_USAGE, run_cli("apply", d, NULL));
	EXPECT_CONTAINS("apply: directory '", cli_err);
	EXPECT_CONTAINS("policy.d' has no .policy file\napply: nothing loaded\n",
			cli_err);
	snprintf(p, sizeof(p), "%s/b.policy", d);
	write_text(p, "profile b {\n\tattach /bin/cat\n}\n");
	snprintf(p, sizeof(p), "%s/a.policy", d);
	write_text(p, "profile a {\n\tattach /bin/ls\n}\nprofile helper {\n\tattach /bin/true\n}\n");
	snprintf(p, sizeof(p), "%s/.hidden.policy", d);
	write_text(p, "this is not read\n");
	snprintf(p, sizeof(p), "%s/notes.txt", d);
	write_text(p, "nor is this\n");
	EXPECT_INT(EXIT_OK, run_cli("apply", d, NULL));
	EXPECT_STR("a helper b", fake_loaded_names);
	EXPECT_CONTAINS("1 replaced, 2 added, 1 removed, 0 unchanged\n", cli_out);
}

static void remove_names_what_it_refuses(void)
{
	fake_loaded_names[0] = '\0';
	EXPECT_INT(EXIT_USAGE, run_cli("remove", "nosuch", NULL));
	EXPECT_STR("remove: no profile 'nosuch' in the active policy; nothing changed\n",
		   cli_err);
	EXPECT_INT(EXIT_REFUSED, run_cli("remove", "helper", NULL));
	EXPECT_CONTAINS("remove: profile 'helper' confines running tasks: 812 (vsftpd)\n",
			cli_err);
	EXPECT_STR("", fake_loaded_names);
	EXPECT_INT(EXIT_USAGE, run_cli("remove", "--force", "helper", "spare",
				       NULL));
	EXPECT_STR("remove: that leaves no profile; 'dmzguardctl clear' removes the whole policy\n",
		   cli_err);
	EXPECT_STR("", fake_loaded_names);
	EXPECT_INT(EXIT_OK, run_cli("remove", "spare", NULL));
	EXPECT_STR("helper", fake_loaded_names);
	EXPECT_INT(0, fake_load_opts.force);
	EXPECT_CONTAINS("remove: 1 profiles, 1 rules in force", cli_out);
}

static void confirm_takes_seconds(void)
{
	char p[128];

	path_in(p, sizeof(p), "web.policy");
	EXPECT_INT(EXIT_USAGE, run_cli("load", "--confirm", "0", p, NULL));
	EXPECT_CONTAINS("dmzguardctl load: invalid value '0' for --confirm (expected 1 to 3600 seconds)\n",
			cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("load", "--confirm", "3601", p, NULL));
	EXPECT_INT(EXIT_USAGE, run_cli("load", "--confirm", "1m", p, NULL));
	EXPECT_CONTAINS("invalid value '1m' for --confirm (expected a whole number)\n",
			cli_err);
	EXPECT_INT(EXIT_OK, run_cli("load", "--confirm=30", p, NULL));
	EXPECT_INT(30, fake_load_opts.confirm_seconds);
	EXPECT_CONTAINS("load: the previous policy comes back in 30 s unless 'dmzguardctl confirm' is run\n",
			cli_out);
	fake_load_result = EXIT_REFUSED;
	EXPECT_INT(EXIT_REFUSED, run_cli("load", p, NULL));
	EXPECT_STR("load: nothing changed; the active policy, if any, stays in force\n",
		   cli_err);
	fake_load_result = 0;
}

void run_change_tests(void)
{
	if (setup()) {
		printf("FAIL change-tests-setup\n");
		t_fail++;
		return;
	}
	RUN(load_keeps_the_profiles_it_does_not_name);
	RUN(load_checks_transitions_against_what_the_kernel_keeps);
	RUN(apply_refuses_to_drop_a_profile_in_use);
	RUN(apply_reads_a_directory);
	RUN(remove_names_what_it_refuses);
	RUN(confirm_takes_seconds);
	teardown();
}
