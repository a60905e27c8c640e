// SPDX-License-Identifier: GPL-2.0
/*
 * Exec: the decision on the file being executed (security_bprm_check,
 * once per interpreter level, so a '#!' script is checked as the script
 * and again as its interpreter) and the label change once the new image
 * is committed (security_bprm_committed_creds).
 */
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "attach.h"
#include "audit.h"
#include "control.h"
#include "decide.h"
#include "exec_memo.h"
#include "fspath.h"
#include "hooks.h"
#include "mutant.h"
#include "pathbuf.h"
#include "policy.h"
#include "task.h"

static int deny_nomem(void)
{
	struct dmzg_request req = { .op = DMZG_OP_EXEC,
				    .reason = DMZG_REASON_NOMEM };

	return dmzg_decide_current(&req, DMZG_DENY);
}

/*
 * A change of profile gives the new program rights its caller lacked, as
 * a setuid exec does: the caller's code must not come along.  So the
 * dynamic loader runs it in secure mode (AT_SECURE: no LD_PRELOAD, no
 * LD_LIBRARY_PATH), and no traced task, nor one that promised no new
 * privileges, nor one sharing its root and cwd with another (CLONE_FS:
 * the other could chroot or chdir the new program) gets the change.
 */
#define DMZG_UNSAFE_TRANSITION (LSM_UNSAFE_PTRACE | LSM_UNSAFE_NO_NEW_PRIVS | \
				LSM_UNSAFE_SHARE)

static void transition_check(struct linux_binprm *bprm,
			     struct dmzg_request *req)
{
	if (bprm->unsafe & LSM_UNSAFE_PTRACE)
		req->reason = DMZG_REASON_TRACED;
	else if (bprm->unsafe & LSM_UNSAFE_NO_NEW_PRIVS)
		req->reason = DMZG_REASON_NO_NEW_PRIVS;
	else if (bprm->unsafe & LSM_UNSAFE_SHARE)
		req->reason = DMZG_REASON_SHARED_FS;
	bprm->secureexec = 1;
}

/*
 * Make the label an allowed exec commits (exec_committed()): the file's
 * path, resolved here once, and the profile the outermost level chose
 * (@name; NULL at an interpreter's level, which keeps that choice, and
 * the count it was decided after).  @base is the label the exec was
 * decided under: if the task no longer has it, nothing is recorded.  The
 * outermost level's decision is remembered (@decided) for the next exec
 * of the same file.
 */
static int prepare_next_label(const char *name, const char *exe,
			      struct dmzg_conf *base, u64 seq,
			      struct dmzg_exec_memo *decided)
{
	char kept[DMZG_NAME_MAX];
	struct dmzg_conf *conf;

	if (!name) {
		/* None recorded: the commit falls back to resolving again. */
		if (!dmzg_task_next_name(current, kept, &seq))
			return 0;
		name = kept;
	}
	conf = dmzg_conf_new(name, exe);
	if (!conf)
		return deny_nomem();
	if (decided) {
		decided->base = base;
		decided->next = conf;
		dmzg_exec_memo_store(decided);
	}
	rcu_read_lock();
	dmzg_task_set_next(current, conf, base, seq);
	rcu_read_unlock();
	return 0;
}

/*
 * The outermost level of an exec decided as an earlier exec of the same
 * file by a task of the same label was: no path resolved, no label made.
 * Only what needs neither a record nor a sleeping lock is decided here,
 * under rcu_read_lock_sched() (as a remembered destination is, see
 * hooks_net.c): a change of profile refused to a traced task, or one
 * without new privileges or sharing its root (transition_check()), takes
 * the long way, which records it.
 * Return: true when it decided (*@ret the verdict; 0 for an unconfined
 * task), false when the path must be resolved.
 */
static bool exec_remembered(struct linux_binprm *bprm, int *ret)
{
	u64 seq = dmzg_task_release_seq();
	const struct dmzg_exec_memo *m;
	struct dmzg_subject s;
	bool decided = false;

	rcu_read_lock_sched();
	/* Unconfined tasks need no path. */
	if (!dmzg_subject_find(&s)) {
		*ret = 0;
		decided = true;
		goto unlock;
	}
	/* No profile to decide by: the long way, which logs it. */
	if (!s.prof)
		goto unlock;
	m = dmzg_exec_memo_find(s.conf, s.pol->generation, bprm->file);
	if (!m)
		goto unlock;
	if (m->transition) {
		if (bprm->unsafe & DMZG_UNSAFE_TRANSITION)
			goto unlock;
		bprm->secureexec = 1;
	}
	/* Allowed, as it was: count the rule, or the default. */
	dmzg_decide_remembered(s.prof, m->match == DMZG_NO_MATCH ?
			       &s.prof->default_hits[DMZG_RULE_EXEC] :
			       m->hits);
	*ret = 0;
	/* Under the same read side: s.conf's address is not reused. */
	dmzg_current_set_next(s.memo, dmzg_conf_get(m->next), s.conf, seq);
	decided = true;
unlock:
	rcu_read_unlock_sched();
	return decided;
}

