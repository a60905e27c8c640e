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

/* Character devices a daemon uses as ordinary files: see below. */
static bool plain_char_device(dev_t rdev)
{
	unsigned int major = MAJOR(rdev), minor = MINOR(rdev);

	/* drivers/char/mem.c: null, zero, full, random, urandom. */
	if (major == MEM_MAJOR)
		return minor == 3 || minor == 5 || minor == 7 || minor == 8 ||
		       minor == 9;
	/* /dev/tty and /dev/ptmx, and the pseudo-terminals it hands out. */
	if (major == TTYAUX_MAJOR)
		return minor == 0 || minor == 2;
	return major >= UNIX98_PTY_SLAVE_MAJOR &&
	       major < UNIX98_PTY_SLAVE_MAJOR + UNIX98_PTY_MAJOR_COUNT;
}

/**
 * dmzg_kernel_device() - is a device node a way into the kernel or the
 *	hardware
 * @mode: the node's mode (its type bits are what count)
 * @rdev: the device it stands for
 *
 * Every block device (a disk's raw blocks under the file systems) and
 * every character device but the few a daemon uses as ordinary files:
 * /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom, /dev/tty,
 * /dev/ptmx and pseudo-terminals.  The rest - memory and ports, SCSI
 * generic and NVMe nodes, input injection, the kernel log, the BMC,
 * consoles - change the kernel or the machine, even through a node
 * opened for reading (ioctl).
 *
 * Return: true if opening the node is opening the kernel.
 */
bool dmzg_kernel_device(umode_t mode, dev_t rdev)
{
	if (S_ISBLK(mode))
		return true;
	return S_ISCHR(mode) && !plain_char_device(rdev);
}
