/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The label of a confined task: which profile confines it, and what it
 * runs.  Shared by reference between a task, the children it forks and
 * the exec memo; freed a grace period after its last reference goes.
 */
#ifndef _DMZG_LABEL_H
#define _DMZG_LABEL_H

#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include "uapi/dmzguard.h"

/*
 * What a confined task carries: its profile's name (looked up in the
 * active policy, once per policy generation, so a policy replace takes
 * effect at once) and the executable it runs, for logs and ps.
 */
struct dmzg_conf {
	refcount_t ref;
	struct rcu_head rcu;
	/*
	 * Which profile of which policy generation the name resolved to:
	 * generation << 16 | (index + 1), 0 when not yet resolved.  Written
	 * racily with the same value by any task sharing the label.
	 */
	u64 prof_cache;
	char name[DMZG_NAME_MAX];
	char exe[];
};

struct dmzg_conf *dmzg_conf_new(const char *name, const char *exe);

/*
 * Another reference to a label that is held: by the caller, or by what
 * outlives the caller's rcu_read_lock().
 */
static inline struct dmzg_conf *dmzg_conf_get(struct dmzg_conf *conf)
{
	refcount_inc(&conf->ref);
	return conf;
}

void dmzg_conf_free(struct dmzg_conf *conf);

/**
 * dmzg_conf_put() - drop a reference to a label
 * @conf: label; may be NULL
 *
 * Inline: an exec drops several, some of them NULL.
 */
static inline void dmzg_conf_put(struct dmzg_conf *conf)
{
	if (conf && refcount_dec_and_test(&conf->ref))
		dmzg_conf_free(conf);
}

#endif /* _DMZG_LABEL_H */
