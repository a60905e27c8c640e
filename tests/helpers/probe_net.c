// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: reaching the network - connect and addressed sends over
 * TCP, UDP and MPTCP (also with fast open and through io_uring), SCTP,
 * AF_UNSPEC reconnects, sockets received over SCM_RIGHTS (and the
 * unconfined helper that passes them), socket classes, unix sockets and
 * network namespaces.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/netlink.h>
#include <linux/sctp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "probe.h"

#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000
#endif
#ifndef TCP_FASTOPEN_CONNECT
#define TCP_FASTOPEN_CONNECT 30
#endif
#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif
#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

static int parse_addr(const char *host, const char *port,
		      struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons(atoi(port));
		*len = sizeof(*in);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(atoi(port));
		*len = sizeof(*in6);
		return AF_INET6;
	}
	errno = EINVAL;
	return -1;
}

/* The action lacks words or has a bad address: say what it takes. */
static int usage(struct act *x, const char *words)
{
	snprintf(x->out, x->size, "USAGE %s", words);
	return 3;
}

/*
 * One connect or addressed sendmsg through io_uring, with raw syscalls
 * (no liburing in the VM).  IOSQE_ASYNC forces it onto an io-wq worker
 * thread, which must carry the submitter's confinement.
 */
static int uring_op(int op, int fd, struct sockaddr_storage *ss,
		    socklen_t len, int async)
{
	struct io_uring_params p = { 0 };
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = { .msg_name = ss, .msg_namelen = len,
			      .msg_iov = &iov, .msg_iovlen = 1 };
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	unsigned int *tail, *array, mask, *chead, cmask;
	size_t sqlen, cqlen;
	char *sq, *cq;
	int ring, res;

	ring = syscall(__NR_io_uring_setup, 4, &p);
	if (ring < 0)
		return -1;
	sqlen = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cqlen = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sqlen, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
	cq = mmap(NULL, cqlen, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_CQ_RING);
	sqe = mmap(NULL, p.sq_entries * sizeof(*sqe), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqe == MAP_FAILED) {
		close(ring);
		return -1;
	}
	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = op;
	sqe->fd = fd;
	if (op == IORING_OP_CONNECT) {
		sqe->addr = (unsigned long)ss;
		sqe->off = len;
	} else {
		sqe->addr = (unsigned long)&msg;
		sqe->len = 1;
	}
	if (async)
		sqe->flags = IOSQE_ASYNC;
	tail = (unsigned int *)(sq + p.sq_off.tail);
	array = (unsigned int *)(sq + p.sq_off.array);
	mask = *(unsigned int *)(sq + p.sq_off.ring_mask);
	array[*tail & mask] = 0;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0) {
		close(ring);
		return -1;
	}
	chead = (unsigned int *)(cq + p.cq_off.head);
	cmask = *(unsigned int *)(cq + p.cq_off.ring_mask);
	cqe = (struct io_uring_cqe *)(cq + p.cq_off.cqes) + (*chead & cmask);
	res = cqe->res;
	close(ring);
	if (res < 0) {
		errno = -res;
		return -1;
	}
	return 0;
}

/*
 * connect|sendto|fastopen|sendmsg|sendmmsg|tfo-connect|bind|listen
 * tcp|udp|mptcp HOST PORT [v6], uring-connect|uring-sendmsg ... [v4|v6
 * [async]]: "v6" uses an IPv6 socket for an IPv4-mapped address.  A
 * refused connection counts as let through.  listen-unbound listens
 * without bind() (HOST only picks the family): on an ephemeral port.
 */
