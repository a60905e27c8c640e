// SPDX-License-Identifier: GPL-2.0
/*
 * Socket options that send data somewhere other than the address connect
 * and sendmsg decide on: an IPv4 source route (IP_OPTIONS with LSRR or
 * SSRR sends the packet to the route's first hop), an IPv6 routing header
 * (segment routing or mobile IPv6 put another address in the packet's
 * destination) or next hop.  A daemon has no use for them, and no rule
 * allows them to a confined task: set with setsockopt() or passed as
 * sendmsg() ancillary data, they are refused (op=sockopt).
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>

#include "audit.h"
#include "decide.h"
#include "hooks.h"
#include "hooks_sockopt.h"
#include "mutant.h"
#include "task.h"

/* Which rerouting option @level/@name is, or -1; @cmsg: ancillary data. */
static int rerouting_option(int level, int name, bool cmsg)
{
	if (level == SOL_IP)
		return name == (cmsg ? IP_RETOPTS : IP_OPTIONS) ?
		       DMZG_SOCKOPT_IP_OPTIONS : -1;
	if (level != SOL_IPV6)
		return -1;
	if (name == IPV6_RTHDR || (cmsg && name == IPV6_2292RTHDR))
		return DMZG_SOCKOPT_IPV6_RTHDR;
	if (name == IPV6_NEXTHOP)
		return DMZG_SOCKOPT_IPV6_NEXTHOP;
	if (!cmsg && name == IPV6_2292PKTOPTIONS)
		return DMZG_SOCKOPT_IPV6_PKTOPTIONS;
	return -1;
}

static bool inet_socket(const struct socket *sock)
{
	return sock->sk && (sock->sk->sk_family == AF_INET ||
			    sock->sk->sk_family == AF_INET6);
}

/* Refuse option @opt (enum dmzg_sockopt) to a confined task. */
static int option_decide(int opt, bool cmsg)
{
	struct dmzg_request req = { .op = DMZG_OP_SOCKOPT,
				    .object = DMZG_OBJ_SOCKOPT,
				    .sockopt = { .name = opt, .cmsg = cmsg } };

	return dmzg_decide_current(&req, DMZG_DENY);
}

static int setsockopt_check(struct socket *sock, int level, int optname)
{
	int opt;

	if (dmzg_mutant(SOCKOPT) || dmzg_none_confined() || !inet_socket(sock))
		return 0;
	opt = rerouting_option(level, optname, false);
	return opt < 0 ? 0 : option_decide(opt, false);
}

/**
 * dmzg_sendmsg_options_check() - may current send @msg's ancillary data
 * @sock: the socket sent on
 * @msg: the message, its control data already copied into the kernel
 *
 * Return: 0, or the errno that refuses the message: a rerouting option
 * is refused to a confined task, and so is control data the module
 * cannot read (it fails closed).
 */
int dmzg_sendmsg_options_check(struct socket *sock, struct msghdr *msg)
{
	struct cmsghdr *cmsg;
	int opt;

	if (dmzg_mutant(SOCKOPT) || !msg->msg_controllen ||
	    dmzg_none_confined() || !inet_socket(sock) ||
	    !dmzg_current_confined())
		return 0;
	/* sendmsg() copies the control data in first; nothing else is known. */
	if (msg->msg_control_is_user)
		return option_decide(DMZG_SOCKOPT_IPV6_PKTOPTIONS, true);
	for_each_cmsghdr(cmsg, msg) {
		/*
		 * Checked before the stack's own parsing: a header whose
		 * length does not move the walk on would loop forever.  The
		 * stack refuses such data with the same errno.
		 */
		if (!CMSG_OK(msg, cmsg))
			return -EINVAL;
		opt = rerouting_option(cmsg->cmsg_level, cmsg->cmsg_type, true);
		if (opt >= 0)
			return option_decide(opt, true);
	}
	return 0;
}

DMZG_DEFINE_HOOK(socket_setsockopt, setsockopt_check,
		 (struct socket *sock, int level, int optname),
		 (sock, level, optname))
