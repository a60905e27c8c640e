// SPDX-License-Identifier: GPL-2.0
/*
 * Per-task confinement state.  A module has no LSM blob, so the state
 * lives in a hash table keyed by task_struct pointer (never by pid: pids
 * are reused).  Readers use RCU; writers take a raw spinlock that also
 * excludes interrupts, because security_task_free() can run from an RCU
 * callback in softirq context, and on PREEMPT_RT from a context where a
 * sleeping lock is not allowed.  Every section under it is short.
 *
 * An exec records and commits its new label without the lock (it is on
 * the path of every confined exec): only the task itself does either,
 * and what others do to an entry's label under the lock (a relabel, an
 * unconfinement) they do with atomic exchanges, the label first and the
 * recorded one second.  See dmzg_task_set_next().
 */
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/rculist.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "mutant.h"
#include "task.h"
#include "task_table.h"

struct hlist_head dmzg_tasks[1 << DMZG_TASK_BITS];
DEFINE_RAW_SPINLOCK(dmzg_tasks_lock);
atomic_t dmzg_nr_confined = ATOMIC_INIT(0);

/*
 * The releases begun (dmzg_task_release_if(), dmzg_task_clear_all()),
 * counted under the lock.  A decision reads it before the policy, and
 * the label it decided is neither attached nor committed as it is once
 * the count has moved: a release never misses one made before it began.
 */
u64 dmzg_release_seq;

/**
 * dmzg_task_release_begin() - count a release begun
 *
 * Context: the table's lock held, before the release looks at any entry.
 */
void dmzg_task_release_begin(void)
{
	lockdep_assert_held(&dmzg_tasks_lock);
	/* After the policy it replaced: see dmzg_task_release_seq(). */
	smp_store_release(&dmzg_release_seq, dmzg_release_seq + 1);
	/* Before any recorded label is read: pairs with the commit's xchg(). */
	smp_mb();
}

/*
 * The entries of confined tasks that are gone, oldest first, kept for the
 * next forks: a daemon forking worker after worker then allocates and
 * frees nothing (an allocation cleared on Debian's init_on_alloc and a
 * kfree_rcu() cost more than the rest of its fork's share).  Under the
 * lock.
 */
#define DMZG_TASK_SPARES 64
static struct dmzg_task *dmzg_task_spares[DMZG_TASK_SPARES];
static unsigned int dmzg_spare_first, dmzg_nr_spares;

/*
 * An entry a grace period after it was unlinked: no reader can still see
 * it (readers find entries under RCU alone).  None if the oldest spare
 * is still too young.
 */
static struct dmzg_task *take_spare(void)
{
	struct dmzg_task *t;

	lockdep_assert_held(&dmzg_tasks_lock);
	if (!dmzg_nr_spares)
		return NULL;
	t = dmzg_task_spares[dmzg_spare_first];
	if (!poll_state_synchronize_rcu(t->gp))
		return NULL;
	dmzg_spare_first = (dmzg_spare_first + 1) % DMZG_TASK_SPARES;
	dmzg_nr_spares--;
	return t;
}

/* Keep @t, just unlinked, as a spare; false when there are enough. */
static bool keep_spare(struct dmzg_task *t)
{
	unsigned int i;

	lockdep_assert_held(&dmzg_tasks_lock);
	if (dmzg_nr_spares == DMZG_TASK_SPARES)
		return false;
	t->gp = get_state_synchronize_rcu();
	i = (dmzg_spare_first + dmzg_nr_spares) % DMZG_TASK_SPARES;
	dmzg_task_spares[i] = t;
	dmzg_nr_spares++;
	return true;
}

/* The entries made so far, under the lock: each new one's birth. */
static u64 dmzg_births;

/* A new entry: a spare, or else allocated (dropping the lock to do so). */
/* Inline: without it, @flags alone costs a fork a stack canary. */
static __always_inline struct dmzg_task *new_entry(unsigned long *flags)
{
	struct dmzg_task *t;

	lockdep_assert_held(&dmzg_tasks_lock);
	t = take_spare();
	if (!t) {
		raw_spin_unlock_irqrestore(&dmzg_tasks_lock, *flags);
		/* What is read before it is written is set below. */
		t = kmalloc(sizeof(*t), GFP_KERNEL);
		raw_spin_lock_irqsave(&dmzg_tasks_lock, *flags);
		if (!t)
			return NULL;
	}
	t->next = NULL;
	atomic64_set(&t->label_seq, 0);
	t->birth = ++dmzg_births;
	/* An empty memo: the rest of it is written with its profile. */
	t->memo.prof = NULL;
	t->memo.in4 = 0;
	t->memo.label_seq = 0;
	return t;
}