int act_net(struct act *x)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fam, type, fd, r, one = 1;
	const char *what = x->a[0];

	if (x->n < 4) {
		snprintf(x->out, x->size, "USAGE %s tcp|udp HOST PORT", what);
		return 3;
	}
	fam = parse_addr(x->a[2], x->a[3], &ss, &len);
	if (fam < 0)
		return report(-1, x->out, x->size);
	type = !strcmp(x->a[1], "udp") ? SOCK_DGRAM : SOCK_STREAM;
	if (x->n > 4 && !strcmp(x->a[4], "v6"))
		fam = AF_INET6;
	fd = socket(fam, type, !strcmp(x->a[1], "mptcp") ? IPPROTO_MPTCP : 0);
	if (fd < 0)
		return report(-1, x->out, x->size);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (!strcmp(what, "connect")) {
		r = connect(fd, (struct sockaddr *)&ss, len);
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;	/* the policy let it through */
	} else if (!strcmp(what, "sendto")) {
		r = sendto(fd, "x", 1, 0, (struct sockaddr *)&ss, len);
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "fastopen")) {
		r = sendto(fd, "x", 1, MSG_FASTOPEN, (struct sockaddr *)&ss,
			   len);
		if (r < 0 && (errno == ECONNREFUSED || errno == EINPROGRESS))
			r = 0;
	} else if (!strcmp(what, "sendmsg") || !strcmp(what, "sendmmsg")) {
		struct iovec iov = { .iov_base = "x", .iov_len = 1 };
		struct mmsghdr mm = { .msg_hdr = { .msg_name = &ss,
				.msg_namelen = len, .msg_iov = &iov,
				.msg_iovlen = 1 } };

		if (!strcmp(what, "sendmsg"))
			r = sendmsg(fd, &mm.msg_hdr, 0);
		else
			r = sendmmsg(fd, &mm, 1, 0) == 1 ? 0 : -1;
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "tfo-connect")) {
		setsockopt(fd, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, &one,
			   sizeof(one));
		r = connect(fd, (struct sockaddr *)&ss, len);
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "uring-connect") ||
		   !strcmp(what, "uring-sendmsg")) {
		r = uring_op(what[6] == 'c' ? IORING_OP_CONNECT :
			     IORING_OP_SENDMSG, fd, &ss, len,
			     x->n > 5 && !strcmp(x->a[5], "async"));
		if (r < 0 && errno == ECONNREFUSED)
			r = 0;
	} else if (!strcmp(what, "bind")) {
		r = bind(fd, (struct sockaddr *)&ss, len);
	} else if (!strcmp(what, "listen-unbound")) {
		r = listen(fd, 1);
	} else if (!strcmp(what, "listen")) {
		r = bind(fd, (struct sockaddr *)&ss, len);
		if (r == 0)
			r = listen(fd, 1);
	} else {
		errno = EINVAL;
		r = -1;
	}
	r = report(r, x->out, x->size);
	close(fd);
	return r;
}

/* SCTP: connect, connectx (a socket option) or an implicit sendmsg. */
int act_sctp(struct act *x)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, r;

	if (x->n < 4 || parse_addr(x->a[2], x->a[3], &ss, &len) < 0)
		return usage(x, "sctp connect|connectx|sendmsg HOST PORT");
	fd = socket(ss.ss_family, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (fd < 0)
		return report(-1, x->out, x->size);
	if (!strcmp(x->a[1], "connect")) {
		r = connect(fd, (struct sockaddr *)&ss, len);
	} else if (!strcmp(x->a[1], "connectx")) {
		r = setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, &ss, len);
	} else {
		r = sendto(fd, "x", 1, 0, (struct sockaddr *)&ss, len);
	}
	if (r < 0 && (errno == ECONNREFUSED || errno == EINPROGRESS))
		r = 0;
	r = report(r, x->out, x->size);
	close(fd);
	return r;
}

/*
 * Connect (AF_UNSPEC-disconnect) and reconnect: the first address is
 * allowed, the second is what the attacker wants.
 */
