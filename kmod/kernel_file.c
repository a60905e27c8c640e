// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's file-shaped interfaces, by file system and by device.
 */
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/magic.h>
#include <linux/major.h>
#include <linux/stat.h>

#include "kernel_file.h"

/* Not in uapi/linux/magic.h: each is private to its file system. */
#define DMZG_CONFIGFS_MAGIC	0x62656570
#define DMZG_FUSECTL_MAGIC	0x65735543

/**
 * dmzg_kernel_fs() - is every file of a file system a kernel interface
 * @magic: the superblock's s_magic
 *
 * procfs (sysctls, sysrq-trigger, other tasks' attributes), sysfs,
 * debugfs, tracefs, securityfs, configfs, bpffs, cgroup file systems,
 * binfmt_misc, efivarfs, pstore, resctrl and fusectl.
 *
 * Return: true if a write there talks to the kernel.
 */
bool dmzg_kernel_fs(unsigned long magic)
{
	switch (magic) {
	case PROC_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case DEBUGFS_MAGIC:
	case TRACEFS_MAGIC:
	case SECURITYFS_MAGIC:
	case DMZG_CONFIGFS_MAGIC:
	case BPF_FS_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case BINFMTFS_MAGIC:
	case EFIVARFS_MAGIC:
	case PSTOREFS_MAGIC:
	case RDTGROUP_SUPER_MAGIC:
	case DMZG_FUSECTL_MAGIC:
	case SELINUX_MAGIC:
	case SMACK_MAGIC:
		return true;
	default:
		return false;
	}
}

/**
 * dmzg_kernel_device() - is a device node a way into raw kernel state
 * @mode: the node's mode (its type bits are what count)
 * @rdev: the device it stands for
 *
 * Every block device (a disk's raw blocks under the file systems), and
 * the memory devices: /dev/mem, /dev/kmem, /dev/port and the CPUs' MSRs.
 *
 * Return: true if writing through the node writes the kernel's state.
 */
bool dmzg_kernel_device(umode_t mode, dev_t rdev)
{
	if (S_ISBLK(mode))
		return true;
	if (!S_ISCHR(mode))
		return false;
	if (MAJOR(rdev) == MSR_MAJOR)
		return true;
	/* drivers/char/mem.c: 1 mem, 2 kmem, 4 port. */
	return MAJOR(rdev) == MEM_MAJOR &&
	       (MINOR(rdev) == 1 || MINOR(rdev) == 2 || MINOR(rdev) == 4);
}
