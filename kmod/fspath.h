/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path a decision is made on, resolved by the kernel from the file.
 */
#ifndef _DMZG_FSPATH_H
#define _DMZG_FSPATH_H

#include <linux/types.h>

struct file;
struct path;

/* A rename sequence is even when read: an odd one matches none. */
#define DMZG_NO_STAMP 1U

char *dmzg_absolute_path(const struct path *path, char *buf, int buflen);
char *dmzg_file_path(struct file *file, char *buf, int buflen, bool *anon);
char *dmzg_file_path_stamped(struct file *file, char *buf, int buflen,
			     bool *anon, unsigned int *stamp);
bool dmzg_internal_mount(const struct path *path);

#endif /* _DMZG_FSPATH_H */
