// SPDX-License-Identifier: GPL-2.0
/*
 * Network: which sockets a confined task may create, where it may connect
 * or send (an address given per message is decided like a connect; a
 * unix peer by the name it bound, once found), and where it may bind and
 * listen.  Malformed addresses are let through to
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
#include <net/af_unix.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "audit.h"
#include "control.h"
#include "decide.h"
#include "hooks.h"
#include "hooks_file.h"
#include "hooks_sockopt.h"
#include "mutant.h"
#include "policy.h"
#include "task.h"

/*
 * TCP (and MPTCP) and UDP (and UDP-Lite): what the inet classes allow.
 * Any other protocol number would have the kernel load its module
 * (DCCP, L2TP, ...): it is class "other".
 */
static bool plain_inet(int type, int protocol)
{
	if (type == SOCK_STREAM)
		return !protocol || protocol == IPPROTO_TCP ||
		       protocol == IPPROTO_MPTCP;
	if (type == SOCK_DGRAM)
		return !protocol || protocol == IPPROTO_UDP ||
		       protocol == IPPROTO_UDPLITE;
	return false;
}

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
		if (!plain_inet(type, protocol))
			return DMZG_SOCK_OTHER;
		return family == AF_INET ? DMZG_SOCK_INET : DMZG_SOCK_INET6;
	case AF_UNIX:
		return DMZG_SOCK_UNIX;
	case AF_PACKET:
		return DMZG_SOCK_PACKET;
	case AF_NETLINK:
		/* Routes and addresses: what most daemons ask netlink for. */
		return protocol == NETLINK_ROUTE ? DMZG_SOCK_NETLINK_ROUTE :
						   DMZG_SOCK_NETLINK;
	default:
		return DMZG_SOCK_OTHER;
	}
}

/* A socket the profile's classes do not allow: the request, logged. */
static noinline int create_refused(const struct dmzg_subject *s, int family,
				   int type, int protocol, int class)
{
	struct dmzg_request req = { .op = DMZG_OP_SOCKET,
				    .object = DMZG_OBJ_SOCKET,
				    .sock = { .class = class, .family = family,
					      .type = type,
					      .protocol = protocol } };

	return dmzg_decide(s, &req, DMZG_DENY);
}

/*
 * Current's destination memo, if it was made under current's label and
 * the active policy: its profile is then current's, found without the
 * label's name being resolved.  It is the one lookup of the checks most
 * repeated (a datagram to the last peer, a socket of an allowed class).
 *
 * Nothing under it sleeps or takes a lock: the callers hold
 * rcu_read_lock_sched(), which holds off the grace periods that free the
 * policy and the task's entry just as rcu_read_lock() does, for the
 * price of a preemption count.
 */
static const struct dmzg_net_memo *memo_current(void)
{
	const struct dmzg_net_memo *m = dmzg_current_memo();
	const struct dmzg_policy *pol;

	if (!m || !m->prof)
		return NULL;
	pol = dmzg_policy_current_any();
	return pol && m->generation == pol->generation ? m : NULL;
}

/* A class the profile allows, known from the memo; false: look it up. */
static bool create_remembered(int class)
{
	const struct dmzg_net_memo *m;
	bool hit;

	rcu_read_lock_sched();
	m = memo_current();
	hit = m && (m->prof->sock_allowed & BIT(class));
	if (hit)
		/* No rule is counted for a class: only the decision. */
		dmzg_decide_remembered(m->prof, NULL);
	rcu_read_unlock_sched();
	return hit;
}

static noinline int create_decide(int family, int type, int protocol,
				  int class)
{
	struct dmzg_subject s;
	int ret = 0;

	rcu_read_lock();
	if (dmzg_subject_find(&s)) {
		if (s.prof && (s.prof->sock_allowed & BIT(class)))
			dmzg_decide_remembered(s.prof, NULL);
		else
			ret = create_refused(&s, family, type, protocol,
					     class);
	}
	rcu_read_unlock();
	return ret;
}

/* Sockets the kernel creates for itself (@kern) are never confined. */
static int create_check(int family, int type, int protocol, int kern)
{
	int class;

	if (dmzg_mutant(SOCKET) || kern || dmzg_none_confined())
		return 0;
	class = sock_class(family, type, protocol);
	if (create_remembered(class))
		return 0;
	return create_decide(family, type, protocol, class);
}

DMZG_DEFINE_HOOK(socket_create, create_check,
		 (int family, int type, int protocol, int kern),
		 (family, type, protocol, kern))

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

/*
 * What the profile's bind (or connect) rules say, DMZG_NO_MATCH if none;
 * @req->hit is set to the counters of the rule that said it.
 */
