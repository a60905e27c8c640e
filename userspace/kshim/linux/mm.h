/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMZG_KSHIM_MM_H
#define DMZG_KSHIM_MM_H

#include <linux/slab.h>

#endif
