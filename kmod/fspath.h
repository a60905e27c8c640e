/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path a decision is made on, resolved by the kernel from the file.
 */
#ifndef _DMZG_FSPATH_H
#define _DMZG_FSPATH_H

#include <linux/types.h>

struct file;
struct path;

char *dmzg_absolute_path(const struct path *path, char *buf, int buflen);
char *dmzg_file_path(struct file *file, char *buf, int buflen, bool *anon);
bool dmzg_internal_mount(const struct path *path);

#endif /* _DMZG_FSPATH_H */
