// SPDX-License-Identifier: GPL-2.0
/*
 * Exec: the decision on the file being executed (security_bprm_check,
 * once per interpreter level, so a '#!' script is checked as the script
 * and again as its interpreter) and the label change once the new image
 * is committed (security_bprm_committed_creds).
 */
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "dmzguard.h"
#include "hooks.h"

int (*dmzg_orig_bprm_check)(struct linux_binprm *bprm);
void (*dmzg_orig_bprm_committed_creds)(struct linux_binprm *bprm);

static int deny_nomem(void)
{
	struct dmzg_subject s;
	struct dmzg_audit a = { .op = DMZG_OP_EXEC, .extra = "reason=nomem" };
	int ret = 0;

	rcu_read_lock();
	if (dmzg_subject_find(&s))
		ret = dmzg_verdict(NULL, s.conf, false, -ENOMEM, &a);
	rcu_read_unlock();
	return ret;
}

static int exec_check(struct linux_binprm *bprm)
{
	struct dmzg_audit a = { .op = DMZG_OP_EXEC, .key = "target" };
	/* The outermost level is the file execve() named (the script). */
	bool first = bprm->interp == bprm->filename;
	const char *target = NULL;
	struct dmzg_subject s;
	bool anon, allowed;
	u16 to = DMZG_NO_TARGET;
	char *buf, *path;
	int res, ret;

	/* Unconfined tasks need no path. */
	if (!dmzg_current_confined())
		return 0;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return deny_nomem();
	path = dmzg_file_path(bprm->file, buf, PATH_MAX, &anon);
	rcu_read_lock();
	if (!dmzg_subject_find(&s)) {
		rcu_read_unlock();
		kfree(buf);
		return 0;
	}
	allowed = false;
	if (s.prof) {
		res = anon ? DMZG_NO_MATCH :
		      dmzg_path_set_match(&s.prof->exec, path, strlen(path),
					  &to);
		if (res == DMZG_NO_MATCH)
			allowed = s.prof->exec_default == DMZG_ALLOW;
		else
			allowed = res == DMZG_ALLOW;
		if (to != DMZG_NO_TARGET)
			target = s.pol->profiles[to].name;
	} else {
		a.extra = "reason=no-policy";
	}
	if (anon)
		a.extra = "anonymous=1";
	a.value = path;
	a.value_len = strlen(path);
	ret = dmzg_verdict(s.prof, s.conf, allowed, -EACCES, &a);
	rcu_read_unlock();
	if (!ret && first)
		dmzg_task_set_pending(current, target);
	kfree(buf);
	return ret;
}

/**
 * dmzg_hook_bprm_check() - replaces security_bprm_check()
 * @bprm: the exec in progress
 *
 * Return: 0 or a negative errno that refuses the exec.
 */
int dmzg_hook_bprm_check(struct linux_binprm *bprm)
{
	int ret;

	dmzg_enter();
	ret = exec_check(bprm);
	if (!ret)
		ret = dmzg_orig_bprm_check(bprm);
	dmzg_leave();
	return ret;
}

static void exec_committed(struct linux_binprm *bprm)
{
	char name[DMZG_NAME_MAX];
	struct dmzg_conf *conf;
	bool anon, confined;
	char *buf, *path;

	if (!rcu_access_pointer(dmzg_active) && dmzg_none_confined())
		return;
	rcu_read_lock();
	conf = dmzg_task_conf(current);
	confined = conf;
	if (conf)
		strscpy(name, conf->name, sizeof(name));
	rcu_read_unlock();

	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		goto nomem;
	path = dmzg_file_path(bprm->file, buf, PATH_MAX, &anon);
	if (!confined) {
		if (!anon)
			dmzg_attach_exec(current, path);
		kfree(buf);
		return;
	}
	/* Relabel: new executable, and the new profile on a transition. */
	dmzg_task_take_pending(current, name);
	conf = dmzg_conf_new(name, path);
	kfree(buf);
	if (!conf)
		goto nomem;
	if (dmzg_task_attach(current, conf)) {
		dmzg_conf_put(conf);
		goto nomem;
	}
	dmzg_conf_put(conf);
	return;

nomem:
	if (!confined)
		return;
	/* Past the point of no return: a confined task that cannot be
	 * relabelled is killed rather than left with a stale label.
	 */
	pr_err("relabel after exec failed for pid=%d: out of memory, killing it\n",
	       task_pid_nr(current));
	force_sig(SIGKILL);
}

/**
 * dmzg_hook_bprm_committed_creds() - replaces
 *	security_bprm_committed_creds()
 * @bprm: the exec that has just been committed
 */
void dmzg_hook_bprm_committed_creds(struct linux_binprm *bprm)
{
	dmzg_enter();
	exec_committed(bprm);
	dmzg_orig_bprm_committed_creds(bprm);
	dmzg_leave();
}
