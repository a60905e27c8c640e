// SPDX-License-Identifier: GPL-2.0
/*
 * Network: which sockets a confined task may create, where it may connect
 * or send (an address given per message is decided like a connect), and
 * where it may bind and listen.  Malformed addresses are let through to
 * the network stack, which returns its own error; only a policy denial
 * returns EACCES.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/socket.h>
#include <linux/un.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "dmzguard.h"
#include "hooks.h"
#include "names.h"

int (*dmzg_orig_file_receive)(struct file *file);
int (*dmzg_orig_socket_create)(int family, int type, int protocol,
			       int kern);
int (*dmzg_orig_socket_connect)(struct socket *sock,
				struct sockaddr *address, int addrlen);
int (*dmzg_orig_socket_sendmsg)(struct socket *sock, struct msghdr *msg,
				int size);
int (*dmzg_orig_socket_bind)(struct socket *sock, struct sockaddr *address,
			     int addrlen);
int (*dmzg_orig_socket_listen)(struct socket *sock, int backlog);

static int sock_class(int family, int type, int protocol)
{
	switch (family) {
	case AF_INET:
	case AF_INET6:
		if (type == SOCK_RAW || protocol == IPPROTO_ICMP ||
		    protocol == IPPROTO_ICMPV6)
			return DMZG_SOCK_RAW;
		if (protocol == IPPROTO_SCTP)
			return DMZG_SOCK_SCTP;
		return family == AF_INET ? DMZG_SOCK_INET : DMZG_SOCK_INET6;
	case AF_UNIX:
		return DMZG_SOCK_UNIX;
	case AF_PACKET:
		return DMZG_SOCK_PACKET;
	case AF_NETLINK:
		return DMZG_SOCK_NETLINK;
	default:
		return DMZG_SOCK_OTHER;
	}
}

static int create_check(int family, int type, int protocol, int kern)
{
	struct dmzg_audit a = { .op = DMZG_OP_SOCKET };
	struct dmzg_subject s;
	char extra[64];
	int cls, ret = 0;
	bool allowed;

	if (kern || dmzg_none_confined())
		return 0;
	rcu_read_lock();
	if (!dmzg_subject_find(&s))
		goto unlock;
	cls = sock_class(family, type, protocol);
	allowed = s.prof && (s.prof->sock_allowed & BIT(cls));
	if (!allowed) {
		snprintf(extra, sizeof(extra),
			 "class=%s family=%d type=%d proto=%d",
			 dmzg_sock_class_names[cls], family, type, protocol);
		a.extra = extra;
	}
	ret = dmzg_verdict(s.prof, s.conf, allowed, -EACCES, &a);
unlock:
	rcu_read_unlock();
	return ret;
}

/**
 * dmzg_hook_socket_create() - replaces security_socket_create()
 * @family: address family
 * @type: socket type
 * @protocol: protocol
 * @kern: socket created by the kernel itself (never confined)
 *
 * Return: 0 or -EACCES.
 */
int dmzg_hook_socket_create(int family, int type, int protocol, int kern)
{
	int ret;

	dmzg_enter();
	ret = create_check(family, type, protocol, kern);
	if (!ret)
		ret = dmzg_orig_socket_create(family, type, protocol, kern);
	dmzg_leave();
	return ret;
}

static u8 sock_proto(const struct sock *sk)
{
	switch (sk->sk_protocol) {
	case IPPROTO_TCP:
	case IPPROTO_MPTCP:
		return DMZG_PROTO_TCP;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return DMZG_PROTO_UDP;
	default:
		return DMZG_PROTO_ANY;
	}
}

static const char *proto_name(u8 proto)
{
	return proto == DMZG_PROTO_TCP ? "tcp" :
	       proto == DMZG_PROTO_UDP ? "udp" : "other";
}

/*
 * Read an inet destination.  Return: true if @sa names one the stack will
 * use; false if it is malformed or not an address (the stack decides).
 */
static bool parse_inet(const struct sock *sk, const struct sockaddr *sa,
		       int len, bool unspec_is_disconnect,
		       struct dmzg_addr *a, u16 *port)
{
	sa_family_t family;

	if (len < (int)offsetofend(struct sockaddr, sa_family))
		return false;
	family = sa->sa_family;
	/* IPv4 sockets use AF_UNSPEC's sin_addr for sendto and bind. */
	if (family == AF_UNSPEC && sk->sk_family == AF_INET &&
	    !unspec_is_disconnect)
		family = AF_INET;
	if (family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)sa;

		if (len < (int)sizeof(*sin))
			return false;
		dmzg_addr_from_in4(a, sin->sin_addr.s_addr);
		*port = ntohs(sin->sin_port);
		return true;
	}
	if (family == AF_INET6 && sk->sk_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)sa;

		if (len < SIN6_LEN_RFC2133)
			return false;
		dmzg_addr_from_in6(a, &sin6->sin6_addr);
		*port = ntohs(sin6->sin6_port);
		return true;
	}
	return false;
}