static int net_rules_match(const struct dmzg_profile *prof,
			   struct dmzg_request *req,
			   const struct dmzg_addr *addr, u8 proto, u16 port)
{
	const struct dmzg_net_rule *hit;
	int match;

	match = dmzg_net_set_match(req->rules == DMZG_RULE_BIND ?
				   &prof->bind : &prof->connect, addr, proto,
				   port, &hit);
	req->hit = hit ? hit->hits : NULL;
	return match;
}

/* A bind or listen is decided by the bind rules, the rest by connect. */
static u8 net_rules_for(u8 op)
{
	return op == DMZG_OP_BIND || op == DMZG_OP_LISTEN ? DMZG_RULE_BIND :
	       DMZG_RULE_CONNECT;
}

/* The 16 bytes of an address, compared as two words: no call to memcmp(). */
static bool addr_bytes_equal(const u8 *a, const u8 *b)
{
	u64 a0, a1, b0, b1;

	memcpy(&a0, a, 8);
	memcpy(&a1, a + 8, 8);
	memcpy(&b0, b, 8);
	memcpy(&b1, b + 8, 8);
	return !((a0 ^ b0) | (a1 ^ b1));
}

/* Was @s's memo made by these rules of its profile, for this protocol? */
static bool memo_holds(const struct dmzg_subject *s, u8 rules, u8 proto)
{
	const struct dmzg_net_memo *m = s->memo;

	return m->prof == s->prof && m->generation == s->pol->generation &&
	       m->rules == rules && m->proto == proto;
}

/* Did @s's rules allow this destination the last time it was asked? */
static bool memo_allows(const struct dmzg_subject *s, u8 rules,
			const struct dmzg_addr *addr, u8 proto, u16 port)
{
	const struct dmzg_net_memo *m = s->memo;

	BUILD_BUG_ON(sizeof(m->addr) != 16 || sizeof(addr->addr) != 16);
	return memo_holds(s, rules, proto) && m->port == port &&
	       m->family == addr->family &&
	       addr_bytes_equal(m->addr, addr->addr);
}

static void memo_store(const struct dmzg_subject *s, u8 rules,
		       const struct dmzg_addr *addr, u8 proto, u16 port,
		       u64 in4, struct dmzg_rule_hits *hits)
{
	struct dmzg_net_memo *m = s->memo;

	m->prof = s->prof;
	m->in4 = in4;
	m->label_seq = s->label_seq;
	m->hits = hits;
	m->generation = s->pol->generation;
	m->rules = rules;
	m->proto = proto;
	m->port = port;
	m->family = addr->family;
	memcpy(m->addr, addr->addr, sizeof(m->addr));
}

/*
 * The rules' answer, remembered when it allows.  Apart from
 * inet_decide(), whose memo hits (a daemon sending datagram after
 * datagram to one peer) then build no request.
 */
static noinline int inet_decide_rules(const struct dmzg_subject *s, u8 op,
				      u8 rules, const struct dmzg_addr *addr,
				      u8 proto, u16 port, u64 in4)
{
	struct dmzg_request req = { .op = op, .rules = rules,
				    .object = DMZG_OBJ_INET,
				    .inet = { .addr = addr, .port = port,
					      .proto = proto } };
	int match = DMZG_DENY;

	if (s->prof) {
		match = net_rules_match(s->prof, &req, addr, proto, port);
		if (dmzg_profile_allows(s->prof, rules, match))
			memo_store(s, rules, addr, proto, port, in4,
				   match == DMZG_NO_MATCH ?
				   &s->prof->default_hits[rules] : req.hit);
	}
	return dmzg_decide(s, &req, match);
}

static int inet_decide(struct sock *sk, u8 op, const struct dmzg_addr *addr,
		       u16 port, u64 in4)
{
	u8 rules = net_rules_for(op), proto = sock_proto(sk);
	struct dmzg_subject s;
	int ret = 0;

	rcu_read_lock();
	if (!dmzg_subject_find(&s))
		goto unlock;
	/*
	 * Rules are fixed for a policy generation, and the mode only
	 * matters for refusals: an allow is remembered, a refusal never.
	 */
	if (s.prof && memo_allows(&s, rules, addr, proto, port))
		dmzg_decide_remembered(s.prof, s.memo->hits);
	else
		ret = inet_decide_rules(&s, op, rules, addr, proto, port, in4);
unlock:
	rcu_read_unlock();
	return ret;
}

/*
 * An IPv4 socket's destination as sendto() or connect() gives it: family,
 * port and address are its first 8 bytes, which are never 0 together.
 * 0 for anything else (IPv6, AF_UNSPEC, a short address).
 */
static u64 in4_key(const struct sock *sk, const struct sockaddr *sa, int len)
{
	u64 key;

	if (sk->sk_family != AF_INET || len < (int)sizeof(struct sockaddr_in) ||
	    sa->sa_family != AF_INET)
		return 0;
	BUILD_BUG_ON(offsetofend(struct sockaddr_in, sin_addr) != sizeof(key));
	memcpy(&key, sa, sizeof(key));
	return key;
}

