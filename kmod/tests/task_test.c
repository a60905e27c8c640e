// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the label an exec records and commits: it becomes the
 * task's only under the label it was decided in, and what a relabel or
 * an unconfinement takes away is never committed, nor leaked.  The test
 * confines its own thread (no hook runs here) and holds a reference to
 * each label, so that their counts can be read after each step.
 */
#include <kunit/test.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "../task.h"

struct labels {
	struct dmzg_conf *a, *b, *next;
};

static void labels_new(struct kunit *test, struct labels *l)
{
	l->a = dmzg_conf_new("a", "/usr/sbin/a");
	l->b = dmzg_conf_new("b", "/usr/sbin/b");
	l->next = dmzg_conf_new("a", "/usr/bin/next");
	KUNIT_ASSERT_TRUE(test, l->a && l->b && l->next);
}

static void labels_put(struct labels *l)
{
	dmzg_task_exit();
	dmzg_conf_put(l->a);
	dmzg_conf_put(l->b);
	dmzg_conf_put(l->next);
}

/* References held beyond the test's own one. */
static unsigned int others(struct dmzg_conf *conf)
{
	return refcount_read(&conf->ref) - 1;
}

static struct dmzg_conf *conf_of(struct task_struct *task)
{
	struct dmzg_conf *conf;

	rcu_read_lock();
	conf = dmzg_task_conf(task);
	rcu_read_unlock();
	return conf;
}

static struct dmzg_conf *label(void)
{
	return conf_of(current);
}

static u64 label_seq(void)
{
	struct dmzg_net_memo *memo;
	u64 seq = 0;

	rcu_read_lock();
	dmzg_current_conf(&memo, &seq);
	rcu_read_unlock();
	return seq;
}

/* The stamp of current's label now. */
static struct dmzg_label_stamp stamp_now(struct kunit *test)
{
	struct dmzg_label_stamp stamp = { 0 };

	rcu_read_lock();
	KUNIT_EXPECT_NOT_NULL(test, dmzg_current_label(&stamp));
	rcu_read_unlock();
	return stamp;
}

/* Attach under the policy as it is now. */
static int attach_now(struct dmzg_conf *conf)
{
	return dmzg_task_attach(current, conf, dmzg_task_release_seq());
}

static void set_next(struct dmzg_conf *conf, struct dmzg_conf *base)
{
	u64 seq = dmzg_task_release_seq();

	rcu_read_lock();
	dmzg_task_set_next(current, conf, base, seq);
	rcu_read_unlock();
}

/* Commit current's exec, which no release can have missed. */
static bool commit(struct kunit *test)
{
	struct dmzg_conf *unconfirmed = NULL;
	struct dmzg_label_stamp stamp;
	bool committed = dmzg_task_commit_next(current, &unconfirmed, &stamp);

	KUNIT_EXPECT_PTR_EQ(test, unconfirmed, NULL);
	dmzg_conf_put(unconfirmed);
	return committed;
}

static void commit_moves_the_label(struct kunit *test)
{
	struct labels l;
	u64 seq;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	seq = label_seq();
	set_next(dmzg_conf_get(l.next), l.a);
	KUNIT_EXPECT_EQ(test, others(l.next), 1U);
	KUNIT_EXPECT_TRUE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.next);
	KUNIT_EXPECT_EQ(test, label_seq(), seq + 1);
	/* The task's reference moved from the old label to the new. */
	KUNIT_EXPECT_EQ(test, others(l.a), 0U);
	KUNIT_EXPECT_EQ(test, others(l.next), 1U);
	/* Committed once only. */
	KUNIT_EXPECT_FALSE(test, commit(test));
	KUNIT_EXPECT_EQ(test, label_seq(), seq + 1);
	labels_put(&l);
}

static void commit_from_the_memo(struct kunit *test)
{
	struct dmzg_net_memo *memo = NULL;
	struct labels l;
	u64 seq;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	/* As a remembered exec records it: from the subject's memo. */
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, dmzg_current_conf(&memo, &seq), l.a);
	KUNIT_ASSERT_NOT_NULL(test, memo);
	dmzg_current_set_next(memo, dmzg_conf_get(l.next), l.b,
			      dmzg_task_release_seq());
	rcu_read_unlock();
	/* Decided under b: nothing recorded. */
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	rcu_read_lock();
	dmzg_current_set_next(memo, dmzg_conf_get(l.next), l.a,
			      dmzg_task_release_seq());
	rcu_read_unlock();
	KUNIT_EXPECT_TRUE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.next);
	KUNIT_EXPECT_EQ(test, label_seq(), seq + 1);
	labels_put(&l);
}

