/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Write confinement's one entry point for another hook: a received file.
 */
#ifndef _DMZG_HOOKS_FILE_H
#define _DMZG_HOOKS_FILE_H

struct file;

int dmzg_receive_write_check(struct file *file);

#endif /* _DMZG_HOOKS_FILE_H */