/*
 * The memo, asked before the address is even parsed: a daemon sending
 * datagram after datagram to one IPv4 peer.  False when it must be
 * decided (or current is not confined): inet_decide() finds out.
 */
static bool inet_remembered(const struct sock *sk, u8 op, u64 in4)
{
	const struct dmzg_net_memo *m;
	bool hit;

	rcu_read_lock_sched();
	m = memo_current();
	hit = m && m->in4 == in4 && m->rules == net_rules_for(op) &&
	      m->proto == sock_proto(sk);
	if (hit)
		dmzg_decide_remembered(m->prof, m->hits);
	rcu_read_unlock_sched();
	return hit;
}

static int unix_decide(u8 op, const struct sockaddr *sa, int len)
{
	const struct sockaddr_un *sun = (const void *)sa;
	struct dmzg_request req = { .op = op, .rules = DMZG_RULE_UNIX,
				    .object = DMZG_OBJ_UNIX };
	int off = offsetof(struct sockaddr_un, sun_path);
	char path[sizeof(sun->sun_path) + 2];
	const struct dmzg_path_rule *hit = NULL;
	int match = DMZG_NO_MATCH;
	struct dmzg_subject s;
	size_t plen;
	int ret = 0;

	if (dmzg_mutant(UNIX) || len <= off)
		return 0;
	/*
	 * A name that fills all of sun_path is kept with its NUL after the
	 * structure, so its length is one more than the structure's: it is
	 * decided like any other, never let through undecided.
	 */
	len = min_t(int, len, sizeof(*sun));
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
	req.path.name = path;
	req.path.len = plen;
	rcu_read_lock();
	if (!dmzg_subject_find(&s))
		goto unlock;
	/*
	 * A relative name is matched as bound, by relative rules only: the
	 * directory it was bound in cannot be found under the state lock.
	 */
	if (s.prof)
		match = dmzg_path_set_match(&s.prof->unix_paths, path, plen,
					    &hit);
	req.hit = hit ? hit->hits : NULL;
	ret = dmzg_decide(&s, &req, match);
unlock:
	rcu_read_unlock();
	return ret;
}

/* The destination parsed and decided: everything but a memo hit. */
static noinline int dest_decide(struct sock *sk, struct sockaddr *sa,
				int len, u8 op, u64 in4)
{
	struct dmzg_addr addr;
	u16 port;

	if (!parse_inet(sk, sa, len, op == DMZG_OP_CONNECT, &addr, &port))
		return 0;
	return inet_decide(sk, op, &addr, port, in4);
}

/*
 * Kept small (no address on its stack): for a datagram to the peer of
 * the last one, it is all that runs.
 */
static int dest_check(struct socket *sock, struct sockaddr *sa, int len,
		      u8 op)
{
	struct sock *sk = sock->sk;
	u64 in4;

	if (dmzg_none_confined() || !sk)
		return 0;
	/* A unix peer is decided once found (unix_peer_check()). */
	if (sk->sk_family != AF_INET && sk->sk_family != AF_INET6)
		return 0;
	in4 = in4_key(sk, sa, len);
	if (in4 && inet_remembered(sk, op, in4))
		return 0;
	return dest_decide(sk, sa, len, op, in4);
}

/* Covers sendto(), sendmsg(), sendmmsg(), MSG_FASTOPEN and io_uring. */
static int sendmsg_check(struct socket *sock, struct msghdr *msg, int size)
{
	int ret;

	if (unlikely(msg->msg_controllen)) {
		ret = dmzg_sendmsg_options_check(sock, msg);
		if (ret)
			return ret;
	}
	if (dmzg_mutant(SENDMSG) || !msg->msg_name || !msg->msg_namelen)
		return 0;
	return dest_check(sock, msg->msg_name, msg->msg_namelen,
			  DMZG_OP_SENDMSG);
}

static int connect_check(struct socket *sock, struct sockaddr *address,
			 int addrlen)
{
	if (dmzg_mutant(CONNECT))
		return 0;
	return dest_check(sock, address, addrlen, DMZG_OP_CONNECT);
}

static int bind_check(struct socket *sock, struct sockaddr *address,
		      int addrlen)
{
	if (dmzg_mutant(BIND))
		return 0;
	return dest_check(sock, address, addrlen, DMZG_OP_BIND);
}

/*
 * A unix peer is decided by the name it bound, once the kernel has found
 * it: whatever name led there (a symlink put in place of an allowed
 * socket, a path relative to another directory), the rule must name the
 * socket actually reached.  A peer that bound no name (one end of a
 * socketpair) is the task's own: nothing to decide.
 *
 * Context: the peer's state lock is held: atomic.
 */
