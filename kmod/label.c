// SPDX-License-Identifier: GPL-2.0
/*
 * Labels: allocated at attach and at each exec that is allowed, freed
 * after a grace period, since decisions read them under RCU alone.
 */
#include <linux/overflow.h>
#include <linux/slab.h>
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

