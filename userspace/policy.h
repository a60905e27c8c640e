/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy as dmzguardctl holds it: parsed from files, printed back,
 * sent to and read from the kernel.
 */
#ifndef DMZG_POLICY_H
#define DMZG_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../kmod/names.h"
#include "../kmod/uapi/dmzguard.h"

#define DMZG_FAMILY_V4 4
#define DMZG_FAMILY_V6 6

/* Where a construct was written, for messages. */
struct srcpos {
	const char *file;	/* owned by the policy's file list */
	int line, col;
};

struct rule {
	uint8_t op;		/* enum dmzg_rule_op */
	uint8_t action;		/* enum dmzg_action */
	char *path;		/* exec, unix */
	char *target;		/* exec transition or NULL */
	uint8_t proto;		/* enum dmzg_proto */
	uint8_t family;		/* DMZG_FAMILY_V4 / V6 */
	uint8_t addr[16];
	uint8_t prefix;
	uint16_t port_lo, port_hi;
	struct srcpos pos;
	uint64_t hits;		/* read from the kernel: decisions it made */
	uint64_t last_hit;	/* unix time of the last one, 0 never */
};

struct profile {
	char name[DMZG_NAME_MAX];
	uint8_t mode;
	uint8_t defaults[__DMZG_RULE_MAX];	/* by enum dmzg_rule_op */
	bool default_set[__DMZG_RULE_MAX];
	struct srcpos default_pos[__DMZG_RULE_MAX];
	bool mode_set;
	struct srcpos mode_pos;	/* the mode statement, if mode_set */
	uint64_t cap_allow, cap_deny;
	uint32_t sock_allow, sock_deny;
	char **attach;
	size_t nattach;
	struct rule *rules;
	size_t nrules, cap;
	struct srcpos pos;
	/* read from the kernel: decisions each default made, and when */
	uint64_t default_hits[__DMZG_RULE_MAX];
	uint64_t default_last[__DMZG_RULE_MAX];
};

struct policy {
	struct profile *profiles;
	size_t nprofiles, cap;
	char **files;		/* names referenced by srcpos */
	size_t nfiles;
	unsigned int nwarnings;
	/* Warn about attach paths that name nothing on this host. */
	bool check_host_paths;
};

/* Diagnostics go to this stream (stderr unless a test redirects it). */
extern FILE *policy_diag;

void policy_init(struct policy *pol);
void policy_free(struct policy *pol);
int policy_parse_file(struct policy *pol, const char *path);
int policy_parse_string(struct policy *pol, const char *name,
			const char *text);
int policy_finish(struct policy *pol);
struct profile *policy_add_profile(struct policy *pol);
struct rule *profile_add_rule(struct profile *p);
int profile_add_attach(struct profile *p, const char *path);
struct profile *policy_find_profile(struct policy *pol, const char *name);
/* A profile name: 1-63 characters of A-Z a-z 0-9 _ . - */
bool policy_name_valid(const char *name);
int policy_merge_active(struct policy *files, const struct policy *active);
size_t policy_rule_count(const struct policy *pol);
void policy_print(FILE *out, const struct policy *pol);
void policy_print_json(FILE *out, const struct policy *pol);
/* With @counters, each rule and default has its hit counters. */
void policy_print_json_counters(FILE *out, const struct policy *pol,
				bool counters);
/* A path or name as 'show' prints it: quoted if it must be. */
void policy_print_token(FILE *out, const char *s);
/* One rule as 'show' prints it, without indentation or newline. */
void policy_print_rule(FILE *out, const struct rule *r);
/* One rule as a JSON object, as in 'show --json'. */
void policy_print_rule_json(FILE *out, const struct rule *r);
/* Same rule: operation, action, paths, address, protocol and ports. */
bool rule_equal(const struct rule *a, const struct rule *b);
/* A total order of rules consistent with rule_equal(): <0, 0 or >0. */
int rule_compare(const struct rule *a, const struct rule *b);
bool policy_equal(const struct policy *a, const struct policy *b);

/* Names shared by the parser and printers. */
const char *cap_name(int cap);
int cap_lookup(const char *name);
const char *sock_class_name(int cls);
int sock_class_lookup(const char *name);
const char *rule_op_name(int op);
const char *proto_name(int proto);
const char *action_name(int action);
const char *mode_name(int mode);
/* The index of @name in a table of @n names (NULL holes allowed), or -1. */
int name_lookup(const char *const *table, size_t n, const char *name);
/* The index of @name in @table, one of kmod/names.h, or -1. */
#define dmzg_lookup(table, name)					\
	name_lookup(table, sizeof(table) / sizeof((table)[0]), name)
int format_addr(char *buf, size_t size, const struct rule *r);

#endif
