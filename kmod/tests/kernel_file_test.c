// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for what counts as a kernel interface to write confinement.
 */
#include <kunit/test.h>
#include <linux/kdev_t.h>
#include <linux/magic.h>
#include <linux/stat.h>

#include "../kernel_file.h"

static void kernel_file_systems(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_fs(PROC_SUPER_MAGIC));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_fs(SYSFS_MAGIC));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_fs(TRACEFS_MAGIC));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_fs(BPF_FS_MAGIC));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_fs(CGROUP2_SUPER_MAGIC));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_fs(BINFMTFS_MAGIC));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_fs(0x62656570));	/* configfs */
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_fs(TMPFS_MAGIC));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_fs(EXT4_SUPER_MAGIC));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_fs(DEVPTS_SUPER_MAGIC));
}

static void kernel_devices(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFBLK, MKDEV(8, 0)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFBLK, MKDEV(7, 0)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 1)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 2)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 4)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 11)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(202, 0)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(21, 0)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(10, 223)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(4, 1)));
	KUNIT_EXPECT_TRUE(test, dmzg_kernel_device(S_IFCHR, MKDEV(5, 1)));
	/* The ordinary ones: null, zero, full, random, urandom, tty, ptys. */
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 3)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 5)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 7)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 8)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(1, 9)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(5, 0)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(5, 2)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFCHR, MKDEV(136, 3)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFREG, MKDEV(1, 1)));
	KUNIT_EXPECT_FALSE(test, dmzg_kernel_device(S_IFIFO, 0));
}

static struct kunit_case kernel_file_test_cases[] = {
	KUNIT_CASE(kernel_file_systems),
	KUNIT_CASE(kernel_devices),
	{}
};

static struct kunit_suite kernel_file_test_suite = {
	.name = "dmzguard_kernel_file",
	.test_cases = kernel_file_test_cases,
};

kunit_test_suite(kernel_file_test_suite);
