// SPDX-License-Identifier: GPL-2.0
/*
 * Labels: allocated at attach and at each exec that is allowed, freed
 * after a grace period, since decisions read them under RCU alone.
 */
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/string.h>

#include "label.h"

/**
 * dmzg_conf_new() - allocate a confinement label
 * @name: profile name
 * @exe: path of the executable the task runs
 *
 * Return: the label with one reference, or NULL.
 */
struct dmzg_conf *dmzg_conf_new(const char *name, const char *exe)
{
	size_t len = strlen(exe) + 1;
	struct dmzg_conf *conf;

	conf = kmalloc(struct_size(conf, exe, len), GFP_KERNEL);
	if (!conf)
		return NULL;
	refcount_set(&conf->ref, 1);
	conf->prof_cache = 0;
	strscpy(conf->name, name, sizeof(conf->name));
	memcpy(conf->exe, exe, len);
	return conf;
}

/**
 * dmzg_conf_free() - free a label whose last reference was dropped
 * @conf: label
 *
 * After an RCU grace period, since decisions read it under
 * rcu_read_lock() without taking a reference.
 */
void dmzg_conf_free(struct dmzg_conf *conf)
{
	kfree_rcu(conf, rcu);
}

/*
 * Decisions in flight whose label is written into the task table some
 * time after the policy was read (an exec's long way, an attach): a
 * release waits for them, so that none writes a label after its passes.
 */
DEFINE_STATIC_SRCU(dmzg_label_writers);

/**
 * dmzg_label_write_begin() - begin a decision whose label is written later
 *
 * From before the policy is read until the label is attached or recorded;
 * dmzg_task_release_if() and dmzg_task_clear_all() wait for it to end.
 *
 * Context: may sleep until dmzg_label_write_end().
 * Return: what dmzg_label_write_end() takes.
 */
int dmzg_label_write_begin(void)
	__acquires(dmzg_label_writers)
{
	return srcu_read_lock(&dmzg_label_writers);
}

/**
 * dmzg_label_write_end() - end what dmzg_label_write_begin() began
 * @idx: its return value
 */
void dmzg_label_write_end(int idx)
	__releases(dmzg_label_writers)
{
	srcu_read_unlock(&dmzg_label_writers, idx);
}

/**
 * dmzg_label_writers_wait() - wait for the decisions in flight
 *
 * Every section dmzg_label_write_begin() began before this call has
 * ended when it returns, and one begun later reads the policy as it was
 * at this call.
 *
 * Context: may sleep.
 */
void dmzg_label_writers_wait(void)
{
	synchronize_srcu(&dmzg_label_writers);
}
