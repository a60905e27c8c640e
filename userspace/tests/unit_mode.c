// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of 'mode PROFILE MODE --file FILE': the mode written into
 * the profile's block and nothing else changed, the file replaced
 * atomically with its permissions, the kernel asked first.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "fake_ipc.h"
#include "test.h"

static char dir[64], path[128];

static int setup(const char *text)
{
	snprintf(dir, sizeof(dir), "/tmp/dmzg-unit-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/m.policy", dir);
	return write_text(path, text);
}

/* @path's contents, in a static buffer. */
static const char *contents(void)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* Files in the directory besides m.policy: a temporary file left over. */
static int strays(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] == '.' && strcmp(e->d_name, ".") &&
		     strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
	fake_module_loaded = false;
	fake_mode_result = 0;
	fake_mode_set = -1;
}

static const char *const block_without_mode =
	"# the FTP daemon\n"
	"profile ftpd {\n"
	"\n"
	"    # its binary\n"
	"    attach /bin/sh   # on this host\n"
	"    exec allow /usr/bin/ls\n"
	"}\n"
	"profile b {\n"
	"\tattach /bin/true\n"
	"\tmode  enforce   # reviewed\n"
	"}\n";

/* No mode line: one is added with the block's indentation. */
static void inserts_a_mode_line(void)
{
	char want[512];
	struct stat st;

	if (setup(block_without_mode) || chmod(path, 0640)) {
		t_failed++;
		return;
	}
	/* Root can give the file another owner, which must be kept. */
	if (!geteuid() && chown(path, 65534, 65534))
		t_failed++;
	fake_module_loaded = false;
	EXPECT_INT(EXIT_OK, run_cli("mode", "ftpd", "complain", "--file", path,
				    NULL));
	snprintf(want, sizeof(want),
		 "%s:3: mode complain written; the module is not loaded, so only the file changed\n",
		 path);
	EXPECT_STR(want, cli_out);
	EXPECT_STR("# the FTP daemon\n"
		   "profile ftpd {\n"
		   "    mode complain\n"
		   "\n"
		   "    # its binary\n"
		   "    attach /bin/sh   # on this host\n"
		   "    exec allow /usr/bin/ls\n"
		   "}\n"
		   "profile b {\n"
		   "\tattach /bin/true\n"
		   "\tmode  enforce   # reviewed\n"
		   "}\n", contents());
	EXPECT_INT(0, stat(path, &st));
	EXPECT_INT(0640, st.st_mode & 07777);
	EXPECT_INT(geteuid() ? geteuid() : 65534, st.st_uid);
	EXPECT_INT(0, strays());
	/* Again: the file already says so, and is left alone. */
	EXPECT_INT(EXIT_OK, run_cli("mode", "ftpd", "complain", "--file", path,
				    NULL));
	snprintf(want, sizeof(want),
		 "%s:3: mode complain already written; the module is not loaded, so only the file changed\n",
		 path);
	EXPECT_STR(want, cli_out);
	teardown();
}

/* A mode line is rewritten in place: its spacing and comment stay. */
static void rewrites_the_mode_line(void)
{
	char want[512];

	if (setup(block_without_mode)) {
		t_failed++;
		return;
	}
	fake_module_loaded = true;
	EXPECT_INT(EXIT_OK, run_cli("--", "mode", "b", "complain", "--file",
				    path, NULL));
	snprintf(want, sizeof(want),
		 "profile b: complain\n%s:10: mode complain written\n", path);
	EXPECT_STR(want, cli_out);
	EXPECT_STR("b", fake_mode_profile);
	EXPECT_INT(DMZG_MODE_COMPLAIN, fake_mode_set);
	EXPECT_CONTAINS("\tattach /bin/true\n\tmode  complain   # reviewed\n}\n",
			contents());
	EXPECT_INT(0, strncmp(block_without_mode, contents(), 120));
	teardown();
}

/* The kernel refuses: the file is not changed and no file is left. */
static void leaves_the_file_when_the_kernel_refuses(void)
{
	char want[512];

	if (setup(block_without_mode)) {
		t_failed++;
		return;
	}
	fake_module_loaded = true;
	fake_mode_result = EXIT_REFUSED;
	EXPECT_INT(EXIT_REFUSED, run_cli("mode", "b", "complain", "--file",
					 path, NULL));
	snprintf(want, sizeof(want),
		 "mode: refused by the kernel\n"
		 "mode: the kernel's profile was not switched, so %s was not changed either\n",
		 path);
	EXPECT_STR(want, cli_err);
	EXPECT_STR("", cli_out);
	EXPECT_STR(block_without_mode, contents());
	EXPECT_INT(0, strays());
	teardown();
}

