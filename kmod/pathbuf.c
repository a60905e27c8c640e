// SPDX-License-Identifier: GPL-2.0
/*
 * Scratch buffers of PATH_MAX bytes for the hooks that resolve a path
 * (every exec of a confined task, twice).  A fresh kmalloc() of 4 KiB is
 * cleared on kernels with init_on_alloc (Debian's default), which costs
 * more than the rest of the decision; so each CPU keeps the last buffer
 * given back for the next taker.  The this_cpu operations are atomic on
 * their CPU, so a task moved or preempted between taking and giving back
 * only makes a later taker allocate.  A buffer holds nothing but paths
 * this module resolved, and d_path() writes before anything is read.
 */
#include <linux/limits.h>
#include <linux/percpu.h>
#include <linux/slab.h>

#include "pathbuf.h"

static DEFINE_PER_CPU(char *, dmzg_spare_path_buf);

/**
 * dmzg_path_buf_get() - a buffer of PATH_MAX bytes
 *
 * Context: process context (may sleep when no spare buffer is at hand).
 * Return: the buffer, or NULL when out of memory.
 */
char *dmzg_path_buf_get(void)
{
	char *buf = this_cpu_xchg(dmzg_spare_path_buf, NULL);

	return buf ?: kmalloc(PATH_MAX, GFP_KERNEL);
}

/**
 * dmzg_path_buf_put() - give a buffer back
 * @buf: from dmzg_path_buf_get(); may be NULL
 */
void dmzg_path_buf_put(char *buf)
{
	if (buf && this_cpu_cmpxchg(dmzg_spare_path_buf, NULL, buf))
		kfree(buf);
}

/**
 * dmzg_path_buf_exit() - free the spare buffers at unload
 *
 * Context: no hook can run any more.
 */
void dmzg_path_buf_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		kfree(per_cpu(dmzg_spare_path_buf, cpu));
		per_cpu(dmzg_spare_path_buf, cpu) = NULL;
	}
}
