/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel integer types and limits, for the module's matchers in userspace. */
#ifndef DMZG_KSHIM_TYPES_H
#define DMZG_KSHIM_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef uint32_t __u32;
typedef uint32_t __be32;

#define U16_MAX UINT16_MAX

#endif
