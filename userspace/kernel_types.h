/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel type names for the module sources dmzguardctl compiles too. */
#ifndef DMZG_KERNEL_TYPES_H
#define DMZG_KERNEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t u32;

#endif
