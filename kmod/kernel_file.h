/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which files are the kernel's own interfaces: writing one changes the
 * kernel (a sysctl, a trigger, a tracing or BPF object, a cgroup, a
 * device's raw contents), not data some program reads; a device node is
 * one even opened for reading.  A profile's write default never covers
 * them; only a rule that names them does.
 */
#ifndef _DMZG_KERNEL_FILE_H
#define _DMZG_KERNEL_FILE_H

#include <linux/types.h>

bool dmzg_kernel_fs(unsigned long magic);
bool dmzg_kernel_device(umode_t mode, dev_t rdev);

#endif /* _DMZG_KERNEL_FILE_H */