static int unix_peer_check(struct sock *other)
{
	struct unix_address *addr;

	if (dmzg_none_confined() || !other)
		return 0;
	/* Published with smp_store_release() at bind, never changed after. */
	addr = smp_load_acquire(&unix_sk(other)->addr);
	if (!addr)
		return 0;
	return unix_decide(DMZG_OP_CONNECT, (const struct sockaddr *)addr->name,
			   addr->len);
}

/* Covers stream and seqpacket connects. */
static int stream_peer_check(struct sock *sock, struct sock *other,
			     struct sock *newsk)
{
	return unix_peer_check(other);
}

/* Covers datagram connects and every datagram sent. */
static int dgram_peer_check(struct socket *sock, struct socket *other)
{
	return unix_peer_check(other ? other->sk : NULL);
}

DMZG_DEFINE_HOOK(unix_stream_connect, stream_peer_check,
		 (struct sock *sock, struct sock *other, struct sock *newsk),
		 (sock, other, newsk))
DMZG_DEFINE_HOOK(unix_may_send, dgram_peer_check,
		 (struct socket *sock, struct socket *other), (sock, other))
DMZG_DEFINE_HOOK(socket_connect, connect_check,
		 (struct socket *sock, struct sockaddr *address, int addrlen),
		 (sock, address, addrlen))
DMZG_DEFINE_HOOK(socket_sendmsg, sendmsg_check,
		 (struct socket *sock, struct msghdr *msg, int size),
		 (sock, msg, size))
DMZG_DEFINE_HOOK(socket_bind, bind_check,
		 (struct socket *sock, struct sockaddr *address, int addrlen),
		 (sock, address, addrlen))

/*
 * The socket's bound address and port are decided by the bind rules, so
 * a socket that never called bind() cannot become a listener elsewhere.
 */
static int listen_check(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct dmzg_addr addr;
	u16 port;

	if (dmzg_mutant(LISTEN) || dmzg_none_confined() || !sk ||
	    !sock_end(sk, false, &addr, &port))
		return 0;
	/* An unbound socket listens on an ephemeral port: port 0 here. */
	return inet_decide(sk, DMZG_OP_LISTEN, &addr, port, 0);
}

DMZG_DEFINE_HOOK(socket_listen, listen_check,
		 (struct socket *sock, int backlog), (sock, backlog))

/* A received unix socket is decided by the peer it is connected to. */
static int unix_receive_check(struct sock *sk)
{
	struct sock *peer = unix_peer_get(sk);
	int ret;

	if (!peer)
		return 0;
	ret = unix_peer_check(peer);
	sock_put(peer);
	return ret;
}

/*
 * A socket handed over by another process (SCM_RIGHTS, pidfd_getfd) is
 * decided as if this task had connected it, in every state where it has
 * a peer (connecting, established, closing: it may still send) - unless
 * its local end is one the profile may bind: a connection accepted on
 * the daemon's own service and passed to a worker.  A file open for
 * writing is decided as a write.
 */
static int receive_check(struct file *file)
{
	struct dmzg_request probe = { .rules = DMZG_RULE_BIND };
	struct dmzg_addr local, remote;
	struct dmzg_subject s;
	struct socket *sock;
	struct sock *sk;
	u16 lport, rport;
	bool served;
	int state, ret;

	if (dmzg_mutant(RECEIVE) || dmzg_none_confined())
		return 0;
	sock = sock_from_file(file);
	if (!sock)
		return dmzg_receive_write_check(file);
	sk = sock->sk;
	if (!sk)
		return 0;
	if (sk->sk_family == AF_UNIX)
		return unix_receive_check(sk);
	/* A socket it may not create (raw, packet, ...): nor may it have one. */
	ret = create_check(sk->sk_family, sk->sk_type, sk->sk_protocol, 0);
	if (ret || (sk->sk_family != AF_INET && sk->sk_family != AF_INET6))
		return ret;
	/* Unconnected sockets name each destination, and that is checked. */
	state = READ_ONCE(sk->sk_state);
	if (state == TCP_LISTEN || state == TCP_CLOSE ||
	    !sock_end(sk, false, &local, &lport) ||
	    !sock_end(sk, true, &remote, &rport) || !rport)
		return 0;
	rcu_read_lock();
	if (!dmzg_subject_find(&s)) {
		rcu_read_unlock();
		return 0;
	}
	/* A question, not a decision: nothing is counted. */
	served = s.prof &&
		 dmzg_profile_allows(s.prof, DMZG_RULE_BIND,
				     net_rules_match(s.prof, &probe, &local,
						     sock_proto(sk), lport));
	rcu_read_unlock();
	if (served)
		return 0;
	return inet_decide(sk, DMZG_OP_CONNECT, &remote, rport, 0);
}

DMZG_DEFINE_HOOK(file_receive, receive_check, (struct file *file), (file))