int act_reconnect(struct act *x)
{
	struct sockaddr_storage ss;
	struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	socklen_t len;
	int fd, r;

	if (x->n < 6 || parse_addr(x->a[2], x->a[3], &ss, &len) < 0)
		return usage(x, "reconnect udp OKHOST OKPORT HOST PORT");
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len) ||
	    connect(fd, &unspec, sizeof(unspec)) ||
	    parse_addr(x->a[4], x->a[5], &ss, &len) < 0) {
		snprintf(x->out, x->size, "SETUP %s", strerror(errno));
		return 3;
	}
	r = connect(fd, (struct sockaddr *)&ss, len);
	if (r == 0 && send(fd, "x", 1, 0) < 0 && errno != ECONNREFUSED)
		r = -1;
	r = report(r, x->out, x->size);
	close(fd);
	return r;
}

/*
 * Receive a socket over SCM_RIGHTS from the unix socket PATH and send on
 * it: the sender connected it, not this process.
 */
int act_scm_recv(struct act *x)
{
	const char *path = x->a[1];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char data, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), got = -1, r;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    recvmsg(fd, &msg, 0) < 0) {
		r = report(-1, x->out, x->size);
		if (fd >= 0)
			close(fd);
		return r;
	}
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&got, CMSG_DATA(cm), sizeof(got));
	close(fd);
	if (got < 0) {
		/* No descriptor and no error: it was withheld on the way. */
		snprintf(x->out, x->size, "WITHHELD");
		return 1;
	}
	r = report((int)send(got, "x", 1, 0), x->out, x->size);
	close(got);
	return r;
}

/*
 * A TCP socket to 127.0.0.1:PORT, where this process listens, left in
 * @state: "closewait" (the peer accepted and closed: it can still send)
 * or "synsent" (the listener's queue is full, so the handshake never
 * ends).  The listener lives as long as the helper.
 */
static int tcp_in_state(const char *state, const char *port)
{
	static int ls = -1, next_port;
	struct sockaddr_in local = { .sin_family = AF_INET,
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(atoi(port)),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	bool synsent = !strcmp(state, "synsent");
	int c, a, one = 1;

	if (ls < 0) {
		ls = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (ls < 0 || bind(ls, (struct sockaddr *)&sin, sizeof(sin)) ||
		    listen(ls, 0))
			return -1;
		/* Backlog 0 holds one connection: later SYNs are dropped. */
		c = socket(AF_INET, SOCK_STREAM, 0);
		if (synsent && connect(c, (struct sockaddr *)&sin, sizeof(sin)))
			return -1;
	}
	c = socket(AF_INET, SOCK_STREAM | (synsent ? SOCK_NONBLOCK : 0), 0);
	if (c < 0)
		return -1;
	/*
	 * A local port of its own (30000-39999, one thousand per helper),
	 * outside every port a test profile may bind: a socket whose local
	 * end the profile may bind is taken for one the daemon accepted,
	 * and let through.
	 */
	local.sin_port = htons(30000 + atoi(port) % 10 * 1000 +
			       next_port++ % 1000);
	if (bind(c, (struct sockaddr *)&local, sizeof(local))) {
		close(c);
		return -1;
	}
	if (synsent) {
		connect(c, (struct sockaddr *)&sin, sizeof(sin));
		return c;
	}
	if (connect(c, (struct sockaddr *)&sin, sizeof(sin)))
		return -1;
	a = accept(ls, NULL, NULL);
	if (a >= 0)
		close(a);
	/* Let the FIN arrive. */
	usleep(50000);
	return c;
}

/* The socket to hand over: see pass_fd(). */
static int socket_to_pass(const char *host, const char *port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int s;

	if (!strcmp(host, "closewait") || !strcmp(host, "synsent"))
		return tcp_in_state(host, port);
	if (!strcmp(host, "unix")) {
		struct sockaddr_un sun = { .sun_family = AF_UNIX };

		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", port);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (s >= 0 && connect(s, (struct sockaddr *)&sun, sizeof(sun))) {
			close(s);
			return -1;
		}
		return s;
	}
	if (parse_addr(host, port, &ss, &len) < 0)
		return -1;
	s = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (s >= 0 && connect(s, (struct sockaddr *)&ss, len)) {
		close(s);
		return -1;
	}
	return s;
}