static void relabel_wins_over_commit(struct kunit *test)
{
	struct labels l;
	u64 seq;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	set_next(dmzg_conf_get(l.next), l.a);
	/* A load relabels the task between its exec's check and commit. */
	KUNIT_ASSERT_EQ(test, attach_now(l.b), 0);
	seq = label_seq();
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.b);
	KUNIT_EXPECT_EQ(test, label_seq(), seq);
	KUNIT_EXPECT_EQ(test, others(l.a), 0U);
	KUNIT_EXPECT_EQ(test, others(l.b), 1U);
	labels_put(&l);
}

static void stale_base_records_nothing(struct kunit *test)
{
	struct labels l;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.b), 0);
	/* Decided under a, but the task has b by now. */
	set_next(dmzg_conf_get(l.next), l.a);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.b);
	/* A later exec's record replaces an earlier one's. */
	set_next(dmzg_conf_get(l.next), l.b);
	set_next(dmzg_conf_get(l.a), l.b);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_TRUE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.a);
	/* And none recorded clears it. */
	set_next(dmzg_conf_get(l.next), l.a);
	set_next(NULL, NULL);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, commit(test));
	labels_put(&l);
}

static void unconfined_meanwhile_commits_nothing(struct kunit *test)
{
	struct labels l;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	set_next(dmzg_conf_get(l.next), l.a);
	dmzg_task_clear_all();
	KUNIT_EXPECT_PTR_EQ(test, label(), NULL);
	KUNIT_EXPECT_EQ(test, others(l.a), 0U);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), NULL);
	/* Recorded for a task that is not confined: dropped at once. */
	set_next(dmzg_conf_get(l.next), l.a);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	labels_put(&l);
}

static bool named(const char *name, void *arg)
{
	return !strcmp(name, arg);
}

/*
 * An exec in progress is to move the task into a profile the release
 * removes: the task keeps its own, and the exec commits nothing.
 */
static void release_drops_the_recorded_label(struct kunit *test)
{
	struct dmzg_conf *p = dmzg_conf_new("p", "/usr/bin/p");
	struct labels l;

	KUNIT_ASSERT_NOT_NULL(test, p);
	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	set_next(dmzg_conf_get(p), l.a);
	KUNIT_EXPECT_EQ(test, others(p), 1U);
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "p"), 0U);
	KUNIT_EXPECT_PTR_EQ(test, label(), l.a);
	KUNIT_EXPECT_EQ(test, others(p), 0U);
	KUNIT_EXPECT_FALSE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.a);
	/* The task's own profile removed: unconfined. */
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "a"), 1U);
	KUNIT_EXPECT_PTR_EQ(test, label(), NULL);
	dmzg_conf_put(p);
	labels_put(&l);
}

/* The child takes a reference to its creator's label; its free drops it. */
static void fork_inherits_the_label(struct kunit *test)
{
	/* Only the address keys the table: nothing of the task is read. */
	struct task_struct *child = kunit_kzalloc(test, 1, GFP_KERNEL);
	struct labels l;

	KUNIT_ASSERT_NOT_NULL(test, child);
	labels_new(test, &l);
	KUNIT_EXPECT_EQ(test, dmzg_task_fork(child), 0);
	KUNIT_EXPECT_PTR_EQ(test, conf_of(child), NULL);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	KUNIT_EXPECT_EQ(test, dmzg_task_fork(child), 0);
	KUNIT_EXPECT_PTR_EQ(test, conf_of(child), l.a);
	KUNIT_EXPECT_EQ(test, others(l.a), 2U);
	dmzg_task_free(child);
	KUNIT_EXPECT_PTR_EQ(test, conf_of(child), NULL);
	KUNIT_EXPECT_EQ(test, others(l.a), 1U);
	labels_put(&l);
}

/* A label decided before a release began is not attached after it. */
static void attach_after_a_release_is_refused(struct kunit *test)
{
	u64 seq = dmzg_task_release_seq();
	struct labels l;

	labels_new(test, &l);
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "b"), 0U);
	KUNIT_EXPECT_EQ(test, dmzg_task_attach(current, l.b, seq), -EAGAIN);
	KUNIT_EXPECT_PTR_EQ(test, label(), NULL);
	KUNIT_EXPECT_EQ(test, others(l.b), 0U);
	/* Decided again, after the release: attached. */
	KUNIT_EXPECT_EQ(test, attach_now(l.b), 0);
	KUNIT_EXPECT_PTR_EQ(test, label(), l.b);
	labels_put(&l);
}

/*
 * Nor committed as it is: recorded after a release began (the release may
 * have looked before), it is handed back to be decided again, and the
 * task keeps its label until then.  An interpreter's level carries the
 * count its label was first decided after.
 */