static size_t format_addr(char *buf, size_t size, const struct dmzg_addr *a,
			  u16 port)
{
	if (a->family == DMZG_FAMILY_V4)
		return scnprintf(buf, size, "%pI4:%u", a->addr, port);
	return scnprintf(buf, size, "[%pI6c]:%u", a->addr, port);
}

/* The local or remote end of an inet socket (port 0 when unbound). */
static bool sock_end(struct sock *sk, bool remote, struct dmzg_addr *a,
		     u16 *port)
{
	const struct inet_sock *inet = inet_sk(sk);

	if (sk->sk_family == AF_INET)
		dmzg_addr_from_in4(a, remote ? READ_ONCE(inet->inet_daddr) :
					       READ_ONCE(inet->inet_rcv_saddr));
#if IS_ENABLED(CONFIG_IPV6)
	else if (sk->sk_family == AF_INET6)
		dmzg_addr_from_in6(a, remote ? &sk->sk_v6_daddr :
					       &sk->sk_v6_rcv_saddr);
#endif
	else
		return false;
	*port = ntohs(remote ? READ_ONCE(inet->inet_dport) :
			       READ_ONCE(inet->inet_sport));
	return true;
}

/* What the profile's bind (or connect) rules and default say. */
static bool net_rules_allow(const struct dmzg_profile *prof, bool bind,
			    const struct dmzg_addr *addr, u8 proto, u16 port)
{
	int res = dmzg_net_set_match(bind ? &prof->bind : &prof->connect,
				     addr, proto, port);

	if (res == DMZG_NO_MATCH)
		return (bind ? prof->bind_default : prof->connect_default) ==
		       DMZG_ALLOW;
	return res == DMZG_ALLOW;
}

static int inet_decide(struct sock *sk, u8 op, const struct dmzg_addr *addr,
		       u16 port)
{
	struct dmzg_audit a = { .op = op };
	struct dmzg_subject s;
	u8 proto = sock_proto(sk);
	bool bind = op == DMZG_OP_BIND || op == DMZG_OP_LISTEN;
	char extra[96];
	size_t pos;
	bool allowed;
	int ret = 0;

	rcu_read_lock();
	if (!dmzg_subject_find(&s))
		goto unlock;
	allowed = s.prof && net_rules_allow(s.prof, bind, addr, proto, port);
	/* Only a refusal or a complain record is logged: format it then. */
	if (!allowed) {
		pos = scnprintf(extra, sizeof(extra), "proto=%s %s=",
				proto_name(proto), bind ? "addr" : "dst");
		format_addr(extra + pos, sizeof(extra) - pos, addr, port);
		a.extra = extra;
	}
	ret = dmzg_verdict(s.prof, s.conf, allowed, -EACCES, &a);
unlock:
	rcu_read_unlock();
	return ret;
}

static int unix_decide(u8 op, const struct sockaddr *sa, int len)
{
	const struct sockaddr_un *sun = (const void *)sa;
	struct dmzg_audit a = { .op = op, .extra = "proto=unix",
				.key = "dst" };
	int off = offsetof(struct sockaddr_un, sun_path);
	char path[sizeof(sun->sun_path) + 2];
	struct dmzg_subject s;
	bool allowed = false;
	size_t plen;
	u16 to;
	int res, ret = 0;

	if (len <= off || len > (int)sizeof(*sun))
		return 0;
	if (sun->sun_path[0]) {
		plen = strnlen(sun->sun_path, len - off);
		memcpy(path, sun->sun_path, plen);
	} else {
		/* Abstract names are written @name in policy and logs. */
		path[0] = '@';
		plen = len - off - 1;
		memcpy(path + 1, sun->sun_path + 1, plen);
		plen++;
	}
	path[plen] = '\0';
	rcu_read_lock();
	if (!dmzg_subject_find(&s))
		goto unlock;
	if (s.prof) {
		/* A relative path matches no rule: only the default applies. */
		res = path[0] == '/' || path[0] == '@' ?
		      dmzg_path_set_match(&s.prof->unix_paths, path, plen, &to) :
		      DMZG_NO_MATCH;
		allowed = res == DMZG_NO_MATCH ?
			  s.prof->unix_default == DMZG_ALLOW :
			  res == DMZG_ALLOW;
	}
	a.value = path;
	a.value_len = plen;
	ret = dmzg_verdict(s.prof, s.conf, allowed, -EACCES, &a);
unlock:
	rcu_read_unlock();
	return ret;
}

static int dest_check(struct socket *sock, struct sockaddr *sa, int len,
		      u8 op)
{
	struct sock *sk = sock->sk;
	struct dmzg_addr addr;
	u16 port;

	if (dmzg_none_confined() || !sk)
		return 0;
	switch (sk->sk_family) {
	case AF_INET:
	case AF_INET6:
		if (!parse_inet(sk, sa, len, op == DMZG_OP_CONNECT, &addr,
				&port))
			return 0;
		return inet_decide(sk, op, &addr, port);
	case AF_UNIX:
		if (op == DMZG_OP_BIND)
			return 0;
		return unix_decide(op, sa, len);
	default:
		return 0;
	}
}