/*
 * The unconfined side: hand each client of the unix socket PATH (@NAME:
 * an abstract one) a socket: UDP connected to HOST:PORT, or with HOST
 * "unix" a unix stream socket connected to the path PORT, or with HOST
 * "closewait" or "synsent" a TCP socket in that state (tcp_in_state()).
 */
int pass_fd(const char *path, const char *host, const char *port)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t sunlen = sizeof(sun);
	int ls = socket(AF_UNIX, SOCK_STREAM, 0);

	/* A path of all 108 bytes is bound without its NUL, as bind allows. */
	memcpy(sun.sun_path, path, strnlen(path, sizeof(sun.sun_path)));
	if (path[0] == '@') {
		/* @name: an abstract socket */
		sun.sun_path[0] = '\0';
		sunlen = offsetof(struct sockaddr_un, sun_path) + strlen(path);
	} else {
		unlink(path);
	}
	if (bind(ls, (struct sockaddr *)&sun, sunlen) || listen(ls, 4)) {
		perror("pass-fd");
		return 1;
	}
	for (;;) {
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { .iov_base = "s", .iov_len = 1 };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
				      .msg_control = cbuf,
				      .msg_controllen = sizeof(cbuf) };
		struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
		int c = accept(ls, NULL, NULL);
		int s = socket_to_pass(host, port);

		if (c < 0 || s < 0) {
			perror("pass-fd: the socket to pass");
			return 1;
		}
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &s, sizeof(s));
		/* A client that left already must not end the helper. */
		if (sendmsg(c, &msg, MSG_NOSIGNAL) < 0)
			perror("pass-fd: sendmsg");
		close(s);
		close(c);
	}
}

/* socket raw|packet|netlink|netlink-audit|netlink-generic|ping|tcp|tcp6|dccp */
int act_socket(struct act *x)
{
	const char *kind = x->a[1];
	int fd;

	if (!strcmp(kind, "raw"))
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	else if (!strcmp(kind, "packet"))
		fd = socket(AF_PACKET, SOCK_RAW, 0);
	else if (!strcmp(kind, "netlink"))
		fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	else if (!strcmp(kind, "netlink-audit"))
		fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT);
	else if (!strcmp(kind, "netlink-generic"))
		fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	else if (!strcmp(kind, "ping"))
		fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	else if (!strcmp(kind, "tcp"))
		fd = socket(AF_INET, SOCK_STREAM, 0);
	else if (!strcmp(kind, "tcp6"))
		fd = socket(AF_INET6, SOCK_STREAM, 0);
	else if (!strcmp(kind, "dccp"))
		fd = socket(AF_INET, SOCK_DCCP, IPPROTO_DCCP);
	else {
		errno = EINVAL;
		fd = -1;
	}
	if (fd >= 0)
		close(fd);
	return report(fd, x->out, x->size);
}

/*
 * unix PATH|@ABSTRACT: connect; a refused or missing peer counts as let
 * through.
 */
int act_unix(struct act *x)
{
	const char *path = x->a[1];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), r;

	if (fd < 0)
		return report(-1, x->out, x->size);
	/* Up to all 108 bytes of sun_path, without a NUL. */
	memcpy(sun.sun_path, path, strnlen(path, sizeof(sun.sun_path)));
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	r = connect(fd, (struct sockaddr *)&sun,
		    offsetof(struct sockaddr_un, sun_path) +
		    strnlen(path, sizeof(sun.sun_path)));
	if (r < 0 && (errno == ECONNREFUSED || errno == ENOENT))
		r = 0;
	close(fd);
	return report(r, x->out, x->size);
}

/*
 * connect-many HOST FIRSTPORT COUNT: TCP connects to COUNT successive
 * ports, as fast as one process can: "OK" when every one was refused
 * with EACCES, else the first other outcome.
 */
