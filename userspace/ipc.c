// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-3 client of the dmzguard generic-netlink family: the connection,
 * one request run to its ACK, and what a refusal means as an exit code.
 * Requests ask for an ACK with extended error messages, so a refusal
 * prints the kernel's own reason.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ipc_internal.h"

/* Outcome of one request, filled by the callbacks. */
struct reply {
	int error;		/* negative errno from the kernel, or 0 */
	char msg[512];		/* extended ACK message */
	ipc_parse_fn parse;
	void *arg;
	int parse_error;
	bool done;		/* the ACK, the error or the dump's end came */
};

/* @what names the request in messages; NULL keeps it quiet. */
static int exit_for_errno(int err, const char *what, const char *kmsg)
{
	if (!what)
		return err == -EPERM ? EXIT_PERM : EXIT_REFUSED;
	if (err == -EPERM || err == -EACCES) {
		if (kmsg[0]) {
			fprintf(stderr, "%s: %s\n", what, kmsg);
			return EXIT_REFUSED;
		}
		fprintf(stderr,
			"%s: permission denied: needs CAP_NET_ADMIN (run as root)\n",
			what);
		return EXIT_PERM;
	}
	if (kmsg[0])
		fprintf(stderr, "%s: the kernel refused: %s (%s)\n", what, kmsg,
			strerror(-err));
	else
		fprintf(stderr, "%s: the kernel refused: %s\n", what,
			strerror(-err));
	return EXIT_REFUSED;
}

int ipc_open(struct ipc **out)
{
	struct ipc *ipc = calloc(1, sizeof(*ipc));
	int ret, one = 1;

	if (!ipc)
		return EXIT_IO;
	ipc->sk = nl_socket_alloc();
	if (!ipc->sk) {
		free(ipc);
		return EXIT_IO;
	}
	ret = genl_connect(ipc->sk);
	if (ret < 0) {
		fprintf(stderr, "cannot open a netlink socket: %s\n",
			nl_geterror(ret));
		goto fail;
	}
	/* libnl 3.7 has no setter: ask for the kernel's error messages. */
	setsockopt(nl_socket_get_fd(ipc->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	ipc->family = genl_ctrl_resolve(ipc->sk, DMZG_GENL_NAME);
	if (ipc->family < 0) {
		fprintf(stderr,
			"module not loaded: run `modprobe dmzguard` (or `insmod kmod/dmzguard.ko` from the source tree)\n");
		nl_socket_free(ipc->sk);
		free(ipc);
		return EXIT_NO_MODULE;
	}
	*out = ipc;
	return 0;
fail:
	nl_socket_free(ipc->sk);
	free(ipc);
	return EXIT_IO;
}

void ipc_close(struct ipc *ipc)
{
	if (!ipc)
		return;
	nl_socket_free(ipc->sk);
	free(ipc);
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct nlattr *tb[DMZG_A_MAX + 1];
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, DMZG_A_MAX, NULL);
	if (ret < 0) {
		r->parse_error = ret;
		return NL_STOP;
	}
	if (r->parse && r->parse(nlmsg_hdr(msg), tb, r->arg)) {
		r->parse_error = -EINVAL;
		return NL_STOP;
	}
	return NL_OK;
}

/*
 * The kernel's message (extack) in an error reply or a failed dump's
 * NLMSG_DONE, whose attributes start @off bytes into @nlh.
 */
static void copy_kernel_msg(struct reply *r, struct nlmsghdr *nlh, int off)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	int len = nlh->nlmsg_len;

	if (len > off &&
	    !nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		       len - off, NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		/* Bounded by the attribute, NUL or not. */
		ipc_copy_str(r->msg, sizeof(r->msg), tb[NLMSGERR_ATTR_MSG]);
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct reply *r = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)err - 1;
	int off = sizeof(*nlh) + sizeof(*err);

	(void)nla;
	r->done = true;
	r->error = err->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(err->msg);
	copy_kernel_msg(r, nlh, off);
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	r->done = true;
	/*
	 * A dump that failed midway reports its error in NLMSG_DONE, and
	 * the kernel's message after it.
	 */
	if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
		int err = *(int *)nlmsg_data(nlh);

		if (err < 0)
			r->error = err;
		if (err < 0 && (nlh->nlmsg_flags & NLM_F_ACK_TLVS))
			copy_kernel_msg(r, nlh,
					NLMSG_LENGTH(NLMSG_ALIGN(sizeof(int))));
	}
	return NL_STOP;
}

struct nl_msg *ipc_new_msg(struct ipc *ipc, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(IPC_CHUNK_BYTES + 8192);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ipc->family, 0,
			 flags | NLM_F_ACK, cmd, DMZG_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int ipc_transact(struct ipc *ipc, struct nl_msg *msg, const char *what,
		 ipc_parse_fn parse, void *arg)
{
	struct reply r = { .parse = parse, .arg = arg };
	struct nl_cb *cb;
	int ret;

	ipc->error = 0;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return EXIT_IO;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &r);
	ret = nl_send_auto(ipc->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		if (what)
			fprintf(stderr, "%s: cannot send: %s\n", what,
				nl_geterror(ret));
		return EXIT_IO;
	}
	/*
	 * A reply and its ACK may come in separate reads: read on to the
	 * end, or the next request on this socket would get the ACK.
	 */
	do
		ret = nl_recvmsgs(ipc->sk, cb);
	while (ret >= 0 && !r.done && !r.parse_error);
	nl_cb_put(cb);
	ipc->error = r.error;
	if (r.error)
		return exit_for_errno(r.error,
				      r.error == ipc->retry_error ? NULL : what,
				      r.msg);
	if (ret < 0) {
		if (what)
			fprintf(stderr, "%s: %s\n", what, nl_geterror(ret));
		return EXIT_IO;
	}
	if (r.parse_error) {
		if (what)
			fprintf(stderr, "%s: malformed reply from the kernel\n",
				what);
		return EXIT_IO;
	}
	return 0;
}

void ipc_copy_str(char *dst, size_t size, struct nlattr *a)
{
	snprintf(dst, size, "%.*s", a ? nla_len(a) : 0,
		 a ? (char *)nla_data(a) : "");
	/* nla_len counts the NUL: strip anything after it. */
	dst[strnlen(dst, size - 1)] = '\0';
}

void ipc_get_fields(struct nlattr **tb, const struct ipc_field *fields,
		    size_t n, void *obj)
{
	for (size_t i = 0; i < n; i++) {
		const struct ipc_field *f = &fields[i];
		struct nlattr *a = tb[f->attr];
		void *dst = (char *)obj + f->offset;

		if (!a)
			continue;
		switch (f->size) {
		case 1:
			*(uint8_t *)dst = nla_get_u8(a);
			break;
		case 2:
			*(uint16_t *)dst = nla_get_u16(a);
			break;
		case 4:
			*(uint32_t *)dst = nla_get_u32(a);
			break;
		case 8:
			*(uint64_t *)dst = nla_get_u64(a);
			break;
		}
	}
}
