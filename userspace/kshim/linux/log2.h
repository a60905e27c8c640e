/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMZG_KSHIM_LOG2_H
#define DMZG_KSHIM_LOG2_H

#include <linux/types.h>

/* The smallest power of two >= @n (@n >= 1, below 2^31 here). */
static inline u32 roundup_pow_of_two(u32 n)
{
	u32 p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

#endif
