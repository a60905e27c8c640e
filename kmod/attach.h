/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Attaching profiles to unconfined tasks by the executable they run.
 */
#ifndef _DMZG_ATTACH_H
#define _DMZG_ATTACH_H

struct file;
struct task_struct;

int dmzg_attach_exec(struct task_struct *task, const char *path, u64 seq);
int dmzg_attach_remembered(const struct file *file, u64 seq);
int dmzg_attach_exec_file(struct file *file, char *buf, u64 seq);
int dmzg_attach_script(struct task_struct *task, const char *filename,
		       char *buf, u64 seq);
void dmzg_attach_running(void);

#endif /* _DMZG_ATTACH_H */