/*
 * The long way: resolve the path and match it.  Not inlined, so that
 * its large locals, which the kernel may clear on every entry
 * (CONFIG_INIT_STACK_ALL_ZERO), cost nothing to an exec remembered.
 */
static noinline int exec_resolve(struct linux_binprm *bprm, bool first)
{
	struct dmzg_request req = { .op = DMZG_OP_EXEC,
				    .rules = DMZG_RULE_EXEC,
				    .object = DMZG_OBJ_FILE };
	const struct dmzg_path_rule *hit = NULL;
	struct dmzg_exec_memo decided = { .file = bprm->file->f_path };
	u64 seq = dmzg_task_release_seq();
	char next_name[DMZG_NAME_MAX];
	struct dmzg_conf *base;
	const char *target = NULL;
	struct dmzg_subject s;
	bool remember;
	u16 to;
	int match, ret;
	char *buf;

	buf = dmzg_path_buf_get();
	if (!buf)
		return deny_nomem();
	req.path.name = dmzg_file_path_stamped(bprm->file, buf, PATH_MAX,
					       &req.anonymous, &decided.stamp);
	req.path.len = strlen(req.path.name);
	rcu_read_lock();
	if (!dmzg_subject_find(&s)) {
		rcu_read_unlock();
		dmzg_path_buf_put(buf);
		return 0;
	}
	/* A file without a name matches no rule: only the default applies. */
	match = DMZG_NO_MATCH;
	if (s.prof && !req.anonymous)
		match = dmzg_path_set_match(&s.prof->exec, req.path.name,
					    req.path.len, &hit);
	if (hit)
		req.hit = hit->hits;
	/* Only an allow rule moves the task to another profile. */
	to = match == DMZG_ALLOW ? dmzg_path_rule_target(hit) : DMZG_NO_TARGET;
	if (to != DMZG_NO_TARGET)
		target = s.pol->profiles[to].name;
	decided.transition = first && target && s.prof &&
			     strcmp(target, s.prof->name);
	if (decided.transition)
		transition_check(bprm, &req);
	/* Only what the rules allow is remembered, never a complaint. */
	remember = first && s.prof && !req.reason &&
		   dmzg_profile_allows(s.prof, DMZG_RULE_EXEC, match);
	if (remember) {
		decided.generation = s.pol->generation;
		decided.hits = req.hit;
		decided.match = match;
		decided.path_len = req.path.len;
	}
	ret = dmzg_decide(&s, &req, match);
	if (!ret && first)
		strscpy(next_name, target ?: s.conf->name, sizeof(next_name));
	/* Held across the allocation below, so its address is not reused. */
	base = s.conf;
	if (!ret && !refcount_inc_not_zero(&base->ref))
		base = NULL;
	rcu_read_unlock();
	if (!ret && base) {
		ret = prepare_next_label(first ? next_name : NULL,
					 req.path.name, base, seq,
					 remember ? &decided : NULL);
		dmzg_conf_put(base);
	} else if (!ret) {
		/* Relabelled meanwhile: nothing older may be committed. */
		rcu_read_lock();
		dmzg_task_set_next(current, NULL, NULL, seq);
		rcu_read_unlock();
	}
	dmzg_path_buf_put(buf);
	return ret;
}

/*
 * A confined task's check, or one confined since none was: not inlined,
 * so that the check of an unconfined task pays for none of its frame.
 */
static noinline int exec_check_confined(struct linux_binprm *bprm)
{
	/* The outermost level is the file execve() named (the script). */
	bool first = bprm->interp == bprm->filename;
	int ret;

	if (first && exec_remembered(bprm, &ret))
		return ret;
	if (!dmzg_current_confined())
		return 0;
	return exec_resolve(bprm, first);
}

static int exec_check(struct linux_binprm *bprm)
{
	/* Unconfined tasks need no path. */
	if (dmzg_mutant(EXEC) || dmzg_none_confined())
		return 0;
	return exec_check_confined(bprm);
}

DMZG_DEFINE_HOOK(bprm_check, exec_check, (struct linux_binprm *bprm),
		 (bprm))

/*
 * What a check's choice that was not committed (see exec_committed())
 * leaves: the label it chose, and the stamp of the task's label while
 * the task had the label it was decided under.
 */
struct exec_choice {
	struct dmzg_conf *conf;
	struct dmzg_label_stamp stamp;
};

