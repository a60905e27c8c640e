// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-bpf-fentry FUNC [STOPFILE]: attach an empty BPF fentry program to
 * the kernel function FUNC, as a tracer would, and print "OK" or
 * "ERR <errno>".  With STOPFILE it keeps the program attached until that
 * file exists.  The function's BTF id is read from /sys/kernel/btf/vmlinux;
 * no libbpf, so that the VM needs nothing but this static binary.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static int fail(const char *what)
{
	printf("ERR %s (%s)\n", errno == EBUSY ? "EBUSY" : strerror(errno),
	       what);
	return 1;
}

static char *read_all(const char *path, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf)
		return NULL;
	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				return NULL;
		}
	}
	close(fd);
	*len = n;
	return buf;
}

/* Bytes after struct btf_type for each kind. */
static size_t extra(const struct btf_type *t)
{
	unsigned int vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT: return 4;
	case BTF_KIND_ARRAY: return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: return vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM: return vlen * sizeof(struct btf_enum);
	case BTF_KIND_FUNC_PROTO: return vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR: return sizeof(struct btf_var);
	case BTF_KIND_DATASEC: return vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG: return sizeof(struct btf_decl_tag);
	case 19: /* BTF_KIND_ENUM64 */ return vlen * 12;
	default: return 0;
	}
}

static int btf_func_id(const char *name)
{
	const struct btf_header *h;
	const char *strs, *p, *end;
	size_t len;
	char *buf = read_all("/sys/kernel/btf/vmlinux", &len);
	int id = 1;

	if (!buf || len < sizeof(*h))
		return -1;
	h = (const struct btf_header *)buf;
	p = buf + h->hdr_len + h->type_off;
	end = p + h->type_len;
	strs = buf + h->hdr_len + h->str_off;
	while (p + sizeof(struct btf_type) <= end) {
		const struct btf_type *t = (const struct btf_type *)p;

		if (BTF_INFO_KIND(t->info) == BTF_KIND_FUNC &&
		    !strcmp(strs + t->name_off, name))
			return id;
		p += sizeof(*t) + extra(t);
		id++;
	}
	errno = ENOENT;
	return -1;
}

int main(int argc, char **argv)
{
	struct bpf_insn prog[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;
	struct stat st;
	int id, prog_fd, link_fd;

	if (argc < 2) {
		fprintf(stderr, "usage: dmzg-bpf-fentry FUNC [STOPFILE]\n");
		return 2;
	}
	id = btf_func_id(argv[1]);
	if (id < 0)
		return fail("BTF id");
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_TRACING;
	attr.expected_attach_type = BPF_TRACE_FENTRY;
	attr.insns = (unsigned long)prog;
	attr.insn_cnt = sizeof(prog) / sizeof(prog[0]);
	attr.license = (unsigned long)"GPL";
	attr.attach_btf_id = id;
	prog_fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (prog_fd < 0)
		return fail("load");
	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.prog_fd = prog_fd;
	link_fd = sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
	if (link_fd < 0)
		return fail("attach");
	printf("OK\n");
	fflush(stdout);
	while (argc > 2 && stat(argv[2], &st))
		usleep(50000);
	return 0;
}
