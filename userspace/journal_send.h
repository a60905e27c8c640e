/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One entry to systemd-journald, with fields of its own, over journald's
 * native protocol (a datagram of KEY=value lines on its socket).
 */
#ifndef DMZG_JOURNAL_SEND_H
#define DMZG_JOURNAL_SEND_H

#include <stddef.h>

/* journald's socket; DMZG_JOURNAL_SOCKET overrides it (for tests). */
#define JOURNAL_SOCKET "/run/systemd/journal/socket"

struct journal {
	int fd;
	const char *path;
};

/* Return: 0, or a negative errno. */
int journal_open(struct journal *j);
void journal_close(struct journal *j);
/*
 * Send the @n fields in @names and @values (names [A-Z0-9_], not
 * starting with '_'; a value may hold any byte but NUL).
 * Return: 0, or a negative errno.
 */
int journal_send(struct journal *j, const char *const *names,
		 const char *const *values, size_t n);

#endif
