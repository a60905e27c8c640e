// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-auditd SECONDS TYPE: stand in for auditd for SECONDS: register
 * with the kernel's audit subsystem as its daemon, turn auditing on,
 * print every record of TYPE it receives ("type=T MESSAGE"), then turn
 * auditing off and let go.  Prints "ready" once registered.
 */
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int audit_set(int fd, unsigned int enabled, unsigned int pid)
{
	struct {
		struct nlmsghdr nh;
		struct audit_status st;
	} req;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = sizeof(req);
	req.nh.nlmsg_type = AUDIT_SET;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.st.mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID;
	req.st.enabled = enabled;
	req.st.pid = pid;
	return sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&kernel,
		      sizeof(kernel)) < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	static char buf[16384];
	time_t end;
	int fd, type;

	if (argc != 3) {
		fprintf(stderr, "usage: dmzg-auditd SECONDS TYPE\n");
		return 2;
	}
	end = time(NULL) + atoi(argv[1]);
	type = atoi(argv[2]);
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT);
	if (fd < 0 || audit_set(fd, 1, (unsigned int)getpid())) {
		perror("audit");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (time(NULL) < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *nh = (struct nlmsghdr *)buf;
		ssize_t n;

		if (poll(&p, 1, 200) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n < (ssize_t)sizeof(*nh))
			continue;
		buf[n] = '\0';
		if (nh->nlmsg_type == type)
			printf("type=%d %.*s\n", type,
			       (int)(n - NLMSG_HDRLEN), (char *)NLMSG_DATA(nh));
		fflush(stdout);
	}
	audit_set(fd, 0, 0);
	close(fd);
	return 0;
}
