// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the label an exec records and commits: it becomes the
 * task's only under the label it was decided in, and what a relabel or
 * an unconfinement takes away is never committed, nor leaked.  The test
 * confines its own thread (no hook runs here) and holds a reference to
 * each label, so that their counts can be read after each step.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
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

static void set_next(struct dmzg_conf *conf, struct dmzg_conf *base)
{
	rcu_read_lock();
	dmzg_task_set_next(current, conf, base);
	rcu_read_unlock();
}

static void commit_moves_the_label(struct kunit *test)
{
	struct labels l;
	u64 seq;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.a), 0);
	seq = label_seq();
	set_next(dmzg_conf_get(l.next), l.a);
	KUNIT_EXPECT_EQ(test, others(l.next), 1U);
	KUNIT_EXPECT_TRUE(test, dmzg_task_commit_next(current));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.next);
	KUNIT_EXPECT_EQ(test, label_seq(), seq + 1);
	/* The task's reference moved from the old label to the new. */
	KUNIT_EXPECT_EQ(test, others(l.a), 0U);
	KUNIT_EXPECT_EQ(test, others(l.next), 1U);
	/* Committed once only. */
	KUNIT_EXPECT_FALSE(test, dmzg_task_commit_next(current));
	KUNIT_EXPECT_EQ(test, label_seq(), seq + 1);
	labels_put(&l);
}

static void commit_from_the_memo(struct kunit *test)
{
	struct dmzg_net_memo *memo = NULL;
	struct labels l;
	u64 seq;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.a), 0);
	/* As a remembered exec records it: from the subject's memo. */
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, dmzg_current_conf(&memo, &seq), l.a);
	KUNIT_ASSERT_NOT_NULL(test, memo);
	dmzg_current_set_next(memo, dmzg_conf_get(l.next), l.b);
	rcu_read_unlock();
	/* Decided under b: nothing recorded. */
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	rcu_read_lock();
	dmzg_current_set_next(memo, dmzg_conf_get(l.next), l.a);
	rcu_read_unlock();
	KUNIT_EXPECT_TRUE(test, dmzg_task_commit_next(current));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.next);
	KUNIT_EXPECT_EQ(test, label_seq(), seq + 1);
	labels_put(&l);
}

static void relabel_wins_over_commit(struct kunit *test)
{
	struct labels l;
	u64 seq;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.a), 0);
	set_next(dmzg_conf_get(l.next), l.a);
	/* A load relabels the task between its exec's check and commit. */
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.b), 0);
	seq = label_seq();
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, dmzg_task_commit_next(current));
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
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.b), 0);
	/* Decided under a, but the task has b by now. */
	set_next(dmzg_conf_get(l.next), l.a);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, dmzg_task_commit_next(current));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.b);
	/* A later exec's record replaces an earlier one's. */
	set_next(dmzg_conf_get(l.next), l.b);
	set_next(dmzg_conf_get(l.a), l.b);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_TRUE(test, dmzg_task_commit_next(current));
	KUNIT_EXPECT_PTR_EQ(test, label(), l.a);
	/* And none recorded clears it. */
	set_next(dmzg_conf_get(l.next), l.a);
	set_next(NULL, NULL);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, dmzg_task_commit_next(current));
	labels_put(&l);
}

static void unconfined_meanwhile_commits_nothing(struct kunit *test)
{
	struct labels l;

	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.a), 0);
	set_next(dmzg_conf_get(l.next), l.a);
	dmzg_task_clear_all();
	KUNIT_EXPECT_PTR_EQ(test, label(), NULL);
	KUNIT_EXPECT_EQ(test, others(l.a), 0U);
	KUNIT_EXPECT_EQ(test, others(l.next), 0U);
	KUNIT_EXPECT_FALSE(test, dmzg_task_commit_next(current));
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

static void release_sees_the_recorded_label(struct kunit *test)
{
	struct dmzg_conf *p = dmzg_conf_new("p", "/usr/bin/p");
	struct labels l;

	KUNIT_ASSERT_NOT_NULL(test, p);
	labels_new(test, &l);
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.a), 0);
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "p"), 0U);
	KUNIT_EXPECT_PTR_EQ(test, label(), l.a);
	/* An exec in progress is to move the task into p: released too. */
	set_next(dmzg_conf_get(p), l.a);
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "p"), 1U);
	KUNIT_EXPECT_PTR_EQ(test, label(), NULL);
	KUNIT_EXPECT_EQ(test, others(p), 0U);
	KUNIT_EXPECT_FALSE(test, dmzg_task_commit_next(current));
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
	KUNIT_ASSERT_EQ(test, dmzg_task_attach(current, l.a), 0);
	KUNIT_EXPECT_EQ(test, dmzg_task_fork(child), 0);
	KUNIT_EXPECT_PTR_EQ(test, conf_of(child), l.a);
	KUNIT_EXPECT_EQ(test, others(l.a), 2U);
	dmzg_task_free(child);
	KUNIT_EXPECT_PTR_EQ(test, conf_of(child), NULL);
	KUNIT_EXPECT_EQ(test, others(l.a), 1U);
	labels_put(&l);
}

/* A decision made under a policy and attached after a release began. */
struct late_attach {
	struct completion begun;
	struct task_struct *task;
	struct dmzg_conf *conf;
	int ret;
};

static int late_attach(void *arg)
{
	struct late_attach *la = arg;
	int writing = dmzg_label_write_begin();

	complete(&la->begun);
	/* Long enough for the release to make its passes, if it did not wait. */
	msleep(200);
	la->ret = dmzg_task_attach(la->task, la->conf);
	dmzg_label_write_end(writing);
	return 0;
}

static void release_waits_for_a_late_attach(struct kunit *test)
{
	struct late_attach la = { .task = current };
	struct task_struct *th;
	struct labels l;

	labels_new(test, &l);
	la.conf = l.b;
	init_completion(&la.begun);
	th = kthread_create(late_attach, &la, "dmzg-late-attach");
	KUNIT_ASSERT_FALSE(test, IS_ERR(th));
	get_task_struct(th);
	wake_up_process(th);
	wait_for_completion(&la.begun);
	/* The attach lands in the release's passes, not after them. */
	KUNIT_EXPECT_EQ(test, dmzg_task_release_if(named, "b"), 1U);
	KUNIT_EXPECT_EQ(test, la.ret, 0);
	KUNIT_EXPECT_PTR_EQ(test, label(), NULL);
	KUNIT_EXPECT_EQ(test, others(l.b), 0U);
	kthread_stop(th);
	put_task_struct(th);
	labels_put(&l);
}

static struct kunit_case task_test_cases[] = {
	KUNIT_CASE(commit_moves_the_label),
	KUNIT_CASE(commit_from_the_memo),
	KUNIT_CASE(relabel_wins_over_commit),
	KUNIT_CASE(stale_base_records_nothing),
	KUNIT_CASE(unconfined_meanwhile_commits_nothing),
	KUNIT_CASE(release_sees_the_recorded_label),
	KUNIT_CASE(fork_inherits_the_label),
	KUNIT_CASE(release_waits_for_a_late_attach),
	{}
};

static struct kunit_suite task_test_suite = {
	.name = "dmzguard_task",
	.test_cases = task_test_cases,
};

kunit_test_suite(task_test_suite);
