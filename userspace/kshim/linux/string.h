/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMZG_KSHIM_STRING_H
#define DMZG_KSHIM_STRING_H

#include <string.h>

#endif
