// SPDX-License-Identifier: GPL-2.0
/*
 * watch --journal against a stand-in for journald's socket: one datagram
 * per event, the fields exactly as journald's native protocol wants them.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fake_ipc.h"
#include "test.h"

static void sends_each_event_with_its_fields(void)
{
	static const struct event events[] = {
		{ .kind = DMZG_EVENT_DENIED, .op = DMZG_OP_EXEC, .pid = 812,
		  .profile = "ftpd", .comm = "vsftpd",
		  .line = "denied op=exec profile=ftpd pid=812 comm=vsftpd exe=/usr/sbin/vsftpd target=/bin/sh uid=0" },
		{ .kind = DMZG_EVENT_POLICY,
		  .line = "policy loaded generation=3 profiles=1 rules=9 compile_us=12" },
	};
	char path[] = "/tmp/dmzg-journal-XXXXXX", sock[64], buf[2048];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	ssize_t n;
	int fd;

	if (!mkdtemp(path)) {
		t_failed++;
		return;
	}
	snprintf(sock, sizeof(sock), "%s/socket", path);
	strcpy(sa.sun_path, sock);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		t_failed++;
		return;
	}
	setenv("DMZG_JOURNAL_SOCKET", sock, 1);
	fake_module_loaded = true;
	fake_events = events;
	fake_nevents = 2;
	EXPECT_INT(EXIT_OK, run_cli("watch", "--journal", NULL));
	EXPECT_STR("", cli_out);
	n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	buf[n > 0 ? n : 0] = '\0';
	EXPECT_STR("MESSAGE=dmzguard: denied op=exec profile=ftpd pid=812 comm=vsftpd exe=/usr/sbin/vsftpd target=/bin/sh uid=0\n"
		   "PRIORITY=4\nSYSLOG_IDENTIFIER=dmzguard\nDMZGUARD_KIND=denied\n"
		   "DMZGUARD_OP=exec\nDMZGUARD_PROFILE=ftpd\nDMZGUARD_PID=812\n"
		   "DMZGUARD_COMM=vsftpd\nDMZGUARD_EXE=/usr/sbin/vsftpd\n"
		   "DMZGUARD_TARGET=/bin/sh\nDMZGUARD_UID=0\n", buf);
	n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	buf[n > 0 ? n : 0] = '\0';
	EXPECT_STR("MESSAGE=dmzguard: policy loaded generation=3 profiles=1 rules=9 compile_us=12\n"
		   "PRIORITY=6\nSYSLOG_IDENTIFIER=dmzguard\nDMZGUARD_KIND=policy\n"
		   "DMZGUARD_GENERATION=3\nDMZGUARD_PROFILES=1\nDMZGUARD_RULES=9\n"
		   "DMZGUARD_COMPILE_US=12\n", buf);
	EXPECT_INT(-1, recv(fd, buf, sizeof(buf), MSG_DONTWAIT));
	/* No journal to write to: said, and the exit code says so. */
	close(fd);
	unlink(sock);
	EXPECT_INT(EXIT_IO, run_cli("watch", "--journal", NULL));
	EXPECT_CONTAINS("watch: cannot write to the journal (", cli_err);
	EXPECT_CONTAINS("/socket): No such file or directory\n", cli_err);
	EXPECT_INT(EXIT_USAGE, run_cli("watch", "--journal", "--json", NULL));
	EXPECT_CONTAINS("dmzguardctl watch: --json and --journal exclude each other\n",
			cli_err);
	unsetenv("DMZG_JOURNAL_SOCKET");
	rmdir(path);
	fake_events = NULL;
	fake_nevents = 0;
	fake_module_loaded = false;
}

void run_journal_tests(void)
{
	RUN(sends_each_event_with_its_fields);
}