/* The profile must be in the file, the file must be valid. */
static void checks_the_file_first(void)
{
	char want[512];

	if (setup(block_without_mode)) {
		t_failed++;
		return;
	}
	fake_module_loaded = true;
	EXPECT_INT(EXIT_USAGE, run_cli("mode", "ftp", "complain", "--file",
				       path, NULL));
	snprintf(want, sizeof(want),
		 "%s: no profile 'ftp' in this file (nothing changed); did you mean 'ftpd'?\n",
		 path);
	EXPECT_STR(want, cli_err);
	EXPECT_INT(-1, fake_mode_set);
	write_text(path, "profile ftpd {\n\tmode complian\n}\n");
	EXPECT_INT(EXIT_USAGE, run_cli("mode", "ftpd", "enforce", "--file",
				       path, NULL));
	snprintf(want, sizeof(want),
		 "%s:2:7: invalid mode 'complian' (expected enforce or complain); did you mean 'complain'?\n"
		 "mode: nothing changed\n", path);
	EXPECT_STR(want, cli_err);
	EXPECT_STR("profile ftpd {\n\tmode complian\n}\n", contents());
	EXPECT_INT(-1, fake_mode_set);
	unlink(path);
	EXPECT_INT(EXIT_USAGE, run_cli("mode", "ftpd", "enforce", "--file",
				       path, NULL));
	snprintf(want, sizeof(want),
		 "%s: cannot read: No such file or directory\nmode: nothing changed\n",
		 path);
	EXPECT_STR(want, cli_err);
	teardown();
}

/*
 * CRLF line endings and a byte order mark are kept; the inserted line
 * takes the block's first statement's indentation and line ending.
 */
static void keeps_crlf_and_byte_order_mark(void)
{
	if (setup("\xef\xbb\xbfprofile a {\r\n\tattach /bin/sh\r\n}\r\n"
		  "profile b {\r\n  attach /bin/true\r\n  mode complain\r\n}\r\n")) {
		t_failed++;
		return;
	}
	EXPECT_INT(EXIT_OK, run_cli("mode", "a", "complain", "--file", path,
				    NULL));
	EXPECT_INT(EXIT_OK, run_cli("mode", "b", "enforce", "--file", path,
				    NULL));
	EXPECT_STR("\xef\xbb\xbfprofile a {\r\n\tmode complain\r\n\tattach /bin/sh\r\n}\r\n"
		   "profile b {\r\n  attach /bin/true\r\n  mode enforce\r\n}\r\n",
		   contents());
	teardown();
}

/* A symbolic link stays one: the file it names gets the new text. */
static void edits_through_a_symbolic_link(void)
{
	char link[160];
	struct stat st;

	if (setup("profile a {\n\tattach /bin/sh\n}\n")) {
		t_failed++;
		return;
	}
	snprintf(link, sizeof(link), "%s/link.policy", dir);
	if (symlink("m.policy", link)) {
		t_failed++;
		teardown();
		return;
	}
	EXPECT_INT(EXIT_OK, run_cli("mode", "a", "complain", "--file", link,
				    NULL));
	EXPECT_INT(0, lstat(link, &st));
	EXPECT_INT(1, S_ISLNK(st.st_mode));
	EXPECT_STR("profile a {\n\tmode complain\n\tattach /bin/sh\n}\n",
		   contents());
	unlink(link);
	teardown();
}

/* A block in a file FILE includes is edited in that file. */
static void edits_the_included_file_that_holds_the_block(void)
{
	char inc[sizeof(path)], want[512];

	if (setup("include inc.policy\nprofile a {\n\tattach /bin/sh\n}\n")) {
		t_failed++;
		return;
	}
	snprintf(inc, sizeof(inc), "%s/inc.policy", dir);
	write_text(inc, "profile b {\n\tmode enforce\n\tattach /bin/true\n}\n");
	EXPECT_INT(EXIT_OK, run_cli("mode", "b", "complain", "--file", path,
				    NULL));
	snprintf(want, sizeof(want),
		 "%s:2: mode complain written; the module is not loaded, so only the file changed\n",
		 inc);
	EXPECT_STR(want, cli_out);
	EXPECT_STR("include inc.policy\nprofile a {\n\tattach /bin/sh\n}\n",
		   contents());
	snprintf(path, sizeof(path), "%s", inc);
	EXPECT_STR("profile b {\n\tmode complain\n\tattach /bin/true\n}\n",
		   contents());
	unlink(inc);
	snprintf(path, sizeof(path), "%s/m.policy", dir);
	teardown();
}

void run_mode_tests(void)
{
	RUN(edits_the_included_file_that_holds_the_block);
	RUN(inserts_a_mode_line);
	RUN(rewrites_the_mode_line);
	RUN(leaves_the_file_when_the_kernel_refuses);
	RUN(checks_the_file_first);
	RUN(keeps_crlf_and_byte_order_mark);
	RUN(edits_through_a_symbolic_link);
}
