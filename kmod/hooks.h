/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The table of hooked security_* functions.  Each hook file defines its
 * wrappers and the pointers through which they call the originals.
 */
#ifndef _DMZG_HOOKS_H
#define _DMZG_HOOKS_H

#include <linux/ftrace.h>

struct dmzg_hook {
	const char *name;	/* security_* function */
	void *wrapper;		/* module function that replaces it */
	void **orig;		/* where the wrapper finds the original */
	unsigned long addr;
};

#define DMZG_HOOK(_name, _wrapper, _orig) {		\
	.name = (_name),				\
	.wrapper = (_wrapper),				\
	.orig = (void **)(_orig),			\
}

extern struct dmzg_hook dmzg_hooks[];
extern const int dmzg_hooks_count;

/* Wrappers and original pointers, one group per hook file. */
int dmzg_hook_bprm_check(struct linux_binprm *bprm);
void dmzg_hook_bprm_committed_creds(struct linux_binprm *bprm);
extern int (*dmzg_orig_bprm_check)(struct linux_binprm *bprm);
extern void (*dmzg_orig_bprm_committed_creds)(struct linux_binprm *bprm);

struct task_struct;
struct cred;
struct user_namespace;
int dmzg_hook_task_alloc(struct task_struct *task, unsigned long flags);
void dmzg_hook_task_free(struct task_struct *task);
int dmzg_hook_ptrace_access_check(struct task_struct *child,
				  unsigned int mode);
int dmzg_hook_capable(const struct cred *cred, struct user_namespace *ns,
		      int cap, unsigned int opts);
extern int (*dmzg_orig_task_alloc)(struct task_struct *task,
				   unsigned long flags);
extern void (*dmzg_orig_task_free)(struct task_struct *task);
extern int (*dmzg_orig_ptrace_access_check)(struct task_struct *child,
					    unsigned int mode);
extern int (*dmzg_orig_capable)(const struct cred *cred,
				struct user_namespace *ns, int cap,
				unsigned int opts);

struct file;
struct socket;
struct sockaddr;
struct msghdr;
int dmzg_hook_socket_create(int family, int type, int protocol, int kern);
int dmzg_hook_socket_connect(struct socket *sock, struct sockaddr *address,
			     int addrlen);
int dmzg_hook_socket_sendmsg(struct socket *sock, struct msghdr *msg,
			     int size);
int dmzg_hook_socket_bind(struct socket *sock, struct sockaddr *address,
			  int addrlen);
int dmzg_hook_socket_listen(struct socket *sock, int backlog);
extern int (*dmzg_orig_socket_create)(int family, int type, int protocol,
				      int kern);
extern int (*dmzg_orig_socket_connect)(struct socket *sock,
				       struct sockaddr *address, int addrlen);
extern int (*dmzg_orig_socket_sendmsg)(struct socket *sock,
				       struct msghdr *msg, int size);
extern int (*dmzg_orig_socket_bind)(struct socket *sock,
				    struct sockaddr *address, int addrlen);
extern int (*dmzg_orig_socket_listen)(struct socket *sock, int backlog);
int dmzg_hook_file_receive(struct file *file);
extern int (*dmzg_orig_file_receive)(struct file *file);

struct path;
struct dentry;
int dmzg_hook_file_open(struct file *file);
int dmzg_hook_path_rename(const struct path *old_dir,
			  struct dentry *old_dentry,
			  const struct path *new_dir,
			  struct dentry *new_dentry, unsigned int flags);
int dmzg_hook_path_link(struct dentry *old_dentry, const struct path *new_dir,
			struct dentry *new_dentry);
extern int (*dmzg_orig_file_open)(struct file *file);
extern int (*dmzg_orig_path_rename)(const struct path *old_dir,
				    struct dentry *old_dentry,
				    const struct path *new_dir,
				    struct dentry *new_dentry,
				    unsigned int flags);
extern int (*dmzg_orig_path_link)(struct dentry *old_dentry,
				  const struct path *new_dir,
				  struct dentry *new_dentry);

#endif /* _DMZG_HOOKS_H */