static struct hlist_head *bucket(struct task_struct *task)
{
	return &dmzg_tasks[hash_ptr(task, DMZG_TASK_BITS)];
}

static struct dmzg_task *find(struct task_struct *task)
{
	struct dmzg_task *t;

	hlist_for_each_entry_rcu(t, bucket(task), node,
				 lockdep_is_held(&dmzg_tasks_lock))
		if (t->task == task)
			return t;
	return NULL;
}

/**
 * dmzg_task_conf() - the label of a task
 * @task: task
 *
 * Context: any RCU read side; the label stays valid until it ends.
 * Return: the label, or NULL if @task is not confined.
 */
struct dmzg_conf *dmzg_task_conf(struct task_struct *task)
{
	struct dmzg_task *t;

	if (dmzg_none_confined())
		return NULL;
	t = find(task);
	return t ? rcu_dereference_check(t->conf, rcu_read_lock_any_held()) :
		   NULL;
}

/**
 * dmzg_current_conf() - the label of current, and its destination memo
 * @memo: set to current's memo when it is confined
 * @label_seq: set to the label's sequence, for a memo made under it
 *
 * Context: any RCU read side; the label and the memo stay valid until
 * it ends.  Only current may use the memo.
 * Return: the label, or NULL if current is not confined.
 */
struct dmzg_conf *dmzg_current_conf(struct dmzg_net_memo **memo,
				    u64 *label_seq)
{
	struct dmzg_task *t;

	if (dmzg_none_confined())
		return NULL;
	t = find(current);
	if (!t)
		return NULL;
	*memo = &t->memo;
	/*
	 * Read before the label: an older label never gets a newer count (a
	 * newer one may get the older count, which only voids its memo).
	 */
	*label_seq = atomic64_read_acquire(&t->label_seq);
	return rcu_dereference_check(t->conf, rcu_read_lock_any_held());
}

/**
 * dmzg_current_label() - the label of current, and when it was read
 * @stamp: set to the stamp of the label when current is confined
 *
 * Context: any RCU read side; the label stays valid until it ends.
 * Return: the label, or NULL if current is not confined.
 */
struct dmzg_conf *dmzg_current_label(struct dmzg_label_stamp *stamp)
{
	struct dmzg_net_memo *memo = NULL;
	struct dmzg_conf *conf;

	conf = dmzg_current_conf(&memo, &stamp->changes);
	if (conf)
		stamp->birth = container_of(memo, struct dmzg_task, memo)->birth;
	return conf;
}

/**
 * dmzg_current_memo() - current's destination memo, if made under its label
 *
 * The one lookup of a memo hit: no label, no profile to resolve.
 *
 * Context: any RCU read side, rcu_read_lock_sched() included; the memo
 * stays valid until it ends.  Only current may use the memo.
 * Return: the memo, which is empty (no profile) if nothing was remembered
 * yet, or NULL if current is not confined or has been relabelled since
 * the memo was made.
 */
struct dmzg_net_memo *dmzg_current_memo(void)
{
	struct dmzg_task *t;

	if (dmzg_none_confined())
		return NULL;
	t = find(current);
	if (!t || (t->memo.label_seq != atomic64_read(&t->label_seq) &&
		   !dmzg_mutant(LABEL)))
		return NULL;
	return &t->memo;
}

/*
 * Once @t's label is replaced: atomic, since a commit (without the lock)
 * and a relabel (with it) may count at once.
 */
static void label_changed(struct dmzg_task *t)
{
	/* After the label: pairs with dmzg_current_conf()'s acquire. */
	smp_mb__before_atomic();
	atomic64_inc(&t->label_seq);
}

/* Replace @t's label with @conf (a reference it takes over); the old one. */
static struct dmzg_conf *swap_label(struct dmzg_task *t,
				    struct dmzg_conf *conf)
{
	return unrcu_pointer(xchg(&t->conf, RCU_INITIALIZER(conf)));
}

/*
 * Free what an unlinked entry holds, and the entry itself or keep it as a
 * spare, under the lock: a put frees a label with kfree_rcu() at most.
 * The label goes first, then the recorded one: an exec of the task that
 * records or commits one meanwhile finds no label and gives it up.
 */
