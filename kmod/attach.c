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
 * Confine @task with @conf (NULL: none could be made), decided under the
 * policy read after dmzg_task_release_seq() gave @seq.  The caller keeps
 * its reference.
 * Return: -EAGAIN if a release began since (nothing attached: decide
 * again), else 0.
 */
static int attach_label(struct task_struct *task, const char *name,
			struct dmzg_conf *conf, u64 seq)
{
	int ret;

	/*
	 * A pattern that happens to match init would confine the whole
	 * system, and a denied exec in init panics the kernel.
	 */
	if (is_global_init(task))
		return 0;
	ret = conf ? dmzg_task_attach(task, conf, seq) : -ENOMEM;
	if (ret != -ENOMEM)
		return ret;
	/* Fail closed: a task that should be confined must not run free. */
	pr_err("cannot confine pid=%d in profile=%s: out of memory, killing it\n",
	       task_pid_nr(task), name);
	send_sig(SIGKILL, task, 1);
	return 0;
}

static int attach(struct task_struct *task, const char *name,
		  const char *path, u64 seq)
{
	struct dmzg_conf *conf = dmzg_conf_new(name, path);
	int ret = attach_label(task, name, conf, seq);

	dmzg_conf_put(conf);
	return ret;
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
 * @seq: dmzg_task_release_seq(), read before anything was decided
 *
 * Return: 1 if a profile's attach pattern matched @path (and @task is
 * confined), 0 if none did, -EAGAIN if a release began since @seq.
 */
int dmzg_attach_exec(struct task_struct *task, const char *path, u64 seq)
{
	char name[DMZG_NAME_MAX];
	u64 generation;
	int ret;

	if (dmzg_mutant(ATTACH) ||
	    !attach_match(path, strlen(path), name, &generation))
		return 0;
	ret = attach(task, name, path, seq);
	return ret ?: 1;
}

/**
 * dmzg_attach_remembered() - attach after an exec as the last one of the
 *	same file did, when that still holds
 * @file: the executable current, unconfined, has just executed
 * @seq: dmzg_task_release_seq(), read before current was found unconfined
 *
 * An unconfined task's exec of a file that an earlier unconfined exec
 * resolved under the same policy: the same profile attaches, or none,
 * with no path resolved (exec_memo.c says when an entry holds).
 *
 * Return: 1 when that decided (current may now be confined), 0 when the
 * path must be resolved (dmzg_attach_exec_file()), -EAGAIN if a release
 * began since @seq.
 */
int dmzg_attach_remembered(const struct file *file, u64 seq)
{
	const struct dmzg_exec_memo *m;
	struct dmzg_conf *conf = NULL;
	struct dmzg_policy *pol;
	int ret = 1;

	if (dmzg_mutant(ATTACH))
		return 0;
	rcu_read_lock();
	pol = dmzg_policy_current();
	/* No policy, no profile to attach. */
	if (pol) {
		m = dmzg_exec_memo_find(NULL, pol->generation, file);
		ret = !!m;
		/* The entry holds its label until a grace period ends. */
		if (m && m->next)
			conf = dmzg_conf_get(m->next);
	}
	rcu_read_unlock();
	if (conf) {
		ret = attach_label(current, conf->name, conf, seq) ?: 1;
		dmzg_conf_put(conf);
	}
	return ret;
}

/**
 * dmzg_attach_exec_file() - attach a profile to current after an exec
 * @file: the executable current, unconfined, has just executed
 * @buf: a PATH_MAX buffer
 * @seq: dmzg_task_release_seq(), read before current was found unconfined
 *
 * Resolves @file's path, attaches the profile whose pattern matches it,
 * if any, and remembers what it decided for the next exec of @file.
 *
 * Return: 0, or -EAGAIN if a release began since @seq.
 */
int dmzg_attach_exec_file(struct file *file, char *buf, u64 seq)
{
	struct dmzg_exec_memo decided = { .file = file->f_path };
	char name[DMZG_NAME_MAX];
	bool anon, matched;
	char *path;
	int ret = 0;

	if (dmzg_mutant(ATTACH))
		return 0;
	path = dmzg_file_path_stamped(file, buf, PATH_MAX, &anon,
				      &decided.stamp);
	if (anon)
		return 0;
	decided.path_len = strlen(path);
	matched = attach_match(path, decided.path_len, name,
			       &decided.generation);
	/* No policy: nothing to remember. */
	if (!decided.generation)
		return 0;
	/* Remembered for any task: init, which stays free, included. */
	if (matched) {
		decided.next = dmzg_conf_new(name, path);
		ret = attach_label(current, name, decided.next, seq);
		if (!decided.next)
			return 0;
	}
	if (!ret)
		dmzg_exec_memo_store(&decided);
	dmzg_conf_put(decided.next);
	return ret;
}

/**
 * dmzg_attach_script() - attach by the script an interpreter now runs
 * @task: current, which has just executed a '#!' script
 * @filename: the name execve() was given, relative to current's cwd
 * @buf: a PATH_MAX buffer
 * @seq: dmzg_task_release_seq(), read before current was found unconfined
 *
 * A daemon written as a script is named by its script, not by the shared
 * interpreter the kernel ended up running: its attach pattern names the
 * script.  The kernel has let go of the script's file by now, so the
 * name is looked up again; a race with a rename can only leave the task
 * unconfined, as it was.
 *
 * Return: as dmzg_attach_exec().
 */
int dmzg_attach_script(struct task_struct *task, const char *filename,
		       char *buf, u64 seq)
{
	struct path path;
	int ret = 0;
	char *name;

	if (kern_path(filename, LOOKUP_FOLLOW, &path))
		return 0;
	name = dmzg_absolute_path(&path, buf, PATH_MAX);
	if (!IS_ERR(name))
		ret = dmzg_attach_exec(task, name, seq);
	path_put(&path);
	return ret;
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
	/* Under the control lock: no release can begin meanwhile. */
	if (!anon)
		dmzg_attach_exec(task, path, dmzg_task_release_seq());
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