/*
 * The profile a confined task's exec puts it in when its check's choice
 * was not committed: that choice if the task still has the label it was
 * decided under (its label stamped @now is that one) and the active
 * policy has it, else the task's own profile (@own).  A release may have
 * removed either; one that removes @own unconfines the task, and the
 * relabel then refuses (dmzg_task_relabel()).
 */
static const char *relabel_name(const struct dmzg_conf *own,
				const struct dmzg_label_stamp *now,
				const struct exec_choice *wanted)
{
	const struct dmzg_policy *pol = dmzg_policy_current();

	if (wanted->conf && dmzg_label_stamp_same(&wanted->stamp, now) && pol &&
	    dmzg_policy_find(pol, wanted->conf->name) >= 0)
		return wanted->conf->name;
	return own->name;
}

/*
 * No label made by the check, or one made before a release began
 * (@wanted->conf, else NULL): attach, or relabel (see exec_resolve()).
 * Return: -EAGAIN if a release began since @seq, or the task's label
 * changed since it was read here (nothing done), else 0.
 */
static noinline int exec_relabel(struct linux_binprm *bprm, u64 seq,
				 const struct exec_choice *wanted)
{
	struct dmzg_label_stamp now = { 0 };
	char name[DMZG_NAME_MAX];
	struct dmzg_conf *conf;
	bool anon, confined;
	char *buf, *path;
	int ret;

	rcu_read_lock();
	conf = dmzg_current_label(&now);
	confined = conf;
	if (conf)
		strscpy(name, relabel_name(conf, &now, wanted), sizeof(name));
	rcu_read_unlock();

	buf = dmzg_path_buf_get();
	if (!buf)
		goto nomem;
	if (!confined) {
		/* A script's own profile first, then its interpreter's. */
		ret = 0;
		if (bprm->interp != bprm->filename)
			ret = dmzg_attach_script(current, bprm->filename, buf,
						 seq);
		if (!ret)
			ret = dmzg_attach_exec_file(bprm->file, buf, seq);
		dmzg_path_buf_put(buf);
		return ret < 0 ? ret : 0;
	}
	/*
	 * Confined since its check (or its check found it unconfined), or
	 * its check's choice unconfirmed: the new executable, under the
	 * profile it has or the one its check chose.
	 */
	path = dmzg_file_path(bprm->file, buf, PATH_MAX, &anon);
	conf = dmzg_conf_new(name, path);
	dmzg_path_buf_put(buf);
	if (!conf)
		goto nomem;
	/*
	 * Not if a release unconfined the task meanwhile (then by its file),
	 * nor if it was relabelled since its label was read.
	 */
	ret = dmzg_task_relabel(current, conf, seq, &now);
	dmzg_conf_put(conf);
	if (ret == -EAGAIN)
		return ret;
	if (ret)
		goto nomem;
	return 0;

nomem:
	if (!confined)
		return 0;
	/* Past the point of no return: a confined task that cannot be
	 * relabelled is killed rather than left with a stale label.
	 */
	pr_err("relabel after exec failed for pid=%d: out of memory, killing it\n",
	       task_pid_nr(current));
	force_sig(SIGKILL);
	return 0;
}

/*
 * How many times a relabel decides again when a release began meanwhile:
 * each time takes another change of policy, which only root makes.
 */
#define DMZG_RELABEL_TRIES 16

static void exec_committed(struct linux_binprm *bprm)
{
	struct exec_choice unconfirmed = { .conf = NULL };
	int ret, tries = 0;
	u64 seq;

	if (!dmzg_policy_loaded() && dmzg_none_confined())
		return;
	/* The label the check made: the usual case of a confined task. */
	if (dmzg_task_commit_next(current, &unconfirmed.conf,
				  &unconfirmed.stamp))
		return;
	do {
		/* Before anything the label is decided by is read. */
		seq = dmzg_task_release_seq();
		/* An unconfined task's exec of a file an earlier one resolved. */
		ret = 0;
		if (!dmzg_current_confined() && bprm->interp == bprm->filename)
			ret = dmzg_attach_remembered(bprm->file, seq);
		if (!ret)
			ret = exec_relabel(bprm, seq, &unconfirmed);
	} while (ret == -EAGAIN && ++tries < DMZG_RELABEL_TRIES);
	dmzg_conf_put(unconfirmed.conf);
	if (ret != -EAGAIN)
		return;
	/* Fail closed: what the task should be confined in is not known. */
	pr_err("relabel after exec of pid=%d raced %d policy changes, killing it\n",
	       task_pid_nr(current), tries);
	force_sig(SIGKILL);
}

DMZG_DEFINE_VOID_HOOK(bprm_committed_creds, exec_committed,
		      (struct linux_binprm *bprm), (bprm))
