/* SPDX-License-Identifier: GPL-2.0 */
/* Bitmaps of unsigned longs, as the kernel lays them out. */
#ifndef DMZG_KSHIM_BITMAP_H
#define DMZG_KSHIM_BITMAP_H

#include <limits.h>

#define BITS_PER_LONG (CHAR_BIT * (int)sizeof(long))
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static inline void __set_bit(unsigned int nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

/* The lowest set bit of @word, which is not 0. */
static inline unsigned int __ffs(unsigned long word)
{
	return (unsigned int)__builtin_ctzl(word);
}

#endif