static void free_state(struct dmzg_task *t)
{
	lockdep_assert_held(&dmzg_tasks_lock);
	dmzg_conf_put(swap_label(t, NULL));
	dmzg_conf_put(xchg(&t->next, NULL));
	if (!keep_spare(t))
		kfree_rcu(t, rcu);
}

/**
 * dmzg_task_unlink() - unconfine the task of an entry
 * @t: entry in the table
 *
 * Context: the table's lock held.
 */
void dmzg_task_unlink(struct dmzg_task *t)
{
	hlist_del_rcu(&t->node);
	atomic_dec(&dmzg_nr_confined);
	free_state(t);
}

/* The stamp of @t's label now: the count read before the label is. */
static struct dmzg_label_stamp stamp_of(struct dmzg_task *t)
{
	return (struct dmzg_label_stamp){
		.birth = t->birth,
		.changes = atomic64_read_acquire(&t->label_seq),
	};
}

/* Whether @t is the entry, and its label the label, @stamp was made of. */
static bool stamp_holds(struct dmzg_task *t,
			const struct dmzg_label_stamp *stamp)
{
	struct dmzg_label_stamp now;

	if (!t)
		return false;
	now = stamp_of(t);
	return dmzg_label_stamp_same(&now, stamp);
}

/*
 * See dmzg_task_attach(); with @stamp, see dmzg_task_relabel(): only a
 * task whose label has not changed since @stamp.
 */
static int attach(struct task_struct *task, struct dmzg_conf *conf, u64 seq,
		  const struct dmzg_label_stamp *stamp)
{
	struct dmzg_conf *old = NULL, *stale_next = NULL;
	struct dmzg_task *t, *fresh = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	t = find(task);
	if (stamp && !stamp_holds(t, stamp)) {
		raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
		return -EAGAIN;
	}
	if (!t) {
		/* Only a new entry allocates, not a relabel at exec. */
		fresh = new_entry(&flags);
		if (!fresh) {
			raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
			return -ENOMEM;
		}
		/* Attached meanwhile, while the lock was dropped? */
		t = find(task);
	}
	if (seq != dmzg_release_seq) {
		raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
		kfree(fresh);
		return -EAGAIN;
	}
	refcount_inc(&conf->ref);
	if (t) {
		old = swap_label(t, conf);
		label_changed(t);
		/* An exec in progress commits the new label, not one made before. */
		stale_next = xchg(&t->next, NULL);
		/* Never seen by a reader: no grace period needed, but harmless. */
		if (fresh && keep_spare(fresh))
			fresh = NULL;
	} else {
		fresh->task = task;
		RCU_INIT_POINTER(fresh->conf, conf);
		hlist_add_head_rcu(&fresh->node, bucket(task));
		atomic_inc(&dmzg_nr_confined);
		fresh = NULL;
	}
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
	kfree(fresh);
	dmzg_conf_put(old);
	dmzg_conf_put(stale_next);
	return 0;
}

/**
 * dmzg_task_attach() - confine a task, or relabel a confined one
 * @task: task
 * @conf: label; the task takes its own reference
 * @seq: dmzg_task_release_seq() before the policy @conf was decided by
 *	was read
 *
 * Return: 0, -ENOMEM, or -EAGAIN if a release began since @seq: decide
 * again.
 */
int dmzg_task_attach(struct task_struct *task, struct dmzg_conf *conf,
		     u64 seq)
{
	return attach(task, conf, seq, NULL);
}

/**
 * dmzg_task_relabel() - dmzg_task_attach(), for a task whose label is the
 *	one the new label was made from
 * @task: task
 * @conf: as for dmzg_task_attach()
 * @seq: as for dmzg_task_attach()
 * @stamp: the stamp of @task's label (dmzg_current_label()) when the
 *	label @conf was made from was read
 *
 * For a label made from the task's own: one unconfined meanwhile (by a
 * release that may have begun before @seq was read) is not confined
 * again, and one relabelled meanwhile keeps its new label.
 *
 * Return: as for dmzg_task_attach(); -EAGAIN too if @task is not confined
 * or its label changed since @stamp (even to the same label, in a new
 * entry): decide again.
 */
int dmzg_task_relabel(struct task_struct *task, struct dmzg_conf *conf,
		      u64 seq, const struct dmzg_label_stamp *stamp)
{
	return attach(task, conf, seq, stamp);
}

