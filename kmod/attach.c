// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching profiles to unconfined tasks by the executable they run: at
 * exec, and for tasks already running when a policy is loaded, so that a
 * daemon started before insmod is confined without a restart.
 */
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "attach.h"
#include "compat.h"
#include "control.h"
#include "exec_memo.h"
#include "fspath.h"
#include "mutant.h"
#include "policy.h"
#include "task.h"

/*
 * Confine @task with @conf (NULL: none could be made).  The caller keeps
 * its reference.
 */
static void attach_label(struct task_struct *task, const char *name,
			 struct dmzg_conf *conf)
{
	/*
	 * A pattern that happens to match init would confine the whole
	 * system, and a denied exec in init panics the kernel.
	 */
	if (is_global_init(task))
		return;
	if (conf && !dmzg_task_attach(task, conf))
		return;
	/* Fail closed: a task that should be confined must not run free. */
	pr_err("cannot confine pid=%d in profile=%s: out of memory, killing it\n",
	       task_pid_nr(task), name);
	send_sig(SIGKILL, task, 1);
}

static void attach(struct task_struct *task, const char *name,
		   const char *path)
{
	struct dmzg_conf *conf = dmzg_conf_new(name, path);

	attach_label(task, name, conf);
	dmzg_conf_put(conf);
}

/*
 * Attach @conf, decided under policy @generation, to @task if that policy
 * is still the active one once a release would wait for this attach
 * (dmzg_label_write_begin()); else attach nothing.  A decision made
 * before a revert thus lands before its passes, or not at all.
 * Return: whether the policy was still the active one.
 */
static bool attach_still(struct task_struct *task, struct dmzg_conf *conf,
			 u64 generation)
{
	int writing = dmzg_label_write_begin();
	struct dmzg_policy *pol;
	bool same;

	rcu_read_lock();
	pol = dmzg_policy_current();
	same = pol && pol->generation == generation;
	rcu_read_unlock();
	if (same)
		attach_label(task, conf->name, conf);
	dmzg_label_write_end(writing);
	return same;
}

/*
 * Which profile of the active policy attaches to @path: its name into
 * @name (DMZG_NAME_MAX bytes), and the policy's generation into
 * *@generation (0 when no policy is loaded).
 * Return: true if one does.
 */
static bool attach_match(const char *path, size_t len, char *name,
			 u64 *generation)
{
	struct dmzg_policy *pol;
	int idx = -1;

	*generation = 0;
	rcu_read_lock();
	pol = dmzg_policy_current();
	if (pol) {
		*generation = pol->generation;
		idx = dmzg_policy_attach_match(pol, path, len);
	}
	if (idx >= 0)
		strscpy(name, pol->profiles[idx].name, DMZG_NAME_MAX);
	rcu_read_unlock();
	return idx >= 0;
}

/**
 * dmzg_attach_exec() - attach a profile to an unconfined task after exec
 * @task: the task that has just executed @path
 * @path: resolved path of the new executable
 *
 * Return: true if a profile's attach pattern matched @path.
 */
bool dmzg_attach_exec(struct task_struct *task, const char *path)
{
	char name[DMZG_NAME_MAX];
	u64 generation;

	if (dmzg_mutant(ATTACH) ||
	    !attach_match(path, strlen(path), name, &generation))
		return false;
	attach(task, name, path);
	return true;
}

/**
 * dmzg_attach_remembered() - attach after an exec as the last one of the
 *	same file did, when that still holds
 * @file: the executable current, unconfined, has just executed
 *
 * An unconfined task's exec of a file that an earlier unconfined exec
 * resolved under the same policy: the same profile attaches, or none,
 * with no path resolved (exec_memo.c says when an entry holds).
 *
 * Return: true when that decided (current may now be confined), false
 * when the path must be resolved (dmzg_attach_exec_file()), as it must
 * when the policy changed meanwhile.
 */
bool dmzg_attach_remembered(const struct file *file)
{
	const struct dmzg_exec_memo *m;
	struct dmzg_conf *conf = NULL;
	struct dmzg_policy *pol;
	bool decided = true;
	u64 generation;

	if (dmzg_mutant(ATTACH))
		return false;
	rcu_read_lock();
	pol = dmzg_policy_current();
	/* No policy, no profile to attach. */
	if (pol) {
		generation = pol->generation;
		m = dmzg_exec_memo_find(NULL, generation, file);
		decided = m;
		/* The entry holds its label until a grace period ends. */
		if (m && m->next)
			conf = dmzg_conf_get(m->next);
	}
	rcu_read_unlock();
	if (conf) {
		decided = attach_still(current, conf, generation);
		dmzg_conf_put(conf);
	}
	return decided;
}

