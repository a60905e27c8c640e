// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for scripts/insn-profile.sh: counts the guest kernel
 * instructions executed, per translation block, and writes the counts
 * out (and starts them again from zero) each time the guest runs the
 * block at address trigger= - the profile's guest script calls sync(2)
 * around each measured loop - and once more at exit.
 *
 * Written against QEMU's plugin API version 1 (QEMU 7.2, Debian 12); the
 * few declarations it needs are spelled out here, since Debian ships no
 * qemu-plugin.h.  QEMU refuses to load it under another API version.
 *
 * Arguments: out=PREFIX (files PREFIX.0, PREFIX.1, ... and PREFIX at
 * exit), trigger=HEX (a guest kernel address).  Each line written:
 * "ADDRESS INSTRUCTIONS-IN-BLOCK TIMES-EXECUTED", addresses in hex.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLUGIN_EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info_t;

typedef void (*tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);

enum { INLINE_ADD_U64 = 0 };	/* enum qemu_plugin_op */
enum { CB_NO_REGS = 0 };	/* enum qemu_plugin_cb_flags */

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      int op, void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
					  vcpu_udata_cb_t cb, int flags,
					  void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, udata_cb_t cb,
				    void *userdata);

PLUGIN_EXPORT int qemu_plugin_version = 1;

/* Guest kernel addresses start here (x86-64, 4-level paging). */
#define KERNEL_START 0xffff800000000000ULL

/* One translation of one block; a block translated again gets another. */
struct block {
	uint64_t vaddr, insns, runs;
};

static struct block **blocks;
static size_t nblocks, cap;
static const char *prefix = "insn-count";
static uint64_t trigger;
static int ndumps;

/* Write every count out to @path, and start them again from zero. */
static void dump(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(1);
	}
	for (size_t i = 0; i < nblocks; i++) {
		if (blocks[i]->runs)
			fprintf(f, "%llx %llu %llu\n",
				(unsigned long long)blocks[i]->vaddr,
				(unsigned long long)blocks[i]->insns,
				(unsigned long long)blocks[i]->runs);
		blocks[i]->runs = 0;
	}
	if (fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void on_trigger(unsigned int vcpu, void *userdata)
{
	char path[4096];

	(void)vcpu;
	(void)userdata;
	snprintf(path, sizeof(path), "%s.%d", prefix, ndumps++);
	dump(path);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	struct block *b;

	(void)id;
	if (vaddr < KERNEL_START)
		return;
	if (vaddr == trigger)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_trigger,
						     CB_NO_REGS, NULL);
	if (nblocks == cap) {
		cap = cap ? cap * 2 : 65536;
		blocks = realloc(blocks, cap * sizeof(*blocks));
		if (!blocks)
			abort();
	}
	b = calloc(1, sizeof(*b));
	if (!b)
		abort();
	b->vaddr = vaddr;
	b->insns = qemu_plugin_tb_n_insns(tb);
	blocks[nblocks++] = b;
	/* Single-threaded TCG (the profile runs one vCPU): a plain add. */
	qemu_plugin_register_vcpu_tb_exec_inline(tb, INLINE_ADD_U64, &b->runs,
						 1);
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata)
{
	(void)id;
	(void)userdata;
	dump(prefix);
}

PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
				      const struct qemu_info_t *info,
				      int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4)) {
			prefix = argv[i] + 4;
		} else if (!strncmp(argv[i], "trigger=", 8)) {
			trigger = strtoull(argv[i] + 8, NULL, 16);
		} else {
			fprintf(stderr, "insn-count: unknown argument '%s'\n",
				argv[i]);
			return 1;
		}
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
	return 0;
}