/**
 * dmzg_task_fork() - let a new task inherit its creator's confinement
 * @child: the task being created by current
 *
 * Return: 0, or -ENOMEM if current is confined and the child's state
 * cannot be allocated (the fork must then fail: fail closed).
 */
int dmzg_task_fork(struct task_struct *child)
{
	struct dmzg_task *fresh = NULL, *creator, *stale;
	struct dmzg_conf *conf = NULL;
	unsigned long flags;
	bool confined;

	if (dmzg_none_confined())
		return 0;
	/* Nothing here sleeps: the cheapest read side. */
	rcu_read_lock_sched();
	confined = find(current);
	/*
	 * State left by a fork that failed in security_task_alloc(): looked
	 * for again under the lock, which a confined creator takes anyway.
	 */
	stale = confined ? NULL : find(child);
	rcu_read_unlock_sched();
	if (!confined && !stale)
		return 0;
	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	if (confined) {
		fresh = new_entry(&flags);
		if (!fresh) {
			raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
			return -ENOMEM;
		}
	}
	/*
	 * The label is read under the lock a relabel or a release holds to
	 * change it, so that a release's pass sees the child if it saw the
	 * label.  The entry holds it meanwhile; only current commits its own.
	 */
	creator = find(current);
	if (creator)
		conf = rcu_dereference_protected(creator->conf, true);
	stale = find(child);
	if (stale)
		dmzg_task_unlink(stale);
	if (fresh && conf) {
		fresh->task = child;
		RCU_INIT_POINTER(fresh->conf, dmzg_conf_get(conf));
		hlist_add_head_rcu(&fresh->node, bucket(child));
		atomic_inc(&dmzg_nr_confined);
		fresh = NULL;
	} else if (fresh && keep_spare(fresh)) {
		/* Unconfined meanwhile; never seen by a reader. */
		fresh = NULL;
	}
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
	kfree(fresh);
	return 0;
}

/**
 * dmzg_task_free() - forget a task that is being freed
 * @task: task
 *
 * Context: any, including softirq.
 */
void dmzg_task_free(struct task_struct *task)
{
	struct dmzg_task *t;
	unsigned long flags;

	if (dmzg_none_confined())
		return;
	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	t = find(task);
	if (t)
		dmzg_task_unlink(t);
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
}

/*
 * Record @conf in @t (see dmzg_task_set_next()): no lock, see the
 * comment at the top.
 */
static void record_next(struct dmzg_task *t, struct dmzg_conf *conf,
			struct dmzg_conf *base, u64 seq)
{
	struct dmzg_conf *old, *unused = conf;

	if (rcu_access_pointer(t->conf) == base)
		unused = NULL;
	t->next_base = base;
	/* Read by the task's own commit only, after the xchg() below. */
	t->next_seq = seq;
	old = xchg(&t->next, unused ? NULL : conf);
	/*
	 * A relabel or an unconfinement that took the recorded label just
	 * before this store replaced the label first: what is recorded now
	 * is stale.  Take it back, unless that was done meanwhile too.  (A
	 * release begun since the decision may have looked already too: the
	 * commit sees the count moved, and decides again.)
	 */
	if (!unused && conf && rcu_access_pointer(t->conf) != base &&
	    cmpxchg(&t->next, conf, NULL) == conf)
		unused = conf;
	dmzg_conf_put(old);
	dmzg_conf_put(unused);
}

/**
 * dmzg_task_set_next() - record the label an allowed exec will commit
 * @task: confined task (current, during exec)
 * @conf: the label, whose reference the task takes over; NULL records
 *	none
 * @base: the label the exec was decided under
 * @seq: dmzg_task_release_seq() before the decision read the policy
 *
 * Replaces whatever an earlier exec that failed after its check left.
 * The label is recorded only if @task still has @base: one relabelled
 * meanwhile (a load, a revert) commits its new label instead, worked out
 * again at the commit.  If a release began since @seq, the commit
 * decides again (dmzg_task_commit_next()).
 *
 * Context: only @task itself, on any RCU read side (no lock: see the
 * comment at the top).
 */
void dmzg_task_set_next(struct task_struct *task, struct dmzg_conf *conf,
			struct dmzg_conf *base, u64 seq)
{
	struct dmzg_task *t = find(task);