int act_connect_many(struct act *x)
{
	int first = atoi(x->a[2]), count = atoi(x->a[3]), i;
	struct sockaddr_storage ss;
	char port[16];
	socklen_t len;

	for (i = 0; i < count; i++) {
		int fd, fam, r;

		snprintf(port, sizeof(port), "%d", first + i);
		fam = parse_addr(x->a[1], port, &ss, &len);
		fd = fam < 0 ? -1 : socket(fam, SOCK_STREAM, 0);
		if (fd < 0)
			return report(-1, x->out, x->size);
		r = connect(fd, (struct sockaddr *)&ss, len);
		close(fd);
		if (r == 0 || errno != EACCES) {
			snprintf(x->out, x->size, "PORT %d %s", first + i,
				 r == 0 ? "connected" : strerror(errno));
			return 1;
		}
	}
	snprintf(x->out, x->size, "OK");
	return 0;
}

/* unshare-net: a network namespace of its own */
int act_unshare_net(struct act *x)
{
	return report(unshare(CLONE_NEWNET), x->out, x->size);
}

/* setns NSFILE: into another network namespace */
int act_setns(struct act *x)
{
	int fd = open(x->a[1], O_RDONLY);

	if (fd < 0)
		return report(-1, x->out, x->size);
	return report(setns(fd, CLONE_NEWNET), x->out, x->size);
}

/* An IPv4 loose source route through 127.0.0.2 (IPOPT_LSRR), padded. */
static const unsigned char lsrr[8] = { 131, 7, 4, 127, 0, 0, 2, 0 };

/*
 * sockopt lsrr|lsrr-cmsg|srh|zero-cmsg: send a datagram to the allowed
 * 127.0.0.1:5353 (or [::1]:5353) with a route that sends it elsewhere
 * first: an IPv4 source route set with setsockopt() or given as sendmsg
 * ancillary data, or an IPv6 segment routing header through ::2; or with
 * a malformed control header (cmsg_len 0), which the kernel refuses.
 */
int act_sockopt(struct act *x)
{
	const char *how = x->a[1];
	struct sockaddr_storage ss;
	char cbuf[CMSG_SPACE(sizeof(lsrr))];
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	bool v6 = !strcmp(how, "srh");
	socklen_t len;
	int fd, r;

	if (parse_addr(v6 ? "::1" : "127.0.0.1", "5353", &ss, &len) < 0)
		return report(-1, x->out, x->size);
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (fd < 0)
		return report(-1, x->out, x->size);
	msg.msg_name = &ss;
	msg.msg_namelen = len;
	if (!strcmp(how, "sndbufforce")) {
		/* What sd_notify() tries: a CAP_NET_ADMIN check, no send. */
		int size = 8 << 20;

		r = setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size,
			       sizeof(size));
		r = report(r, x->out, x->size);
		close(fd);
		return r;
	}
	if (!strcmp(how, "lsrr")) {
		r = setsockopt(fd, SOL_IP, IP_OPTIONS, lsrr, sizeof(lsrr));
	} else if (!strcmp(how, "lsrr-cmsg")) {
		struct cmsghdr *cm;

		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_IP;
		cm->cmsg_type = IP_RETOPTS;
		cm->cmsg_len = CMSG_LEN(sizeof(lsrr));
		memcpy(CMSG_DATA(cm), lsrr, sizeof(lsrr));
		r = 0;
	} else if (!strcmp(how, "zero-cmsg")) {
		/* A control header that says it is 0 bytes long. */
		memset(cbuf, 0, sizeof(cbuf));
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		r = 0;
	} else if (v6) {
		/* Type 4, two segments: [1] = ::2 is visited first. */
		unsigned char srh[8 + 2 * 16] = { 0, 4, 4, 1, 1 };

		inet_pton(AF_INET6, "::1", srh + 8);
		inet_pton(AF_INET6, "::2", srh + 24);
		r = setsockopt(fd, SOL_IPV6, IPV6_RTHDR, srh, sizeof(srh));
	} else {
		close(fd);
		snprintf(x->out, x->size, "USAGE sockopt %s", how);
		return 1;
	}
	if (!r)
		r = sendmsg(fd, &msg, 0) < 0 ? -1 : 0;
	r = report(r, x->out, x->size);
	close(fd);
	return r;
}
