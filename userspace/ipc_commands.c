// SPDX-License-Identifier: GPL-2.0
/*
 * One-request commands: status and ps, whose replies are parsed here,
 * a profile's mode, and the commands without arguments (clear, seal).
 */
#include <stdlib.h>
#include <string.h>

#include "ipc_internal.h"

/* Iterate over every top-level attribute of type @type in a message. */
#define for_each_top(a, nlh, type, rem)					\
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),	\
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem)	\
		if (nla_type(a) == (type))

/* --- status --- */

/* @arr grown by one zeroed element, counted in @n; NULL if out of memory. */
static void *append_zeroed(void *arr, size_t *n, size_t size)
{
	char *grown = realloc(arr, (*n + 1) * size);

	if (!grown)
		return NULL;
	memset(grown + *n * size, 0, size);
	(*n)++;
	return grown;
}

static const struct ipc_field status_profile_fields[] = {
	IPC_FIELD(DMZG_P_MODE, struct status_profile, mode),
	IPC_FIELD(DMZG_P_RULE_COUNT, struct status_profile, rules),
	IPC_FIELD(DMZG_P_TASKS, struct status_profile, tasks),
	IPC_FIELD(DMZG_P_DECISIONS, struct status_profile, decisions),
	IPC_FIELD(DMZG_P_DENIALS, struct status_profile, denials),
};

/* One profile's counters, appended to @st. */
static int parse_status_profile(struct nlattr *a, struct status *st)
{
	struct nlattr *p[DMZG_P_MAX + 1];
	struct status_profile *sp, *arr;

	if (nla_parse_nested(p, DMZG_P_MAX, a, NULL) || !p[DMZG_P_NAME])
		return -1;
	arr = append_zeroed(st->prof, &st->nprof, sizeof(*arr));
	if (!arr)
		return -1;
	st->prof = arr;
	sp = &arr[st->nprof - 1];
	ipc_copy_str(sp->name, sizeof(sp->name), p[DMZG_P_NAME]);
	ipc_get_fields(p, status_profile_fields,
		       ARRAY_SIZE(status_profile_fields), sp);
	return 0;
}

static const struct ipc_field status_fields[] = {
	IPC_FIELD(DMZG_A_GENERATION, struct status, generation),
	IPC_FIELD(DMZG_A_POLICY_BYTES, struct status, bytes),
	IPC_FIELD(DMZG_A_PROFILE_COUNT, struct status, profiles),
	IPC_FIELD(DMZG_A_RULE_COUNT, struct status, rules),
	IPC_FIELD(DMZG_A_CONFINED_TASKS, struct status, confined),
	IPC_FIELD(DMZG_A_CONFIRM_LEFT, struct status, confirm_left),
};

static int parse_status(struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct status *st = arg;
	struct nlattr *a;
	int rem;

	ipc_copy_str(st->version, sizeof(st->version), tb[DMZG_A_VERSION]);
	st->sealed = tb[DMZG_A_SEALED] && nla_get_u8(tb[DMZG_A_SEALED]);
	st->loaded = tb[DMZG_A_POLICY_LOADED] &&
		     nla_get_u8(tb[DMZG_A_POLICY_LOADED]);
	st->tx_active = tb[DMZG_A_TX_ACTIVE] && nla_get_u8(tb[DMZG_A_TX_ACTIVE]);
	ipc_get_fields(tb, status_fields, ARRAY_SIZE(status_fields), st);
	for_each_top(a, nlh, DMZG_A_PROFILE, rem)
		if (parse_status_profile(a, st))
			return -1;
	return 0;
}

int ipc_status(struct ipc *ipc, struct status *st)
{
	struct nl_msg *msg = ipc_new_msg(ipc, DMZG_CMD_STATUS, 0);

	memset(st, 0, sizeof(*st));
	if (!msg)
		return EXIT_IO;
	return ipc_transact(ipc, msg, "status", parse_status, st);
}

void ipc_status_free(struct status *st)
{
	free(st->prof);
	st->prof = NULL;
	st->nprof = 0;
}

/* --- ps --- */

static const struct ipc_field ps_fields[] = {
	IPC_FIELD(DMZG_T_PID, struct ps_entry, pid),
	IPC_FIELD(DMZG_T_TGID, struct ps_entry, tgid),
};

struct ps_list {
	struct ps_entry *ents;
	size_t n;
};

static int parse_ps(struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct nlattr *t[DMZG_T_MAX + 1];
	struct ps_list *l = arg;
	struct ps_entry *arr, *e;

	(void)nlh;
	if (!tb[DMZG_A_TASK] ||
	    nla_parse_nested(t, DMZG_T_MAX, tb[DMZG_A_TASK], NULL))
		return -1;
	arr = append_zeroed(l->ents, &l->n, sizeof(*arr));
	if (!arr)
		return -1;
	l->ents = arr;
	e = &arr[l->n - 1];
	ipc_get_fields(t, ps_fields, ARRAY_SIZE(ps_fields), e);
	ipc_copy_str(e->comm, sizeof(e->comm), t[DMZG_T_COMM]);
	ipc_copy_str(e->exe, sizeof(e->exe), t[DMZG_T_EXE]);
	ipc_copy_str(e->profile, sizeof(e->profile), t[DMZG_T_PROFILE]);
	return 0;
}

int ipc_ps(struct ipc *ipc, struct ps_entry **ents, size_t *n)
{
	struct nl_msg *msg = ipc_new_msg(ipc, DMZG_CMD_PS, NLM_F_DUMP);
	struct ps_list l = { NULL, 0 };
	int ret;

	if (!msg)
		return EXIT_IO;
	ret = ipc_transact(ipc, msg, "ps", parse_ps, &l);
	*ents = l.ents;
	*n = l.n;
	return ret;
}

/* --- mode, clear, seal --- */

int ipc_mode(struct ipc *ipc, const char *name, uint8_t mode)
{
	struct nl_msg *msg = ipc_new_msg(ipc, DMZG_CMD_MODE, 0);

	if (!msg)
		return EXIT_IO;
	if (nla_put_string(msg, DMZG_A_NAME, name) ||
	    nla_put_u8(msg, DMZG_A_MODE, mode)) {
		nlmsg_free(msg);
		return EXIT_IO;
	}
	return ipc_transact(ipc, msg, "mode", NULL, NULL);
}

int ipc_simple(struct ipc *ipc, uint8_t cmd, const char *what)
{
	struct nl_msg *msg = ipc_new_msg(ipc, cmd, 0);

	return msg ? ipc_transact(ipc, msg, what, NULL, NULL) : EXIT_IO;
}
