// SPDX-License-Identifier: GPL-2.0
/* journald's native protocol: see journal_send.h. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "journal_send.h"

int journal_open(struct journal *j)
{
	const char *env = getenv("DMZG_JOURNAL_SOCKET");

	j->path = env && *env ? env : JOURNAL_SOCKET;
	j->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	return j->fd < 0 ? -errno : 0;
}

void journal_close(struct journal *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
}

/* Fields per entry: what watch sends, with room to spare. */
#define JOURNAL_MAX_FIELDS 40

int journal_send(struct journal *j, const char *const *names,
		 const char *const *values, size_t n)
{
	struct iovec iov[JOURNAL_MAX_FIELDS * 5];
	uint64_t lens[JOURNAL_MAX_FIELDS];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct msghdr mh = { .msg_name = &sa, .msg_namelen = sizeof(sa),
			     .msg_iov = iov };
	size_t k = 0;

	if (n > JOURNAL_MAX_FIELDS || strlen(j->path) >= sizeof(sa.sun_path))
		return -EINVAL;
	memcpy(sa.sun_path, j->path, strlen(j->path) + 1);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(values[i]);

		iov[k++] = (struct iovec){ (void *)names[i], strlen(names[i]) };
		if (!memchr(values[i], '\n', len)) {
			iov[k++] = (struct iovec){ "=", 1 };
		} else {
			/* NAME\n, the length (64 bits, little endian), value. */
			uint64_t v = len;
			unsigned char *b = (unsigned char *)&lens[i];

			for (int s = 0; s < 8; s++, v >>= 8)
				b[s] = (unsigned char)v;
			iov[k++] = (struct iovec){ "\n", 1 };
			iov[k++] = (struct iovec){ &lens[i], 8 };
		}
		iov[k++] = (struct iovec){ (void *)values[i], len };
		iov[k++] = (struct iovec){ "\n", 1 };
	}
	mh.msg_iovlen = k;
	return sendmsg(j->fd, &mh, MSG_NOSIGNAL) < 0 ? -errno : 0;
}
