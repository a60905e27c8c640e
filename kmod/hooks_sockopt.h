/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket options that reroute what is sent, given as sendmsg ancillary
 * data: the sendmsg hook's second question.
 */
#ifndef _DMZG_HOOKS_SOCKOPT_H
#define _DMZG_HOOKS_SOCKOPT_H

struct msghdr;
struct socket;

int dmzg_sendmsg_options_check(struct socket *sock, struct msghdr *msg);

#endif /* _DMZG_HOOKS_SOCKOPT_H */