	if (t)
		record_next(t, conf, base, seq);
	else
		dmzg_conf_put(conf);
}

/**
 * dmzg_current_set_next() - dmzg_task_set_next() for current, from its memo
 * @memo: current's memo, from dmzg_current_conf() on the same read side
 * @conf: as for dmzg_task_set_next()
 * @base: as for dmzg_task_set_next()
 * @seq: as for dmzg_task_set_next()
 *
 * Context: as for dmzg_task_set_next(); no second lookup of the entry.
 */
void dmzg_current_set_next(struct dmzg_net_memo *memo, struct dmzg_conf *conf,
			   struct dmzg_conf *base, u64 seq)
{
	record_next(container_of(memo, struct dmzg_task, memo), conf, base,
		    seq);
}

/**
 * dmzg_task_next_name() - the profile of the label an exec will commit
 * @task: confined task (current, during exec)
 * @name: buffer of DMZG_NAME_MAX bytes
 * @seq: set to the count of releases begun before that label was decided,
 *	for a label made from it (dmzg_task_set_next())
 *
 * Return: false if no label is recorded.
 */
bool dmzg_task_next_name(struct task_struct *task, char *name, u64 *seq)
{
	struct dmzg_conf *next = NULL;
	struct dmzg_task *t;
	unsigned long flags;

	/* Under the lock: nothing else takes the recorded label meanwhile. */
	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	t = find(task);
	if (t)
		next = READ_ONCE(t->next);
	if (next) {
		strscpy(name, next->name, DMZG_NAME_MAX);
		*seq = t->next_seq;
	}
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
	return next;
}

/**
 * dmzg_task_commit_next() - relabel a task with the label its exec made
 * @task: task (current, once its new program is committed)
 * @unconfirmed: set to the recorded label, a reference the caller puts,
 *	if it was decided before a release began; else left alone
 * @stamp: with @unconfirmed, set to the stamp of the task's label while
 *	it had the label that one was decided under
 *
 * The recorded label becomes the task's only if the task still has the
 * label it was decided under: a relabel or an unconfinement since wins.
 * One decided before a release began is not committed either: the
 * release may have looked before it was recorded, and the caller decides
 * again under the policy now active, with it as the exec's choice.
 *
 * Return: true if a label was recorded and is now the task's.
 */
bool dmzg_task_commit_next(struct task_struct *task,
			   struct dmzg_conf **unconfirmed,
			   struct dmzg_label_stamp *stamp)
{
	struct dmzg_conf *next, *base;
	struct dmzg_task *t;
	struct dmzg_label_stamp now;
	bool committed = false;

	/*
	 * Only @task itself records a label: nothing to do for the execs of
	 * the tasks that have none (every unconfined one).
	 */
	if (dmzg_none_confined())
		return false;
	/* Nothing here sleeps: the cheapest read side. */
	rcu_read_lock_sched();
	t = find(task);
	if (!t || !READ_ONCE(t->next)) {
		rcu_read_unlock_sched();
		return false;
	}
	base = t->next_base;
	next = xchg(&t->next, NULL);
	/*
	 * After the xchg(), paired with dmzg_task_release_begin(): a release
	 * that has not counted itself yet will find the label in either
	 * field (its second pass, if this commit is under way).
	 */
	if (next && READ_ONCE(dmzg_release_seq) != t->next_seq) {
		now = stamp_of(t);
		if (rcu_access_pointer(t->conf) == base) {
			*unconfirmed = next;
			*stamp = now;
			next = NULL;
		}
	} else if (next &&
		   unrcu_pointer(cmpxchg(&t->conf, RCU_INITIALIZER(base),
					 RCU_INITIALIZER(next))) == base) {
		label_changed(t);
		committed = true;
	}
	rcu_read_unlock_sched();
	/* The entry's reference moved from @base to @next, or @next lapsed. */
	dmzg_conf_put(committed ? base : next);
	return committed;
}

/**
 * dmzg_task_spares_free() - free the spare entries, at module unload
 */
void dmzg_task_spares_free(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&dmzg_tasks_lock, flags);
	while (dmzg_nr_spares) {
		kfree_rcu(dmzg_task_spares[dmzg_spare_first], rcu);
		dmzg_spare_first = (dmzg_spare_first + 1) % DMZG_TASK_SPARES;
		dmzg_nr_spares--;
	}
	raw_spin_unlock_irqrestore(&dmzg_tasks_lock, flags);
}
