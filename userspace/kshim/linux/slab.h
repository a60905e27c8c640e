/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel allocators the matchers call, on malloc.  Allocation flags
 * are accepted and ignored: userspace has one kind of memory.
 */
#ifndef DMZG_KSHIM_SLAB_H
#define DMZG_KSHIM_SLAB_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GFP_KERNEL 0

static inline void *kvmalloc_array(size_t n, size_t size, int flags)
{
	(void)flags;
	if (size && n > SIZE_MAX / size)
		return NULL;
	return malloc(n && size ? n * size : 1);
}

static inline void *kvcalloc(size_t n, size_t size, int flags)
{
	(void)flags;
	return calloc(n ? n : 1, size ? size : 1);
}

static inline void *kcalloc(size_t n, size_t size, int flags)
{
	return kvcalloc(n, size, flags);
}

static inline void *kzalloc(size_t size, int flags)
{
	return kvcalloc(1, size, flags);
}

static inline char *kstrdup(const char *s, int flags)
{
	(void)flags;
	return s ? strdup(s) : NULL;
}

static inline void kvfree(const void *p)
{
	free((void *)p);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

#endif
