// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-probe: reaching for more privilege - writing into or tracing
 * another process, loading BPF, kexec, loading and force-removing
 * kernel modules.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/kexec.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

/*
 * vm-write PID, mem-write PID: write one byte into another process, by
 * syscall or by /proc/PID/mem.
 */
int act_poke(struct act *x)
{
	static char target = 'a';
	char byte = 'b', path[64];
	struct iovec local = { .iov_base = &byte, .iov_len = 1 };
	struct iovec remote = { .iov_base = &target, .iov_len = 1 };
	pid_t pid = atoi(x->a[1]);
	int fd, r;

	if (!strcmp(x->a[0], "vm-write"))
		return report((int)process_vm_writev(pid, &local, 1, &remote,
						     1, 0), x->out, x->size);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return report(-1, x->out, x->size);
	r = pwrite(fd, &byte, 1, (off_t)(unsigned long)&target) == 1 ? 0 : -1;
	close(fd);
	return report(r, x->out, x->size);
}

/* bpf: the smallest BPF program, a socket filter that returns 0 */
int act_bpf(struct act *x)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = 2;
	attr.license = (unsigned long)"GPL";
	fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd >= 0)
		close(fd);
	return report(fd, x->out, x->size);
}

/* kexec: an empty kexec_load */
int act_kexec(struct act *x)
{
	return report((int)syscall(SYS_kexec_load, 0, 0, NULL,
				   KEXEC_ARCH_DEFAULT), x->out, x->size);
}

/* ptrace PID: attach, and detach again */
int act_ptrace(struct act *x)
{
	pid_t pid = atoi(x->a[1]);
	long r = ptrace(PTRACE_ATTACH, pid, 0, 0);

	if (r == 0) {
		waitpid(pid, NULL, 0);
		ptrace(PTRACE_DETACH, pid, 0, 0);
	}
	return report((int)r, x->out, x->size);
}

/* delete-module NAME: a forced, non-blocking removal (rmmod -f) */
int act_delete_module(struct act *x)
{
	return report((int)syscall(SYS_delete_module, x->a[1],
				   O_NONBLOCK | O_TRUNC), x->out, x->size);
}

/* finit-module KO */
int act_finit_module(struct act *x)
{
	int fd = open(x->a[1], O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return report(-1, x->out, x->size);
	return report((int)syscall(SYS_finit_module, fd, "", 0), x->out,
		      x->size);
}
