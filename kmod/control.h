/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The active policy and the changes made to it.  Readers see the policy
 * under RCU through dmzg_policy_current(); every change happens under the
 * control lock, which also serialises the load transaction.
 */
#ifndef _DMZG_CONTROL_H
#define _DMZG_CONTROL_H

#include <linux/types.h>

struct dmzg_policy;

void dmzg_control_lock(void);
void dmzg_control_unlock(void);
void dmzg_control_assert_held(void);

struct dmzg_policy *dmzg_policy_current(void);
struct dmzg_policy *dmzg_policy_locked(void);
bool dmzg_policy_loaded(void);

bool dmzg_sealed(void);
int dmzg_control_commit(struct dmzg_policy *pol);
void dmzg_control_clear(void);
int dmzg_control_set_mode(const char *name, u8 mode);
void dmzg_control_seal(void);
void dmzg_control_exit(void);

#endif /* _DMZG_CONTROL_H */
