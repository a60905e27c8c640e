/* SPDX-License-Identifier: GPL-2.0 */
/* Records for the kernel's audit subsystem (auditd, ausearch, SIEMs). */
#ifndef _DMZG_KAUDIT_H
#define _DMZG_KAUDIT_H

struct dmzg_event;

void dmzg_kaudit_record(const struct dmzg_event *e);

#endif /* _DMZG_KAUDIT_H */