static void record_after_a_release_is_decided_again(struct kunit *test)
{
	struct dmzg_conf *unconfirmed = NULL;
	char name[DMZG_NAME_MAX];
	struct dmzg_label_stamp stamp = { 0 }, now;
	u64 seq, kept;
	struct labels l;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	seq = dmzg_task_release_seq();
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "b"), 0U);
	rcu_read_lock();
	dmzg_task_set_next(current, dmzg_conf_get(l.b), l.a, seq);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, others(l.b), 1U);
	KUNIT_ASSERT_TRUE(test, dmzg_task_next_name(current, name, &kept));
	KUNIT_EXPECT_STREQ(test, name, "b");
	KUNIT_EXPECT_EQ(test, kept, seq);
	KUNIT_EXPECT_FALSE(test, dmzg_task_commit_next(current, &unconfirmed,
						       &stamp));
	KUNIT_EXPECT_PTR_EQ(test, unconfirmed, l.b);
	KUNIT_EXPECT_PTR_EQ(test, label(), l.a);
	/* With the stamp of the label it was decided under, still a's. */
	now = stamp_now(test);
	KUNIT_EXPECT_TRUE(test, dmzg_label_stamp_same(&stamp, &now));
	dmzg_conf_put(unconfirmed);
	KUNIT_EXPECT_EQ(test, others(l.b), 0U);
	KUNIT_EXPECT_EQ(test, others(l.a), 1U);
	/* Decided after the release: committed. */
	set_next(dmzg_conf_get(l.b), l.a);
	KUNIT_EXPECT_TRUE(test, commit(test));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.b);
	labels_put(&l);
}

/*
 * Relabel current with l->next, made from its label stamped @stamp: it
 * must be refused, and current keep @kept (no label: NULL).
 */
static void expect_relabel_refused(struct kunit *test, struct labels *l,
				   const struct dmzg_label_stamp *stamp,
				   struct dmzg_conf *kept)
{
	KUNIT_EXPECT_EQ(test, dmzg_task_relabel(current, l->next,
						dmzg_task_release_seq(), stamp),
			-EAGAIN);
	KUNIT_EXPECT_PTR_EQ(test, label(), kept);
	KUNIT_EXPECT_EQ(test, others(l->next), 0U);
}

/*
 * A relabel made from the task's own label does not confine a task a
 * release unconfined meanwhile, even with the count read after it.
 */
static void relabel_of_an_unconfined_task_is_refused(struct kunit *test)
{
	struct dmzg_label_stamp stamp;
	struct labels l;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	stamp = stamp_now(test);
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "a"), 1U);
	expect_relabel_refused(test, &l, &stamp, NULL);
	/* A confined one is relabelled. */
	KUNIT_ASSERT_EQ(test, attach_now(l.b), 0);
	stamp = stamp_now(test);
	KUNIT_EXPECT_EQ(test, dmzg_task_relabel(current, l.next,
						dmzg_task_release_seq(),
						&stamp), 0);
	KUNIT_EXPECT_PTR_EQ(test, label(), l.next);
	labels_put(&l);
}

/*
 * Nor relabels a task whose label changed since it was read: the label
 * made from the old one (or from a choice decided under it) would undo
 * the change.  Even back to an equal count: a task unconfined and
 * confined again has a new entry, whose count starts again.
 */
static void relabel_after_a_label_change_is_refused(struct kunit *test)
{
	struct dmzg_label_stamp stamp;
	struct labels l;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	stamp = stamp_now(test);
	/* A load (or a revert's attach) moves the task to b meanwhile. */
	KUNIT_ASSERT_EQ(test, attach_now(l.b), 0);
	expect_relabel_refused(test, &l, &stamp, l.b);
	KUNIT_EXPECT_EQ(test, others(l.b), 1U);
	/* A revert unconfines the task, and attaches it again by its file. */
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "b"), 1U);
	KUNIT_ASSERT_EQ(test, attach_now(l.a), 0);
	stamp = stamp_now(test);
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "a"), 1U);
	KUNIT_ASSERT_EQ(test, attach_now(l.b), 0);
	KUNIT_EXPECT_EQ(test, stamp_now(test).changes, stamp.changes);
	expect_relabel_refused(test, &l, &stamp, l.b);
	labels_put(&l);
}

static struct kunit_case task_test_cases[] = {
	KUNIT_CASE(commit_moves_the_label),
	KUNIT_CASE(commit_from_the_memo),
	KUNIT_CASE(relabel_wins_over_commit),
	KUNIT_CASE(stale_base_records_nothing),
	KUNIT_CASE(unconfined_meanwhile_commits_nothing),
	KUNIT_CASE(release_drops_the_recorded_label),
	KUNIT_CASE(fork_inherits_the_label),
	KUNIT_CASE(attach_after_a_release_is_refused),
	KUNIT_CASE(record_after_a_release_is_decided_again),
	KUNIT_CASE(relabel_of_an_unconfined_task_is_refused),
	KUNIT_CASE(relabel_after_a_label_change_is_refused),
	{}
};

static struct kunit_suite task_test_suite = {
	.name = "dmzguard_task",
	.test_cases = task_test_cases,
};

kunit_test_suite(task_test_suite);