/**
 * dmzg_attach_exec_file() - attach a profile to current after an exec
 * @file: the executable current, unconfined, has just executed
 * @buf: a PATH_MAX buffer
 *
 * Resolves @file's path, attaches the profile whose pattern matches it,
 * if any, and remembers what it decided for the next exec of @file.
 */
void dmzg_attach_exec_file(struct file *file, char *buf)
{
	struct dmzg_exec_memo decided = { .file = file->f_path };
	char name[DMZG_NAME_MAX];
	bool anon, matched;
	char *path;

	if (dmzg_mutant(ATTACH))
		return;
	path = dmzg_file_path_stamped(file, buf, PATH_MAX, &anon,
				      &decided.stamp);
	if (anon)
		return;
	decided.path_len = strlen(path);
	matched = attach_match(path, decided.path_len, name,
			       &decided.generation);
	/* No policy: nothing to remember. */
	if (!decided.generation)
		return;
	/* Remembered for any task: init, which stays free, included. */
	if (matched) {
		decided.next = dmzg_conf_new(name, path);
		attach_label(current, name, decided.next);
		if (!decided.next)
			return;
	}
	dmzg_exec_memo_store(&decided);
	dmzg_conf_put(decided.next);
}

/**
 * dmzg_attach_script() - attach by the script an interpreter now runs
 * @task: current, which has just executed a '#!' script
 * @filename: the name execve() was given, relative to current's cwd
 * @buf: a PATH_MAX buffer
 *
 * A daemon written as a script is named by its script, not by the shared
 * interpreter the kernel ended up running: its attach pattern names the
 * script.  The kernel has let go of the script's file by now, so the
 * name is looked up again; a race with a rename can only leave the task
 * unconfined, as it was.
 *
 * Return: true if a profile's attach pattern matched the script.
 */
bool dmzg_attach_script(struct task_struct *task, const char *filename,
			char *buf)
{
	struct path path;
	bool attached = false;
	char *name;

	if (kern_path(filename, LOOKUP_FOLLOW, &path))
		return false;
	name = dmzg_absolute_path(&path, buf, PATH_MAX);
	if (!IS_ERR(name))
		attached = dmzg_attach_exec(task, name);
	path_put(&path);
	return attached;
}

/* get_task_exe_file() is not exported; this is the same with exports. */
static struct file *task_exe_file(struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	struct file *exe;

	if (!mm)
		return NULL;
	exe = dmzg_mm_exe_file(mm);
	mmput(mm);
	return exe;
}

static void attach_one(struct task_struct *task, char *buf)
{
	struct file *exe;
	bool anon;
	char *path;

	exe = task_exe_file(task);
	if (!exe)
		return;
	path = dmzg_file_path(exe, buf, PATH_MAX, &anon);
	if (!anon)
		dmzg_attach_exec(task, path);
	fput(exe);
}

static u32 count_threads(void)
{
	struct task_struct *g, *t;
	u32 n = 0;

	rcu_read_lock();
	for_each_process_thread(g, t)
		n++;
	rcu_read_unlock();
	return n;
}

static u32 collect(struct task_struct **tasks, u32 cap)
{
	struct task_struct *g, *t;
	u32 n = 0;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		struct dmzg_conf *conf;

		if (t->flags & PF_KTHREAD)
			continue;
		conf = dmzg_task_conf(t);
		if (conf)
			continue;
		if (n == cap)
			break;
		get_task_struct(t);
		tasks[n++] = t;
	}
	rcu_read_unlock();
	return n;
}

/**
 * dmzg_attach_running() - attach profiles to tasks already running
 *
 * Two passes: a task forked by a daemon while the first pass was between
 * collecting and attaching its parent is caught by the second.
 *
 * Context: process context, control lock held, after a commit.
 */
void dmzg_attach_running(void)
{
	struct task_struct **tasks;
	int pass;
	u32 cap, n, i;
	char *buf;

	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		goto nomem;
	for (pass = 0; pass < 2; pass++) {
		cap = count_threads() + 64;
		tasks = kvmalloc_array(cap, sizeof(*tasks), GFP_KERNEL);
		if (!tasks)
			goto free_buf;
		n = collect(tasks, cap);
		for (i = 0; i < n; i++) {
			attach_one(tasks[i], buf);
			put_task_struct(tasks[i]);
			cond_resched();
		}
		kvfree(tasks);
	}
	kfree(buf);
	return;

free_buf:
	kfree(buf);
nomem:
	pr_err("attach to running tasks failed: out of memory\n");
}
