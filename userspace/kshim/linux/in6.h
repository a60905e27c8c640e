/* SPDX-License-Identifier: GPL-2.0 */
/* struct in6_addr: glibc's has the kernel's s6_addr and s6_addr32. */
#ifndef DMZG_KSHIM_IN6_H
#define DMZG_KSHIM_IN6_H

#include <netinet/in.h>

#endif
