/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The active policy and the changes made to it.  Readers see the policy
 * under RCU through dmzg_policy_current(); every change happens under the
 * control lock, which also serialises the load transaction.
 */
#ifndef _DMZG_CONTROL_H
#define _DMZG_CONTROL_H

#include <linux/rcupdate.h>
#include <linux/types.h>

struct dmzg_policy;

/* Written only by control.c; read through the functions below. */
extern struct dmzg_policy __rcu *dmzg_active;

void dmzg_control_lock(void);
void dmzg_control_unlock(void);
void dmzg_control_assert_held(void);

/**
 * dmzg_policy_current() - the active policy, for a decision
 *
 * Inline: every decision of a confined task asks it.
 *
 * Context: rcu_read_lock() held; the policy stays valid until it is
 * dropped.
 * Return: the policy, or NULL when none is loaded.
 */
static inline struct dmzg_policy *dmzg_policy_current(void)
{
	return rcu_dereference(dmzg_active);
}

/**
 * dmzg_policy_current_any() - the active policy, from any RCU read side
 *
 * For the checks made under rcu_read_lock_sched() (a remembered
 * destination, a remembered socket class), which holds off a grace
 * period as rcu_read_lock() does, at the cost of a preemption count.
 *
 * Context: any RCU read side; the policy stays valid until it ends.
 * Return: the policy, or NULL when none is loaded.
 */
static inline struct dmzg_policy *dmzg_policy_current_any(void)
{
	return rcu_dereference_check(dmzg_active, rcu_read_lock_any_held());
}

/**
 * dmzg_policy_loaded() - whether a policy is loaded, without using it
 *
 * Return: true if one was loaded when this was called.
 */
static inline bool dmzg_policy_loaded(void)
{
	return rcu_access_pointer(dmzg_active);
}

struct dmzg_policy *dmzg_policy_locked(void);

bool dmzg_sealed(void);
int dmzg_control_commit(struct dmzg_policy *pol, struct dmzg_policy **keep);
struct dmzg_policy *dmzg_control_restore(struct dmzg_policy *pol);
void dmzg_control_clear(void);
int dmzg_control_set_mode(const char *name, u8 mode);
void dmzg_control_seal(void);
void dmzg_control_exit(void);

#endif /* _DMZG_CONTROL_H */