/**
 * dmzg_hook_socket_connect() - replaces security_socket_connect()
 * @sock: socket
 * @address: destination
 * @addrlen: its length
 *
 * Return: 0 or -EACCES.
 */
int dmzg_hook_socket_connect(struct socket *sock, struct sockaddr *address,
			     int addrlen)
{
	int ret;

	dmzg_enter();
	ret = dest_check(sock, address, addrlen, DMZG_OP_CONNECT);
	if (!ret)
		ret = dmzg_orig_socket_connect(sock, address, addrlen);
	dmzg_leave();
	return ret;
}

/**
 * dmzg_hook_socket_sendmsg() - replaces security_socket_sendmsg()
 * @sock: socket
 * @msg: message; an address in it is decided like a connect
 * @size: payload size
 *
 * Covers sendto(), sendmsg(), sendmmsg(), MSG_FASTOPEN and io_uring.
 *
 * Return: 0 or -EACCES.
 */
int dmzg_hook_socket_sendmsg(struct socket *sock, struct msghdr *msg,
			     int size)
{
	int ret = 0;

	dmzg_enter();
	if (msg->msg_name && msg->msg_namelen)
		ret = dest_check(sock, msg->msg_name, msg->msg_namelen,
				 DMZG_OP_SENDMSG);
	if (!ret)
		ret = dmzg_orig_socket_sendmsg(sock, msg, size);
	dmzg_leave();
	return ret;
}

/**
 * dmzg_hook_socket_bind() - replaces security_socket_bind()
 * @sock: socket
 * @address: local address
 * @addrlen: its length
 *
 * Return: 0 or -EACCES.
 */
int dmzg_hook_socket_bind(struct socket *sock, struct sockaddr *address,
			  int addrlen)
{
	int ret;

	dmzg_enter();
	ret = dest_check(sock, address, addrlen, DMZG_OP_BIND);
	if (!ret)
		ret = dmzg_orig_socket_bind(sock, address, addrlen);
	dmzg_leave();
	return ret;
}

static int listen_check(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct dmzg_addr addr;
	u16 port;

	if (dmzg_none_confined() || !sk || !sock_end(sk, false, &addr, &port))
		return 0;
	/* An unbound socket listens on an ephemeral port: port 0 here. */
	return inet_decide(sk, DMZG_OP_LISTEN, &addr, port);
}

/**
 * dmzg_hook_socket_listen() - replaces security_socket_listen()
 * @sock: socket
 * @backlog: backlog
 *
 * The socket's bound address and port are decided by the bind rules, so
 * a socket that never called bind() cannot become a listener elsewhere.
 *
 * Return: 0 or -EACCES.
 */
int dmzg_hook_socket_listen(struct socket *sock, int backlog)
{
	int ret;

	dmzg_enter();
	ret = listen_check(sock);
	if (!ret)
		ret = dmzg_orig_socket_listen(sock, backlog);
	dmzg_leave();
	return ret;
}

/*
 * A connected inet socket handed over by another process (SCM_RIGHTS,
 * pidfd_getfd) is decided as if this task had connected it - unless its
 * local end is one the profile may bind: a connection accepted on the
 * daemon's own service and passed to a worker.
 */
static int receive_check(struct file *file)
{
	struct dmzg_addr local, remote;
	struct dmzg_subject s;
	struct socket *sock;
	struct sock *sk;
	u16 lport, rport;
	bool served;

	if (dmzg_none_confined())
		return 0;
	sock = sock_from_file(file);
	sk = sock ? sock->sk : NULL;
	/* Unconnected sockets name each destination, and that is checked. */
	if (!sk || READ_ONCE(sk->sk_state) != TCP_ESTABLISHED ||
	    !sock_end(sk, false, &local, &lport) ||
	    !sock_end(sk, true, &remote, &rport))
		return 0;
	rcu_read_lock();
	if (!dmzg_subject_find(&s)) {
		rcu_read_unlock();
		return 0;
	}
	served = s.prof && net_rules_allow(s.prof, true, &local,
					   sock_proto(sk), lport);
	rcu_read_unlock();
	return served ? 0 : inet_decide(sk, DMZG_OP_CONNECT, &remote, rport);
}

/**
 * dmzg_hook_file_receive() - replaces security_file_receive()
 * @file: a file descriptor being passed to the current task
 *
 * Return: 0 or -EACCES, which withholds the descriptor.
 */
int dmzg_hook_file_receive(struct file *file)
{
	int ret;

	dmzg_enter();
	ret = receive_check(file);
	if (!ret)
		ret = dmzg_orig_file_receive(file);
	dmzg_leave();
	return ret;
}
