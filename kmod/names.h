/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of capabilities and socket classes, as policies and log lines
 * spell them; shared by the module and dmzguardctl.
 */
#ifndef _DMZG_NAMES_H
#define _DMZG_NAMES_H

#include "uapi/dmzguard.h"

extern const char *const dmzg_cap_names[DMZG_CAP_COUNT];
extern const char *const dmzg_sock_class_names[__DMZG_SOCK_MAX];

#endif /* _DMZG_NAMES_H */
